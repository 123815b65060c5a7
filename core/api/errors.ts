import { credentialHostProblem } from '../transport/policy';
import type { RemoteSpec } from './types';

/** The one error type every remote failure becomes, carrying what a user (and a retry loop) needs. */
export type FlowServiceErrorKind =
  | 'auth' // IMS refused the credentials or the token is invalid
  | 'forbidden' // 403: a permission is missing
  | 'not-found'
  | 'conflict' // remote changed since last sync (raised by core/sync, not by HTTP)
  | 'validation' // 400 from the Flow Service about the body
  | 'rate-limited'
  | 'unavailable' // 5xx
  | 'network' // no answer at all
  | 'timeout'
  | 'cancelled'
  | 'bad-response' // malformed or non-JSON answer
  | 'config'; // missing settings, refused host, etc.

export class FlowServiceError extends Error {
  constructor(
    message: string,
    readonly kind: FlowServiceErrorKind,
    readonly details: {
      status?: number;
      /** Adobe code: gateway `error_code` (e.g. 403010), `FLOW-1415-400`, or the content-type title. */
      code?: string;
      requestId?: string;
      /** True when repeating the same request may help (429, 503, resets). */
      retryable?: boolean;
      method?: string;
      url?: string;
      /** How long the server asked us to wait (from `Retry-After`), in ms. */
      retryAfterMs?: number;
      /** How many attempts were made before giving up. */
      attempts?: number;
      /** For `conflict`: the remote spec as it is now, so the caller can offer Compare / Overwrite / Cancel. */
      remote?: RemoteSpec;
      /**
       * The message in the editor's terms, where `message` advises with the CLI's (a command or a flag, an
       * environment variable): the extension shows and logs this one, so it never tells a user to type a flag.
       */
      editorMessage?: string;
    } = {},
  ) {
    super(message);
    this.name = 'FlowServiceError';
  }
}

/**
 * Throws a `config` error, before any request is made, when credentials must not be sent to `url` (the decision and
 * its wording: core/transport/policy.ts); `settingName` names the setting to check.
 */
export function assertCredentialHostAllowed(url: string, settingName: string): void {
  const problem = credentialHostProblem(url, settingName);
  if (!problem) return;
  let shown = url;
  try {
    const parsed = new URL(url);
    shown = `${parsed.protocol}//${parsed.host}`;
  } catch {
    // not a URL: the message quotes it as given
  }
  throw new FlowServiceError(problem, 'config', { url: shown });
}

/**
 * One HTTP exchange under a transport policy (policy.ts): header values checked, the URL checked, redirects refused
 * or followed by hand (a following policy takes every secret out of a request that leaves the credentials' origin,
 * or refuses it when the secret is in its path or body), and the body read under the byte cap. Timeouts and
 * cancellation come from the caller's signal; network errors are the caller's to classify.
 */
import { readCappedText } from './body';
import { withholdSecrets, type Credentials, type Withheld } from './crossOrigin';
import { TransportError } from './errors';
import { assertHeaderValues } from './headers';
import { MAX_REDIRECTS, type TransportPolicy } from './policy';

export interface SendRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

/** What `send` calls: `fetch`, or a transport seam with the same shape for a URL string. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface SendOptions {
  fetch: FetchLike;
  signal?: AbortSignal;
  policy: TransportPolicy;
  /** Where the request's credentials belong; a following policy keeps them from every other origin. */
  credentials?: Credentials;
  /** Redacts URLs for messages. */
  redact?: (text: string) => string;
}

/** A redirect that was followed to another origin, and what was withheld on the way. */
export interface CrossOriginHop {
  to: URL;
  withheld: Withheld[];
}

export interface SendResponse {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
  /** The URL finally answered (after redirects). */
  url: URL;
  /** Redirects followed to an origin other than the credentials'. */
  crossOrigin: CrossOriginHop[];
}

function isRedirect(response: Response): boolean {
  return (response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect';
}

/** Sends `request` under `options.policy`; throws `TransportError` for what the policy refuses. */
export async function send(request: SendRequest, options: SendOptions): Promise<SendResponse> {
  const { policy, credentials } = options;
  const redact = options.redact ?? ((text: string) => text);
  let { method, url, headers, body } = request;
  const crossOrigin: CrossOriginHop[] = [];
  policy.checkUrl(url, redact(url.toString()));
  for (let hop = 0; ; hop++) {
    assertHeaderValues(headers);
    const response = await options.fetch(url.toString(), { method, headers, body, redirect: 'manual', signal: options.signal });
    const location = response.headers.get('location');
    if (isRedirect(response) && policy.redirects === 'refuse') {
      await response.body?.cancel().catch(() => undefined);
      throw new TransportError(`${url.host} answered ${response.status} redirecting ${method}; redirects are not followed`, 'redirect', { status: response.status, location });
    }
    if (isRedirect(response) && location && hop < MAX_REDIRECTS) {
      await response.body?.cancel().catch(() => undefined);
      const next = new URL(location, url);
      policy.checkUrl(next, redact(next.toString()));
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      if (credentials && next.origin !== credentials.origin) {
        const cut = withholdSecrets({ url: next, headers, body }, credentials);
        if (cut.refused) {
          throw new TransportError(
            `The source redirected ${method} to another origin (${redact(next.origin)}), and ${cut.reason}: the redirect was not followed ` +
              `(a source's credentials stay with its own origin, ${redact(credentials.origin)})`,
            'cross-origin', { status: response.status, parameters: cut.parameters });
        }
        headers = cut.headers;
        crossOrigin.push({ to: cut.url, withheld: cut.withheld });
        url = cut.url;
      } else {
        url = next;
      }
      continue;
    }
    const text = await readCappedText(response, policy.maxResponseBytes, redact(url.origin), policy.tooLargeAdvice);
    return { status: response.status, statusText: response.statusText, headers: response.headers, text, url, crossOrigin };
  }
}

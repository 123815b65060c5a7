/**
 * The transport policy of each caller, in one place. Both callers send through `send` (send.ts) with their policy:
 *
 * | | Flow Service API client (core/api) | execution engine: preview, explore, runs (core/run) |
 * |---|---|---|
 * | hosts | credentials only to Adobe's hosts over https, or to loopback | http(s) only, never an Adobe host |
 * | redirects | never followed (an error naming the target) | followed (5 at most); to another origin without any secret |
 * | response cap | `maxResponseBytes`, default 64 MiB | `maxResponseBytes`, default 64 MiB (setting / flag) |
 *
 * Hosts are compared in normalised form (host.ts); header values are checked before sending (headers.ts).
 */
import { TransportError } from './errors';
import { isAdobeHost, isLoopbackHost, normalizeHost } from './host';

/** Default cap on one response's bytes after decompression: 64 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Redirects followed at most by a following policy. */
export const MAX_REDIRECTS = 5;

export interface TransportPolicy {
  /** Throws a `policy` TransportError when a request to `url` must not be made; `shown` is its redacted form. */
  checkUrl(url: URL, shown: string): void;
  /** `follow`: up to MAX_REDIRECTS, secrets withheld from other origins; `refuse`: a 3xx is a `redirect` error. */
  redirects: 'follow' | 'refuse';
  /** Cap on one response's bytes after decompression. */
  maxResponseBytes: number;
  /** What to do about a response over the cap (ends the `too-large` message). */
  tooLargeAdvice: string;
}

/** True when Flow Service credentials (tokens, client secrets) may be sent to `url`: Adobe over https, or loopback. */
export function isCredentialHostAllowed(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false; // user:password@ in a URL: never send anything there
  if (isLoopbackHost(parsed.hostname)) return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  return parsed.protocol === 'https:' && isAdobeHost(parsed.hostname);
}

/**
 * Why Flow Service credentials must not go to `url` (a sentence naming `settingName`, the setting to check), or
 * undefined when they may. A URL with a user name or password is refused without repeating it (it would print the
 * password).
 */
export function credentialHostProblem(url: string, settingName: string): string | undefined {
  if (isCredentialHostAllowed(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `The ${settingName} "${url}" is not a valid URL`;
  }
  const host = `${parsed.protocol}//${parsed.host}`;
  if (parsed.username || parsed.password) {
    return `The ${settingName} for ${host} contains a user name or password (user:password@host): remove them from the URL. ` +
      'Credentials go in the client id and secret settings, never in a URL.';
  }
  return `Refusing to send credentials to ${host}: only Adobe hosts and loopback are allowed ` +
    `(https://*.adobe.io, https://*.adobelogin.com, http(s)://localhost or 127.0.0.1). Check the ${settingName}.`;
}

/** The API client's policy: see the table above. */
export function flowServicePolicy(maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES): TransportPolicy {
  return {
    checkUrl(url) {
      const problem = credentialHostProblem(url.toString(), 'platform and IMS URLs');
      if (problem) throw new TransportError(problem, 'policy');
    },
    redirects: 'refuse',
    maxResponseBytes,
    tooLargeAdvice: 'Flow Service answers are far smaller: check the platform URL.',
  };
}

/** The engine's policy: see the table above. */
export function sourcePolicy(maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES): TransportPolicy {
  return {
    checkUrl(url, shown) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new TransportError(`Only http and https sources can be previewed, not ${url.protocol} (${shown})`, 'policy');
      }
      if (isAdobeHost(url.hostname)) {
        throw new TransportError(
          `Refusing to send the source's request to the Adobe host ${normalizeHost(url.hostname)}: preview reads your source's own API. ` +
            'Check urlParams.host (or the host value).', 'policy');
      }
    },
    redirects: 'follow',
    maxResponseBytes,
    tooLargeAdvice: 'Ask the source for smaller pages (limitValue).',
  };
}

/** True when credentials sent to `url` would cross the network unencrypted. */
export function isInsecureForCredentials(url: URL): boolean {
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

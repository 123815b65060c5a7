/**
 * The engine's host policy. A run talks to the author's source only:
 * - only http: and https: URLs;
 * - never an Adobe API or IMS host (`*.adobe.io`, `*.adobelogin.com`): the engine holds no Adobe credentials and a
 *   spec pointing there would send the source's credentials to Adobe;
 * - credential headers go only to the origin of the first request (the spec's own host); a next-page pointer or a
 *   redirect to another origin is followed without them (`credentials-withheld` warning);
 * - credentials over plain http to a host other than this machine give an `insecure-credentials` warning.
 */

const ADOBE_HOST_SUFFIXES = ['.adobe.io', '.adobelogin.com'];

/** A URL the policy refuses; reported as a `policy` error. */
export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** True for 127.0.0.0/8, localhost and [::1]. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Throws a `PolicyError` unless the engine may send a request to `url` (display form `shown` for messages). */
export function assertSourceUrl(url: URL, shown: string): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PolicyError(`Only http and https sources can be previewed, not ${url.protocol} (${shown})`);
  }
  const host = url.hostname.toLowerCase();
  if (ADOBE_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix) || host === suffix.slice(1))) {
    throw new PolicyError(
      `Refusing to send the source's request to the Adobe host ${host}: preview reads your source's own API. ` +
        'Check urlParams.host (or the host value).');
  }
}

/** True when credentials sent to `url` would cross the network unencrypted. */
export function isInsecureForCredentials(url: URL): boolean {
  return url.protocol === 'http:' && !isLoopback(url.hostname);
}

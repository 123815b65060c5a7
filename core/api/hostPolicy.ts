/**
 * Where credentials may go. Tokens and client secrets are only ever sent to Adobe's API and IMS hosts over HTTPS or
 * to this machine (the local emulator), so a typo or a malicious settings file cannot leak them to another server.
 */
import { FlowServiceError } from './errors';

const ADOBE_HOST_SUFFIXES = ['.adobe.io', '.adobelogin.com'];

/** True for 127.0.0.0/8, localhost and [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** True when credentials may be sent to `url`. */
export function isCredentialHostAllowed(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false; // user:password@ in a URL: never send anything there
  if (isLoopbackHost(parsed.hostname)) return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  const host = parsed.hostname.toLowerCase();
  return parsed.protocol === 'https:' && ADOBE_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/**
 * Throws a `config` error, before any request is made, when credentials must not be sent to `url`. A URL with a
 * user name or password in it is refused without repeating it (it would print the password).
 */
export function assertCredentialHostAllowed(url: string, settingName: string): void {
  if (isCredentialHostAllowed(url)) return;
  let host: string;
  try {
    const parsed = new URL(url);
    host = `${parsed.protocol}//${parsed.host}`;
    if (parsed.username || parsed.password) {
      throw new FlowServiceError(
        `The ${settingName} for ${host} contains a user name or password (user:password@host): remove them from the URL. ` +
          'Credentials go in the client id and secret settings, never in a URL.',
        'config',
        { url: host },
      );
    }
  } catch (err) {
    if (err instanceof FlowServiceError) throw err;
    throw new FlowServiceError(`The ${settingName} "${url}" is not a valid URL`, 'config', { url });
  }
  throw new FlowServiceError(
    `Refusing to send credentials to ${host}: only Adobe hosts and loopback are allowed ` +
      `(https://*.adobe.io, https://*.adobelogin.com, http(s)://localhost or 127.0.0.1). Check the ${settingName}.`,
    'config',
    { url: host },
  );
}

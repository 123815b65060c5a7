/**
 * Host names as the transport decides on them. Every decision about a host (is it Adobe's, is it this machine) reads
 * the normalised form: lower case, IDNA mapped to ASCII (punycode, full-width letters and ideographic full stops
 * folded the way URL parsing folds them), IPv4 shorthands expanded (`2130706433`, `0x7f.1` → `127.0.0.1`), IPv6
 * brackets removed, and trailing dots dropped (`platform.adobe.io.` is the same DNS name as `platform.adobe.io`).
 * Browser-safe: no Node built-in.
 */

/** The hosts (and their subdomains) of Adobe's APIs and IMS: `adobe.io`, `*.adobe.io`, `adobelogin.com`, `*.adobelogin.com`. */
export const ADOBE_DOMAINS = ['adobe.io', 'adobelogin.com'] as const;

/** `hostname` normalised for decisions (see the module comment); the input lower-cased when it is not a host at all. */
export function normalizeHost(hostname: string): string {
  let host = hostname.trim();
  const bare = host.replace(/^\[|\]$/g, '');
  // A bare IPv6 address needs its brackets back to parse as a URL host.
  const forUrl = bare.includes(':') ? `[${bare}]` : host;
  try {
    host = new URL(`http://${forUrl}/`).hostname;
  } catch {
    host = host.toLowerCase();
  }
  return host.replace(/^\[|\]$/g, '').replace(/\.+$/, '');
}

/**
 * True for this machine: `localhost`, 127.0.0.0/8 and `::1`, after normalisation. Not `*.localhost` (not every
 * resolver maps it here) and not IPv4-mapped IPv6 (`::ffff:127.0.0.1`): when in doubt a host is foreign.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = normalizeHost(hostname);
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** True for Adobe's API and IMS hosts (see `ADOBE_DOMAINS`), after normalisation. */
export function isAdobeHost(hostname: string): boolean {
  const host = normalizeHost(hostname);
  return ADOBE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/**
 * Secret redaction for everything the API client logs or puts into an error message.
 * Applied to URLs, messages and response snippets, so a token or client secret never reaches a log, a file or a UI.
 */

/** Placeholder that replaces every redacted value. */
export const REDACTED = '[REDACTED]';

/** Values shorter than this are not redacted by value: replacing e.g. "a" everywhere would mangle every message. */
const MIN_SECRET_LENGTH = 4;

const PATTERNS: Array<[RegExp, string]> = [
  // Authorization headers and anything shaped like one.
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, `Bearer ${REDACTED}`],
  // Form or query parameters carrying credentials.
  [/\b(client_secret|access_token|refresh_token|id_token)=[^&\s"']+/gi, `$1=${REDACTED}`],
  // JSON properties carrying credentials.
  [/("(?:client_secret|access_token|refresh_token|id_token|clientSecret|accessToken)"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${REDACTED}"`],
];

/**
 * Matches `value` where it stands alone, not inside a longer word: a short secret such as "local" must hide
 * `client_secret=local` without turning `localhost` into `[REDACTED]host`. A credential is a whole token wherever it
 * appears (header, form field, JSON string), so requiring no letter or digit on either side loses nothing.
 */
function standaloneOccurrences(value: string): RegExp {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = /^[A-Za-z0-9]/.test(value) ? '(?<![A-Za-z0-9])' : '';
  const after = /[A-Za-z0-9]$/.test(value) ? '(?![A-Za-z0-9])' : '';
  return new RegExp(`${before}${escaped}${after}`, 'g');
}

/** A function that removes secrets from a text. */
export type Redactor = (text: string) => string;

/**
 * Builds a redactor that hides bearer tokens, credential parameters and, by value, every secret `knownSecrets()`
 * returns at call time (the client secret and the current access token), including their URL-encoded forms.
 */
export function createRedactor(knownSecrets: () => Iterable<string | undefined> = () => []): Redactor {
  return (text: string): string => {
    let out = text;
    for (const secret of knownSecrets()) {
      if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
      for (const form of new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])) {
        out = out.replace(standaloneOccurrences(form), REDACTED);
      }
    }
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}

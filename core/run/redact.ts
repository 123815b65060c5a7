/**
 * The engine's own redaction. Everything a run reports (URLs, headers, bodies, messages) passes through it, so a
 * caller can print a `RunResult` as it is. Hidden: the values of `format: password` properties (auth spec and
 * `sourceSpec.spec`), every value sent in a credential header (Basic token, bearer token, API keys), in their raw,
 * URI-encoded and form-encoded spellings; bearer tokens and credential-named query/JSON fields by shape; and the
 * headers `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie` plus every header carrying a key.
 */

export const REDACTED = '[REDACTED]';

/** Header names always hidden, whatever the spec says. */
const SENSITIVE_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|key|token|secret|password|signature|credential/i;

const SHAPES: Array<[RegExp, string]> = [
  // A token has a digit or symbol in it: "Basic Authentication" (an auth spec name) is left alone.
  [/\b(Bearer|Basic)\s+(?=[A-Za-z]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\b(client_secret|access_token|refresh_token|id_token|api_key|apikey|password)=[^&\s"']+/gi, `$1=${REDACTED}`],
  [/("(?:client_secret|access_token|refresh_token|id_token|clientSecret|accessToken|refreshToken|password)"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${REDACTED}"`],
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Redacts a run's output. */
export class RunRedactor {
  private pattern?: RegExp;
  private readonly credentialHeaders = new Set<string>();
  private readonly secrets = new Set<string>();

  /** Adds secret values (each in raw, URI-encoded and form-encoded spelling). Empty values are ignored. */
  addSecrets(values: Iterable<string | undefined>): void {
    for (const value of values) {
      if (!value) continue;
      for (const form of [value, encodeURIComponent(value), new URLSearchParams({ s: value }).toString().slice(2)]) this.secrets.add(form);
    }
    // Longest first so a secret containing another is hidden whole. A secret stands alone: not inside a longer word.
    const alternatives = [...this.secrets].sort((a, b) => b.length - a.length).map((s) => {
      const before = /^[A-Za-z0-9]/.test(s) ? '(?<![A-Za-z0-9])' : '';
      const after = /[A-Za-z0-9]$/.test(s) ? '(?![A-Za-z0-9])' : '';
      return `${before}${escapeRegExp(s)}${after}`;
    });
    this.pattern = alternatives.length ? new RegExp(alternatives.join('|'), 'g') : undefined;
  }

  /** Marks header names (any case) whose values are credentials. */
  addCredentialHeaders(names: Iterable<string>): void {
    for (const name of names) this.credentialHeaders.add(name.toLowerCase());
  }

  /** Hides secrets in a text (URL, message, body). */
  text(text: string): string {
    let out = this.pattern ? text.replace(this.pattern, REDACTED) : text;
    for (const [pattern, replacement] of SHAPES) out = out.replace(pattern, replacement);
    return out;
  }

  /** A JSON value with every string redacted (records a source echoes a key in must not show it). */
  value(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.value(item));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.value(item);
      return out;
    }
    return value;
  }

  /** True when a header's value must never be shown. */
  isSensitiveHeader(name: string): boolean {
    return this.credentialHeaders.has(name.toLowerCase()) || SENSITIVE_HEADER.test(name);
  }

  /** A header map for display: sensitive headers hidden, the others value-redacted. */
  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) out[name] = this.isSensitiveHeader(name) ? REDACTED : this.text(value);
    return out;
  }
}

/**
 * The one redaction of the project: everything the API client logs or puts in an error, and everything a run reports
 * (URLs, headers, bodies, messages, records), passes through it. Hidden: every known secret value in each of its
 * spellings (`secretForms`: raw, URL- and form-encoded, JSON-escaped, base64), bearer/basic tokens and
 * credential-named query or JSON fields by shape, and the values of credential headers (`Authorization`, `Cookie`,
 * anything named like a key, token, secret, password, signature or credential, plus the headers a run marks).
 * Browser-safe: no Node built-in.
 */
import { SecretValues, standalone } from './secretValues';

/** Placeholder that replaces every redacted value. */
export const REDACTED = '[REDACTED]';

/** Forms shorter than this are hidden only where they stand alone: a secret "local" must not turn `localhost` into `[REDACTED]host`. */
const STANDALONE_BELOW = 8;

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

/** Removes secrets from what a run or a client shows. */
export class Redactor {
  private pattern?: RegExp;
  private patternFor = -1;
  private readonly credentialHeaders = new Set<string>();

  /**
   * `secrets`: the values to hide (shared with the cross-origin rule, so both know the same secrets);
   * `minLength`: values shorter than this are not hidden by value (the API client's short ids would mangle messages).
   */
  constructor(readonly secrets: SecretValues = new SecretValues(), private readonly minLength = 1) {}

  /** Adds secret values (each hidden in every form). Empty values are ignored. */
  addSecrets(values: Iterable<string | undefined>, name = 'secret'): void {
    for (const value of values) if (value && value.length >= this.minLength) this.secrets.add(name, value);
  }

  /** Marks header names (any case) whose values are credentials. */
  addCredentialHeaders(names: Iterable<string>): void {
    for (const name of names) this.credentialHeaders.add(name.toLowerCase());
  }

  private valuePattern(): RegExp | undefined {
    if (this.patternFor !== this.secrets.size) {
      const forms = this.secrets.forms().filter((form) => form.length >= this.minLength);
      const alternatives = forms.map((form) => (form.length < STANDALONE_BELOW ? standalone(form).source : escapeRegExp(form)));
      this.pattern = alternatives.length ? new RegExp(alternatives.join('|'), 'g') : undefined;
      this.patternFor = this.secrets.size;
    }
    return this.pattern;
  }

  /** Hides secrets in a text (URL, message, body). */
  text(text: string): string {
    const pattern = this.valuePattern();
    let out = pattern ? text.replace(pattern, REDACTED) : text;
    for (const [shape, replacement] of SHAPES) out = out.replace(shape, replacement);
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

/** A function that removes secrets from a text. */
export type RedactText = (text: string) => string;

/** Values shorter than this are not hidden by value in the API client's texts: ids like "ab" would mangle messages. */
const CLIENT_MIN_SECRET_LENGTH = 4;

/**
 * The API client's redaction: the same rules as `Redactor`, with the secrets `knownSecrets()` returns at call time
 * (the client secret and the access tokens learned so far) hidden in every form.
 */
export function createRedactor(knownSecrets: () => Iterable<string | undefined> = () => []): RedactText {
  const redactor = new Redactor(new SecretValues(), CLIENT_MIN_SECRET_LENGTH);
  return (text) => {
    redactor.addSecrets(knownSecrets());
    return redactor.text(text);
  };
}

/**
 * Secret values and the spellings they can take on the way out: raw, URL-encoded (`%22`) and form-encoded (`+`),
 * JSON-escaped once and twice (`p\"ss` in a body, `p\\\"ss` in a body that quotes a body), JSON with non-ASCII as
 * `\uXXXX` and `/` as `\/`, and base64/base64url at each of the three byte alignments (the characters that do not
 * depend on the neighbouring bytes, so a secret inside `base64(user:secret)` is found too). Redaction hides every
 * form; the cross-origin rule withholds whatever carries one. Browser-safe: no Node built-in.
 */

/** Base64 forms only for secrets of at least this many characters: shorter cores would match random base64 text. */
const MIN_BASE64_LENGTH = 8;

const jsonEscaped = (text: string): string => JSON.stringify(text).slice(1, -1);

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The base64 characters of `bytes` that stay the same whatever bytes come before and after, at each alignment. */
function base64Cores(bytes: Uint8Array): string[] {
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const shifted = new Uint8Array(shift + bytes.length);
    shifted.set(bytes, shift);
    const core = base64(shifted).slice(Math.ceil((8 * shift) / 6), Math.floor((8 * shifted.length) / 6));
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/** Every spelling of `value` that redaction hides and the cross-origin rule looks for, the value itself first. */
export function secretForms(value: string): string[] {
  const json = jsonEscaped(value);
  const forms = new Set([
    value,
    encodeURIComponent(value),
    new URLSearchParams({ s: value }).toString().slice(2),
    json,
    jsonEscaped(json),
    json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    json.replace(/\//g, '\\/'),
  ]);
  if (value.length >= MIN_BASE64_LENGTH) for (const core of base64Cores(new TextEncoder().encode(value))) forms.add(core);
  forms.delete('');
  return [...forms];
}

/**
 * The secret values of one run or client, each with the names of the parameters (or credentials) it is the value of,
 * so a message can say which parameter a withheld header carried without showing its value.
 */
export class SecretValues {
  private readonly owners = new Map<string, Set<string>>();
  private formsCache?: Array<{ form: string; names: Set<string> }>;

  /** Adds `value` as the value of `name` (ignored when empty). */
  add(name: string, value: string | undefined): void {
    if (!value) return;
    const names = this.owners.get(value) ?? new Set<string>();
    if (names.has(name)) return;
    names.add(name);
    this.owners.set(value, names);
    this.formsCache = undefined;
  }

  /** The values, longest first (a secret containing another is matched whole). */
  values(): string[] {
    return [...this.owners.keys()].sort((a, b) => b.length - a.length);
  }

  /** Every form of every value, longest first. */
  forms(): string[] {
    return this.entries().map((entry) => entry.form);
  }

  private entries(): Array<{ form: string; names: Set<string> }> {
    if (!this.formsCache) {
      const byForm = new Map<string, Set<string>>();
      for (const [value, names] of this.owners) {
        for (const form of secretForms(value)) byForm.set(form, new Set([...(byForm.get(form) ?? []), ...names]));
      }
      this.formsCache = [...byForm].map(([form, names]) => ({ form, names })).sort((a, b) => b.form.length - a.form.length);
    }
    return this.formsCache;
  }

  /**
   * Names of the parameters whose value appears in `text` in any form (its URL-decoded reading too). Values of one
   * or two characters count only where they stand alone (not inside a longer word), so `x` is not found in `index`.
   */
  namesIn(text: string): string[] {
    if (!text || this.owners.size === 0) return [];
    let decoded = text;
    try { decoded = decodeURIComponent(text.replace(/\+/g, ' ')); } catch { /* not URL-encoded */ }
    const found = new Set<string>();
    for (const { form, names } of this.entries()) {
      const present = form.length >= 3
        ? text.includes(form) || decoded.includes(form)
        : standalone(form).test(text) || standalone(form).test(decoded);
      if (present) for (const name of names) found.add(name);
    }
    return [...found].sort();
  }

  get size(): number {
    return this.owners.size;
  }
}

/** Matches `form` where no letter or digit touches it on either side. */
export function standalone(form: string, flags = ''): RegExp {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = /^[A-Za-z0-9]/.test(form) ? '(?<![A-Za-z0-9])' : '';
  const after = /[A-Za-z0-9]$/.test(form) ? '(?![A-Za-z0-9])' : '';
  return new RegExp(`${before}${escaped}${after}`, flags);
}

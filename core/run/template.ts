/**
 * `${name}` placeholders: the values of `sourceSpec.spec` and the auth spec substituted into the host, path, query,
 * headers and body. A placeholder without a value stops the run before any request (a request with a literal
 * `${listId}` in it would only confuse the source and the author).
 */
import { cliValueAdvice } from '../chain/values';
import { isObject, SpecError } from './specModel';

const PLACEHOLDER = /\$\{([^}]+)\}/g;

/** Looks a placeholder name up; `undefined` when no value was given. */
export type ValueLookup = (name: string) => string | undefined;

/** The text form of a value given for a property (numbers and booleans as written, objects as JSON). */
export function valueText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Source values first, then auth values (a `${domain}` in the host may be an auth spec property). */
export function lookupIn(...sources: Array<Record<string, unknown>>): ValueLookup {
  return (name) => {
    for (const source of sources) {
      if (Object.prototype.hasOwnProperty.call(source, name)) {
        const text = valueText(source[name]);
        if (text !== undefined) return text;
      }
    }
    return undefined;
  };
}

/** Names of the placeholders in `template`, in order. */
export function placeholderNames(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1].trim());
}

/**
 * Replaces every `${name}` in `template`. `encode` is applied to each substituted value (path segments are
 * URI-encoded; hosts, query values and headers are not: URLSearchParams and fetch encode those).
 * Throws a `SpecError` at `specPath` naming the first placeholder without a value.
 */
export function substitute(template: string, lookup: ValueLookup, specPath: string, encode: (v: string) => string = (v) => v): string {
  return template.replace(PLACEHOLDER, (_whole, rawName: string) => {
    const name = rawName.trim();
    const value = lookup(name);
    if (value === undefined) {
      const fact = `No value for \${${name}} (used in ${specPath})`;
      throw new SpecError(`${fact}; give it as a source or auth value (${cliValueAdvice(name)})`, specPath,
        `${fact}; declare ${name} in sourceSpec.spec.properties or in the auth spec's properties, so that it is asked for`);
    }
    return encode(value);
  });
}

/** Applies `replace` to every string inside a JSON value (body parameters), keeping its shape. */
export function mapStrings(value: unknown, replace: (s: string, path: string) => string, path: string): unknown {
  if (typeof value === 'string') return replace(value, path);
  if (Array.isArray(value)) return value.map((item, i) => mapStrings(item, replace, `${path}.${i}`));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = mapStrings(item, replace, `${path}.${key}`);
    return out;
  }
  return value;
}

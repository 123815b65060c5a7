/**
 * Test values for a connection spec: which of `name=value` pairs belong to the chosen auth spec and which to
 * `sourceSpec.spec`, typed after the property's JSON Schema type (`--set limit=5` is the number 5 where the schema says
 * integer). Shared by `sources-sdk test`, `sources-sdk preview` and the extension's test command. Which values are
 * needed and which are secret: the one rule in core/spec/parameters.ts.
 */
import { findAuthSpecEntry, isSecretProperty, sourceProperties, type PropertySchema } from '../spec/parameters';

/** Names of the spec's auth specs, for messages. */
export function authSpecNames(spec: unknown): string[] {
  const entries = (spec as { authSpec?: unknown }).authSpec;
  return Array.isArray(entries) ? entries.map((e) => e?.name).filter((n): n is string => typeof n === 'string') : [];
}

function typed(value: string, schema: PropertySchema | undefined): unknown {
  const type = schema?.type;
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/**
 * Names among `names` that are secret for the auth entry `authSpecName` of `spec` (an auth or source property, by the
 * one rule): the CLI warns when one is given with `--set`, where the shell history keeps it.
 */
export function secretNamesAmong(spec: unknown, authSpecName: string, names: string[]): string[] {
  const auth = findAuthSpecEntry(spec, authSpecName)?.properties ?? {};
  const source = sourceProperties(spec);
  return names.filter((name) => isSecretProperty(name, auth[name] ?? source[name]));
}

/**
 * How to give `name` a value on the command line, for advice in messages: `e.g. --set name=…`, but `--set-env` for a
 * secret (read from an environment variable, so it stays out of the shell history and the process list). The secret
 * form names no `name=` pair: run output is redacted, and `password=…` would be hidden as if it were a value.
 */
export function cliValueAdvice(name: string, schema?: PropertySchema): string {
  return isSecretProperty(name, schema)
    ? 'a secret: pass it with --set-env and the name of an environment variable that holds it'
    : `e.g. --set ${name}=…`;
}

/**
 * Splits values between the auth spec and the source: a name the auth spec defines goes there, else to the
 * source (placeholders resolve from both, so an unknown name is kept for the source rather than refused). Values are
 * typed after their property's schema unless `typed: false` (a preview puts them into requests as given).
 */
export function routeValues(
  spec: unknown,
  authSpecName: string,
  values: Array<[string, string]>,
  options: { typed?: boolean } = {},
): { authValues: Record<string, unknown>; sourceValues: Record<string, unknown> } {
  const asGiven = options.typed === false;
  const auth = findAuthSpecEntry(spec, authSpecName)?.properties ?? {};
  const source = sourceProperties(spec);
  const authValues: Record<string, unknown> = {};
  const sourceValues: Record<string, unknown> = {};
  for (const [name, value] of values) {
    if (name in auth) authValues[name] = asGiven ? value : typed(value, auth[name]);
    else sourceValues[name] = asGiven ? value : typed(value, source[name]);
  }
  return { authValues, sourceValues };
}

/**
 * Test values for a connection spec: which of `name=value` pairs belong to the chosen auth spec and which to
 * `sourceSpec.spec`, typed after the property's JSON Schema type (`--set limit=5` is the number 5 where the schema says
 * integer), and which names are secret. Shared by `sources-sdk test`, `sources-sdk preview` and the extension's test
 * command.
 */

interface PropertySchema {
  type?: unknown;
  format?: unknown;
}

/** The auth spec called `name` (exact, else by name or type ignoring case and spaces), as the Flow Service matches. */
export function findAuthSpecEntry(spec: unknown, name: string): { name: string; properties: Record<string, PropertySchema> } | undefined {
  const entries = (spec as { authSpec?: unknown }).authSpec;
  if (!Array.isArray(entries)) return undefined;
  const loose = (value: unknown): string => String(value ?? '').replace(/[\s_-]/g, '').toLowerCase();
  const found = entries.find((e) => e?.name === name) ?? entries.find((e) => loose(e?.name) === loose(name) || loose(e?.type) === loose(name));
  if (!found || typeof found.name !== 'string') return undefined;
  return { name: found.name, properties: (found.spec?.properties ?? {}) as Record<string, PropertySchema> };
}

/** Names of the spec's auth specs, for messages. */
export function authSpecNames(spec: unknown): string[] {
  const entries = (spec as { authSpec?: unknown }).authSpec;
  return Array.isArray(entries) ? entries.map((e) => e?.name).filter((n): n is string => typeof n === 'string') : [];
}

/** `sourceSpec.spec.properties` of a connection spec. */
export function sourceProperties(spec: unknown): Record<string, PropertySchema> {
  return ((spec as { sourceSpec?: { spec?: { properties?: unknown } } }).sourceSpec?.spec?.properties ?? {}) as Record<string, PropertySchema>;
}

function typed(value: string, schema: PropertySchema | undefined): unknown {
  const type = schema?.type;
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** True for a property a GET must never show: `format: password`, or a secret-looking name. */
export function isSecretProperty(name: string, schema: PropertySchema | undefined): boolean {
  return schema?.format === 'password' || /(password|secret|token|apikey|authkey\d*)/i.test(name);
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

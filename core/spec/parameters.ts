/**
 * The one secret rule and the one list of values a run needs, for every consumer: preview (core/run), the test chain
 * (`sources-sdk test`, *Test Source in Emulator*), redaction, the emulator's storage of base connections, the
 * extension's value store and the SSDK406 rule.
 *
 * A spec parameter (a property of an auth spec's or of `sourceSpec.spec`'s JSON Schema) is **secret** when
 * - it says `"format": "password"`, or
 * - it is a `KeyBased` key sent as a header (`restAttributes.headerParamName`), or
 * - its name says so (`isSecretName`): its last word is password, passwd, passphrase, secret, token or credential(s)
 *   (`password`, `clientSecret`, `accessToken`, `apiToken`, `webhookSecret`), or it ends in an API-key-like key
 *   (`apiKey`, `api_key`, `authKey1`, `accessKey`, `privateKey`, `secretKey`, `signingKey`, `subscriptionKey`).
 *   A name that only mentions one of these words is not secret (`accessTokenUrl`, `tokenType`, `primaryKey`).
 *
 * Browser-safe (the language server uses it): no Node built-in.
 */
import { placeholderNames } from '../run/template';

/** A property schema as far as the classification reads it. */
export interface PropertySchema {
  type?: unknown;
  format?: unknown;
  description?: unknown;
  title?: unknown;
  restAttributes?: unknown;
}

/** Last words that make a name secret. */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'credential', 'credentials', 'apikey', 'authkey']);
/** Words that, before a final "key", make a name secret (`apiKey`, `authKey1`, `privateKey`…). */
const KEY_QUALIFIERS = new Set(['api', 'auth', 'access', 'secret', 'private', 'signing', 'client', 'subscription', 'encryption', 'master', 'consumer', 'session', 'app']);

/** The words of a property name: camelCase, snake_case, kebab-case and digits split, lower case, numbers dropped. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** True when a property's name alone says it holds a secret (see the module comment). */
export function isSecretName(name: string): boolean {
  const parts = words(name);
  const last = parts[parts.length - 1];
  if (last === undefined) return false;
  if (SECRET_WORDS.has(last)) return true;
  return last === 'key' && parts.length > 1 && KEY_QUALIFIERS.has(parts[parts.length - 2]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a `KeyBased` key sent as a header (`restAttributes.headerParamName`). */
export function isHeaderKey(schema: PropertySchema | undefined): boolean {
  const rest = schema?.restAttributes;
  return isObject(rest) && typeof rest.headerParamName === 'string' && rest.headerParamName.trim() !== '';
}

/** The one secret rule: `format: password`, a key sent as a header, or a secret name. */
export function isSecretProperty(name: string, schema: PropertySchema | undefined): boolean {
  return schema?.format === 'password' || isHeaderKey(schema) || isSecretName(name);
}

/** One auth entry of a spec, as the classification reads it. */
export interface AuthEntry {
  name: string;
  type: string;
  properties: Record<string, PropertySchema>;
  required: string[];
}

const loose = (value: unknown): string => String(value ?? '').replace(/[\s_-]/g, '').toLowerCase();

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function propertiesOf(schema: unknown): Record<string, PropertySchema> {
  const properties = isObject(schema) ? schema.properties : undefined;
  return (isObject(properties) ? properties : {}) as Record<string, PropertySchema>;
}

/** The auth spec called `name` (exact, else by name or type ignoring case, spaces, `-` and `_`), as the Flow Service matches. */
export function findAuthSpecEntry(spec: unknown, name: string): AuthEntry | undefined {
  const entries = isObject(spec) && Array.isArray(spec.authSpec) ? spec.authSpec.filter(isObject) : [];
  const found = entries.find((e) => e.name === name) ?? entries.find((e) => loose(e.name) === loose(name) || loose(e.type) === loose(name));
  if (!found || typeof found.name !== 'string') return undefined;
  return { name: found.name, type: typeof found.type === 'string' ? found.type : '', properties: propertiesOf(found.spec), required: isObject(found.spec) ? stringList(found.spec.required) : [] };
}

/** `sourceSpec.spec.properties` of a connection spec. */
export function sourceProperties(spec: unknown): Record<string, PropertySchema> {
  const sourceSpec = isObject(spec) ? spec.sourceSpec : undefined;
  return propertiesOf(isObject(sourceSpec) ? sourceSpec.spec : undefined);
}

/** The secret parameters of `spec` with the auth entry `authSpecName`: auth spec properties and source properties. */
export function secretParameters(spec: unknown, authSpecName: string): { auth: string[]; source: string[] } {
  const pick = (properties: Record<string, PropertySchema>) => Object.keys(properties).filter((name) => isSecretProperty(name, properties[name]));
  return { auth: pick(findAuthSpecEntry(spec, authSpecName)?.properties ?? {}), source: pick(sourceProperties(spec)) };
}

/** One value a run of the spec needs. */
export interface NeededValue {
  name: string;
  /** Where the property is defined: the auth spec, `sourceSpec.spec`, or nowhere (a placeholder without definition). */
  scope: 'auth' | 'source' | 'undefined';
  description?: string;
  /** Secret (`isSecretProperty`): kept in secret storage, masked when asked and shown. */
  secret: boolean;
  /** The run cannot go without it. */
  required: boolean;
}

/** Values the auth type itself reads. */
const AUTH_TYPE_VALUES: Record<string, string[]> = {
  basicauthentication: ['username', 'password'],
  oauth2refreshcode: ['accessToken'], // also the legacy oauth2-refresh-code: names are compared loosely
};

function templatesOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => templatesOf(v, out));
  else if (isObject(value)) Object.values(value).forEach((v) => templatesOf(v, out));
  return out;
}

/**
 * The values a run of `spec` with the auth entry `authSpecName` needs, in the order to ask for them: `host` when
 * `urlParams.host` is absent; what the auth type reads (Basic: username and password; OAuth 2: accessToken; API
 * key: the keys sent as headers); the auth spec's required properties; every `${name}` the request templates use;
 * `sourceSpec.spec`'s required properties. Each with the spec's description and whether it is secret. Preview, the
 * test chain and the extension's value store all ask for this list. Never throws: a spec that cannot run yet still
 * gets its list (the run itself reports what is wrong).
 */
export function neededValues(spec: unknown, authSpecName: string): NeededValue[] {
  const auth = findAuthSpecEntry(spec, authSpecName);
  const authProperties = auth?.properties ?? {};
  const source = sourceProperties(spec);
  const sourceSpec = isObject(spec) && isObject(spec.sourceSpec) ? spec.sourceSpec : {};
  const attributes = isObject(sourceSpec.attributes) ? sourceSpec.attributes : {};
  const urlParams = isObject(attributes.urlParams) ? attributes.urlParams : {};
  const hasHost = typeof urlParams.host === 'string' && urlParams.host !== '';
  const names: string[] = [];
  const add = (name: string) => { if (!names.includes(name)) names.push(name); };
  if (!hasHost) add('host');
  for (const name of AUTH_TYPE_VALUES[loose(auth?.type)] ?? []) add(name);
  if (loose(auth?.type) === 'keybased') for (const [name, schema] of Object.entries(authProperties)) if (isHeaderKey(schema)) add(name);
  for (const name of auth?.required ?? []) if (name !== 'host' || !hasHost) add(name);
  for (const template of templatesOf([urlParams, attributes.headerParams ?? null, attributes.bodyParams ?? null])) for (const name of placeholderNames(template)) add(name);
  for (const name of isObject(sourceSpec.spec) ? stringList(sourceSpec.spec.required) : []) add(name);
  return names.map((name) => {
    const property = source[name] ?? authProperties[name];
    const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
    const description = text(property?.description) ?? text(property?.title);
    return {
      name,
      scope: name in source ? 'source' : name in authProperties ? 'auth' : 'undefined',
      ...(description ? { description } : {}),
      secret: isSecretProperty(name, property),
      required: true,
    };
  });
}

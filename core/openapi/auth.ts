/**
 * Security schemes → `authSpec` entries, one per alternative the operation accepts:
 * http `basic` → Basic Authentication; http `bearer`, `oauth2` and `openIdConnect` → OAuth2 Refresh Code (the token
 * sent as a bearer token); `apiKey` in a header → KeyBased with `restAttributes.headerParamName`; `apiKey` in the
 * query → KeyBased whose key the spec sends as that query parameter (`${authKeyN}` in `queryParams`). An alternative
 * needing several API keys together becomes one KeyBased entry with `authKey1`…`authKeyN`. What cannot be mapped
 * (cookies, other http schemes, mixed alternatives) is left out and said in a note.
 */
import { DRAFT_07 } from '../analysis/rules/profile';
import { AUTH_TYPES, furtherKeySchema, type AuthTypeName } from '../spec/authTypes';
import { isObject, type JsonObject } from './document';
import type { Operation, SecurityAlternative } from './operations';

/** The auth types the mapping produces, with their documented names (the one table, core/spec/authTypes.ts). */
const typeAndName = (type: AuthTypeName) => ({ name: AUTH_TYPES[type].name, type });
export const AUTH_NAMES = {
  basic: typeAndName('BasicAuthentication'),
  oauth: typeAndName('OAuth2RefreshCode'),
  key: typeAndName('KeyBased'),
} as const;

/** A credential's schema as the auth-types table writes it, with `extra` keywords (a description, a default) over it. */
function credential(type: AuthTypeName, property: string, extra: JsonObject = {}): JsonObject {
  return { ...(AUTH_TYPES[type].credentials[property].schema as JsonObject), ...extra };
}

export interface AuthEntry {
  name: string;
  type: string;
  spec: JsonObject;
}

export interface AuthMapping {
  entries: AuthEntry[];
  /** Query parameters the auth adds (an API key sent in the query). */
  queryParams: Record<string, string>;
  /** What was not mapped, or mapped by a choice the author should check. */
  notes: string[];
}

/** Properties (server variables, `host`) every entry declares; `required` lists the names among them to require. */
export interface SharedProperties {
  properties: Record<string, JsonObject>;
  required: string[];
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function entrySpec(description: string, properties: Record<string, JsonObject>, required: string[], shared: SharedProperties): JsonObject {
  return {
    $schema: DRAFT_07,
    type: 'object',
    description,
    properties: { ...shared.properties, ...properties },
    required: [...shared.required, ...required],
  };
}

function describe(scheme: JsonObject, fallback: string): string {
  return text(scheme.description) ?? fallback;
}

/** The OAuth 2 token URL of a scheme's flows (Swagger 2.0: `tokenUrl`; OpenAPI 3: `flows.*.tokenUrl`). */
function tokenUrlOf(scheme: JsonObject): string | undefined {
  if (text(scheme.tokenUrl)) return text(scheme.tokenUrl);
  if (!isObject(scheme.flows)) return undefined;
  for (const flow of ['authorizationCode', 'clientCredentials', 'password', 'implicit']) {
    const f = scheme.flows[flow];
    if (isObject(f) && (text(f.tokenUrl) || text(f.refreshUrl))) return text(f.tokenUrl) ?? text(f.refreshUrl);
  }
  return undefined;
}

function oauthEntry(schemeName: string, scheme: JsonObject, shared: SharedProperties): AuthEntry {
  const bearer = scheme.type === 'http';
  const tokenUrl = bearer ? undefined : tokenUrlOf(scheme);
  const oauth = (property: string, extra?: JsonObject) => credential('OAuth2RefreshCode', property, extra);
  const properties: Record<string, JsonObject> = bearer
    ? { accessToken: oauth('accessToken', { description: `The bearer token${text(scheme.bearerFormat) ? ` (${text(scheme.bearerFormat)})` : ''}.` }) }
    : {
      clientId: oauth('clientId'),
      clientSecret: oauth('clientSecret'),
      accessToken: oauth('accessToken'),
      refreshToken: oauth('refreshToken'),
      expirationDate: oauth('expirationDate'),
      accessTokenUrl: oauth('accessTokenUrl', tokenUrl ? { default: tokenUrl } : {}),
    };
  const fallback = bearer ? `Bearer token (${schemeName}).` : scheme.type === 'openIdConnect'
    ? `OpenID Connect tokens (${schemeName}${text(scheme.openIdConnectUrl) ? `, discovery at ${text(scheme.openIdConnectUrl)}` : ''}).`
    : `OAuth 2 tokens (${schemeName}).`;
  return { ...AUTH_NAMES.oauth, spec: entrySpec(describe(scheme, fallback), properties, ['accessToken'], shared) };
}

function basicEntry(schemeName: string, scheme: JsonObject, shared: SharedProperties): AuthEntry {
  return {
    ...AUTH_NAMES.basic,
    spec: entrySpec(describe(scheme, `User name and password (${schemeName}).`), {
      username: credential('BasicAuthentication', 'username'),
      password: credential('BasicAuthentication', 'password'),
    }, ['username', 'password'], shared),
  };
}

/** One KeyBased entry for API keys needed together; query keys are sent through `queryParams`. */
function keyEntry(keys: Array<[string, JsonObject]>, shared: SharedProperties, queryParams: Record<string, string>): AuthEntry {
  const properties: Record<string, JsonObject> = {};
  const required: string[] = [];
  keys.forEach(([schemeName, scheme], i) => {
    const property = `authKey${i + 1}`;
    const where = scheme.in === 'header' ? `the ${String(scheme.name)} header` : `the ${String(scheme.name)} query parameter`;
    properties[property] = {
      ...(furtherKeySchema(property) as JsonObject), title: schemeName,
      description: text(scheme.description) ?? `API key, sent in ${where}.`,
      ...(scheme.in === 'header' ? { restAttributes: { headerParamName: String(scheme.name) } } : {}),
    };
    if (scheme.in === 'query') queryParams[String(scheme.name)] = `\${${property}}`;
    required.push(property);
  });
  return { ...AUTH_NAMES.key, spec: entrySpec(keys.length > 1 ? 'API keys.' : describe(keys[0][1], 'API key.'), properties, required, shared) };
}

/** What one security alternative maps to, or why it cannot be. */
function mapAlternative(alt: SecurityAlternative, op: Operation, shared: SharedProperties, queryParams: Record<string, string>): AuthEntry | string {
  const names = Object.keys(alt);
  const schemes = names.map((n) => [n, op.schemes[n]] as [string, JsonObject | undefined]);
  const missing = schemes.find(([, s]) => !s);
  if (missing) return `security scheme "${missing[0]}" is not defined in the description`;
  const defined = schemes as Array<[string, JsonObject]>;
  const keys = defined.filter(([, s]) => s.type === 'apiKey' && (s.in === 'header' || s.in === 'query') && text(s.name));
  if (keys.length === defined.length) return keyEntry(keys, shared, queryParams);
  if (defined.length > 1) return `the alternative needing ${names.join(' and ')} together is not mapped (Sources SDK auth entries use one kind of credential)`;
  const [schemeName, scheme] = defined[0];
  const httpScheme = String(scheme.scheme ?? '').toLowerCase();
  if (scheme.type === 'basic' || (scheme.type === 'http' && httpScheme === 'basic')) return basicEntry(schemeName, scheme, shared);
  if (scheme.type === 'http' && httpScheme === 'bearer') return oauthEntry(schemeName, scheme, shared);
  if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') return oauthEntry(schemeName, scheme, shared);
  if (scheme.type === 'apiKey') return `API key "${schemeName}" is sent in a ${String(scheme.in)}, which a connection spec cannot send`;
  return `security scheme "${schemeName}" (${String(scheme.type)}${httpScheme ? ` ${httpScheme}` : ''}) has no Sources SDK auth type`;
}

/** The auth entries of `op`, each with a distinct name. */
export function mapAuth(op: Operation, shared: SharedProperties): AuthMapping {
  const queryParams: Record<string, string> = {};
  const notes: string[] = [];
  const entries: AuthEntry[] = [];
  const schemeNames: string[] = [];
  for (const alt of op.security) {
    if (Object.keys(alt).length === 0) continue; // `{}`: credentials optional
    const mapped = mapAlternative(alt, op, shared, queryParams);
    if (typeof mapped === 'string') notes.push(mapped);
    else { entries.push(mapped); schemeNames.push(Object.keys(alt).join(' + ')); }
  }
  // Names must be distinct (base connections select an entry by name): a repeated kind is named after its scheme.
  const repeated = new Set(entries.map((e) => e.name).filter((name, i, all) => all.indexOf(name) !== i));
  entries.forEach((entry, i) => {
    if (repeated.has(entry.name)) entry.name = `${entry.name} (${schemeNames[i]})`;
  });
  if (Object.keys(queryParams).length > 0 && entries.some((e) => e.type !== 'KeyBased')) {
    notes.push(`the API key query parameter ${Object.keys(queryParams).join(', ')} is filled from authKey values only the API key entry has: previews with the other entries stop at that placeholder`);
  }
  if (entries.length === 0) {
    // A batch spec needs an auth entry; an API without credentials gets a key entry whose key is sent nowhere.
    entries.push({ ...AUTH_NAMES.key, spec: entrySpec('The API needs no credentials; this key is not sent.', {
      authKey1: { ...(furtherKeySchema('authKey1') as JsonObject), title: 'API key', description: 'Not used: any value.' },
    }, ['authKey1'], shared) });
    notes.push(op.security.length === 0 ? 'the operation needs no credentials; a Sources SDK batch spec needs an auth entry, so an API key entry whose key is sent nowhere was added'
      : 'no security scheme of the operation could be mapped; an API key entry whose key is sent nowhere was added: replace it');
  }
  return { entries, queryParams, notes };
}

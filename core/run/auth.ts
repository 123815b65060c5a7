/**
 * Credentials of the chosen auth spec as request headers:
 * `BasicAuthentication` → `Authorization: Basic base64(username:password)`;
 * `OAuth2RefreshCode` (and the legacy `oAuth2-refresh-code`) → `Authorization: Bearer <accessToken>` (the preview
 * uses the token it is given; it does not refresh it);
 * `KeyBased` → each key whose property has `restAttributes.headerParamName` goes in that header (keys without one
 * are used through `${authKey1}` placeholders in the query or headers).
 * Other types send no credential header; their values still fill placeholders.
 */
import { isObject, type AuthSpecModel } from './specModel';
import { valueText } from './template';

/** A value that is needed and missing; the runner reports it as an `input` error. */
export class InputError extends Error {
  /** `editorMessage`: the message in the editor's terms where `message` advises with a CLI flag. */
  constructor(message: string, readonly specPath?: string, readonly editorMessage?: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface AuthHeaders {
  headers: Record<string, string>;
  /** Header names carrying credentials (always redacted, never sent to another origin). */
  credentialHeaders: string[];
  /** The secret values the headers carry, each with the property it comes from (a Basic token counts as the password's). */
  secrets: Array<[name: string, value: string]>;
}

function required(values: Record<string, unknown>, name: string, auth: AuthSpecModel): string {
  const text = valueText(values[name]);
  if (text === undefined || text === '') {
    const fact = `The auth spec "${auth.name}" (${auth.type}) needs a value for "${name}"`;
    throw new InputError(`${fact} (e.g. --set ${name}=…)`, `authSpec.${auth.index}.spec.properties`,
      `${fact}: give it when asked (Change values… in the Preview panel asks again)`);
  }
  return text;
}

/** The credential headers for `auth` with `values`. */
export function authHeaders(auth: AuthSpecModel, values: Record<string, unknown>): AuthHeaders {
  const type = auth.type.toLowerCase();
  if (type === 'basicauthentication') {
    const password = required(values, 'password', auth);
    const token = Buffer.from(`${required(values, 'username', auth)}:${password}`).toString('base64');
    return { headers: { Authorization: `Basic ${token}` }, credentialHeaders: ['authorization'], secrets: [['password', password], ['password', token]] };
  }
  if (type === 'oauth2refreshcode' || type === 'oauth2-refresh-code') {
    const token = required(values, 'accessToken', auth);
    return { headers: { Authorization: `Bearer ${token}` }, credentialHeaders: ['authorization'], secrets: [['accessToken', token]] };
  }
  if (type === 'keybased') {
    const headers: Record<string, string> = {};
    const secrets: Array<[string, string]> = [];
    for (const [name, property] of Object.entries(auth.properties)) {
      const rest = property.restAttributes;
      const header = isObject(rest) && typeof rest.headerParamName === 'string' ? rest.headerParamName.trim() : '';
      if (!header) continue;
      // An optional key without a value is simply not sent; a required one must be given.
      const value = auth.required.includes(name) ? required(values, name, auth) : valueText(values[name]);
      if (value !== undefined && value !== '') {
        headers[header] = value;
        secrets.push([name, value]);
      }
    }
    return { headers, credentialHeaders: Object.keys(headers).map((h) => h.toLowerCase()), secrets };
  }
  return { headers: {}, credentialHeaders: [], secrets: [] };
}

/** Names of properties marked `format: password` in a properties map (their values are secrets). */
export function passwordProperties(properties: Record<string, Record<string, unknown>>): string[] {
  return Object.entries(properties).filter(([, p]) => p.format === 'password').map(([name]) => name);
}

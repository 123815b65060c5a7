/**
 * Which values a run of a spec needs: what the chosen auth type reads (Basic: username and password; OAuth2:
 * accessToken; API key: the keys sent as headers), every `${name}` the request templates use, the auth spec's
 * required properties, and `host` when `urlParams.host` is absent. Each with the spec's own description and whether
 * it is a secret (`format: password`), so an editor can ask for them the way the spec describes them.
 */
import { isObject, readSpecModel } from './specModel';
import { placeholderNames } from './template';

export interface NeededValue {
  name: string;
  /** Where the property is defined: the auth spec, `sourceSpec.spec`, or nowhere (a placeholder without definition). */
  scope: 'auth' | 'source' | 'undefined';
  description?: string;
  /** `format: password`: keep in secret storage, mask when shown. */
  secret: boolean;
  /** The run cannot go without it. */
  required: boolean;
}

function templatesOf(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => templatesOf(v, out));
  else if (isObject(value)) Object.values(value).forEach((v) => templatesOf(v, out));
  return out;
}

/** The values a run of `spec` with the auth spec `authSpecName` asks for, in a natural order. Throws a `SpecError`. */
export function neededValues(spec: unknown, authSpecName: string): NeededValue[] {
  const model = readSpecModel(spec, authSpecName);
  const names: string[] = [];
  const add = (name: string) => { if (!names.includes(name)) names.push(name); };
  if (!model.urlParams.host) add('host');
  const type = model.auth.type.toLowerCase();
  if (type === 'basicauthentication') { add('username'); add('password'); }
  if (type === 'oauth2refreshcode' || type === 'oauth2-refresh-code') add('accessToken');
  if (type === 'keybased') {
    for (const [name, p] of Object.entries(model.auth.properties)) {
      if (isObject(p.restAttributes) && p.restAttributes.headerParamName) add(name);
    }
  }
  const templates = templatesOf([model.urlParams, model.headerParams, model.bodyParams ?? null], []);
  for (const template of templates) for (const name of placeholderNames(template)) add(name);
  for (const name of model.auth.required) if (name !== 'host' || !model.urlParams.host) add(name);

  return names.map((name) => {
    const auth = model.auth.properties[name];
    const source = model.sourceProperties[name];
    const property = source ?? auth;
    const description = property && typeof property.description === 'string' ? property.description
      : property && typeof property.title === 'string' ? property.title : undefined;
    return {
      name,
      scope: source ? 'source' : auth ? 'auth' : 'undefined',
      ...(description ? { description } : {}),
      secret: property?.format === 'password',
      required: true,
    };
  });
}

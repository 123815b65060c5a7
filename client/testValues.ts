/**
 * Remembered test values of a connection spec: what a run needs (auth values of the chosen auth spec, source
 * inputs), asked once and kept — plain values in the workspace state, secrets (`format: password` and
 * secret-looking names) only in VS Code's SecretStorage — keyed by spec file and auth spec, so testing a source again
 * asks nothing.
 */
import * as vscode from 'vscode';
import { findAuthSpecEntry, isSecretProperty, sourceProperties } from '../core/chain/values';
import { placeholderNames } from '../core/run/template';
import type { Prompts } from './prompts';

/** One value a test of the spec needs. */
export interface WantedValue {
  name: string;
  scope: 'auth' | 'source';
  secret: boolean;
  description?: string;
}

/** Values the auth type itself reads, even when the auth spec forgets to mark them required. */
const AUTH_TYPE_VALUES: Record<string, string[]> = {
  basicauthentication: ['username', 'password'],
  oauth2refreshcode: ['accessToken'],
  'oauth2-refresh-code': ['accessToken'],
};

function templates(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((entry) => templates(entry, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((entry) => templates(entry, out));
  return out;
}

/** The values a run of `spec` with `authSpecName` asks for, auth values first. */
export function wantedValues(spec: unknown, authSpecName: string): WantedValue[] {
  const auth = findAuthSpecEntry(spec, authSpecName);
  const authProperties = auth?.properties ?? {};
  const authSchema = ((spec as { authSpec?: Array<{ name?: unknown; type?: unknown; spec?: { required?: unknown } }> }).authSpec ?? [])
    .find((entry) => entry?.name === auth?.name);
  const source = sourceProperties(spec);
  const sourceRequired = (spec as { sourceSpec?: { spec?: { required?: unknown } } }).sourceSpec?.spec?.required;
  const attributes = (spec as { sourceSpec?: { attributes?: Record<string, unknown> } }).sourceSpec?.attributes ?? {};
  const names: string[] = [];
  const add = (name: string) => { if (!names.includes(name)) names.push(name); };
  for (const name of AUTH_TYPE_VALUES[String(authSchema?.type ?? '').toLowerCase()] ?? []) if (name in authProperties) add(name);
  for (const name of Object.keys(authProperties)) if (/^authKey\d+$/.test(name)) add(name);
  for (const name of Array.isArray(authSchema?.spec?.required) ? authSchema.spec.required : []) add(String(name));
  for (const name of Array.isArray(sourceRequired) ? sourceRequired : []) add(String(name));
  for (const template of templates([attributes.urlParams, attributes.headerParams, attributes.bodyParams])) for (const name of placeholderNames(template)) add(name);
  return names.map((name) => {
    const property = authProperties[name] ?? source[name];
    const description = (property as { description?: unknown } | undefined)?.description;
    return {
      name,
      scope: name in authProperties ? 'auth' : 'source',
      secret: isSecretProperty(name, property),
      ...(typeof description === 'string' ? { description } : {}),
    };
  });
}

export class TestValueStore {
  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  private key(specUri: vscode.Uri, authSpecName: string, name: string): string {
    return `sourcesSdk.testValue:${specUri.toString()}:${authSpecName}:${name}`;
  }

  async get(specUri: vscode.Uri, authSpecName: string, value: WantedValue): Promise<string | undefined> {
    const key = this.key(specUri, authSpecName, value.name);
    return value.secret ? this.secrets.get(key) : this.state.get<string>(key);
  }

  async remember(specUri: vscode.Uri, authSpecName: string, value: WantedValue, text: string): Promise<void> {
    const key = this.key(specUri, authSpecName, value.name);
    if (value.secret) await this.secrets.store(key, text);
    else await this.state.update(key, text);
  }

  /**
   * Every wanted value: `given` first (command arguments), then remembered ones, else asked (a password box for
   * secrets) and remembered. Undefined when the user dismisses a question.
   */
  async collect(specUri: vscode.Uri, authSpecName: string, wanted: WantedValue[], prompts: Prompts, given: Record<string, string> = {}): Promise<Array<[string, string]> | undefined> {
    const pairs: Array<[string, string]> = [];
    for (const value of wanted) {
      let text: string | undefined = given[value.name] ?? (await this.get(specUri, authSpecName, value));
      if (text === undefined) {
        const what = value.scope === 'auth' ? `${authSpecName} value` : 'source input';
        const asked = await prompts.input(`${value.name} (${what}${value.description ? `: ${value.description}` : ''})${value.secret ? ', kept in secret storage' : ''}`, value.secret);
        if (asked === undefined) return undefined;
        text = asked;
      }
      await this.remember(specUri, authSpecName, value, text);
      pairs.push([value.name, text]);
    }
    for (const [name, text] of Object.entries(given)) if (!wanted.some((value) => value.name === name)) pairs.push([name, text]);
    return pairs;
  }
}

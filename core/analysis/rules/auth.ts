/** Rule 11: the `authSpec` array (names, types, declared credentials) and `required` lists of embedded schemas. */
import type { ASTNode } from 'vscode-json-languageservice';
import { asObject, findProperty, getPath, itemsOf, propertiesOf, stringValue } from '../astUtil';
import type { Rule, RuleContext } from '../types';
// Which names hold a secret: the one rule every consumer shares (core/spec/parameters.ts).
import { isSecretName } from '../../spec/parameters';
import { row } from '../ruleRow';
import { AUTH_TYPE_NAMES } from '../../spec/authTypes';

const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export const authRule: Rule = {
  table: [
    row('SSDK401', 'error', 'Duplicate authSpec name', 'Give every authSpec entry a distinct `name`; base connections select it by name.', 'authSpec'),
    row('SSDK402', 'error', 'Unknown authSpec type', 'Use `OAuth2RefreshCode`, `BasicAuthentication` or `KeyBased` (the schema rejects other types, so this is an error).', 'authSpec'),
    row('SSDK403', 'warning', 'Legacy auth type `oAuth2-refresh-code`', 'Use type `OAuth2RefreshCode` with name `OAuth2 Refresh Code`.', 'authSpec'),
    row('SSDK404', 'info', 'Unusual authSpec name/type pair', 'Use the documented name for the type (e.g. `Basic Authentication` for `BasicAuthentication`).', 'authSpec'),
    row('SSDK405', 'warning', '`required` entry not declared', 'Declare the property in `properties` or remove it from `required`.', 'authSpec'),
    row('SSDK406', 'warning', 'Secret without `format: password`', 'Add `"format": "password"` so the value is masked and stored as a secret.', 'authSpec'),
    row('SSDK407', 'error', 'Invalid `authenticationMethod`', 'Use `GET` or `POST`.', 'authSpec'),
    row('SSDK408', 'error', 'KeyBased auth without `authKey1`', 'Declare `authKey1` (string, `format: password`) and list it in `required`.', 'authSpec'),
    row('SSDK409', 'warning', 'Unsupported `restAttributes` key', 'Use only `headerParamName` in `restAttributes`.', 'authSpec'),
    row('SSDK410', 'error', 'Invalid HTTP header name', 'Use a header name that is an HTTP token: letters, digits and symbols such as `-` or `_`, no spaces or colons.', 'authSpec'),
    row('SSDK411', 'warning', '`expirationDate` not hidden', 'Add `"uiAttributes": {"hidden": true}`: the value is managed, not typed by users.', 'authSpec'),
  ],
  kinds: ['connectionSpec'],
  reads: ['authSpec', 'sourceSpec.spec'],
  run(ctx) {
    const seenNames = new Set<string>();
    for (const entry of itemsOf(getPath(ctx.root, ['authSpec']))) {
      const nameNode = getPath(entry, ['name']);
      const name = stringValue(nameNode);
      if (name !== undefined && nameNode) {
        if (seenNames.has(name)) ctx.report({ code: 'SSDK401', node: nameNode, data: { name },
          message: `Another authSpec entry is already named "${name}": give each entry a distinct name (base connections select it by name).` });
        seenNames.add(name);
      }
      checkType(ctx, entry, name);
      const spec = getPath(entry, ['spec']);
      checkRequired(ctx, spec);
      checkProperties(ctx, spec);
    }
    checkRequired(ctx, getPath(ctx.root, ['sourceSpec', 'spec']));
  },
};

function checkType(ctx: RuleContext, entry: ASTNode, name: string | undefined): void {
  const typeNode = getPath(entry, ['type']);
  const type = stringValue(typeNode);
  if (type === undefined || !typeNode) return;
  if (type === 'oAuth2-refresh-code') {
    ctx.report({ code: 'SSDK403', node: typeNode, tags: ['deprecated'], data: { candidates: ['OAuth2RefreshCode'] },
      message: '"oAuth2-refresh-code" is the legacy type: use "OAuth2RefreshCode" (name "OAuth2 Refresh Code").' });
    return;
  }
  const expectedName = AUTH_TYPE_NAMES[type];
  if (!expectedName) {
    ctx.report({ code: 'SSDK402', node: typeNode,
      message: `Unknown auth type "${type}": use "OAuth2RefreshCode", "BasicAuthentication" or "KeyBased".` });
    return;
  }
  if (name !== undefined && !name.startsWith(expectedName)) {
    const nameNode = getPath(entry, ['name']);
    ctx.report({ code: 'SSDK404', node: nameNode ?? typeNode,
      message: `Auth type "${type}" is normally named "${expectedName}": consider that name so users and tools recognise it.` });
  }
  if (type === 'KeyBased' && !findProperty(getPath(entry, ['spec', 'properties']), 'authKey1')) {
    ctx.report({ code: 'SSDK408', node: typeNode,
      message: 'KeyBased auth needs an "authKey1" property (string, "format": "password") listed in "required": add it.' });
  }
}

function checkRequired(ctx: RuleContext, spec: ASTNode | undefined): void {
  const properties = getPath(spec, ['properties']);
  for (const item of itemsOf(getPath(spec, ['required']))) {
    const key = stringValue(item);
    if (key === undefined || findProperty(properties, key)) continue;
    ctx.report({ code: 'SSDK405', node: item, data: { name: key },
      message: `"${key}" is required but not declared in "properties": declare it or remove it from "required".` });
  }
}

function checkProperties(ctx: RuleContext, spec: ASTNode | undefined): void {
  for (const prop of propertiesOf(getPath(spec, ['properties']))) {
    const key = prop.keyNode.value;
    const schema = asObject(prop.valueNode);
    if (!schema) continue;
    if (isSecretName(key) && stringValue(getPath(schema, ['format'])) !== 'password') {
      ctx.report({ code: 'SSDK406', node: prop.keyNode, data: { name: key },
        message: `"${key}" holds a secret: add "format": "password" so it is masked and stored encrypted.` });
    }
    if (key === 'expirationDate' && getPath(schema, ['uiAttributes', 'hidden'])?.value !== true) {
      ctx.report({ code: 'SSDK411', node: prop.keyNode,
        message: '"expirationDate" is managed by the token refresh: add "uiAttributes": {"hidden": true}.' });
    }
    if (key === 'requestParameterOverride') checkAuthenticationMethod(ctx, getPath(schema, ['properties', 'authenticationMethod']));
    checkRestAttributes(ctx, getPath(schema, ['restAttributes']));
  }
}

function checkAuthenticationMethod(ctx: RuleContext, schema: ASTNode | undefined): void {
  const values = [...itemsOf(getPath(schema, ['enum'])), getPath(schema, ['default']), getPath(schema, ['const'])];
  for (const node of values) {
    if (!node) continue;
    const text = stringValue(node);
    if (text === 'GET' || text === 'POST') continue;
    ctx.report({ code: 'SSDK407', node, message: '"authenticationMethod" must be "GET" or "POST".' });
  }
}

function checkRestAttributes(ctx: RuleContext, restAttributes: ASTNode | undefined): void {
  for (const prop of propertiesOf(restAttributes)) {
    if (prop.keyNode.value !== 'headerParamName') {
      ctx.report({ code: 'SSDK409', node: prop.keyNode,
        message: `"${prop.keyNode.value}" is not a documented restAttributes key: use only "headerParamName".` });
      continue;
    }
    const header = stringValue(prop.valueNode);
    if (prop.valueNode && (header === undefined || header.length > 256 || !HEADER_TOKEN.test(header))) {
      ctx.report({ code: 'SSDK410', node: prop.valueNode,
        message: '"headerParamName" must be a valid HTTP header name (letters, digits, "-", "_"; no spaces or colons).' });
    }
  }
}

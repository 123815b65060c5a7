/**
 * Rule 18: `permissionsInfo`. View entries grant only `read`, manage entries only `write`; `@type` is `lowLevel`;
 * the permission resource matches the kind of source: `EnterpriseSource` for batch (generic-rest, flow spec
 * RestStorageToAEP), `StreamingSource` for streaming (generic-streaming, GenericStreamingAEP). A mismatched
 * resource is what later surfaces as "The permission manage is denied on resource …".
 */
import type { ASTNode } from 'vscode-json-languageservice';
import { getPath, itemsOf, stringValue } from '../astUtil';
import type { Rule, RuleContext } from '../types';
import { knownSdkFlowSpec } from './flowSpec';
import { row } from '../ruleRow';

const ALLOWED_PERMISSION: Readonly<Record<string, string>> = { view: 'read', manage: 'write' };
const RESOURCE_BY_SPEC_TYPE: Readonly<Record<string, string>> = {
  'generic-rest': 'EnterpriseSource',
  'generic-streaming': 'StreamingSource',
};
const RESOURCE_BY_FLOW_SPEC: Readonly<Record<string, string>> = {
  RestStorageToAEP: 'EnterpriseSource',
  GenericStreamingAEP: 'StreamingSource',
};
const LOW_LEVEL = 'lowLevel';

export const permissionsRule: Rule = {
  table: [
    row('SSDK521', 'error', 'Permission not allowed in this list', 'List only `read` under `view` and only `write` under `manage` (quick fix).', 'createSpec'),
    row('SSDK522', 'warning', 'Permission `@type` is not `lowLevel`', 'Write `"@type": "lowLevel"` (quick fix); a case variant such as `lowlevel` is only an info.', 'createSpec'),
    row('SSDK523', 'warning', 'Permission resource does not match the source kind', 'Use `EnterpriseSource` for batch (generic-rest, RestStorageToAEP) and `StreamingSource` for streaming (quick fix).', 'createSpec'),
  ],
  kinds: ['connectionSpec', 'flowSpec'],
  reads: ['permissionsInfo', 'type', 'id', 'name'],
  run(ctx) {
    const info = getPath(ctx.root, ['permissionsInfo']);
    if (!info) return;
    const expected = expectedResource(ctx);
    for (const list of ['view', 'manage']) {
      for (const entry of itemsOf(getPath(info, [list]))) {
        checkPermissions(ctx, list, getPath(entry, ['permissions']));
        checkType(ctx, getPath(entry, ['@type']));
        if (expected) checkResource(ctx, getPath(entry, ['name']), expected);
      }
    }
  },
};

/** The resource name and why it is expected, or undefined when the spec does not say which kind it is. */
function expectedResource(ctx: RuleContext): { name: string; because: string } | undefined {
  if (ctx.kind === 'connectionSpec') {
    const type = stringValue(getPath(ctx.root, ['type']));
    const name = type ? RESOURCE_BY_SPEC_TYPE[type] : undefined;
    return name ? { name, because: `a "${type}" source` } : undefined;
  }
  const flowSpec = knownSdkFlowSpec(ctx.root);
  const name = flowSpec ? RESOURCE_BY_FLOW_SPEC[flowSpec] : undefined;
  return name ? { name, because: `the ${flowSpec} flow spec` } : undefined;
}

function checkPermissions(ctx: RuleContext, list: string, permissions: ASTNode | undefined): void {
  const allowed = ALLOWED_PERMISSION[list];
  for (const item of itemsOf(permissions)) {
    const value = stringValue(item);
    if (value === undefined || value === allowed) continue;
    const other = list === 'view' ? 'manage' : 'view';
    const hint = value === ALLOWED_PERMISSION[other] ? ` "${value}" belongs in "${other}".` : '';
    ctx.report({ code: 'SSDK521', node: item, data: { candidates: [allowed] },
      message: `permissionsInfo.${list} grants only "${allowed}": write "${allowed}".${hint}` });
  }
}

function checkType(ctx: RuleContext, type: ASTNode | undefined): void {
  const value = stringValue(type);
  if (!type || value === undefined || value === LOW_LEVEL) return;
  const caseVariant = value.toLowerCase() === LOW_LEVEL.toLowerCase();
  ctx.report({
    code: 'SSDK522', node: type, data: { candidates: [LOW_LEVEL] },
    severity: caseVariant ? 'info' : 'warning',
    message: caseVariant
      ? `"@type" is written "${LOW_LEVEL}" in the Sources SDK docs (the API description also shows "${value}"): prefer "${LOW_LEVEL}".`
      : `"@type" of a permission entry is "${LOW_LEVEL}": replace "${value}".`,
  });
}

function checkResource(ctx: RuleContext, name: ASTNode | undefined, expected: { name: string; because: string }): void {
  const value = stringValue(name);
  if (!name || value === undefined || value === expected.name) return;
  ctx.report({ code: 'SSDK523', node: name, data: { candidates: [expected.name] },
    message: `The permission resource of ${expected.because} is "${expected.name}": change "${value}", or users get ` +
      '"permission denied" on the wrong resource.' });
}

/**
 * Rules 13, 14, 17, 19: the profile implied by the top-level `type` (batch `generic-rest` vs `generic-streaming`),
 * the canonical exploreSpec, server-managed fields and the `version` type.
 */
import type { ASTNode } from 'vscode-json-languageservice';
import { asObject, findProperty, getPath, itemsOf, stringValue, textAt } from '../astUtil';
import { SERVER_MANAGED_FIELDS } from '../../serverManagedFields';
import type { Rule, RuleContext } from '../types';
import { row } from '../ruleRow';

import { BATCH_PROVIDER_ID, STREAMING_PROVIDER_ID } from '../../spec/wellKnownIds';

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';


/** The hard-coded exploreSpec every batch (generic-rest) source copies. */
export const CANONICAL_BATCH_EXPLORE_SPEC = {
  name: 'Resource',
  type: 'Resource',
  requestSpec: { $schema: DRAFT_07, type: 'object' },
  responseSpec: {
    $schema: DRAFT_07,
    type: 'object',
    properties: {
      format: { type: 'string' },
      schema: { type: 'object', properties: { columns: { type: 'array', items: { type: 'object',
        properties: { name: { type: 'string' }, type: { type: 'string' } } } } } },
      data: { type: 'array', items: { type: 'object' } },
    },
  },
};

/** Plain JSON value of an AST node (used for small structural comparisons). */
export function toValue(node: ASTNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const prop of node.properties) result[prop.keyNode.value] = toValue(prop.valueNode);
      return result;
    }
    case 'array': return node.items.map(toValue);
    case 'property': return toValue(node.valueNode);
    default: return node.value;
  }
}

/** Deep equality of JSON values, ignoring key order; `$schema` near-misses compare equal (SSDK701 reports them). */
export function sameJson(a: unknown, b: unknown, key?: string): boolean {
  if (key === '$schema' && typeof a === 'string' && typeof b === 'string') return a.replace(/\s+/g, '') === b;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((k) => k in b && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], k));
}

export const profileRule: Rule = {
  table: [
    row('SSDK508', 'hint', 'exploreSpec differs from the canonical block', 'Paste the canonical `Resource` exploreSpec unchanged.', 'exploreSpec'),
    row('SSDK509', 'warning', 'Streaming exploreSpec not canonical', 'Use `{"type": "StreamingConnection"}`.', 'exploreSpec'),
    row('SSDK510', 'error', 'providerId does not match the spec type', 'Use the providerId the message names for this `type`.', 'createSpec'),
    row('SSDK511', 'error', 'Batch spec without authSpec', 'Add at least one authSpec entry.', 'createSpec'),
    row('SSDK512', 'error', 'Batch sourceSpec.attributes incomplete', 'Add urlParams, contentPath, paginationParams and scheduleParams.', 'createSpec'),
    row('SSDK513', 'warning', 'Streaming profile mismatch', 'Use the streaming values the message names.', 'createSpec'),
    row('SSDK514', 'warning', 'Batch-only field in a streaming spec', 'Remove it: streaming sources receive data by webhook.', 'createSpec'),
    row('SSDK518', 'warning', 'Server-managed fields', 'Remove them (one quick fix removes all): the server assigns and overwrites these fields. One finding lists every such field of the file.', 'connectionSpecs'),
    row('SSDK519', 'warning', '`version` is not a string', 'Write the version as a string, e.g. `"1.0"` (quick fix).', 'createSpec'),
  ],
  kinds: ['connectionSpec', 'flowSpec'],
  reads: ['type', 'version', 'providerId', 'exploreSpec', 'attributes', 'sourceSpec.attributes.uiAttributes'],
  run(ctx) {
    checkServerFields(ctx);
    checkVersion(ctx);
    if (ctx.kind !== 'connectionSpec') return;
    const type = stringValue(getPath(ctx.root, ['type']));
    if (type === 'generic-rest') checkBatch(ctx);
    else if (type === 'generic-streaming') checkStreaming(ctx);
  },
};

/**
 * Server-managed fields: one finding for all of them (a pasted GET response has a dozen), on the first, with every
 * key in `data.keys` so the quick fix removes them together.
 */
function checkServerFields(ctx: RuleContext): void {
  const found = SERVER_MANAGED_FIELDS
    // A flow-spec PUT body carries its own id (the docs include it), so only connection specs flag `id`.
    .filter((field) => !(field === 'id' && ctx.kind === 'flowSpec'))
    .map((field) => findProperty(ctx.root, field))
    .filter((prop): prop is NonNullable<typeof prop> => prop !== undefined)
    .sort((a, b) => a.offset - b.offset);
  if (found.length === 0) return;
  const keys = found.map((prop) => prop.keyNode.value);
  const first = found[0];
  ctx.report({ code: 'SSDK518', node: first.keyNode, data: { key: keys[0], keys },
    message: keys.length === 1
      ? `"${keys[0]}" is assigned by the Flow Service and ignored or overwritten on upload: remove it.`
      : `${keys.length} fields are assigned by the Flow Service and ignored or overwritten on upload (${keys.map((k) => `"${k}"`).join(', ')}): remove them (quick fix).` });
}

function checkVersion(ctx: RuleContext): void {
  const version = getPath(ctx.root, ['version']);
  if (!version || version.type !== 'number') return;
  const raw = textAt(ctx.document, version.offset, version.offset + version.length);
  const replacement = raw.includes('.') ? raw : `${raw}.0`;
  ctx.report({ code: 'SSDK519', node: version, data: { value: replacement },
    message: `"version" must be a string: write "${replacement}".` });
}

function checkProvider(ctx: RuleContext, expected: string, type: string): void {
  const provider = getPath(ctx.root, ['providerId']);
  if (provider && stringValue(provider) !== expected) {
    ctx.report({ code: 'SSDK510', node: provider, data: { candidates: [expected] },
      message: `Specs of type "${type}" use providerId "${expected}": copy that value.` });
  }
}

function checkBatch(ctx: RuleContext): void {
  checkProvider(ctx, BATCH_PROVIDER_ID, 'generic-rest');
  const authSpec = findProperty(ctx.root, 'authSpec');
  if (!authSpec || itemsOf(authSpec.valueNode).length === 0) {
    ctx.report({ code: 'SSDK511', node: authSpec?.keyNode ?? getPath(ctx.root, ['type']),
      message: 'A batch (generic-rest) source needs at least one authSpec entry: add OAuth2RefreshCode, BasicAuthentication or KeyBased.' });
  }
  const attributesProp = findProperty(getPath(ctx.root, ['sourceSpec']), 'attributes');
  const attributes = asObject(attributesProp?.valueNode);
  if (attributesProp && attributes) {
    const missing = ['urlParams', 'contentPath', 'paginationParams', 'scheduleParams'].filter((k) => !findProperty(attributes, k));
    if (missing.length > 0) ctx.report({ code: 'SSDK512', node: attributesProp.keyNode, data: { missing },
      message: `sourceSpec.attributes of a batch source needs ${missing.map((m) => `"${m}"`).join(', ')}: add ${missing.length > 1 ? 'them' : 'it'}.` });
  }
  const explore = findProperty(ctx.root, 'exploreSpec');
  if (explore?.valueNode && !sameJson(toValue(explore.valueNode), CANONICAL_BATCH_EXPLORE_SPEC)) {
    ctx.report({ code: 'SSDK508', node: explore.keyNode,
      message: 'exploreSpec differs from the canonical "Resource" block batch sources copy unchanged: paste the canonical block.' });
  }
}

function checkStreaming(ctx: RuleContext): void {
  checkProvider(ctx, STREAMING_PROVIDER_ID, 'generic-streaming');
  // The permission resource name (StreamingSource) is checked with the rest of permissionsInfo (SSDK523).
  const category = getPath(ctx.root, ['attributes', 'category']);
  if (category && stringValue(category) !== 'Streaming') ctx.report({ code: 'SSDK513', node: category,
    message: 'Streaming sources use "attributes.category": "Streaming".' });
  const uiCategory = getPath(ctx.root, ['sourceSpec', 'attributes', 'uiAttributes', 'category', 'key']);
  if (uiCategory && stringValue(uiCategory) !== 'streaming') ctx.report({ code: 'SSDK513', node: uiCategory,
    message: 'Streaming sources use uiAttributes.category.key "streaming".' });
  const attributes = getPath(ctx.root, ['sourceSpec', 'attributes']);
  for (const key of ['urlParams', 'headerParams', 'bodyParams', 'contentPath', 'explodeEntityPath', 'paginationParams', 'scheduleParams']) {
    const prop = findProperty(attributes, key);
    if (prop) ctx.report({ code: 'SSDK514', node: prop.keyNode, data: { key },
      message: `"${key}" is a batch (generic-rest) setting and unused by streaming sources, which receive data by webhook: remove it.` });
  }
  const explore = findProperty(ctx.root, 'exploreSpec');
  if (explore?.valueNode && !sameJson(toValue(explore.valueNode), { type: 'StreamingConnection' })) {
    ctx.report({ code: 'SSDK509', node: explore.keyNode,
      message: 'A streaming exploreSpec is exactly {"type": "StreamingConnection"}: replace it.' });
  }
}

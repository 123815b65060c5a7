/** Rules 20, 21, 22: flow spec connection-spec id lists, `transformationSpecs` spelling and `scheduleSpec`. */
import type { ASTNode } from 'vscode-json-languageservice';
import { findProperty, getPath, itemsOf, stringValue } from '../astUtil';
import type { Rule, RuleContext } from '../types';

export const DATA_LAKE_TARGET_SPEC_ID = 'c604ff05-7f1a-43c0-8e18-33bf874cb11c';
/** The SDK flow specs partners append their connection spec id to. */
export const SDK_FLOW_SPECS: Readonly<Record<string, string>> = {
  '6499120c-0b15-42dc-936e-847ea3c24d72': 'RestStorageToAEP',
  'e77fde5a-22a8-11ed-861d-0242ac120002': 'GenericStreamingAEP',
};

/**
 * The connection spec every copy of an SDK flow spec lists (Generic REST for RestStorageToAEP, the generic
 * streaming spec for GenericStreamingAEP). Its absence from a PUT body means the list was rebuilt from scratch.
 */
export const BASE_SOURCE_SPEC_IDS: Readonly<Record<string, string>> = {
  RestStorageToAEP: '4e98f16f-87d6-4ef0-bdc6-7a2b0fe76e62',
  GenericStreamingAEP: 'e77fd9d2-22a8-11ed-861d-0242ac120002',
};

/** Name of the SDK flow spec this document is (by its `id`, else its `name`), or undefined. */
export function knownSdkFlowSpec(root: ASTNode | undefined): string | undefined {
  const id = stringValue(getPath(root, ['id']));
  const byId = id ? SDK_FLOW_SPECS[id.toLowerCase()] : undefined;
  if (byId) return byId;
  const name = stringValue(getPath(root, ['name']));
  return Object.values(SDK_FLOW_SPECS).find((known) => known === name);
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** True for a canonical 8-4-4-4-12 hexadecimal UUID. */
export function isUuid(text: string): boolean {
  return text.length === 36 && UUID.test(text);
}

export const flowSpecRule: Rule = {
  codes: ['SSDK601', 'SSDK602', 'SSDK603', 'SSDK604', 'SSDK605', 'SSDK606', 'SSDK609', 'SSDK610'],
  kinds: ['flowSpec'],
  run(ctx) {
    checkIdList(ctx, 'sourceConnectionSpecIds');
    checkFullReplacement(ctx);
    checkIdList(ctx, 'targetConnectionSpecIds');
    checkKnownTargets(ctx);
    const singular = findProperty(ctx.root, 'transformationSpec');
    if (singular) ctx.report({ code: 'SSDK604', node: singular.keyNode, data: { candidates: ['transformationSpecs'] },
      message: 'The key is "transformationSpecs" (plural), as the Flow Service returns it: rename "transformationSpec".' });
    checkSchedule(ctx);
  },
};

function checkIdList(ctx: RuleContext, key: string): void {
  const seen = new Set<string>();
  for (const item of itemsOf(getPath(ctx.root, [key]))) {
    const id = stringValue(item);
    if (id === undefined) continue;
    if (!isUuid(id)) ctx.report({ code: 'SSDK601', node: item,
      message: `"${id}" is not a UUID: use the id the Flow Service returned for the connection spec.` });
    const normalized = id.toLowerCase();
    if (seen.has(normalized)) ctx.report({ code: 'SSDK602', node: item, data: { id },
      message: `"${id}" is listed twice in ${key}: remove the duplicate.` });
    seen.add(normalized);
  }
}

/**
 * A PUT of a flow spec replaces it whole: a source list that lost entries unregisters every source not in it.
 * Which ids were there before is unknown offline, but every copy of an SDK flow spec lists its base spec.
 */
function checkFullReplacement(ctx: RuleContext): void {
  const known = knownSdkFlowSpec(ctx.root);
  if (!known) return;
  const list = findProperty(ctx.root, 'sourceConnectionSpecIds');
  const items = itemsOf(list?.valueNode);
  if (!list || (list.valueNode?.type === 'array' && items.length === 0)) {
    const node = list?.valueNode ?? getPath(ctx.root, ['name']) ?? getPath(ctx.root, ['id']);
    ctx.report({ code: 'SSDK609', node,
      message: `A PUT replaces the whole ${known} flow spec: ${list ? 'an empty' : 'a missing'} "sourceConnectionSpecIds" ` +
        'would unregister every source from it. GET the current flow spec and add your id to its list.' });
    return;
  }
  const base = BASE_SOURCE_SPEC_IDS[known];
  if (list.valueNode?.type !== 'array' || items.some((item) => stringValue(item)?.toLowerCase() === base)) return;
  ctx.report({ code: 'SSDK610', node: list.keyNode, data: { id: base },
    message: `Every copy of ${known} lists "${base}": a PUT with this list would remove it (and probably other ` +
      'sources). GET the current flow spec and only append your id.' });
}

function checkKnownTargets(ctx: RuleContext): void {
  const known = knownSdkFlowSpec(ctx.root);
  const targets = getPath(ctx.root, ['targetConnectionSpecIds']);
  if (!known || !targets) return;
  const ids = itemsOf(targets).map(stringValue);
  if (ids.length === 1 && ids[0] === DATA_LAKE_TARGET_SPEC_ID) return;
  ctx.report({ code: 'SSDK603', node: targets,
    message: `${known} targets only the Data Lake connection spec: use ["${DATA_LAKE_TARGET_SPEC_ID}"].` });
}

function checkSchedule(ctx: RuleContext): void {
  const schedule = findProperty(ctx.root, 'scheduleSpec');
  if (!schedule) return;
  if (stringValue(getPath(ctx.root, ['attributes', 'frequency'])) === 'streaming') {
    ctx.report({ code: 'SSDK606', node: schedule.keyNode,
      message: 'Streaming flow specs are not scheduled: remove "scheduleSpec".' });
  }
  const expected: Array<[string, string]> = [['name', 'PeriodicSchedule'], ['type', 'Periodic']];
  for (const [key, value] of expected) {
    const node = getPath(schedule.valueNode, [key]);
    if (node && stringValue(node) !== value) ctx.report({ code: 'SSDK605', node, data: { candidates: [value] },
      message: `scheduleSpec.${key} should be "${value}".` });
  }
}

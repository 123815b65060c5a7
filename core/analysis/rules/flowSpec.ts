/** Rules 20, 21, 22: flow spec connection-spec id lists, `transformationSpecs` spelling and `scheduleSpec`. */
import { findProperty, getPath, itemsOf, stringValue } from '../astUtil';
import type { Rule, RuleContext } from '../types';

export const DATA_LAKE_TARGET_SPEC_ID = 'c604ff05-7f1a-43c0-8e18-33bf874cb11c';
/** The SDK flow specs partners append their connection spec id to. */
export const SDK_FLOW_SPECS: Readonly<Record<string, string>> = {
  '6499120c-0b15-42dc-936e-847ea3c24d72': 'RestStorageToAEP',
  'e77fde5a-22a8-11ed-861d-0242ac120002': 'GenericStreamingAEP',
};

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** True for a canonical 8-4-4-4-12 hexadecimal UUID. */
export function isUuid(text: string): boolean {
  return text.length === 36 && UUID.test(text);
}

export const flowSpecRule: Rule = {
  codes: ['SSDK601', 'SSDK602', 'SSDK603', 'SSDK604', 'SSDK605', 'SSDK606'],
  kinds: ['flowSpec'],
  run(ctx) {
    checkIdList(ctx, 'sourceConnectionSpecIds');
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

function checkKnownTargets(ctx: RuleContext): void {
  const id = stringValue(getPath(ctx.root, ['id']));
  const name = stringValue(getPath(ctx.root, ['name']));
  const known = (id && SDK_FLOW_SPECS[id.toLowerCase()]) || Object.values(SDK_FLOW_SPECS).find((n) => n === name);
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

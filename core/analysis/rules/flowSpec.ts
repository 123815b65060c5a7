/** Rules 20, 21, 22: flow spec connection-spec id lists, `transformationSpecs` spelling and `scheduleSpec`. */
import type { ASTNode } from 'vscode-json-languageservice';
import { findProperty, getPath, itemsOf, stringValue } from '../astUtil';
import type { Rule, RuleContext } from '../types';
import { row } from '../ruleRow';
import { DATA_LAKE_TARGET_SPEC_ID, GENERIC_STREAMING_AEP_ID, REST_STORAGE_TO_AEP_ID } from '../../spec/wellKnownIds';

/** The SDK flow specs partners append their connection spec id to. */
export const SDK_FLOW_SPECS: Readonly<Record<string, string>> = {
  [REST_STORAGE_TO_AEP_ID]: 'RestStorageToAEP',
  [GENERIC_STREAMING_AEP_ID]: 'GenericStreamingAEP',
};

/**
 * Names of flow specs the docs show, with what each is. An `id` of one known flow spec under the `name` of another
 * (the flow-specs page PUTs RestStorageToAEP's id as `RestStorageToPlatform`) is flagged (SSDK611).
 */
export const KNOWN_FLOW_SPEC_NAMES: Readonly<Record<string, string>> = {
  RestStorageToAEP: 'the batch SDK flow spec',
  GenericStreamingAEP: 'the streaming SDK flow spec',
  RestStorageToPlatform: 'the old batch flow spec, a different flow spec from RestStorageToAEP',
  CloudStorageToAEP: 'the cloud storage flow spec',
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
  table: [
    row('SSDK601', 'error', 'Connection spec id is not a UUID', 'Use the UUID the Flow Service returned when the spec was created.', 'updateFlowSpecs'),
    row('SSDK602', 'warning', 'Duplicate connection spec id', 'Remove the duplicate (quick fix).', 'updateFlowSpecs'),
    row('SSDK603', 'warning', 'Unexpected target connection spec', `SDK flow specs target only the Data Lake spec \`${DATA_LAKE_TARGET_SPEC_ID}\`.`, 'updateFlowSpecs'),
    row('SSDK604', 'error', '`transformationSpec` (singular)', 'Rename to `transformationSpecs` (quick fix).', 'flowSpecs'),
    row('SSDK605', 'error', 'Unexpected scheduleSpec name/type', 'Use `"name": "PeriodicSchedule"` and `"type": "Periodic"` (the only values the schema accepts).', 'flowSpecs'),
    row('SSDK606', 'warning', 'scheduleSpec in a streaming flow spec', 'Remove `scheduleSpec`: streaming dataflows are not scheduled.', 'flowSpecs'),
    row('SSDK609', 'warning', 'Known flow spec without source connection specs', 'GET the current flow spec and append your id to its `sourceConnectionSpecIds`: a PUT replaces the whole list.', 'updateFlowSpecs'),
    row('SSDK610', 'warning', 'Id of the remote copy missing from the list', 'Put the ids the remote copy lists back (quick fix): a PUT with a shorter list unregisters those sources. Compared only when the remote copy is known (linked or cached).', 'updateFlowSpecs'),
    row('SSDK611', 'warning', 'Flow spec id and name of two different known flow specs', 'Make `id` and `name` belong to the same flow spec: a PUT goes to the id, whatever the name says.', 'updateFlowSpecs'),
    row('SSDK612', 'info', 'A full PUT replaces the source list', 'Before a PUT, GET the current flow spec and keep every id present remotely; only append your id. Shown when no remote copy is known to compare with.', 'updateFlowSpecs'),
  ],
  kinds: ['flowSpec'],
  run(ctx) {
    checkIdList(ctx, 'sourceConnectionSpecIds');
    checkIdAndName(ctx);
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

/** SSDK611: the id says one known flow spec, the name another. A PUT goes by the id, so the name is the slip. */
function checkIdAndName(ctx: RuleContext): void {
  const idNode = getPath(ctx.root, ['id']);
  const nameNode = getPath(ctx.root, ['name']);
  const id = stringValue(idNode)?.toLowerCase();
  const name = stringValue(nameNode);
  const byId = id ? SDK_FLOW_SPECS[id] : undefined;
  if (!byId || !nameNode || name === undefined || name === byId || !(name in KNOWN_FLOW_SPEC_NAMES)) return;
  ctx.report({ code: 'SSDK611', node: nameNode, data: { candidates: [byId] },
    message: `"id" is ${byId}'s (${KNOWN_FLOW_SPEC_NAMES[byId]}) but "name" is "${name}" (${KNOWN_FLOW_SPEC_NAMES[name]}): ` +
      `a PUT of this body changes ${byId}. Use the id and name of the same flow spec.` });
}

/**
 * A PUT of a flow spec replaces it whole: a source list that lost entries unregisters every source not in it.
 * Which ids the service holds is known only from a remote copy (linked or cached, passed in by the caller; the
 * engine never calls the Flow Service). With one, missing ids are named (SSDK610); without, the finding says only
 * that every id present remotely must be kept (SSDK612): no fixed list is claimed.
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
  if (list.valueNode?.type !== 'array') return;
  const remote = ctx.remote?.sourceConnectionSpecIds;
  if (!remote) {
    ctx.report({ code: 'SSDK612', node: list.keyNode,
      message: `A PUT replaces the whole ${known} flow spec: every id present in the remote copy must stay in ` +
        '"sourceConnectionSpecIds", or those sources are unregistered. GET the current flow spec first and only append your id.' });
    return;
  }
  const present = new Set(items.map((item) => stringValue(item)?.toLowerCase()));
  const missing = remote.filter((id) => !present.has(id.toLowerCase()));
  if (missing.length === 0) return;
  const shown = missing.slice(0, 5).map((id) => `"${id}"`).join(', ') + (missing.length > 5 ? `, and ${missing.length - 5} more` : '');
  ctx.report({ code: 'SSDK610', node: list.keyNode, data: { ids: missing, id: missing[0] },
    message: `The remote copy of ${known} lists ${shown}, missing here: a PUT of this body would unregister ` +
      `${missing.length > 1 ? 'those sources' : 'that source'}. Put ${missing.length > 1 ? 'them' : 'it'} back and only append your id.` });
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

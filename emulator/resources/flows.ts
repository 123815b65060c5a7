/**
 * Flows (`/flows`): semantic rule 25 in full — the flow spec exists; every source connection's spec is listed in
 * its `sourceConnectionSpecIds` (the mistake authors make most: the 400 says "register <spec id> in flow spec
 * <name>"); every target connection's spec in `targetConnectionSpecIds`; transformation names known to the flow
 * spec; `scheduleParams` valid against its `scheduleSpec` (numbers or, as the tutorials write them, numeric
 * strings); no `state` on create (1410). Streaming flows get `options.inletUrl` pointing at this emulator.
 */
import { randomUUID } from 'node:crypto';
import { flowResourcePath, linkPathOf } from '../../core/api/flowResources';
import { baseUrl, type RequestContext } from '../http';
import type { Caller, Outcome } from '../specRoutes';
import { isObject, refuse, specReference, tableResource, type ResourceDescriptor, type ResourceServices } from './descriptor';
import { inletUrl } from './inlet';
import { checkAgainstSchema } from './paramSchemas';
import { publicView, type StoredResource } from './resourceStore';


/** True when the flow spec describes streaming flows (no schedule, an inlet). */
export function isStreamingFlowSpec(flowSpec: Record<string, unknown>): boolean {
  const attributes = flowSpec.attributes as { frequency?: unknown } | undefined;
  return attributes?.frequency === 'streaming' || flowSpec.providerId === '521eee4d-8cbe-4906-bb48-fb6bd4450033';
}

/** `"1625040887"` → 1625040887 for the integer fields; `"true"` → true for backfill; everything else as given. */
function coerceSchedule(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const field of ['startTime', 'interval']) {
    const value = out[field];
    if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) out[field] = Number(value);
  }
  if (out.backfill === 'true' || out.backfill === 'false') out.backfill = out.backfill === 'true';
  return out;
}

function stringList(value: unknown, field: string): string[] | string {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string' || entry === '')) return `The field '${field}' must be an array of ids.`;
  return value as string[];
}

interface CheckedFlow {
  body: Record<string, unknown>;
  extra: Record<string, unknown>;
}

/** The field, resource and flow-spec list names of a flow's source or target side. */
const FLOW_SIDES = {
  source: { ids: 'sourceConnectionIds', resource: 'sourceConnections', specIds: 'sourceConnectionSpecIds', verb: 'reads' },
  target: { ids: 'targetConnectionIds', resource: 'targetConnections', specIds: 'targetConnectionSpecIds', verb: 'writes to' },
} as const;

/**
 * One side of a flow: the ids are a non-empty list, each connection exists in the sandbox and its connection spec is
 * in the flow spec's list for that side (else `notListed` says what to do). Returns the ids and what the flow
 * inherits of each connection (a source's base connection too).
 */
async function flowConnections(
  side: keyof typeof FLOW_SIDES,
  ctx: RequestContext,
  caller: Caller,
  body: Record<string, unknown>,
  flowSpec: Record<string, unknown>,
  services: ResourceServices,
  notListed: (specId: string, connectionId: string, listed: ReadonlySet<string>) => string,
): Promise<Outcome<{ ids: string[]; inherited: Record<string, unknown>[] }>> {
  const names = FLOW_SIDES[side];
  const ids = stringList(body[names.ids], names.ids);
  if (typeof ids === 'string') return refuse(ctx, ids, '1100', 'flows');
  if (ids.length === 0) return refuse(ctx, `Missing field '${names.ids}': list the ${side} connection the flow ${names.verb} (POST /${names.resource} creates one).`, '1455', 'flows');
  const specIds = flowSpec[names.specIds];
  const listed = new Set(Array.isArray(specIds) ? specIds.map(String) : []);
  const inherited: Record<string, unknown>[] = [];
  for (const id of ids) {
    const connection = await services.store.get(caller.scope, names.resource, id);
    if (!connection) return refuse(ctx, `The ${side} connection '${id}' does not exist in this sandbox: create it with POST /${names.resource} first.`, '1100', 'flows');
    const specId = String((connection.connectionSpec as { id?: unknown }).id);
    if (!listed.has(specId)) return refuse(ctx, notListed(specId, id, listed), '1100', 'flows');
    const entry: Record<string, unknown> = { id: connection.id, connectionSpec: connection.connectionSpec };
    const base = side === 'source' ? (connection.inheritedAttributes as { baseConnection?: unknown } | undefined)?.baseConnection : undefined;
    if (base) entry.baseConnection = base;
    inherited.push(entry);
  }
  return { ok: true, value: { ids, inherited } };
}

/** Every check of rule 25; `id` is the flow's id (new or existing) for the inlet URL. */
async function checkFlow(
  ctx: RequestContext,
  caller: Caller,
  body: Record<string, unknown>,
  id: string,
  services: ResourceServices,
): Promise<Outcome<CheckedFlow>> {
  if (typeof body.name !== 'string' || body.name.trim() === '') return refuse(ctx, "Missing field 'name': give the flow a name.", '1455', 'flows');
  const ref = specReference(body.flowSpec, 'flowSpec');
  if (typeof ref === 'string') return refuse(ctx, ref, '1455', 'flows');
  const flowSpec = await services.specs.get(caller.scope, 'flowSpecs', ref.id);
  if (!flowSpec) {
    return refuse(ctx, `Invalid spec ID: no flow spec '${ref.id}' in this sandbox. Batch sources use RestStorageToAEP (6499120c-0b15-42dc-936e-847ea3c24d72), streaming ones GenericStreamingAEP (e77fde5a-22a8-11ed-861d-0242ac120002).`, '1413', 'flows');
  }
  const specName = String(flowSpec.name);

  const sources = await flowConnections('source', ctx, caller, body, flowSpec, services, (specId, sourceId) =>
    `The connection spec ${specId} of source connection ${sourceId} is not in the sourceConnectionSpecIds of flow spec ${specName} (${ref.id}): register ${specId} in flow spec ${specName} (add it with PUT /flowSpecs/${ref.id}, or run "Sources SDK: Register in Flow Spec"), then create the flow again.`);
  if (!sources.ok) return sources;
  const { ids: sourceIds, inherited: inheritedSources } = sources.value;
  const targets = await flowConnections('target', ctx, caller, body, flowSpec, services, (specId, targetId, listed) =>
    `The connection spec ${specId} of target connection ${targetId} is not in the targetConnectionSpecIds of flow spec ${specName}: use a target connection of one of ${[...listed].join(', ') || '(none listed)'}.`);
  if (!targets.ok) return targets;
  const { ids: targetIds, inherited: inheritedTargets } = targets.value;

  const transformations = body.transformations === undefined ? [] : body.transformations;
  if (!Array.isArray(transformations)) return refuse(ctx, "The field 'transformations' must be an array of {\"name\", \"params\"}.", '1100', 'flows');
  const specTransformations = [flowSpec.transformationSpecs, flowSpec.transformationSpec].flatMap((list) => (Array.isArray(list) ? list : []));
  const knownNames = specTransformations.filter(isObject).map((t) => String(t.name));
  for (const [index, transformation] of transformations.entries()) {
    if (!isObject(transformation) || typeof transformation.name !== 'string') {
      return refuse(ctx, `transformations[${index}] needs a 'name' (one of ${knownNames.map((n) => `'${n}'`).join(', ') || 'none'}) and 'params'.`, '1455', 'flows');
    }
    if (!knownNames.includes(transformation.name)) {
      return refuse(ctx, `transformations[${index}].name '${transformation.name}' is not a transformation of flow spec ${specName}: use one of ${knownNames.map((n) => `'${n}'`).join(', ') || '(none)'}.`, '1100', 'flows');
    }
    const params = transformation.params;
    if (transformation.name === 'Mapping' && isObject(params) && params.mappingId !== undefined) {
      const mapping = await services.store.get(caller.scope, 'mappingSets', String(params.mappingId));
      if (!mapping) {
        return refuse(ctx, `transformations[${index}].params.mappingId '${String(params.mappingId)}' is no mapping set in this sandbox: create one with POST ${flowResourcePath('mappingSets')} and use its id.`, '1419', 'flows');
      }
      if (params.mappingVersion !== undefined && !/^\d+$/.test(String(params.mappingVersion))) {
        return refuse(ctx, `transformations[${index}].params.mappingVersion must be a version number such as 0 (got ${JSON.stringify(params.mappingVersion)}).`, '1412', 'flows');
      }
    }
  }

  const streaming = isStreamingFlowSpec(flowSpec);
  const scheduleSpec = (flowSpec.scheduleSpec as { spec?: unknown } | undefined)?.spec;
  let scheduleParams: Record<string, unknown> | undefined;
  if (body.scheduleParams !== undefined) {
    if (!scheduleSpec) return refuse(ctx, `Flow spec ${specName} has no schedule (streaming flows run as events arrive): remove 'scheduleParams'.`, '1100', 'flows');
    if (!isObject(body.scheduleParams)) return refuse(ctx, "The field 'scheduleParams' must be an object such as {\"startTime\": 1700000000, \"frequency\": \"minute\", \"interval\": 15}.", '1100', 'flows');
    scheduleParams = coerceSchedule(body.scheduleParams);
    const problem = checkAgainstSchema(scheduleSpec, scheduleParams, 'scheduleParams');
    if (problem) {
      return refuse(ctx, `${problem} (scheduleSpec of flow spec ${specName}: startTime in epoch seconds; frequency once, minute, hour, day or week; interval ≥ 15 for minute, ≥ 1 otherwise; no interval or backfill with once).`, '1100', 'flows');
    }
  } else if (scheduleSpec) {
    return refuse(ctx, `Missing field 'scheduleParams': flow spec ${specName} runs on a schedule, e.g. {"startTime": ${Math.floor(Date.now() / 1000)}, "frequency": "minute", "interval": 15}.`, '1455', 'flows');
  }

  const options = isObject(body.options) ? { ...body.options } : {};
  if (streaming) options.inletUrl = inletUrl(baseUrl(ctx), caller.scope, id);
  // mappingVersion arrives as 0 or "0" (the docs show both); it is served as the OpenAPI's string, like the platform echoes it.
  const storedTransformations = transformations.map((t: Record<string, unknown>) =>
    isObject(t.params) && typeof t.params.mappingVersion === 'number' ? { ...t, params: { ...t.params, mappingVersion: String(t.params.mappingVersion) } } : t,
  );
  const stored: Record<string, unknown> = { ...body, flowSpec: ref, sourceConnectionIds: sourceIds, targetConnectionIds: targetIds, transformations: storedTransformations };
  if (scheduleParams) {
    // Stored the way the platform echoes it (OpenAPI ScheduleSpecDTO: startTime int64, interval a string).
    stored.scheduleParams = { ...scheduleParams, ...(scheduleParams.interval !== undefined ? { interval: String(scheduleParams.interval) } : {}) };
  }
  if (Object.keys(options).length > 0) stored.options = options;
  const extra: Record<string, unknown> = {
    inheritedAttributes: { properties: { isSourceFlow: true }, sourceConnections: inheritedSources, targetConnections: inheritedTargets },
    runs: `${linkPathOf('runs')}?property=flowId==${id}`,
  };
  return { ok: true, value: { body: stored, extra } };
}

export const flows: ResourceDescriptor = {
  ...tableResource('flows'),
  serverManaged: ['lastRunDetails', 'lastOperation', 'inheritedAttributes', 'runs'],

  async prepareCreate(ctx, caller, body, services) {
    if (body.state !== undefined) {
      return refuse(ctx, "The field 'state' is not allowed when creating a flow: remove it (a new flow starts enabled; change it later with PATCH).", '1410', 'flows');
    }
    const id = randomUUID();
    const checked = await checkFlow(ctx, caller, body, id, services);
    if (!checked.ok) return checked;
    const now = Date.now();
    return {
      ok: true,
      value: { body: checked.value.body, extra: { ...checked.value.extra, state: 'enabled', lastOperation: { started: now, updated: now, operation: 'create' } }, id },
    };
  },

  async preparePatch(ctx, caller, current, patched, services) {
    const { state, ...rest } = patched;
    if (state !== undefined && state !== 'enabled' && state !== 'disabled') {
      return refuse(ctx, `Invalid state value '${String(state)}': use 'enabled' or 'disabled'.`, '1456', 'flows');
    }
    const checked = await checkFlow(ctx, caller, rest, current.id, services);
    if (!checked.ok) return checked;
    const now = Date.now();
    const next: Record<string, unknown> = { ...current, ...checked.value.body, ...checked.value.extra, state: state ?? current.state, lastOperation: { started: now, updated: now, operation: 'update' } };
    if (!('scheduleParams' in rest)) delete next.scheduleParams;
    return { ok: true, value: next as StoredResource };
  },

  async afterChange(caller, record, services) {
    await services.scheduler.flowChanged(caller.scope, record);
  },

  async afterDelete(caller, record, services) {
    services.scheduler.flowDeleted(caller.scope, record.id);
  },

  view: publicView,
};

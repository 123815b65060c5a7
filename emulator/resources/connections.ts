/**
 * Source connections, target connections and mapping sets: the middle of the test chain (https://developer.adobe.com/experience-platform-apis/references/flow-service/).
 * Source connection params validate against the spec's `sourceSpec.spec`; a batch source needs a base connection
 * of the same spec, a streaming one has none. Target connections and mapping sets are checked for shape only:
 * the emulator has no Catalog or Schema Registry, so `dataSetId` and XDM paths are not resolved.
 */
import { flowError, type RequestContext } from '../http';
import type { Caller, Outcome } from '../specRoutes';
import { isPlatformTargetSpec } from '../platformSpecs';
import { DATA_LAKE_TARGET_SPEC_ID } from '../seeds';
import { isStreamingSpec, loadConnectionSpec } from './baseConnections';
import { isObject, refuse, specReference, tableResource, type ResourceDescriptor, type ResourceServices } from './descriptor';
import { checkAgainstSchema } from './paramSchemas';
import { publicView, type StoredResource } from './resourceStore';


/** The check a connection gets on create, and on patch (`patchedBy`). */
type ConnectionCheck = ResourceDescriptor['prepareCreate'];

function requireName(ctx: RequestContext, body: Record<string, unknown>, label: string): Outcome<string> {
  if (typeof body.name !== 'string' || body.name.trim() === '') return refuse(ctx, `Missing field 'name': give the ${label} a name.`, '1455');
  return { ok: true, value: body.name };
}

/** Refuses deleting a source or target connection a flow still uses. */
async function refuseIfUsed(ctx: RequestContext, caller: Caller, record: StoredResource, services: ResourceServices, field: string, label: string) {
  const flows = (await services.store.list(caller.scope, 'flows')).filter((flow) =>
    (Array.isArray(flow[field]) ? (flow[field] as unknown[]) : []).includes(record.id),
  );
  if (flows.length === 0) return undefined;
  const names = flows.map((flow) => `'${String(flow.name)}' (${flow.id})`).join(', ');
  return flowError('1100', 400, `The ${label} ${record.id} is used by the flow(s) ${names}: delete those flows first.`, ctx.requestId, {
    resourceId: record.id,
    resourceType: field === 'sourceConnectionIds' ? 'sourceConnections' : 'targetConnections',
  });
}

/** A source connection's create check: its spec, data format, base connection (batch) and params. */
const checkSourceConnection: ConnectionCheck = async (ctx, caller, body, services) => {
  const name = requireName(ctx, body, 'source connection');
  if (!name.ok) return name;
  const loaded = await loadConnectionSpec(ctx, caller.scope, body.connectionSpec, 'connectionSpec', services);
  if (!loaded.ok) return loaded;
  const { spec, ref } = loaded.value;
  const data = body.data;
  if (!isObject(data) || typeof data.format !== 'string' || data.format === '') {
    return refuse(ctx, `Missing field 'data.format': send "data": {"format": "json"}.`, '1455');
  }
  const streaming = isStreamingSpec(spec);
  if (streaming && data.format !== 'json') return refuse(ctx, `Streaming sources accept only "data": {"format": "json"} (got '${data.format}').`);
  const extra: Record<string, unknown> = { state: 'enabled' };
  if (!streaming || body.baseConnectionId !== undefined) {
    if (typeof body.baseConnectionId !== 'string' || body.baseConnectionId === '') {
      return refuse(ctx, `Missing field 'baseConnectionId': a batch source reads through a base connection. Create one with POST /connections for spec ${ref.id}, then pass its id.`, '1455');
    }
    const base = await services.store.get(caller.scope, 'connections', body.baseConnectionId);
    if (!base) return refuse(ctx, `The base connection '${body.baseConnectionId}' does not exist in this sandbox: create it with POST /connections first.`);
    const baseSpec = (base.connectionSpec as { id?: unknown } | undefined)?.id;
    if (baseSpec !== ref.id) {
      return refuse(ctx, `The base connection ${base.id} is for connection spec ${String(baseSpec)}, not ${ref.id}: use a base connection of the same spec.`);
    }
    extra.inheritedAttributes = { baseConnection: { id: base.id, connectionSpec: base.connectionSpec } };
  }
  const params = body.params === undefined ? {} : body.params;
  if (!isObject(params)) return refuse(ctx, "The field 'params' must be an object of the values sourceSpec.spec defines.");
  const sourceSchema = (spec.sourceSpec as { spec?: unknown } | undefined)?.spec;
  if (sourceSchema !== undefined) {
    const problem = checkAgainstSchema(sourceSchema, params, 'params');
    if (problem) return refuse(ctx, `${problem} (sourceSpec.spec of connection spec ${ref.id}). Fix the value and send the request again.`);
  }
  const { state: _state, ...rest } = body;
  return { ok: true, value: { body: { ...rest, params, connectionSpec: ref }, extra } };
};

/** A PATCH is checked like a create: the patched record goes through the same check, then replaces the current one. */
function patchedBy(check: ResourceDescriptor['prepareCreate']): NonNullable<ResourceDescriptor['preparePatch']> {
  return async (ctx, caller, current, patched, services) => {
    const checked = await check(ctx, caller, patched, services);
    if (!checked.ok) return checked;
    return { ok: true, value: { ...current, ...checked.value.body, ...checked.value.extra } as StoredResource };
  };
}

export const sourceConnections: ResourceDescriptor = {
  ...tableResource('sourceConnections'),
  serverManaged: ['inheritedAttributes'],
  prepareCreate: checkSourceConnection,
  preparePatch: patchedBy(checkSourceConnection),
  refuseDelete: (ctx, caller, record, services) => refuseIfUsed(ctx, caller, record, services, 'sourceConnectionIds', 'source connection'),
  view: publicView,
};

/** A target connection's create check: its spec (a platform target or a spec here), data format and params. */
const checkTargetConnection: ConnectionCheck = async (ctx, caller, body, services) => {
  const name = requireName(ctx, body, 'target connection');
  if (!name.ok) return name;
  const ref = specReference(body.connectionSpec, 'connectionSpec');
  if (typeof ref === 'string') return refuse(ctx, `${ref} For the data lake use "${DATA_LAKE_TARGET_SPEC_ID}".`, '1455');
  if (!isPlatformTargetSpec(ref.id) && !(await services.specs.get(caller.scope, 'connectionSpecs', ref.id))) {
    return refuse(ctx, `Invalid spec ID: '${ref.id}' is no target connection spec here. Sources SDK flows write to the data lake: use "${DATA_LAKE_TARGET_SPEC_ID}".`, '1413');
  }
  const data = body.data;
  if (!isObject(data) || typeof data.format !== 'string' || data.format === '') {
    return refuse(ctx, `Missing field 'data.format': send e.g. "data": {"format": "parquet_xdm", "schema": {"id": "<XDM schema $id>", "version": "application/vnd.adobe.xed-full+json;version=1"}}.`, '1455');
  }
  if (data.schema !== undefined && (!isObject(data.schema) || typeof data.schema.id !== 'string')) {
    return refuse(ctx, "The field 'data.schema' must be {\"id\": \"<XDM schema $id>\", \"version\": \"…\"}.");
  }
  const params = body.params === undefined ? {} : body.params;
  if (!isObject(params)) return refuse(ctx, "The field 'params' must be an object such as {\"dataSetId\": \"<dataset id>\"}.");
  if (ref.id === DATA_LAKE_TARGET_SPEC_ID && (typeof params.dataSetId !== 'string' || params.dataSetId === '')) {
    return refuse(ctx, "Missing field 'params.dataSetId': the data lake target needs the id of the dataset to write to (any id works on the emulator; it is not checked against Catalog).", '1455');
  }
  const { state: _state, ...rest } = body;
  return { ok: true, value: { body: { ...rest, params, connectionSpec: ref }, extra: { state: 'enabled' } } };
};

export const targetConnections: ResourceDescriptor = {
  ...tableResource('targetConnections'),
  prepareCreate: checkTargetConnection,
  preparePatch: patchedBy(checkTargetConnection),
  refuseDelete: (ctx, caller, record, services) => refuseIfUsed(ctx, caller, record, services, 'targetConnectionIds', 'target connection'),
  view: publicView,
};

/** The two forms of a mapping set, told apart by their fields. */
const MAPPING_FORMS = {
  current: { schema: 'outputSchema', mapping: ['sourceType', 'source', 'destination'] },
  older: { schema: 'xdmSchema', mapping: ['sourceAttribute', 'destinationXdmPath'] },
} as const;

const CURRENT_EXAMPLE = '{"outputSchema": {"schemaRef": {"id": "<XDM schema $id>", "contentType": "application/vnd.adobe.xed-full+json;version=1"}}, "mappings": [{"sourceType": "ATTRIBUTE", "source": "id", "destination": "_id"}]}';
const OLDER_EXAMPLE = '{"xdmSchema": "<XDM schema $id>", "xdmVersion": "1.0", "mappings": [{"sourceAttribute": "id", "destinationXdmPath": "_id"}]}';

/** Which form a body is written in, from its fields; `mixed` when it has fields of both, undefined with none. */
function mappingForm(body: Record<string, unknown>): 'current' | 'older' | 'mixed' | undefined {
  const mappings = Array.isArray(body.mappings) ? body.mappings.filter(isObject) : [];
  const uses = (form: keyof typeof MAPPING_FORMS) =>
    body[MAPPING_FORMS[form].schema] !== undefined || mappings.some((m) => MAPPING_FORMS[form].mapping.some((field) => m[field] !== undefined));
  const current = uses('current');
  const older = uses('older');
  if (current && older) return 'mixed';
  return current ? 'current' : older ? 'older' : undefined;
}

/**
 * Checks a mapping set in either form Data Prep takes: the current one (`outputSchema.schemaRef` and `mappings[]` of
 * `{sourceType, source, destination}`) or the older one the Sources SDK template shows (`xdmSchema`, `xdmVersion` and
 * `mappings[]` of `{sourceAttribute, destinationXdmPath}`). The body is stored as written, so it reads back in its form.
 */
function checkMappingSet(ctx: RequestContext, body: Record<string, unknown>): Outcome<{ body: Record<string, unknown>; extra: Record<string, unknown> }> {
  const missing = (message: string) => refuse(ctx, message, '1455', 'mappingSets');
  const form = mappingForm(body);
  if (form === 'mixed') {
    return refuse(ctx, `The mapping set mixes the two forms: use either the current one, ${CURRENT_EXAMPLE}, or the older one, ${OLDER_EXAMPLE}.`, '1100', 'mappingSets');
  }
  if (form === undefined) return missing(`Missing the target schema and mappings: send the current form, ${CURRENT_EXAMPLE}, or the older one, ${OLDER_EXAMPLE}.`);
  if (form === 'current') {
    const ref = isObject(body.outputSchema) ? body.outputSchema.schemaRef : undefined;
    if (!isObject(ref) || typeof ref.id !== 'string' || ref.id === '') {
      return missing("Missing field 'outputSchema.schemaRef.id': the $id of the target XDM schema, e.g. \"outputSchema\": {\"schemaRef\": {\"id\": \"https://ns.adobe.com/<tenant>/schemas/<id>\", \"contentType\": \"application/vnd.adobe.xed-full+json;version=1\"}}.");
    }
  } else if (typeof body.xdmSchema !== 'string' || body.xdmSchema === '') {
    return missing("Missing field 'xdmSchema': the $id of the target XDM schema.");
  }
  if (!Array.isArray(body.mappings)) {
    const shape = form === 'current' ? '{"sourceType": "ATTRIBUTE", "source", "destination"}' : '{"sourceAttribute", "destinationXdmPath"}';
    return missing(`Missing field 'mappings': an array of ${shape} objects.`);
  }
  for (const [index, mapping] of body.mappings.entries()) {
    const absent = MAPPING_FORMS[form].mapping.find((field) => !isObject(mapping) || typeof mapping[field] !== 'string' || mapping[field] === '');
    if (absent) return missing(`mappings[${index}] needs the string field '${absent}' (${form === 'current' ? "sourceType such as 'ATTRIBUTE', source and destination" : 'sourceAttribute and destinationXdmPath'}).`);
  }
  const stored = form === 'older' ? { ...body, xdmVersion: body.xdmVersion ?? '1.0' } : body;
  return { ok: true, value: { body: stored, extra: { version: 0 } } };
}

/** Mapping sets live on the Data Prep API; its items carry `createdDate`/`modifiedDate` rather than `createdAt`. */
export const mappingSets: ResourceDescriptor = {
  ...tableResource('mappingSets'),
  async prepareCreate(ctx, _caller, body) {
    return checkMappingSet(ctx, body);
  },
  view(record) {
    const shown = publicView(record);
    return { ...shown, createdDate: record.createdAt, modifiedDate: record.updatedAt, modifiedBy: record.updatedBy };
  },
  createdBody(record) {
    return { id: record.id, version: record.version, createdDate: record.createdAt, modifiedDate: record.updatedAt, createdBy: record.createdBy, modifiedBy: record.updatedBy };
  },
};

/**
 * `GET /connections/{id}/explore?objectType=rest&object=json&fileType=json&preview=true&sourceParams=<base64 JSON>`:
 * the preview the platform shows before a source connection is created. `sourceParams` must decode to an object
 * valid against `sourceSpec.spec`; the answer is `{"data": [...]}` with the records of the first page, read from
 * the source through the execution engine, or the source's failure (its status and message, secrets redacted).
 */
import { flowError, json, type Reply, type RequestContext } from '../http';
import type { Caller } from '../specRoutes';
import { connectionCredentials, findAuthSpec } from './baseConnections';
import { badRequest, isObject, type ResourceServices } from './descriptor';
import { checkAgainstSchema } from './paramSchemas';
import type { Execute } from './runs';

function decodeSourceParams(text: string | null): Record<string, unknown> | string {
  if (text === null || text === '') return {};
  const example = 'e.g. sourceParams=eyJsaXN0SWQiOiIxMGMwOTdjYTcxIn0= for {"listId":"10c097ca71"}';
  let decoded: string;
  try {
    decoded = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  } catch {
    return `sourceParams is not base64: encode the JSON object of the sourceSpec.spec values (${example}).`;
  }
  try {
    const parsed = JSON.parse(decoded) as unknown;
    if (isObject(parsed)) return parsed;
  } catch {
    // reported below
  }
  return `sourceParams must be the base64 of a JSON object of the sourceSpec.spec values (${example}).`;
}

/**
 * The explore sub-route; `execute` is the engine's `runSpec`. The answer has no place for warnings (the Flow Service
 * shape is `{data}`), so they go to the emulator's log: what was withheld from another origin, for one.
 */
export function exploreRoute(execute: Execute, log: (line: string) => void = () => undefined) {
  return async (ctx: RequestContext, caller: Caller, id: string, services: ResourceServices): Promise<Reply> => {
    const connection = await services.store.get(caller.scope, 'connections', id);
    if (!connection) {
      return flowError('1101', 404, `Resource not found: no base connection with id '${id}' in this sandbox. Create one with POST /connections.`, ctx.requestId, { resourceId: id, resourceType: 'connections' });
    }
    const query = ctx.url.searchParams;
    const objectType = query.get('objectType');
    if (objectType !== null && objectType.toLowerCase() !== 'rest') {
      return badRequest(ctx, `objectType '${objectType}' is not explorable here: Sources SDK sources are REST sources, use objectType=rest&object=json&fileType=json&preview=true.`);
    }
    if (query.get('preview') !== 'true') {
      return badRequest(ctx, 'Add preview=true (and sourceParams) to read a preview of the source: the emulator explores REST sources by previewing their records.');
    }
    const specId = String((connection.connectionSpec as { id?: unknown }).id);
    const spec = await services.specs.get(caller.scope, 'connectionSpecs', specId);
    if (!spec) return badRequest(ctx, `The connection spec ${specId} of this connection no longer exists in the sandbox: push it again.`, '1413');
    const params = decodeSourceParams(query.get('sourceParams'));
    if (typeof params === 'string') return badRequest(ctx, params);
    const sourceSchema = (spec.sourceSpec as { spec?: unknown } | undefined)?.spec;
    if (sourceSchema !== undefined) {
      const problem = checkAgainstSchema(sourceSchema, params, 'sourceParams');
      if (problem) return badRequest(ctx, `${problem} (sourceSpec.spec of connection spec ${specId}). Add it to the JSON you base64-encode.`);
    }
    const specName = String((connection.auth as { specName?: unknown }).specName);
    const authSpec = findAuthSpec(spec, specName);
    if (!authSpec) return badRequest(ctx, `The auth spec '${specName}' is no longer in connection spec ${specId}: create a new base connection.`, '1415');
    const result = await execute({
      spec,
      authSpecName: String(authSpec.name),
      authValues: await connectionCredentials(connection, services),
      sourceValues: params,
      limits: { firstPageOnly: true },
    });
    for (const warning of result.warnings) log(`explore of connection ${id}: warning ${warning.code}: ${warning.message}`);
    if (result.error) {
      const status = result.error.status === undefined ? '' : ` (the source answered HTTP ${result.error.status})`;
      return badRequest(ctx, `Reading the source failed${status}: ${result.error.message.replace(/[.\s]*$/, '.')} Check the base connection's credentials and the sourceParams, then explore again.`);
    }
    return json(200, { data: result.records });
  };
}

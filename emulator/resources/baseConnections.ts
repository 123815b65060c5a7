/**
 * Base connections (`/connections`): an authenticated account for one connection spec. `auth.specName` must
 * name one of the spec's auth specs (by `name` or `type`, case-insensitively, since the docs spell it several
 * ways in https://developer.adobe.com/experience-platform-apis/references/flow-service/) and `auth.params` must validate against that auth spec's JSON Schema. Secret params are
 * served masked and stored only encrypted (see secrets.ts).
 */
import { STREAMING_PROVIDER_ID } from '../../core/spec/wellKnownIds';
import { flowError, type RequestContext } from '../http';
import { platformConnectionSpec } from '../platformSpecs';
import type { Caller, Outcome } from '../specRoutes';
import type { Scope } from '../types';
import { isObject, refuse, specReference, tableResource, type ResourceDescriptor, type ResourceServices } from './descriptor';
import { checkAgainstSchema } from './paramSchemas';
import { publicView, type StoredResource } from './resourceStore';
import { SECRET_MASK, secretParamNames, splitSecrets } from './secrets';


interface AuthSpecEntry {
  name?: unknown;
  type?: unknown;
  spec?: unknown;
}

/** The auth spec `specName` designates: exact name first, then name or type ignoring case and spaces. */
export function findAuthSpec(spec: Record<string, unknown>, specName: string): AuthSpecEntry | undefined {
  const entries = (Array.isArray(spec.authSpec) ? spec.authSpec : []).filter(isObject) as AuthSpecEntry[];
  const exact = entries.find((entry) => entry.name === specName);
  if (exact) return exact;
  const loose = (value: unknown): string => String(value ?? '').replace(/[\s_-]/g, '').toLowerCase();
  return entries.find((entry) => loose(entry.name) === loose(specName) || loose(entry.type) === loose(specName));
}

function authSpecNames(spec: Record<string, unknown>): string {
  const entries = (Array.isArray(spec.authSpec) ? spec.authSpec : []).filter(isObject) as AuthSpecEntry[];
  return entries.map((entry) => `'${String(entry.name)}'`).join(', ');
}

/** True for a `generic-streaming` connection spec (no base connection, events pushed to an inlet). */
export function isStreamingSpec(spec: Record<string, unknown>): boolean {
  const explore = spec.exploreSpec as { type?: unknown } | undefined;
  return spec.type === 'generic-streaming' || spec.providerId === STREAMING_PROVIDER_ID || explore?.type === 'StreamingConnection';
}

/** The connection spec a resource references, or the FLOW 1413 refusal that says how to get one. */
export async function loadConnectionSpec(
  ctx: RequestContext,
  scope: Scope,
  reference: unknown,
  field: string,
  services: ResourceServices,
): Promise<Outcome<{ spec: Record<string, unknown>; ref: { id: string; version: string } }>> {
  const ref = specReference(reference, field);
  if (typeof ref === 'string') return refuse(ctx, ref, '1455');
  const platform = platformConnectionSpec(ref.id);
  if (platform) {
    return refuse(ctx, `The connection spec '${String(platform.name)}' (${ref.id}) is the platform's target, not a source: use it in POST /targetConnections; base and source connections take your source's connection spec.`, '1413');
  }
  const spec = await services.specs.get(scope, 'connectionSpecs', ref.id);
  if (!spec) {
    return refuse(ctx, `Invalid spec ID: no connection spec '${ref.id}' in sandbox '${scope.sandboxName}'. Push the spec first (POST /connectionSpecs, or Upload Spec), then use the id it was given.`, '1413');
  }
  return { ok: true, value: { spec, ref } };
}

/** Checks `auth` and splits its params; returns the fields to store (masked params, sealed secrets). */
async function checkAuth(
  ctx: RequestContext,
  spec: Record<string, unknown>,
  auth: unknown,
  previousSecrets: Record<string, unknown>,
  services: ResourceServices,
): Promise<Outcome<{ auth: Record<string, unknown>; sealed: string }>> {
  if (!isObject(auth) || typeof auth.specName !== 'string' || auth.specName === '') {
    return refuse(ctx, `Missing field 'auth.specName': name one of the connection spec's auth specs (${authSpecNames(spec) || 'it has none'}).`, '1455');
  }
  const authSpec = findAuthSpec(spec, auth.specName);
  if (!authSpec) {
    const hint = authSpecNames(spec)
      ? `Use one of ${authSpecNames(spec)}.`
      : 'This spec has no auth specs: streaming sources have no base connection; create the source connection directly.';
    return refuse(ctx, `The auth spec '${auth.specName}' could not be found for the connection spec ID ${String(spec.id)}. ${hint}`, '1415');
  }
  const given = auth.params === undefined ? {} : auth.params;
  if (!isObject(given)) return refuse(ctx, "The field 'auth.params' must be an object of the auth spec's properties.");
  // A masked value sent back (e.g. a patch of /auth/params built from a GET) keeps the stored secret.
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) params[name] = value === SECRET_MASK && name in previousSecrets ? previousSecrets[name] : value;
  const problem = checkAgainstSchema(authSpec.spec, params, 'auth.params');
  if (problem) return refuse(ctx, `${problem} (auth spec '${String(authSpec.name)}'). Fix the value and send the request again.`);
  const { shown, secrets } = splitSecrets(params, secretParamNames(authSpec.spec, params));
  return { ok: true, value: { auth: { ...auth, params: shown }, sealed: await services.secrets.seal(secrets) } };
}

/** The decrypted auth params of a base connection (for runs and explore); never served. */
export async function connectionCredentials(record: StoredResource, services: ResourceServices): Promise<Record<string, unknown>> {
  const auth = record.auth as { params?: Record<string, unknown> } | undefined;
  const secrets = typeof record._secrets === 'string' ? await services.secrets.open(record._secrets) : {};
  return { ...(auth?.params ?? {}), ...secrets };
}

export const baseConnections: ResourceDescriptor = {
  ...tableResource('connections'),

  async prepareCreate(ctx, caller, body, services) {
    if (typeof body.name !== 'string' || body.name.trim() === '') return refuse(ctx, "Missing field 'name': give the base connection a name.", '1455');
    const loaded = await loadConnectionSpec(ctx, caller.scope, body.connectionSpec, 'connectionSpec', services);
    if (!loaded.ok) return loaded;
    const checked = await checkAuth(ctx, loaded.value.spec, body.auth, {}, services);
    if (!checked.ok) return checked;
    const { state: _state, ...rest } = body;
    return {
      ok: true,
      value: {
        body: { ...rest, connectionSpec: loaded.value.ref, auth: checked.value.auth },
        extra: { state: 'enabled', _secrets: checked.value.sealed },
      },
    };
  },

  async preparePatch(ctx, caller, current, patched, services) {
    const before = current.connectionSpec as { id?: unknown };
    const after = patched.connectionSpec as { id?: unknown } | undefined;
    if (after?.id !== before?.id) {
      return refuse(ctx, 'The connection spec of an existing connection cannot be changed: create a new base connection instead.', '1414');
    }
    const spec = await services.specs.get(caller.scope, 'connectionSpecs', String(before.id));
    if (!spec) return refuse(ctx, `The connection spec ${String(before.id)} of this connection no longer exists in the sandbox.`, '1413');
    const previousSecrets = typeof current._secrets === 'string' ? await services.secrets.open(current._secrets) : {};
    const checked = await checkAuth(ctx, spec, patched.auth, previousSecrets, services);
    if (!checked.ok) return checked;
    if (typeof patched.name !== 'string' || patched.name.trim() === '') return refuse(ctx, "The field 'name' cannot be removed or emptied.", '1455');
    return { ok: true, value: { ...current, ...patched, auth: checked.value.auth, _secrets: checked.value.sealed } as StoredResource };
  },

  async refuseDelete(ctx, caller: Caller, record, services) {
    const sources = (await services.store.list(caller.scope, 'sourceConnections')).filter((s) => s.baseConnectionId === record.id);
    const sourceIds = new Set(sources.map((s) => s.id));
    const flows = (await services.store.list(caller.scope, 'flows')).filter((flow) =>
      (Array.isArray(flow.sourceConnectionIds) ? flow.sourceConnectionIds : []).some((id) => sourceIds.has(String(id))),
    );
    if (flows.length === 0) return undefined;
    const names = flows.map((flow) => `'${String(flow.name)}' (${flow.id})`).join(', ');
    return flowError('1418', 400, `The base connection ${record.id} is used by the flow(s) ${names}: delete those flows first (DELETE /flows/{id}), then the connection.`, ctx.requestId, {
      resourceId: record.id,
      resourceType: 'connections',
    });
  },

  view: publicView,
};

/**
 * The generic routes of the instance resources: list, get, create, JSON-Patch update with `If-Match`, delete,
 * behind the same gateway checks as the spec routes. Each resource is a descriptor; the few routes that are not
 * CRUD (explore, on-demand runs, a run's records, the streaming inlet) are handed to their own handlers.
 */
import { isDeepStrictEqual } from 'node:util';
import { applyPatch, type Operation } from 'fast-json-patch';
import { baseUrl, contentTypeError, flowError, json, type Reply, type RequestContext } from '../http';
import { listReply } from '../listing';
import type { TokenAuthority } from '../ims';
import { authenticate, fail, header, isJsonContentType, readJsonBody, readJsonObject, type Caller, type Outcome } from '../specRoutes';
import { badRequest, type ResourceDescriptor, type ResourceServices } from './descriptor';
import { etagMatches, publicView, SERVER_FIELDS, type StoredResource } from './resourceStore';

/** A handler for a sub-route such as `/connections/{id}/explore`. */
export type SubRoute = (ctx: RequestContext, caller: Caller, id: string, services: ResourceServices) => Promise<Reply>;

/** A handler for `POST` on a collection that is not a plain create (e.g. `/runs`). */
export type CollectionPost = (ctx: RequestContext, caller: Caller, body: Record<string, unknown>, services: ResourceServices) => Promise<Reply>;

export interface RouteTable {
  descriptors: ResourceDescriptor[];
  /** `"connections/explore"` → handler of `GET /connections/{id}/explore`. */
  subRoutes: Record<string, SubRoute>;
  /** Resource name → handler of `POST` on the collection, replacing the generic create. */
  collectionPosts: Partial<Record<string, CollectionPost>>;
}

function notFound(ctx: RequestContext, descriptor: ResourceDescriptor, id: string): Reply {
  return flowError('1101', 404, `Resource not found: no ${descriptor.label} with id '${id}' in this sandbox. List them with GET ${descriptor.linkPath}.`, ctx.requestId, {
    resourceId: id,
    resourceType: descriptor.name,
  });
}

function view(descriptor: ResourceDescriptor, record: StoredResource): Record<string, unknown> {
  return descriptor.view ? descriptor.view(record) : publicView(record);
}

/**
 * The server-managed fields a patch changed (audit, sandbox and org fields, the etag, the resource's own computed
 * fields such as a flow's `lastRunDetails`) and any emulator-internal `_` field it added: the Flow Service refuses
 * writes to read-only properties, and storing them would let a client fake a record's history or sandbox.
 */
function changedServerFields(descriptor: ResourceDescriptor, before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const managed = [...SERVER_FIELDS, ...(descriptor.serverManaged ?? [])];
  const changed = managed.filter((field) => !isDeepStrictEqual(before[field], after[field]));
  return [...changed, ...Object.keys(after).filter((field) => field.startsWith('_'))];
}

/** Reads a JSON Patch body: an array of operations (docs) or a single operation (OpenAPI). */
async function readPatch(ctx: RequestContext): Promise<Outcome<Operation[]>> {
  const body = await readJsonBody(ctx, 'send a JSON Patch array such as [{"op": "replace", "path": "/name", "value": "new name"}].');
  if (!body.ok) return body;
  const parsed = body.value;
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const ops: Operation[] = [];
  for (const [index, raw] of list.entries()) {
    const op = raw as { op?: unknown; path?: unknown; value?: unknown };
    if (op === null || typeof op !== 'object' || typeof op.op !== 'string' || typeof op.path !== 'string') {
      return fail(flowError('1455', 400, `Patch operation ${index} needs "op" and "path" (e.g. {"op": "replace", "path": "/name", "value": "x"}).`, ctx.requestId));
    }
    const name = op.op.toLowerCase();
    if (name === 'move' || name === 'copy') {
      return fail(flowError('1434', 400, `Unsupported patch operation '${op.op}': use add, replace or remove.`, ctx.requestId));
    }
    if (!['add', 'replace', 'remove', 'test'].includes(name)) {
      return fail(flowError('1434', 400, `Unknown patch operation '${op.op}': use add, replace or remove.`, ctx.requestId));
    }
    if (name !== 'remove' && !('value' in op)) {
      return fail(flowError('1455', 400, `Missing field 'value' in patch operation ${index} (${op.op} ${op.path}).`, ctx.requestId));
    }
    ops.push({ ...(op as object), op: name } as Operation);
  }
  return { ok: true, value: ops };
}

/** The routes of every instance resource, over one store. */
export class ResourceRoutes {
  private readonly byPath: Map<string, ResourceDescriptor>;

  constructor(
    private readonly table: RouteTable,
    private readonly tokens: TokenAuthority,
    private readonly services: ResourceServices,
  ) {
    this.byPath = new Map(table.descriptors.map((d) => [d.path, d]));
  }

  /** Handles `path` when it belongs to one of the resources; `undefined` otherwise. */
  async handle(ctx: RequestContext, path: string): Promise<Reply | undefined> {
    let descriptor: ResourceDescriptor | undefined;
    let rest: string[] = [];
    for (const [root, candidate] of this.byPath) {
      if (path === root || path.startsWith(`${root}/`)) {
        descriptor = candidate;
        rest = path.slice(root.length).split('/').filter(Boolean).map(decodeURIComponent);
        break;
      }
    }
    if (!descriptor || rest.length > 2) return undefined;
    const [id, sub] = rest;
    // The search endpoints (`POST /connections/search`, `/flows/search`) are not imitated: left to the 404 naming them.
    if (id === 'search' && sub === undefined && ctx.method === 'POST') return undefined;
    const subRoute = sub === undefined ? undefined : this.table.subRoutes[`${descriptor.name}/${sub}`];
    if (sub !== undefined && !subRoute) return undefined;

    const allowed = id === undefined
      ? ['GET', 'POST']
      : sub !== undefined
        ? ['GET']
        : ['GET', ...(descriptor.methods.patch ? ['PATCH'] : []), ...(descriptor.methods.delete ? ['DELETE'] : [])];
    if (!allowed.includes(ctx.method)) {
      return json(405, { error_code: '405000', message: `Method ${ctx.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}.` }, { allow: allowed.join(', ') });
    }
    const auth = authenticate(ctx, this.tokens);
    if (!auth.ok) return auth.reply;
    const caller = auth.value;
    if (subRoute) return subRoute(ctx, caller, id!, this.services);
    if (ctx.method === 'GET') return id === undefined ? this.list(ctx, caller, descriptor) : this.get(ctx, caller, descriptor, id);
    if (ctx.method === 'POST') return this.create(ctx, caller, descriptor);
    if (ctx.method === 'PATCH') return this.patch(ctx, caller, descriptor, id!);
    return this.remove(ctx, caller, descriptor, id!);
  }

  private async list(ctx: RequestContext, caller: Caller, descriptor: ResourceDescriptor): Promise<Reply> {
    const items = (await this.services.store.list(caller.scope, descriptor.name)).map((record) => view(descriptor, record));
    const reply = listReply(ctx, descriptor.name, items);
    // A list of a sandbox whose files were partly set aside on load says so, as spec lists do.
    const warning = reply.status === 200 ? await this.services.store.loadWarning(caller.scope, descriptor.name) : undefined;
    return warning ? { ...reply, headers: { ...reply.headers, warning } } : reply;
  }

  private async get(ctx: RequestContext, caller: Caller, descriptor: ResourceDescriptor, id: string): Promise<Reply> {
    const record = await this.services.store.get(caller.scope, descriptor.name, id);
    if (!record) return notFound(ctx, descriptor, id);
    return json(200, descriptor.wrapSingle ? { items: [view(descriptor, record)] } : view(descriptor, record));
  }

  private async create(ctx: RequestContext, caller: Caller, descriptor: ResourceDescriptor): Promise<Reply> {
    if (!isJsonContentType(ctx)) return contentTypeError();
    const body = await readJsonObject(ctx);
    if (!body.ok) return body.reply;
    const special = this.table.collectionPosts[descriptor.name];
    if (special) return special(ctx, caller, body.value, this.services);
    const prepared = await descriptor.prepareCreate(ctx, caller, body.value, this.services);
    if (!prepared.ok) return prepared.reply;
    const record = await this.services.store.create(caller.scope, descriptor.name, prepared.value.body, caller.clientId, prepared.value.extra, prepared.value.id);
    await descriptor.afterChange?.(caller, record, this.services);
    const created = descriptor.createdBody ? descriptor.createdBody(record) : { id: record.id, etag: record.etag };
    return json(201, created, { location: `${baseUrl(ctx)}${descriptor.path}/${encodeURIComponent(record.id)}` });
  }

  private async patch(ctx: RequestContext, caller: Caller, descriptor: ResourceDescriptor, id: string): Promise<Reply> {
    const type = header(ctx, 'content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json' && type !== 'application/json-patch+json') return contentTypeError();
    const ifMatch = header(ctx, 'if-match');
    const current = await this.services.store.get(caller.scope, descriptor.name, id);
    if (!current) return notFound(ctx, descriptor, id);
    if (!ifMatch) {
      const inQuery = [...ctx.url.searchParams.keys()].find((key) => key.toLowerCase() === 'if-match');
      if (inQuery !== undefined) {
        return flowError('1403', 400, `The etag was sent as the query parameter '${inQuery}', but the Flow Service reads it from the If-Match header: send the header If-Match: ${String(current.etag)} (the ${descriptor.label}'s current etag) instead of ?${inQuery}=….`, ctx.requestId, { resourceId: id, resourceType: descriptor.name });
      }
      return flowError('1403', 400, `The header 'If-Match' is missing in the request: send the ${descriptor.label}'s current etag (${String(current.etag)}), read with GET ${descriptor.linkPath}/${id}.`, ctx.requestId, { resourceId: id, resourceType: descriptor.name });
    }
    if (!etagMatches(ifMatch, String(current.etag))) {
      return flowError('1404', 412, `The supplied version '${ifMatch}' does not match the current version on entity ${id}: GET it again, reapply your change and send the new etag.`, ctx.requestId, { resourceId: id, resourceType: descriptor.name });
    }
    const ops = await readPatch(ctx);
    if (!ops.ok) return ops.reply;
    const patched = structuredClone(view(descriptor, current));
    try {
      applyPatch(patched, ops.value, true, true);
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      return flowError('1455', 400, `The patch cannot be applied: ${reason}. Paths are JSON Pointers into the ${descriptor.label}, e.g. /name.`, ctx.requestId, { resourceId: id, resourceType: descriptor.name });
    }
    const readOnly = changedServerFields(descriptor, view(descriptor, current), patched);
    if (readOnly.length > 0) {
      const names = readOnly.map((field) => `'${field}'`).join(', ');
      return flowError('1455', 400, `The field${readOnly.length > 1 ? 's' : ''} ${names} ${readOnly.length > 1 ? 'are' : 'is'} managed by the Flow Service and read-only: remove the patch operation${readOnly.length > 1 ? 's' : ''} on ${readOnly.map((field) => `/${field}`).join(', ')}.`, ctx.requestId, { resourceId: id, resourceType: descriptor.name });
    }
    if (!descriptor.preparePatch) return badRequest(ctx, `A ${descriptor.label} cannot be patched.`);
    const next = await descriptor.preparePatch(ctx, caller, current, patched, this.services);
    if (!next.ok) return next.reply;
    // The record may have changed while the patch was checked: only apply it on the version the caller saw.
    const saved = await this.services.store.mutate(caller.scope, descriptor.name, id, (latest) => (latest.etag === current.etag ? next.value : undefined), { clientId: caller.clientId });
    if (!saved) {
      return flowError('1404', 412, `The ${descriptor.label} ${id} changed while the patch was applied: GET it again and retry with the new etag.`, ctx.requestId, { resourceId: id, resourceType: descriptor.name });
    }
    await descriptor.afterChange?.(caller, saved, this.services);
    return json(200, { id: saved.id, etag: saved.etag });
  }

  private async remove(ctx: RequestContext, caller: Caller, descriptor: ResourceDescriptor, id: string): Promise<Reply> {
    const record = await this.services.store.get(caller.scope, descriptor.name, id);
    if (!record) return notFound(ctx, descriptor, id);
    const refusal = await descriptor.refuseDelete?.(ctx, caller, record, this.services);
    if (refusal) return refusal;
    await this.services.store.remove(caller.scope, descriptor.name, id);
    await descriptor.afterDelete?.(caller, record, this.services);
    return { status: 204 };
  }
}

/**
 * What a Flow Service instance resource is to the generic routes: its path, which methods it has, and the hooks
 * that check a create or a patch, refuse a delete, and act after a change. Adding a resource is one descriptor.
 */
import { flowResource, linkPathOf, type InstanceResource } from '../../core/api/flowResources';
import { flowError, type Reply, type RequestContext } from '../http';
import type { Caller, Outcome } from '../specRoutes';
import type { SpecStore } from '../store';
import type { Scope } from '../types';
import type { FlowResourceStore, StoredResource } from './resourceStore';
import type { SecretBox } from './secrets';

/** What flows tell the run scheduler. */
export interface FlowScheduler {
  /** A flow was created or changed: (re)arm its schedule; a due first run starts at once. */
  flowChanged(scope: Scope, flow: StoredResource): Promise<void>;
  /** A flow was deleted: stop its schedule. */
  flowDeleted(scope: Scope, flowId: string): void;
}

/** Services every hook may use. */
export interface ResourceServices {
  specs: SpecStore;
  store: FlowResourceStore;
  secrets: SecretBox;
  scheduler: FlowScheduler;
}

/** A checked create: the body to store and server-computed fields. */
export interface PreparedCreate {
  body: Record<string, unknown>;
  extra?: Record<string, unknown>;
  /** The id to create the record under, when the checks needed it beforehand (a flow's inlet URL). */
  id?: string;
}

export interface ResourceDescriptor {
  /** Its row in the flow-resources table (core/api/flowResources.ts): path, label, methods, list fields. */
  name: InstanceResource;
  /** URL path under the emulator, e.g. `/data/foundation/flowservice/connections`. */
  path: string;
  /** The collection path relative to its service root (`/connections`), as `_links.next.href` and messages show it. */
  linkPath: string;
  /** Singular words for messages, e.g. "base connection". */
  label: string;
  methods: { patch: boolean; delete: boolean };
  /** Single GETs answer `{items: [item]}` (Flow Service) or the item itself (mapping sets). */
  wrapSingle: boolean;
  /** Top-level fields the server computes for this resource beyond the audit fields (a PATCH may not change them). */
  serverManaged?: readonly string[];
  /** Checks a POST body. */
  prepareCreate(ctx: RequestContext, caller: Caller, body: Record<string, unknown>, services: ResourceServices): Promise<Outcome<PreparedCreate>>;
  /** Checks a patched record (`patched` = the served view with the JSON Patch applied) and builds the stored one. */
  preparePatch?(ctx: RequestContext, caller: Caller, current: StoredResource, patched: Record<string, unknown>, services: ResourceServices): Promise<Outcome<StoredResource>>;
  /** A refusal when the record may not be deleted now (e.g. used by a flow). */
  refuseDelete?(ctx: RequestContext, caller: Caller, record: StoredResource, services: ResourceServices): Promise<Reply | undefined>;
  /** After a create or a patch was stored (flows: (re)schedule runs). */
  afterChange?(caller: Caller, record: StoredResource, services: ResourceServices): Promise<void>;
  /** After a delete (flows: stop their schedule). */
  afterDelete?(caller: Caller, record: StoredResource, services: ResourceServices): Promise<void>;
  /** How a record is served (default: internal `_` fields removed). */
  view?(record: StoredResource): Record<string, unknown>;
  /** The 201 body (default `{id, etag}`). */
  createdBody?(record: StoredResource): Record<string, unknown>;
}

/**
 * What a descriptor takes from the resource's row of the flow-resources table: its path below the emulator, the
 * link path relative to its service root, its label, its item methods and how single GETs answer.
 */
export function tableResource(name: InstanceResource): Pick<ResourceDescriptor, 'name' | 'path' | 'linkPath' | 'label' | 'methods' | 'wrapSingle'> {
  const row = flowResource(name);
  return {
    name,
    path: row.path,
    linkPath: linkPathOf(name),
    label: row.label,
    methods: { patch: row.itemMethods.includes('PATCH'), delete: row.itemMethods.includes('DELETE') },
    wrapSingle: row.wrapSingle,
  };
}

/** A 400 in the FLOW body form: the message says what is wrong and what to do. */
export function badRequest(ctx: RequestContext, message: string, code = '1100', resourceType?: string): Reply {
  return flowError(code, 400, message, ctx.requestId, { resourceType });
}

/** A `{ok: false}` outcome holding a 400 FLOW error. */
export function refuse(ctx: RequestContext, message: string, code = '1100', resourceType?: string): { ok: false; reply: Reply } {
  return { ok: false, reply: badRequest(ctx, message, code, resourceType) };
}

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `{id, version}` of a spec reference, or a message saying what is missing. */
export function specReference(value: unknown, field: string): { id: string; version: string } | string {
  if (!isObject(value)) return `Missing field '${field}': send {"id": "<spec id>", "version": "1.0"}.`;
  if (typeof value.id !== 'string' || value.id === '') return `Missing field '${field}.id': the id of the spec to use.`;
  const version = value.version === undefined ? '1.0' : value.version;
  if (typeof version !== 'string') return `The field '${field}.version' must be a string such as "1.0".`;
  return { id: value.id, version };
}

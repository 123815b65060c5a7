/**
 * Push, pull and compare of one spec file against the Flow Service, with conflict detection through the link
 * store. Pure of UI: conflicts are thrown as FlowServiceError kind `conflict` (remote attached) and the caller
 * decides (Compare / Overwrite with `force` / Cancel).
 */
import { kindFromContent, kindFromFileName } from '../analysis/specKind';
import { FlowServiceError } from '../api/errors';
import { kindInfoOfResource, SPEC_KINDS } from '../spec/kinds';
import type { FlowServiceClient, RemoteSpec, SpecResource } from '../api/types';
import { compareSpecs, type SpecComparison } from './diff';
import { environmentKey, type LinkRecord, type LinkStore } from './links';
import { contentHash, formatSpecFile, toAuthoringForm } from './normalize';
import { stripBom } from './text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` looks like a spec id rather than a name. */
export function looksLikeId(value: string): boolean {
  return UUID.test(value);
}

/** Which endpoint a local file belongs to: by file name, then by its top-level keys. */
export function resourceForFile(filePath: string, text: string): SpecResource {
  const kind = kindFromFileName(filePath) ?? kindFromContent(text);
  if (kind) return SPEC_KINDS[kind].resource;
  throw new FlowServiceError(
    `${filePath} is neither a connection spec nor a flow spec (name it *-connectionSpec.json or *-flowSpec.json)`,
    'config',
  );
}

/** Parses a spec file, throwing a `validation` error naming the file. */
export function parseSpecText(filePath: string, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripBom(text));
  } catch (err) {
    throw new FlowServiceError(`${filePath} is not valid JSON: ${(err as Error).message}`, 'validation');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new FlowServiceError(`${filePath} must contain a JSON object`, 'validation');
  }
  return parsed as Record<string, unknown>;
}

/** Specs named exactly `name` (works with any FlowServiceClient). */
export async function findSpecsByName(client: FlowServiceClient, resource: SpecResource, name: string, signal?: AbortSignal): Promise<RemoteSpec[]> {
  const found = await client.list(resource, { property: [`name==${name}`], signal });
  return found.filter((spec) => spec.name === name);
}

/** Resolves an id or a unique name to one remote spec. */
export async function resolveRemote(client: FlowServiceClient, resource: SpecResource, idOrName: string, signal?: AbortSignal): Promise<RemoteSpec> {
  if (looksLikeId(idOrName)) return client.get(resource, idOrName, { signal });
  const matches = await findSpecsByName(client, resource, idOrName, signal);
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    throw new FlowServiceError(`No ${kindInfoOfResource(resource).label} named "${idOrName}" exists in this sandbox`, 'not-found');
  }
  throw new FlowServiceError(
    `${matches.length} specs are named "${idOrName}" (${matches.map((m) => m.id).join(', ')}): use an id instead`,
    'conflict',
  );
}

/** Records that `filePath` now matches `remote`. */
export async function recordSync(links: LinkStore, client: FlowServiceClient, filePath: string, resource: SpecResource, remote: RemoteSpec): Promise<LinkRecord> {
  const record: LinkRecord = {
    resource,
    remoteId: remote.id,
    updatedAt: typeof remote.updatedAt === 'number' ? remote.updatedAt : undefined,
    contentHash: contentHash(remote),
    syncedAt: new Date().toISOString(),
  };
  await links.set(environmentKey(client.environment), filePath, record);
  return record;
}

function conflict(message: string, remote: RemoteSpec): FlowServiceError {
  return new FlowServiceError(message, 'conflict', { remote, retryable: false });
}

export interface PushOptions {
  client: FlowServiceClient;
  filePath: string;
  text: string;
  links: LinkStore;
  /** Overwrite a remote that changed since the last sync, or adopt a same-named unlinked remote. */
  force?: boolean;
  /** Adopt (update) an unlinked remote spec with the same name, without overriding change detection. */
  adopt?: boolean;
  signal?: AbortSignal;
}

export interface PushResult {
  action: 'created' | 'updated' | 'unchanged';
  remote: RemoteSpec;
  resource: SpecResource;
}

/** The body sent for a spec: authoring form, plus `id` for flow specs (their documented PUT bodies carry it). */
function putBody(resource: SpecResource, local: Record<string, unknown>, id: string): Record<string, unknown> {
  return resource === 'flowSpecs' ? { id, ...local } : local;
}

/**
 * Creates or updates the remote spec a file stands for. Refuses (kind `conflict`) when the linked remote changed
 * since the last sync, or when an unlinked remote with the same name exists, unless `force`.
 */
export async function pushSpec(options: PushOptions): Promise<PushResult> {
  const { client, filePath, links, signal } = options;
  const resource = resourceForFile(filePath, options.text);
  const local = toAuthoringForm(parseSpecText(filePath, options.text));
  const link = await links.get(environmentKey(client.environment), filePath);

  let target: RemoteSpec | undefined;
  if (link) {
    try {
      target = await client.get(resource, link.remoteId, { signal });
    } catch (err) {
      if (!(err instanceof FlowServiceError) || err.kind !== 'not-found') throw err;
      if (!options.force) {
        throw new FlowServiceError(
          `${filePath} is linked to ${link.remoteId}, which no longer exists remotely: push with --force to create it again`,
          'conflict',
        );
      }
    }
    if (target && !options.force && (target.updatedAt !== link.updatedAt || contentHash(target) !== link.contentHash)) {
      throw conflict(
        `The remote spec ${target.id} changed since the last sync of ${filePath}: run \`sources-sdk diff\` to compare, or push --force to overwrite it`,
        target,
      );
    }
  } else {
    const name = typeof local.name === 'string' ? local.name : undefined;
    const matches = name ? await findSpecsByName(client, resource, name, signal) : [];
    if (matches.length > 1) {
      throw conflict(`${matches.length} remote specs are named "${name}" (${matches.map((m) => m.id).join(', ')}): pull the one this file stands for first`, matches[0]);
    }
    target = matches[0];
    if (target && contentHash(target) !== contentHash(local) && !options.force && !options.adopt) {
      throw conflict(
        `A remote spec with this name exists: id ${target.id}. Push with --force to overwrite it, or pull it to compare first`,
        target,
      );
    }
  }

  if (!target) {
    const created = await client.create(resource, local, { signal });
    await recordSync(links, client, filePath, resource, created);
    return { action: 'created', remote: created, resource };
  }
  if (contentHash(target) === contentHash(local)) {
    await recordSync(links, client, filePath, resource, target);
    return { action: 'unchanged', remote: target, resource };
  }
  const updated = await client.update(resource, target.id, putBody(resource, local, target.id), { signal });
  await recordSync(links, client, filePath, resource, updated);
  return { action: 'updated', remote: updated, resource };
}

export interface PullOptions {
  client: FlowServiceClient;
  resource: SpecResource;
  idOrName: string;
  signal?: AbortSignal;
}

/** Fetches a remote spec and renders it as a spec file (authoring form). The caller writes it, then calls recordSync. */
export async function pullSpec(options: PullOptions): Promise<{ remote: RemoteSpec; text: string }> {
  const remote = await resolveRemote(options.client, options.resource, options.idOrName, options.signal);
  return { remote, text: formatSpecFile(toAuthoringForm(remote)) };
}

export interface DiffOptions {
  client: FlowServiceClient;
  filePath: string;
  text: string;
  links: LinkStore;
  signal?: AbortSignal;
}

export interface DiffResult extends SpecComparison {
  remote: RemoteSpec;
  resource: SpecResource;
  /** The remote spec rendered as a spec file, for a unified diff. */
  remoteText: string;
  /** True when the remote changed since the last sync recorded in the link store. */
  remoteChangedSinceSync: boolean;
}

/** Compares a local file with the remote it is linked to (or, unlinked, the one with the same name). */
export async function diffSpec(options: DiffOptions): Promise<DiffResult> {
  const { client, filePath, links, signal } = options;
  const resource = resourceForFile(filePath, options.text);
  const local = parseSpecText(filePath, options.text);
  const link = await links.get(environmentKey(client.environment), filePath);
  let remote: RemoteSpec;
  if (link) {
    remote = await client.get(resource, link.remoteId, { signal });
  } else {
    const name = typeof local.name === 'string' ? local.name : '';
    if (!name) throw new FlowServiceError(`${filePath} has no name and is not linked to a remote spec`, 'not-found');
    remote = await resolveRemote(client, resource, name, signal);
  }
  const comparison = compareSpecs(local, remote);
  const remoteChangedSinceSync = !!link && (remote.updatedAt !== link.updatedAt || contentHash(remote) !== link.contentHash);
  return { ...comparison, remote, resource, remoteText: formatSpecFile(toAuthoringForm(remote)), remoteChangedSinceSync };
}

/**
 * Pull and compare of one spec file against the Flow Service, and the entry points of push (plan/apply lives in
 * push.ts). Pure of UI: failures are FlowServiceErrors; what to ask or print is the caller's business.
 */
import { FlowServiceError } from '../api/errors';
import { findSpecsByName } from '../api/nameLookup';
import type { FlowServiceClient, RemoteSpec, SpecResource } from '../api/types';
import { kindInfoOfResource } from '../spec/kinds';
import { compareSpecs, type SpecComparison } from './diff';
import { environmentKey, type LinkStore } from './links';
import { formatSpecFile, toAuthoringForm } from './normalize';
import { remoteChangedSince } from './push';
import { looksLikeId, parseSpecText, resourceForFile } from './specFile';

export { findSpecsByName } from '../api/nameLookup';
export { looksLikeId, parseSpecText, resourceForFile } from './specFile';
export {
  applyPush, applyPushPlanned, DECISION_NEEDED, planPush, pushSpec, PushRefused, recordSync, remoteChangedSince,
  type ApplyPushOptions, type PlanPushOptions, type PushDecision, type PushOptions, type PushPlan, type PushReason, type PushResult,
} from './push';

/**
 * Resolves an id or an exact name to one remote spec: `not-found` when no spec has the name, `conflict` (with the
 * ids) when several do.
 */
export async function resolveRemote(client: FlowServiceClient, resource: SpecResource, idOrName: string, signal?: AbortSignal): Promise<RemoteSpec> {
  if (looksLikeId(idOrName)) return client.get(resource, idOrName, { signal });
  const matches = await findSpecsByName(client, resource, idOrName, signal);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new FlowServiceError(`No ${kindInfoOfResource(resource).label} named "${idOrName}" exists in this sandbox`, 'not-found');
  }
  throw new FlowServiceError(
    `${matches.length} specs are named "${idOrName}" (${matches.map((m) => m.id).join(', ')}): use an id instead`,
    'conflict',
  );
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
  return { ...comparison, remote, resource, remoteText: formatSpecFile(toAuthoringForm(remote)), remoteChangedSinceSync: !!link && remoteChangedSince(link, remote) };
}

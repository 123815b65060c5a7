/**
 * Upload of one spec file as a plan and its application. {@link planPush} does the one lookup an upload needs
 * (the linked remote, else the remotes with the file's exact name) and returns a {@link PushPlan} whose `reason`
 * says what the situation is; {@link applyPush} carries it out, given the caller's {@link PushDecision} for the
 * reasons that need one. Front ends only translate: the CLI turns a reason into a line and a flag, the extension
 * into a modal. Neither decides what is safe.
 *
 * | reason           | situation                                                      | apply does                                   |
 * | ---------------- | -------------------------------------------------------------- | -------------------------------------------- |
 * | `unchanged`      | the remote (linked or same-named) has the file's content       | records the link, sends nothing              |
 * | `create`         | no link, no remote with this name                              | POST, records the link                       |
 * | `update`         | linked, remote unchanged since the last sync, file differs      | PUT, records the link                        |
 * | `remote-changed` | linked, the remote changed since the last sync (a conflict)    | PUT only with `overwrite`                    |
 * | `remote-deleted` | linked, the remote no longer exists                            | POST only with `create-again`                |
 * | `name-taken`     | not linked, one remote has this name and other content         | PUT only with `adopt` or `overwrite`         |
 * | `ambiguous-name` | not linked, several remotes have this exact name               | never (pull the right one first)             |
 */
import { FlowServiceError } from '../api/errors';
import type { FlowServiceClient, RemoteSpec, SpecResource } from '../api/types';
import { findSpecsByName } from '../api/nameLookup';
import { compareSpecs, type SpecComparison } from './diff';
import { environmentKey, type LinkRecord, type LinkStore } from './links';
import { contentHash, toAuthoringForm } from './normalize';
import { kindForFile, parseSpecText } from './specFile';
import { kindInfo, kindInfoOfResource, type SpecKind } from '../spec/kinds';

/** Why a push does what it does; see the table in this module's comment. */
export type PushReason = 'unchanged' | 'create' | 'update' | 'remote-changed' | 'remote-deleted' | 'name-taken' | 'ambiguous-name';

/** What a caller allows for a reason that needs a decision. */
export type PushDecision = 'overwrite' | 'create-again' | 'adopt';

/** The decision each reason needs; reasons not listed need none (`ambiguous-name` can never be applied). */
export const DECISION_NEEDED: Readonly<Partial<Record<PushReason, PushDecision>>> = {
  'remote-changed': 'overwrite',
  'remote-deleted': 'create-again',
  'name-taken': 'adopt',
};

/** The outcome of {@link planPush}: the situation, and everything a front end needs to explain it. */
export interface PushPlan {
  reason: PushReason;
  resource: SpecResource;
  filePath: string;
  /** Link-store key (sync identity) of the client's environment and sandbox. */
  environmentKey: string;
  /** The file in authoring form (what would be sent). */
  local: Record<string, unknown>;
  /** The spec's `name`, when it has one. */
  name?: string;
  /** The file's link in this environment, if any. */
  link?: LinkRecord;
  /** The remote that would be updated or that matches (linked, or the one with the same name). */
  remote?: RemoteSpec;
  /** `ambiguous-name`: every remote with the name. */
  candidates?: RemoteSpec[];
  /** File vs remote, when there is a remote. */
  comparison?: SpecComparison;
  /** `remote-changed`: whether the file also changed since the last sync (both sides moved). */
  localChangedSinceSync?: boolean;
  /** The decision {@link applyPush} needs for this plan, if any. */
  needs?: PushDecision;
}

/** What {@link applyPush} did. */
export interface PushResult {
  action: 'created' | 'updated' | 'unchanged';
  remote: RemoteSpec;
  resource: SpecResource;
  /** The reason of the plan that was applied. */
  reason: PushReason;
}

export interface PlanPushOptions {
  client: FlowServiceClient;
  filePath: string;
  text: string;
  /**
   * The file's kind when the caller decided it already (the editor's upload gate, the CLI's validation, the promoted
   * remote's resource): used as given, never decided again. Without it, the one kind resolver decides from the file
   * name and content (kindForFile).
   */
  kind?: SpecKind;
  links: LinkStore;
  signal?: AbortSignal;
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

/** True when the remote changed since the link was recorded. */
export function remoteChangedSince(link: LinkRecord, remote: RemoteSpec): boolean {
  return remote.updatedAt !== link.updatedAt || contentHash(remote) !== link.contentHash;
}

/**
 * Works out what pushing `text` as `filePath` would do, with exactly one lookup: a GET of the linked remote, or an
 * exact-name search when the file is not linked. Reads (and so validates) the link store before any request.
 * Sends nothing that changes the remote. Throws for unreadable input (not JSON, not a spec) and remote failures.
 */
export async function planPush(options: PlanPushOptions): Promise<PushPlan> {
  const { client, filePath, links, signal } = options;
  const resource = kindInfo(options.kind ?? kindForFile(filePath, options.text)).resource;
  const local = toAuthoringForm(parseSpecText(filePath, options.text));
  const key = environmentKey(client.environment);
  const link = await links.get(key, filePath);
  const name = typeof local.name === 'string' ? local.name : undefined;
  const base = { resource, filePath, environmentKey: key, local, name, link };
  const withRemote = (reason: PushReason, remote: RemoteSpec, extra: Partial<PushPlan> = {}): PushPlan => ({
    ...base, reason, remote, comparison: compareSpecs(local, remote), needs: DECISION_NEEDED[reason], ...extra,
  });

  if (link) {
    let remote: RemoteSpec;
    try {
      remote = await client.get(resource, link.remoteId, { signal });
    } catch (err) {
      if (!(err instanceof FlowServiceError) || err.kind !== 'not-found') throw err;
      return { ...base, reason: 'remote-deleted', needs: 'create-again' };
    }
    if (remoteChangedSince(link, remote)) {
      const same = contentHash(remote) === contentHash(local);
      // Someone else made the remote what the file says: nothing to overwrite.
      if (same) return withRemote('unchanged', remote);
      return withRemote('remote-changed', remote, { localChangedSinceSync: contentHash(local) !== link.contentHash });
    }
    return withRemote(contentHash(remote) === contentHash(local) ? 'unchanged' : 'update', remote);
  }

  const matches = name !== undefined ? await findSpecsByName(client, resource, name, signal) : [];
  if (matches.length > 1) return { ...base, reason: 'ambiguous-name', candidates: matches, remote: matches[0] };
  const [match] = matches;
  if (!match) return { ...base, reason: 'create' };
  return withRemote(contentHash(match) === contentHash(local) ? 'unchanged' : 'name-taken', match);
}

/** The PUT body of a spec: authoring form, plus `id` for flow specs (their documented PUT bodies carry it). */
function putBody(resource: SpecResource, local: Record<string, unknown>, id: string): Record<string, unknown> {
  return resource === 'flowSpecs' ? { id, ...local } : local;
}

/** A plain sentence for a reason that needs a decision (front ends add their own way to give it). */
export function describePushRefusal(plan: PushPlan): string {
  const remoteId = plan.remote?.id ?? plan.link?.remoteId;
  switch (plan.reason) {
    case 'remote-changed':
      return `The remote spec ${remoteId} changed since the last sync of ${plan.filePath}${plan.comparison ? ` (${plan.comparison.summary})` : ''}; overwriting it needs confirmation`;
    case 'remote-deleted':
      return `${plan.filePath} is linked to ${remoteId}, which no longer exists remotely; creating it again needs confirmation`;
    case 'name-taken':
      return `A remote spec named "${plan.name}" exists (id ${remoteId}) and ${plan.filePath} is not linked to it; updating it needs confirmation`;
    case 'ambiguous-name':
      return `${plan.candidates?.length ?? 2} remote specs are named "${plan.name}" (${(plan.candidates ?? []).map((c) => c.id).join(', ')}); link the file to one of them first`;
    default:
      return `Pushing ${plan.filePath} needs a decision (${plan.reason})`;
  }
}

/** What a refusal says first when the target changed while a promotion waited for its confirmation. */
export const CHANGED_WHILE_CONFIRMING = 'the target changed while this promotion waited for confirmation, and nothing was sent';

/**
 * Thrown by {@link applyPush} when a plan needs a decision the caller did not give; `plan` says which. `meanwhile`:
 * the decision became needed after the plan was shown and confirmed (promotion re-checks the target before writing).
 */
export class PushRefused extends FlowServiceError {
  constructor(readonly plan: PushPlan, readonly meanwhile = false) {
    const reason = describePushRefusal(plan);
    super(meanwhile ? `${CHANGED_WHILE_CONFIRMING[0].toUpperCase()}${CHANGED_WHILE_CONFIRMING.slice(1)}: ${reason[0].toLowerCase()}${reason.slice(1)}` : reason,
      'conflict', { remote: plan.remote, retryable: false });
    this.name = 'PushRefused';
  }
}

export interface ApplyPushOptions {
  client: FlowServiceClient;
  links: LinkStore;
  /** What the user allowed; `overwrite` also allows `create-again` and `adopt` (the CLI's `--force`). */
  decisions?: readonly PushDecision[];
  signal?: AbortSignal;
}

function allows(decisions: readonly PushDecision[], needed: PushDecision): boolean {
  return decisions.includes(needed) || decisions.includes('overwrite');
}

/**
 * True when {@link applyPush} would carry out `plan` with `decisions` (false for `ambiguous-name` and for a decision
 * not given), so a front end can refuse before asking anything else (a production confirmation, say).
 */
export function canApply(plan: PushPlan, decisions: readonly PushDecision[]): boolean {
  return plan.reason !== 'ambiguous-name' && (!plan.needs || allows(decisions, plan.needs));
}

/**
 * Carries out a plan. Throws {@link PushRefused} (kind `conflict`) when the plan needs a decision not in
 * `decisions`, and always for `ambiguous-name`. Sends at most one change (POST or PUT) and records the link.
 */
export async function applyPush(plan: PushPlan, options: ApplyPushOptions): Promise<PushResult> {
  const { client, links, signal } = options;
  const decisions = options.decisions ?? [];
  if (!canApply(plan, decisions)) throw new PushRefused(plan);
  const done = async (action: PushResult['action'], remote: RemoteSpec): Promise<PushResult> => {
    await recordSync(links, client, plan.filePath, plan.resource, remote);
    return { action, remote, resource: plan.resource, reason: plan.reason };
  };
  switch (plan.reason) {
    case 'unchanged':
      return done('unchanged', plan.remote!);
    case 'create':
    case 'remote-deleted':
      return done('created', await client.create(plan.resource, plan.local, { signal }));
    default:
      return done('updated', await client.update(plan.resource, plan.remote!.id, putBody(plan.resource, plan.local, plan.remote!.id), { signal }));
  }
}

export interface PushOptions extends PlanPushOptions {
  /** Decisions given up front (CLI flags): `--force` is `overwrite`, `--adopt` is `adopt`. */
  decisions?: readonly PushDecision[];
}

/**
 * Plan and apply in one go, holding the file's lock across lookup, create and link (so two processes pushing the
 * same unlinked file never both create it: the second sees the first one's link). Throws {@link PushRefused} for a
 * plan that needs a decision not given.
 */
export async function pushSpec(options: PushOptions): Promise<PushResult> {
  const run = async () => applyPush(await planPush(options), options);
  return options.links.exclusive ? options.links.exclusive(options.filePath, run, options.signal) : run();
}

/**
 * What a plan saw of the remote side: its reason and the remote's id, timestamp, etag and content. Two plans of the
 * same file with equal states would send the same change to the same unchanged remote.
 */
function remoteState(plan: PushPlan): string {
  const remote = plan.remote;
  return JSON.stringify([plan.reason, remote?.id, remote?.updatedAt, remote?.etag, remote ? contentHash(remote) : undefined,
    (plan.candidates ?? []).map((c) => c.id)]);
}

export interface ApplyPlannedOptions extends ApplyPushOptions {
  /** The text the plan was made from (planned again when something changed). */
  text: string;
  /**
   * Also look at the remote again (one more lookup) and re-plan when it is no longer what the plan saw: for callers
   * that showed the plan and waited for a confirmation, which covered that remote state only (promotion).
   */
  recheckRemote?: boolean;
}

/**
 * Applies a plan made earlier (the extension asks the user in between) under the file's lock. When the link
 * changed meanwhile (another process pushed the same file), or with `recheckRemote` the remote is no longer what the
 * plan saw, the plan is made again and `replanned` is returned instead, for the caller to show; nothing is sent.
 */
export async function applyPushPlanned(plan: PushPlan, options: ApplyPlannedOptions): Promise<PushResult | { replanned: PushPlan }> {
  // Planned again as the kind it was planned as (the caller decided it once).
  const replan = () => planPush({
    client: options.client, filePath: plan.filePath, text: options.text, kind: kindInfoOfResource(plan.resource).kind, links: options.links, signal: options.signal,
  });
  const run = async (): Promise<PushResult | { replanned: PushPlan }> => {
    const link = await options.links.get(plan.environmentKey, plan.filePath);
    if (link?.remoteId !== plan.link?.remoteId || link?.syncedAt !== plan.link?.syncedAt) return { replanned: await replan() };
    if (options.recheckRemote) {
      const now = await replan();
      if (remoteState(now) !== remoteState(plan)) return { replanned: now };
    }
    return applyPush(plan, options);
  };
  return options.links.exclusive ? options.links.exclusive(plan.filePath, run, options.signal) : run();
}

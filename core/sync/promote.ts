/**
 * Promotion of one spec from a source sandbox to a target sandbox (same or another environment): the remote copy in
 * the source is read (through the local file's link for the source, else by the file's exact `name`), the push of
 * that content into the target is planned with {@link planPush} (one lookup, the same reasons and decisions as an
 * upload: a target changed since the last sync there is `remote-changed` and needs `overwrite`), and applying it
 * creates or updates the target, records the file's link for the target, then registers a connection spec in the
 * target's flow spec(s) (rule in promoteTargets.ts). Front ends only render the plan and pass the user's decisions.
 */
import { FlowServiceError } from '../api/errors';
import type { FlowServiceClient, RemoteSpec, SpecResource } from '../api/types';
import { isProductionSandbox, normalizeSandbox } from '../config/environments';
import { kindInfoOfResource } from '../spec/kinds';
import { compareSpecs, unifiedDiff, type SpecComparison } from './diff';
import { environmentKey, type LinkStore } from './links';
import { formatSpecFile, toAuthoringForm } from './normalize';
import { resolveRemote } from './operations';
import { registrationTargets, type FlowSpecTarget } from './promoteTargets';
import { applyPushPlanned, canApply, planPush, PushRefused, type PushDecision, type PushPlan, type PushResult } from './push';
import { registerInFlowSpec } from './register';
import { parseSpecText, resourceForFile } from './specFile';

export type { FlowSpecRule, FlowSpecTarget } from './promoteTargets';

/** How the spec was found in the source sandbox. */
export type SourceLookup = 'link' | 'name';

/** The outcome of {@link planPromotion}: everything a front end shows before asking. */
export interface PromotionPlan {
  resource: SpecResource;
  filePath: string;
  /** Link-store keys (sync identities) of the source and target sandboxes. */
  fromKey: string;
  toKey: string;
  /** The spec in the source sandbox. */
  source: RemoteSpec;
  sourceFoundBy: SourceLookup;
  /** The source spec as a spec file (authoring form): what the target will hold. */
  sourceText: string;
  /**
   * The local file vs the source's copy, when they differ: the source's copy is what is promoted, so edits not yet
   * uploaded to the source do not travel (front ends say so and offer to upload first). Undefined when they match.
   */
  fileDiffers?: SpecComparison;
  /** The push of `sourceText` into the target: its `reason` says create, update, conflict… */
  push: PushPlan;
  /** The target's current copy as a spec file, when there is one. */
  targetText?: string;
  /** Unified diff target (now) → source (what the target will hold); empty when they are the same. */
  diff: string;
  /** Flow specs of the target to register in (connection specs only). */
  registration: FlowSpecTarget[];
  /** Why nothing will be registered, when `registration` is empty for a connection spec. */
  registrationSkipped?: string;
  /** The target sandbox is a production sandbox ({@link isProductionSandbox}): front ends confirm by its name. */
  production: boolean;
  /** The target sandbox's name. */
  targetSandbox: string;
}

export interface PlanPromotionOptions {
  from: FlowServiceClient;
  to: FlowServiceClient;
  /** The local spec file: its links (source and target) and its `name` identify the spec. */
  filePath: string;
  text: string;
  links: LinkStore;
  /** Flow spec id or exact name in the target sandbox, instead of the rule of promoteTargets.ts. */
  flowSpec?: string;
  signal?: AbortSignal;
}

export interface FindRemoteCopyOptions {
  client: FlowServiceClient;
  links: LinkStore;
  /** The local spec file whose link (for the client's sandbox) or exact `name` identifies the spec. */
  filePath: string;
  text: string;
  signal?: AbortSignal;
}

/**
 * The remote copy of a local spec file in the client's sandbox: through the file's link for that sandbox, else by
 * the file's exact name. Throws `not-found` (linked spec gone, or no spec of that name: the message says which) and
 * `conflict` (several specs of that name).
 */
export async function findRemoteCopy(options: FindRemoteCopyOptions): Promise<{ remote: RemoteSpec; foundBy: SourceLookup; resource: SpecResource }> {
  const { client, filePath, links, signal } = options;
  const resource = resourceForFile(filePath, options.text);
  const link = await links.get(environmentKey(client.environment), filePath);
  if (link) {
    try {
      return { remote: await client.get(resource, link.remoteId, { signal }), foundBy: 'link', resource };
    } catch (err) {
      if (!(err instanceof FlowServiceError) || err.kind !== 'not-found') throw err;
      throw new FlowServiceError(`${filePath} is linked to ${link.remoteId} in sandbox ${client.environment.sandbox}, which no longer exists there`, 'not-found');
    }
  }
  const name = parseSpecText(filePath, options.text).name;
  if (typeof name !== 'string' || !name) {
    throw new FlowServiceError(`${filePath} has no name and is not linked in sandbox ${client.environment.sandbox}: nothing identifies its remote copy`, 'not-found');
  }
  return { remote: await resolveRemote(client, resource, name, signal), foundBy: 'name', resource };
}

/** The file vs the source's copy; undefined when they match, or when the file cannot be read as a spec. */
function fileVersusSource(filePath: string, text: string, source: RemoteSpec): SpecComparison | undefined {
  try {
    const comparison = compareSpecs(parseSpecText(filePath, text), source);
    return comparison.same ? undefined : comparison;
  } catch {
    return undefined;
  }
}

/**
 * Plans a promotion without changing anything: reads the source spec, plans the push into the target and works out
 * the registration. Throws `config` when source and target are the same sandbox, `not-found` / `conflict` when the
 * source spec cannot be identified, and remote failures as they come.
 */
export async function planPromotion(options: PlanPromotionOptions): Promise<PromotionPlan> {
  const { from, to, filePath, links, signal } = options;
  const fromKey = environmentKey(from.environment);
  const toKey = environmentKey(to.environment);
  if (fromKey === toKey) {
    throw new FlowServiceError(`The source and the target are the same sandbox (${toKey}): pick another target sandbox`, 'config');
  }
  const { remote: source, foundBy, resource } = await findRemoteCopy({ client: from, links, filePath, text: options.text, signal });
  const sourceText = formatSpecFile(toAuthoringForm(source));
  const push = await planPush({ client: to, filePath, text: sourceText, kind: kindInfoOfResource(resource).kind, links, signal });
  const targetText = push.remote ? formatSpecFile(toAuthoringForm(push.remote)) : undefined;
  const label = kindInfoOfResource(resource).label;
  const diff = targetText === sourceText ? '' : unifiedDiff(sourceText, targetText ?? '', {
    local: `${source.name} (source ${fromKey})`,
    remote: push.remote ? `${push.remote.name} (target ${toKey})` : `no ${label} yet (target ${toKey})`,
  });
  let registration: FlowSpecTarget[] = [];
  let registrationSkipped: string | undefined;
  if (resource === 'connectionSpecs' && push.reason !== 'ambiguous-name') {
    ({ targets: registration, skipped: registrationSkipped } = await registrationTargets({
      from, to, source, targetId: push.remote?.id, flowSpec: options.flowSpec, signal,
    }));
  }
  return {
    resource, filePath, fromKey, toKey, source, sourceFoundBy: foundBy, sourceText, fileDiffers: fileVersusSource(filePath, options.text, source), push, targetText, diff, registration,
    registrationSkipped, production: isProductionSandbox(to.environment.sandbox), targetSandbox: normalizeSandbox(to.environment.sandbox),
  };
}

/** One registration done by {@link applyPromotion}. */
export interface PromotionRegistration {
  /** The flow spec after the registration. */
  flowSpec: RemoteSpec;
  rule: FlowSpecTarget['rule'];
  /** False when it already listed the spec. */
  changed: boolean;
}

/** What {@link applyPromotion} did. */
export interface PromotionResult {
  push: PushResult;
  registrations: PromotionRegistration[];
}

/**
 * The spec was created or updated in the target (and linked), but registering it in a flow spec failed: `cause` is
 * the Flow Service's answer (a refusal a front end maps to a file position), `pushed` what was done before.
 */
export class PromotionRegistrationFailed extends Error {
  constructor(readonly pushed: PushResult, readonly flowSpec: RemoteSpec, readonly cause: unknown, readonly done: PromotionRegistration[]) {
    super(`${pushed.remote.name} was ${pushed.action} in the target (${pushed.remote.id}), but registering it in flow spec ${flowSpec.name} (${flowSpec.id}) failed: ` +
      `${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'PromotionRegistrationFailed';
  }
}

export interface ApplyPromotionOptions {
  /** The target client (the one the plan was made with). */
  to: FlowServiceClient;
  links: LinkStore;
  /** What the user allowed, as for a push (`overwrite` allows every decision). */
  decisions?: readonly PushDecision[];
  signal?: AbortSignal;
}

/**
 * The refusal when the target is no longer what the plan (and its diff, and the confirmation) saw: the same refusal as
 * before planning when the target now needs a decision that was not given (a change since the last sync there needs
 * `overwrite`), else a `conflict` saying what moved. Either way nothing was sent.
 */
function targetChangedMeanwhile(plan: PromotionPlan, now: PushPlan, decisions: readonly PushDecision[]): FlowServiceError {
  if (!canApply(now, decisions)) return new PushRefused(now, true);
  const linkMoved = now.link?.remoteId !== plan.push.link?.remoteId || now.link?.syncedAt !== plan.push.link?.syncedAt;
  const what = linkMoved
    ? `${plan.filePath} was uploaded or promoted to the target by someone else`
    : `${plan.push.remote ? `${plan.push.remote.name} (${plan.push.remote.id})` : `a ${kindInfoOfResource(plan.resource).label} named "${plan.push.name}"`} changed in the target`;
  return new FlowServiceError(`${what} while this promotion waited for confirmation (now: ${now.reason}${now.comparison ? `, ${now.comparison.summary}` : ''}). ` +
    'Nothing was changed: promote again to see the new diff', 'conflict', { retryable: false });
}

/**
 * Carries out a plan: the push into the target (throws PushRefused, kind `conflict`, for a decision not given; when
 * the target's link or remote copy changed since planning, the refusal of {@link targetChangedMeanwhile}), then each
 * registration. A failed registration throws {@link PromotionRegistrationFailed}; the spec stays created or updated
 * and linked.
 */
export async function applyPromotion(plan: PromotionPlan, options: ApplyPromotionOptions): Promise<PromotionResult> {
  const { to, links, signal } = options;
  // The confirmation covered the target as planned: it is looked at again, and a change made meanwhile is refused.
  const pushed = await applyPushPlanned(plan.push, { client: to, links, text: plan.sourceText, decisions: options.decisions, signal, recheckRemote: true });
  if ('replanned' in pushed) throw targetChangedMeanwhile(plan, pushed.replanned, options.decisions ?? []);
  const registrations: PromotionRegistration[] = [];
  if (plan.resource !== 'connectionSpecs') return { push: pushed, registrations };
  for (const target of plan.registration) {
    try {
      const result = await registerInFlowSpec({ client: to, connectionSpecId: pushed.remote.id, flowSpecId: target.flowSpec.id, signal });
      registrations.push({ flowSpec: result.after, rule: target.rule, changed: result.changed });
    } catch (err) {
      throw new PromotionRegistrationFailed(pushed, target.flowSpec, err, registrations);
    }
  }
  return { push: pushed, registrations };
}

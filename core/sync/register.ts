/**
 * Registering a connection spec in a flow spec: append its id to `sourceConnectionSpecIds` with a full-body PUT.
 * A PUT replaces the whole flow spec, so the body is built from a fresh GET, ids are only ever appended, and the
 * result is re-read to prove that every id that was there before is still there.
 */
import { FlowServiceError } from '../api/errors';
import type { FlowServiceClient, RemoteSpec } from '../api/types';
import { compareSpecs, unifiedDiff } from './diff';
import { looksLikeId, resolveRemote } from './operations';
import { formatSpecFile, toAuthoringForm } from './normalize';
import { GENERIC_STREAMING_AEP_ID, REST_STORAGE_TO_AEP_ID } from '../spec/flowSpecIds';

export { GENERIC_STREAMING_AEP_ID, REST_STORAGE_TO_AEP_ID } from '../spec/flowSpecIds';

export interface RegisterOptions {
  client: FlowServiceClient;
  connectionSpecId: string;
  /** Id or name of the flow spec; default chosen from the connection spec's `type`. */
  flowSpecId?: string;
  signal?: AbortSignal;
}

export interface RegisterPlan {
  /** False when the id is already listed: nothing to do. */
  changed: boolean;
  connectionSpec: RemoteSpec;
  flowSpec: RemoteSpec;
  /** The PUT body (authoring form + `id`), when `changed`. */
  body?: Record<string, unknown>;
  /** Unified diff of the flow spec file before → after. */
  diff: string;
  /** Short human summary of the change. */
  summary: string;
}

export interface RegisterResult {
  changed: boolean;
  before: RemoteSpec;
  after: RemoteSpec;
  diff: string;
}

/** The flow spec a connection spec of `type` belongs to, or undefined when the type gives no answer. */
export function defaultFlowSpecFor(type: unknown): string | undefined {
  if (type === 'generic-rest') return REST_STORAGE_TO_AEP_ID;
  if (type === 'generic-streaming') return GENERIC_STREAMING_AEP_ID;
  return undefined;
}

function idsOf(flowSpec: RemoteSpec): string[] {
  const ids = flowSpec.sourceConnectionSpecIds;
  return Array.isArray(ids) ? ids.filter((v): v is string => typeof v === 'string') : [];
}

/** Works out the PUT without sending it (the extension shows the diff before the user confirms). */
export async function planRegister(options: RegisterOptions): Promise<RegisterPlan> {
  const { client, signal } = options;
  const connectionSpec = await client.get('connectionSpecs', options.connectionSpecId, { signal });
  const flowSpecRef = options.flowSpecId ?? defaultFlowSpecFor(connectionSpec.type);
  if (!flowSpecRef) {
    throw new FlowServiceError(
      `Cannot tell which flow spec connection spec ${connectionSpec.id} belongs to (type ${JSON.stringify(connectionSpec.type)}): pass the flow spec explicitly`,
      'config',
    );
  }
  const flowSpec = looksLikeId(flowSpecRef)
    ? await client.get('flowSpecs', flowSpecRef, { signal })
    : await resolveRemote(client, 'flowSpecs', flowSpecRef, signal);
  const before = idsOf(flowSpec);
  if (before.includes(connectionSpec.id)) {
    return { changed: false, connectionSpec, flowSpec, diff: '', summary: `${connectionSpec.id} is already registered in ${flowSpec.name} (${flowSpec.id})` };
  }
  const authoring = toAuthoringForm(flowSpec);
  const afterForm = { ...authoring, sourceConnectionSpecIds: [...before, connectionSpec.id] };
  const body = { id: flowSpec.id, ...afterForm };
  const diff = unifiedDiff(formatSpecFile(afterForm), formatSpecFile(authoring), {
    local: `${flowSpec.name} (after)`,
    remote: `${flowSpec.name} (now)`,
  });
  const summary = `append ${connectionSpec.id} to ${flowSpec.name} (${flowSpec.id}) sourceConnectionSpecIds; ${compareSpecs(afterForm, authoring).summary}`;
  return { changed: true, connectionSpec, flowSpec, body, diff, summary };
}

/**
 * Appends the connection spec id to the flow spec. Never removes an id; after the PUT the flow spec is read again
 * and every id that was present before (plus the new one) must be there, else a `bad-response` error says which
 * ids are missing so they can be restored.
 */
export async function registerInFlowSpec(options: RegisterOptions): Promise<RegisterResult> {
  return applyRegisterPlan(await planRegister(options), options);
}

/**
 * Sends a plan made by {@link planRegister} (the caller showed it first, or needs the flow spec's id to place a
 * refusal), with the same re-read check as {@link registerInFlowSpec}.
 */
export async function applyRegisterPlan(plan: RegisterPlan, options: Pick<RegisterOptions, 'client' | 'signal'>): Promise<RegisterResult> {
  if (!plan.changed || !plan.body) return { changed: false, before: plan.flowSpec, after: plan.flowSpec, diff: '' };
  const { client, signal } = options;
  const expected = [...idsOf(plan.flowSpec), plan.connectionSpec.id];
  await client.update('flowSpecs', plan.flowSpec.id, plan.body, { signal });
  const after = await client.get('flowSpecs', plan.flowSpec.id, { signal });
  const present = new Set(idsOf(after));
  const missing = expected.filter((id) => !present.has(id));
  if (missing.length > 0) {
    throw new FlowServiceError(
      `After the update, flow spec ${plan.flowSpec.id} lacks source connection spec ids ${missing.join(', ')}: ` +
        'someone may have changed it at the same time; re-run register for each missing id',
      'bad-response',
      { remote: after },
    );
  }
  return { changed: true, before: plan.flowSpec, after, diff: plan.diff };
}

/**
 * Walks Adobe's source test chain (the Flow Service API, https://developer.adobe.com/experience-platform-apis/references/flow-service/) for one connection spec file: push the spec, register it in its flow
 * spec, create a base connection with the author's test values, preview with explore, create source and target
 * connections and a dataflow scheduled once, then wait for the flow's first run and read what it ingested. The CLI
 * (`sources-sdk test`) and the extension (*Test Source in Emulator*) both call this; front ends only render steps.
 */
import { FlowServiceError } from '../api/errors';
import type { FlowServiceClientWithExtras } from '../api/flowServiceClient';
import { flowResourcePath } from '../api/flowResources';
import { systemClock } from '../api/http';
import type { LinkStore } from '../sync/links';
import { pushSpec } from '../sync/operations';
import { kindForFile } from '../sync/specFile';
import { defaultFlowSpecFor, registerInFlowSpec } from '../sync/register';
import { DATA_LAKE_TARGET_SPEC_ID } from '../spec/wellKnownIds';

/** The steps, in order, as reported to `onStep`. */
export type ChainStepName = 'push' | 'register' | 'baseConnection' | 'explore' | 'sourceConnection' | 'targetConnection' | 'flow' | 'run' | 'records';

export interface ChainStep {
  step: ChainStepName;
  /** One line for a log or a progress message, e.g. "base connection 1f2e… created". */
  message: string;
}

export interface TestChainOptions {
  client: FlowServiceClientWithExtras;
  /** The connection spec file and its text (pushed like `sources-sdk push` does, with its link). */
  filePath: string;
  text: string;
  links: LinkStore;
  /** Overwrite a remote spec that changed since the last sync (as `push --force`). */
  force?: boolean;
  /** The auth spec (name or type) and its values; `{}` for streaming sources. */
  authSpecName: string;
  authValues: Record<string, unknown>;
  /** Values of `sourceSpec.spec` (source connection params, explore `sourceParams`). */
  sourceValues: Record<string, unknown>;
  signal?: AbortSignal;
  onStep?: (step: ChainStep) => void;
  /** How long to wait for the first run to finish (default 120 s) and how often to look (default 500 ms). */
  runTimeoutMs?: number;
  pollIntervalMs?: number;
  /** Name prefix of the created resources (default "Sources SDK test"). */
  label?: string;
}

/** What the chain created and read. `run` is absent for streaming sources (they run when events arrive). */
export interface TestChainResult {
  specId: string;
  flowSpecId: string;
  connectionId?: string;
  sourceConnectionId: string;
  targetConnectionId: string;
  flowId: string;
  /** Records explore previewed (first page). */
  preview: unknown[];
  /** The first run as the service returned it. */
  run?: Record<string, unknown>;
  status?: 'success' | 'failed';
  /** `recordSummary.inputRecordCount` of the run. */
  recordCount?: number;
  /** The run's error message when it failed. */
  error?: string;
  /** The records the run read (emulator only: `GET /runs/{id}/records`); undefined where the service has none. */
  records?: unknown[];
  /** Streaming flows: where to send events. */
  inletUrl?: string;
}

/** Waits between polls (the API client's abortable sleep); an abort is the chain's own `cancelled` error. */
async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await systemClock.sleep(ms, signal);
  } catch {
    throw new FlowServiceError('Cancelled', 'cancelled');
  }
}

function idOf(body: unknown, what: string): string {
  const id = (body as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') throw new FlowServiceError(`The service created the ${what} but answered without its id`, 'bad-response');
  return id;
}

function runStatus(run: Record<string, unknown> | undefined): string | undefined {
  return ((run?.metrics as { statusSummary?: { status?: unknown } } | undefined)?.statusSummary?.status as string | undefined)?.toLowerCase();
}

/** Walks the chain; throws `FlowServiceError` when a call is refused (the message is the service's, redacted). */
export async function walkTestChain(options: TestChainOptions): Promise<TestChainResult> {
  const { client, signal } = options;
  const report = (step: ChainStepName, message: string) => options.onStep?.({ step, message });
  const label = options.label ?? 'Sources SDK test';
  const stamp = new Date().toISOString();
  const post = async (path: string, body: unknown) => client.call('POST', path, body, { signal });

  const kind = kindForFile(options.filePath, options.text);
  if (kind !== 'connectionSpec') throw new FlowServiceError(`${options.filePath} is a flow spec: test a connection spec file`, 'config');
  const pushed = await pushSpec({ client, filePath: options.filePath, text: options.text, kind, links: options.links, decisions: options.force ? ['overwrite'] : [], signal });
  const spec = pushed.remote;
  report('push', `connection spec ${spec.id} ${pushed.action}`);
  const flowSpecId = defaultFlowSpecFor(spec.type);
  if (!flowSpecId) throw new FlowServiceError(`The spec's type is ${JSON.stringify(spec.type)}: only generic-rest and generic-streaming sources can be tested`, 'config');
  const registered = await registerInFlowSpec({ client, connectionSpecId: spec.id, flowSpecId, links: options.links, signal });
  report('register', registered.changed ? `registered in flow spec ${String(registered.after.name)}` : `already registered in flow spec ${String(registered.after.name)}`);
  const streaming = spec.type === 'generic-streaming';
  const specRef = { id: spec.id, version: typeof spec.version === 'string' ? spec.version : '1.0' };

  let connectionId: string | undefined;
  let preview: unknown[] = [];
  if (!streaming) {
    connectionId = idOf(await post(flowResourcePath('connections'), {
      name: `${label} account ${stamp}`,
      description: 'Created by the Sources SDK test chain',
      connectionSpec: specRef,
      auth: { specName: options.authSpecName, params: options.authValues },
    }), 'base connection');
    report('baseConnection', `base connection ${connectionId} created`);
    const sourceParams = Buffer.from(JSON.stringify(options.sourceValues), 'utf8').toString('base64');
    const explored = (await client.call('GET', `${flowResourcePath('connections', connectionId, 'explore')}?objectType=rest&object=json&fileType=json&preview=true&sourceParams=${encodeURIComponent(sourceParams)}`, undefined, { signal })) as { data?: unknown } | undefined;
    preview = Array.isArray(explored?.data) ? explored.data : [];
    report('explore', `explore previewed ${preview.length} record(s)`);
  }

  const sourceConnectionId = idOf(await post(flowResourcePath('sourceConnections'), {
    name: `${label} source ${stamp}`,
    ...(connectionId ? { baseConnectionId: connectionId } : {}),
    connectionSpec: specRef,
    data: { format: 'json' },
    params: options.sourceValues,
  }), 'source connection');
  report('sourceConnection', `source connection ${sourceConnectionId} created`);
  const targetConnectionId = idOf(await post(flowResourcePath('targetConnections'), {
    name: `${label} target ${stamp}`,
    connectionSpec: { id: DATA_LAKE_TARGET_SPEC_ID, version: '1.0' },
    data: { format: 'parquet_xdm' },
    params: { dataSetId: 'sources-sdk-test-dataset' },
  }), 'target connection');
  report('targetConnection', `target connection ${targetConnectionId} created`);

  const flowBody: Record<string, unknown> = {
    name: `${label} flow ${stamp}`,
    flowSpec: { id: flowSpecId, version: '1.0' },
    sourceConnectionIds: [sourceConnectionId],
    targetConnectionIds: [targetConnectionId],
  };
  if (!streaming) flowBody.scheduleParams = { startTime: Math.floor(Date.now() / 1000), frequency: 'once' };
  const flowId = idOf(await post(flowResourcePath('flows'), flowBody), 'flow');
  report('flow', `flow ${flowId} created`);
  const result: TestChainResult = { specId: spec.id, flowSpecId, connectionId, sourceConnectionId, targetConnectionId, flowId, preview };
  if (streaming) {
    const flow = ((await client.call('GET', flowResourcePath('flows', flowId), undefined, { signal })) as { items?: Array<{ options?: { inletUrl?: string } }> } | undefined)?.items?.[0];
    result.inletUrl = flow?.options?.inletUrl;
    report('run', `streaming flow: send events to ${result.inletUrl ?? 'its inlet URL'}`);
    return result;
  }

  const deadline = Date.now() + (options.runTimeoutMs ?? 120_000);
  for (;;) {
    const runs = await client.listItems('runs', { property: [`flowId==${flowId}`], orderby: 'createdAt', signal });
    const run = runs[0];
    const status = runStatus(run);
    if (run && (status === 'success' || status === 'failed')) {
      result.run = run;
      result.status = status;
      result.recordCount = Number((run.metrics as { recordSummary?: { inputRecordCount?: unknown } }).recordSummary?.inputRecordCount ?? 0);
      const errors = (run.metrics as { statusSummary?: { errors?: Array<{ message?: unknown }> } }).statusSummary?.errors;
      if (status === 'failed') result.error = String(errors?.[0]?.message ?? 'the run failed without a message');
      break;
    }
    if (Date.now() > deadline) throw new FlowServiceError(`The first run of flow ${flowId} did not finish in time (last status: ${status ?? 'no run yet'})`, 'timeout');
    await sleep(options.pollIntervalMs ?? 500, signal);
  }
  report('run', result.status === 'success' ? `run ${String(result.run?.id)} succeeded: ${result.recordCount} record(s)` : `run ${String(result.run?.id)} failed: ${result.error}`);
  try {
    const kept = (await client.call('GET', flowResourcePath('runs', String(result.run?.id), 'records'), undefined, { signal })) as { items?: unknown[] } | undefined;
    result.records = Array.isArray(kept?.items) ? kept.items : undefined;
    if (result.records) report('records', `${result.records.length} record(s) kept by the run`);
  } catch (err) {
    // Only the emulator keeps run records; elsewhere there is nothing more to show.
    if (!(err instanceof FlowServiceError) || err.kind !== 'not-found') throw err;
  }
  return result;
}

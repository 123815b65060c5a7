/**
 * Helpers for the test-chain suites: a connection spec on the fake source with a required source input, a manual
 * clock for the run scheduler, polling for a run to finish, and base64 for `sourceParams`.
 */
import type { EmulatorClock } from '../../../emulator/emulator';
import { authSpecs } from '../../helpers/fakeSourceSpecs';
import type { TestEmulator } from './emulator';
import type { LooseJson } from '../../helpers/looseJson';

export const REST_FLOW_SPEC_ID = '6499120c-0b15-42dc-936e-847ea3c24d72';
export const STREAMING_FLOW_SPEC_ID = 'e77fde5a-22a8-11ed-861d-0242ac120002';
export const DATA_LAKE_SPEC_ID = 'c604ff05-7f1a-43c0-8e18-33bf874cb11c';

/** A batch spec reading `/basic/items` of the fake source (3 records, Basic auth checked), `listId` required. */
export function chainSpec(sourceUrl: string, name = 'Chain test source'): Record<string, unknown> {
  return {
    name,
    providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
    version: '1.0',
    type: 'generic-rest',
    authSpec: authSpecs(),
    sourceSpec: {
      attributes: {
        uiAttributes: { isSource: true, category: { key: 'protocols' }, label: { text: 'Chain' } },
        urlParams: { host: sourceUrl, path: '/basic/items', method: 'GET', queryParams: { list: '${listId}' } },
        contentPath: '$.items',
        paginationParams: { type: 'NONE' },
        scheduleParams: { scheduleStartParamName: 'since', scheduleEndParamName: 'before', scheduleStartParamFormat: 'yyyy-MM-ddTHH:mm:ssZ', scheduleEndParamFormat: 'yyyy-MM-ddTHH:mm:ssZ' },
      },
      spec: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: { listId: { type: 'string', description: 'The list to read.' } },
        required: ['listId'],
      },
    },
    exploreSpec: { name: 'Resource', type: 'Resource' },
  };
}

/** A generic-streaming spec (no auth, no source inputs). */
export function streamingSpec(name = 'Chain streaming source'): Record<string, unknown> {
  return {
    name,
    providerId: '521eee4d-8cbe-4906-bb48-fb6bd4450033',
    version: '1.0',
    type: 'generic-streaming',
    attributes: { category: 'Streaming', isSource: true },
    authSpec: [],
    sourceSpec: { attributes: { uiAttributes: { isSource: true, category: { key: 'streaming' }, label: { text: 'Hook' } } } },
    exploreSpec: { type: 'StreamingConnection' },
  };
}

export function base64Json(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

/** Appends `specId` to a flow spec's `sourceConnectionSpecIds` with a full PUT, as authors do. */
export async function registerInFlowSpec(emu: Pick<TestEmulator, 'call'>, flowSpecId: string, specId: string): Promise<void> {
  const current = (await emu.call('GET', `/flowSpecs/${flowSpecId}`)).body.items[0];
  const put = await emu.call('PUT', `/flowSpecs/${flowSpecId}`, { body: { ...current, sourceConnectionSpecIds: [...current.sourceConnectionSpecIds, specId] } });
  if (put.status !== 200) throw new Error(`register failed: ${put.status} ${put.text}`);
}

/** The runs of a flow, polled until `done(runs)` holds or the deadline passes (no fixed sleeps). */
export async function waitForRuns(emu: TestEmulator, flowId: string, done: (runs: LooseJson[]) => boolean, timeoutMs = 10_000): Promise<LooseJson[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await emu.emulator.store.resources.idle();
    const runs = (await emu.call('GET', `/runs?property=flowId==${flowId}`)).body.items as LooseJson[];
    if (done(runs)) return runs;
    if (Date.now() > deadline) throw new Error(`runs of ${flowId} did not reach the expected state: ${JSON.stringify(runs.map((r) => r.metrics?.statusSummary))}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export const finished = (run: LooseJson): boolean => ['success', 'failed'].includes(run?.metrics?.statusSummary?.status);

/** A clock whose time moves only when the test says so; due timers fire in order. */
export class ManualClock implements EmulatorClock {
  private timers: Array<{ id: number; at: number; callback: () => void }> = [];
  private nextId = 1;

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, at: this.time + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Timers still waiting. */
  pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that becomes due, earliest first. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = target;
  }
}

/**
 * Dataflow runs. A run executes the flow's connection spec against the author's source through the one execution
 * engine (`core/run`'s `runSpec`), with the base connection's credentials and the source connection's params,
 * and records the documented metrics. A batch flow whose `startTime` has passed gets its first run at once, then
 * one per interval while the emulator runs; the timers belong to the emulator (an injectable clock, so tests drive
 * them without sleeping) and stop when it closes. What each run read is kept under `runRecords`.
 */
import { randomUUID } from 'node:crypto';
import type { RunRequest, RunResult } from '../../core/run';
import { measureJson } from '../../core/run/jsonMeasure';
import { hidePaths } from '../paths';
import type { SpecStore } from '../store';
import type { EmulatorClock, Scope } from '../types';
import { connectionCredentials, findAuthSpec } from './baseConnections';
import type { FlowScheduler, ResourceServices } from './descriptor';
import { newEtag, type FlowResourceStore, type StoredResource } from './resourceStore';
import { INTERRUPTED_CODE, STOPPED_MESSAGE, wasInterrupted } from './runRecovery';

export const systemClock: EmulatorClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref?.();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What each run keeps for inspection (batch runs, and each hour of a streaming flow); every record is counted. */
export interface RunRecordLimits {
  /** Most records kept. */
  maxRecords: number;
  /** Most bytes of records' JSON kept. */
  maxRecordBytes: number;
}

/** The default: the first 1,000 records, at most 16 MiB of them (`--max-run-records`, `--max-run-records-mb`). */
export const DEFAULT_RUN_RECORDS: RunRecordLimits = { maxRecords: 1000, maxRecordBytes: 16 * 1024 * 1024 };
/** `setTimeout` cannot wait longer than this; longer waits are re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

export type Execute = (request: RunRequest) => Promise<RunResult>;

interface Schedule {
  startMs: number;
  frequency: string;
  intervalMs: number | undefined;
  backfill: boolean;
}

function readSchedule(flow: StoredResource): Schedule | undefined {
  const params = flow.scheduleParams as { startTime?: unknown; frequency?: unknown; interval?: unknown; backfill?: unknown } | undefined;
  if (!params || typeof params.frequency !== 'string') return undefined;
  const start = Number(params.startTime);
  const interval = Number(params.interval);
  return {
    startMs: Number.isFinite(start) ? start * 1000 : 0,
    frequency: params.frequency,
    intervalMs: params.frequency === 'once' || !Number.isFinite(interval) ? undefined : interval * (UNIT_MS[params.frequency] ?? 60_000),
    backfill: params.backfill !== false,
  };
}

function scopeKey(scope: Scope, flowId: string): string {
  return JSON.stringify([scope.orgId, scope.sandboxName, flowId]);
}

/** Runs flows: on schedule, on demand, and streaming events. */
export class RunService implements FlowScheduler {
  private readonly timers = new Map<string, unknown>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private stopped = false;

  constructor(
    private readonly store: FlowResourceStore,
    private readonly specs: SpecStore,
    private readonly services: () => ResourceServices,
    private readonly execute: Execute,
    private readonly clock: EmulatorClock = systemClock,
    private readonly log: (line: string) => void = () => undefined,
    private readonly keep: RunRecordLimits = DEFAULT_RUN_RECORDS,
  ) {}

  /** The scheduled runs of a flow that count for its schedule (runs the emulator was stopped in are read again). */
  private async scheduledRuns(scope: Scope, flowId: string): Promise<StoredResource[]> {
    return (await this.store.list(scope, 'runs')).filter((run) => run.flowId === flowId && run._trigger === 'schedule' && !wasInterrupted(run));
  }

  /** Re-arms every enabled batch flow of a scope just loaded from disk. */
  async resume(scope: Scope): Promise<void> {
    for (const flow of await this.store.list(scope, 'flows')) await this.flowChanged(scope, flow);
  }

  async flowChanged(scope: Scope, flow: StoredResource): Promise<void> {
    this.flowDeleted(scope, flow.id);
    if (this.stopped || flow.state === 'disabled') return;
    const schedule = readSchedule(flow);
    if (!schedule) return;
    const last = (await this.scheduledRuns(scope, flow.id)).at(-1);
    const now = this.clock.now();
    let dueMs: number;
    if (!last) dueMs = schedule.startMs;
    else if (schedule.intervalMs === undefined) return; // a `once` flow that already ran
    else dueMs = Number(last._scheduledAt ?? last.createdAt) + schedule.intervalMs;
    this.arm(scope, flow.id, Math.max(0, dueMs - now));
  }

  flowDeleted(scope: Scope, flowId: string): void {
    const key = scopeKey(scope, flowId);
    const timer = this.timers.get(key);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.timers.delete(key);
  }

  private arm(scope: Scope, flowId: string, delayMs: number): void {
    const key = scopeKey(scope, flowId);
    const step = Math.min(delayMs, MAX_TIMER_MS);
    const due = this.clock.now() + delayMs;
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(key);
      if (this.stopped) return;
      const remaining = due - this.clock.now();
      if (remaining > 0) return this.arm(scope, flowId, remaining);
      this.track(this.scheduledRun(scope, flowId));
    }, step);
    this.timers.set(key, timer);
  }

  private async scheduledRun(scope: Scope, flowId: string): Promise<void> {
    const flow = await this.store.get(scope, 'flows', flowId);
    if (!flow || flow.state === 'disabled') return;
    const schedule = readSchedule(flow);
    if (!schedule) return;
    const now = this.clock.now();
    const previous = (await this.scheduledRuns(scope, flowId)).at(-1);
    const previousEnd = previous ? Number(previous._windowEnd) : Number.NaN;
    let start: number;
    if (Number.isFinite(previousEnd)) start = previousEnd;
    else if (schedule.backfill || schedule.intervalMs === undefined) start = Math.min(schedule.startMs, now);
    else start = now - schedule.intervalMs;
    await this.startRun(scope, flow, { start, end: now }, 'schedule', { backfill: !previous && schedule.backfill });
    if (schedule.intervalMs !== undefined && !this.stopped) this.arm(scope, flowId, schedule.intervalMs);
  }

  /** Keeps a promise in the in-flight set until it settles (for `idle` and `stop`). */
  private track(promise: Promise<unknown>): void {
    const settled = promise.then(
      () => undefined,
      (err: unknown) => this.log(`run failed: ${err instanceof Error ? err.message : String(err)}`),
    );
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
  }

  /**
   * Creates a run (status `inProgress`) and executes it in the background. Resolves with the new run record;
   * `idle()` resolves once it has finished.
   */
  async startRun(
    scope: Scope,
    flow: StoredResource,
    window: { start: number; end: number },
    trigger: 'schedule' | 'onDemand',
    options: { backfill?: boolean } = {},
  ): Promise<StoredResource> {
    const now = this.clock.now();
    const run = await this.store.create(scope, 'runs', {}, String(flow.updatedClient ?? 'emulator'), {
      flowId: flow.id,
      flowSpec: flow.flowSpec,
      providerRefId: randomUUID(),
      etag: newEtag(),
      metrics: {
        durationSummary: { startedAtUTC: now },
        statusSummary: { status: 'inProgress', extensions: { window: { startedAtUTC: window.start, endedAtUTC: window.end }, trigger } },
      },
      activities: [],
      _trigger: trigger,
      _scheduledAt: now,
      _windowEnd: window.end,
    });
    this.track(this.finishRun(scope, flow, run, window, options.backfill ?? false));
    return run;
  }

  private async finishRun(scope: Scope, flow: StoredResource, run: StoredResource, window: { start: number; end: number }, backfill: boolean): Promise<void> {
    let result: RunResult | undefined;
    let failure: string | undefined;
    let status: number | undefined;
    let interrupted = false;
    try {
      const input = await this.runInput(scope, flow);
      result = await this.execute({
        ...input,
        window: { start: new Date(window.start), end: new Date(window.end) },
        backfill,
        limits: this.keep,
        signal: this.abort.signal,
      });
      if (result.error?.code === 'cancelled' && this.stopped) {
        interrupted = true;
        failure = `${STOPPED_MESSAGE} The ${result.records.length} records read until then are kept.`;
      } else if (result.error) {
        failure = result.error.message;
        status = result.error.status;
      }
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    await this.complete(scope, flow.id, run, {
      records: result?.records ?? [],
      recordCount: result?.recordCount ?? 0,
      failure,
      sourceStatus: status,
      requests: result?.requests.length ?? 0,
      warnings: result?.warnings.map((warning) => warning.message) ?? [],
      interrupted,
    });
  }

  /** The engine's input for a flow: spec, credentials, params. Throws a message saying what is missing. */
  private async runInput(scope: Scope, flow: StoredResource): Promise<Pick<RunRequest, 'spec' | 'authSpecName' | 'authValues' | 'sourceValues'>> {
    const sourceId = String((flow.sourceConnectionIds as unknown[] | undefined)?.[0]);
    const source = await this.store.get(scope, 'sourceConnections', sourceId);
    if (!source) throw new Error(`The source connection ${sourceId} of this flow no longer exists.`);
    const specId = String((source.connectionSpec as { id?: unknown }).id);
    const spec = await this.specs.get(scope, 'connectionSpecs', specId);
    if (!spec) throw new Error(`The connection spec ${specId} no longer exists in this sandbox.`);
    const base = await this.store.get(scope, 'connections', String(source.baseConnectionId));
    if (!base) throw new Error(`The base connection ${String(source.baseConnectionId)} of source connection ${sourceId} no longer exists.`);
    const specName = String((base.auth as { specName?: unknown }).specName);
    const authSpec = findAuthSpec(spec, specName);
    if (!authSpec) throw new Error(`The auth spec '${specName}' is no longer in connection spec ${specId}.`);
    return {
      spec,
      authSpecName: String(authSpec.name),
      authValues: await connectionCredentials(base, this.services()),
      sourceValues: (source.params as Record<string, unknown> | undefined) ?? {},
    };
  }

  /**
   * Writes a finished run's records, metrics and the flow's `lastRunDetails`. Records that cannot be stored (the
   * data folder refuses the write) make the run failed with the reason and none kept; the run never stays
   * `inProgress`.
   */
  private async complete(
    scope: Scope,
    flowId: string,
    run: StoredResource,
    outcome: { records: unknown[]; recordCount: number; failure?: string; sourceStatus?: number; requests: number; warnings: string[]; interrupted?: boolean },
  ): Promise<void> {
    const completed = this.clock.now();
    let bytes = measureJson(outcome.records).bytes;
    try {
      await this.store.create(scope, 'runRecords', {}, 'emulator', {
        runId: run.id,
        flowId,
        recordCount: outcome.recordCount,
        truncated: outcome.records.length < outcome.recordCount,
        records: outcome.records,
      }, run.id);
    } catch (err) {
      const reason = `The run read ${outcome.recordCount} records but they could not be stored, so none were kept: ${hidePaths(err instanceof Error ? err.message : String(err))}.`;
      this.log(`run ${run.id}: ${reason}`);
      await this.store.remove(scope, 'runRecords', run.id).catch(() => undefined);
      outcome = { ...outcome, records: [], failure: outcome.failure === undefined ? reason : `${outcome.failure} ${reason}` };
      bytes = 0;
    }
    const state = outcome.failure === undefined ? 'success' : 'failed';
    const saved = await this.store.mutate(scope, 'runs', run.id, (current) => {
      const metrics = current.metrics as { durationSummary: Record<string, unknown>; statusSummary: Record<string, unknown> };
      const statusSummary: Record<string, unknown> = {
        ...metrics.statusSummary,
        status: state,
        extensions: { ...(metrics.statusSummary.extensions as object), requests: outcome.requests, warnings: outcome.warnings },
      };
      if (outcome.failure !== undefined) {
        statusSummary.errors = [{ code: outcome.interrupted ? INTERRUPTED_CODE : `SOURCE-${outcome.sourceStatus ?? 'ERROR'}`, message: outcome.failure }];
      }
      return {
        ...current,
        ...(outcome.interrupted ? { _interrupted: true } : {}),
        etag: newEtag(),
        metrics: {
          durationSummary: { ...metrics.durationSummary, completedAtUTC: completed },
          sizeSummary: { inputBytes: bytes, outputBytes: outcome.failure === undefined ? bytes : 0 },
          recordSummary: {
            inputRecordCount: outcome.recordCount,
            createdRecordCount: outcome.failure === undefined ? outcome.recordCount : 0,
            outputRecordCount: outcome.failure === undefined ? outcome.recordCount : 0,
            failedRecordCount: 0,
          },
          fileSummary: { inputFileCount: 0, outputFileCount: 0 },
          statusSummary,
        },
      };
    });
    if (!saved) return;
    const started = (saved.metrics as { durationSummary: { startedAtUTC: number } }).durationSummary.startedAtUTC;
    await this.store.mutate(scope, 'flows', flowId, (flow) => ({ ...flow, lastRunDetails: { id: run.id, state, startedAtUTC: started, completedAtUTC: completed } }), { bumpEtag: false });
  }

  /**
   * Records streaming events posted to a flow's inlet: one run per flow and UTC hour (how the platform reports
   * streaming ingestion), its counts increased and the events kept like batch records. Posts to the same flow
   * are serialised so two of them never open two runs for one hour.
   */
  recordEvents(scope: Scope, flow: StoredResource, events: unknown[]): Promise<StoredResource> {
    const key = scopeKey(scope, flow.id);
    const previous = this.eventChains.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.appendEvents(scope, flow, events));
    this.eventChains.set(key, next);
    void next.finally(() => {
      if (this.eventChains.get(key) === next) this.eventChains.delete(key);
    }).catch(() => undefined);
    return next;
  }

  private readonly eventChains = new Map<string, Promise<StoredResource>>();

  private async appendEvents(scope: Scope, flow: StoredResource, events: unknown[]): Promise<StoredResource> {
    const now = this.clock.now();
    const hourStart = now - (now % UNIT_MS.hour!);
    let run = (await this.store.list(scope, 'runs')).find((r) => r.flowId === flow.id && r._trigger === 'stream' && r._windowStart === hourStart);
    if (!run) {
      run = await this.store.create(scope, 'runs', {}, 'emulator', {
        flowId: flow.id,
        flowSpec: flow.flowSpec,
        providerRefId: randomUUID(),
        etag: newEtag(),
        metrics: {
          durationSummary: { startedAtUTC: now, completedAtUTC: now },
          sizeSummary: { inputBytes: 0, outputBytes: 0 },
          recordSummary: { inputRecordCount: 0, createdRecordCount: 0, outputRecordCount: 0, failedRecordCount: 0 },
          fileSummary: { inputFileCount: 0, outputFileCount: 0 },
          statusSummary: { status: 'success', extensions: { window: { startedAtUTC: hourStart, endedAtUTC: hourStart + UNIT_MS.hour! }, trigger: 'stream' } },
        },
        activities: [],
        _trigger: 'stream',
        _windowStart: hourStart,
      });
    }
    const runId = run.id;
    const kept = await this.store.get(scope, 'runRecords', runId);
    const records = [...((kept?.records as unknown[] | undefined) ?? [])];
    let keptBytes = Number(kept?._bytes ?? measureJson(records).bytes);
    let bytes = 0;
    // The first events are kept while both caps hold; once one is reached, later events are counted only.
    let full = records.length < Number(kept?.recordCount ?? 0);
    for (const event of events) {
      const size = measureJson(event).bytes;
      bytes += size;
      full ||= records.length >= this.keep.maxRecords || keptBytes + size > this.keep.maxRecordBytes;
      if (full) continue;
      records.push(event);
      keptBytes += size;
    }
    const total = Number(kept?.recordCount ?? 0) + events.length;
    const content = { runId, flowId: flow.id, recordCount: total, truncated: records.length < total, records, _bytes: keptBytes };
    if (kept) await this.store.mutate(scope, 'runRecords', runId, (current) => ({ ...current, ...content }));
    else await this.store.create(scope, 'runRecords', {}, 'emulator', content, runId);
    const saved = await this.store.mutate(scope, 'runs', runId, (current) => {
      const metrics = current.metrics as Record<string, Record<string, number>>;
      const count = (metrics.recordSummary!.inputRecordCount ?? 0) + events.length;
      const size = (metrics.sizeSummary!.inputBytes ?? 0) + bytes;
      return {
        ...current,
        etag: newEtag(),
        metrics: {
          ...metrics,
          durationSummary: { ...metrics.durationSummary, completedAtUTC: now },
          sizeSummary: { inputBytes: size, outputBytes: size },
          recordSummary: { inputRecordCount: count, createdRecordCount: count, outputRecordCount: count, failedRecordCount: 0 },
        },
      };
    });
    const started = Number((run.metrics as { durationSummary: { startedAtUTC: number } }).durationSummary.startedAtUTC);
    await this.store.mutate(scope, 'flows', flow.id, (current) => ({ ...current, lastRunDetails: { id: runId, state: 'success', startedAtUTC: started, completedAtUTC: now } }), { bumpEtag: false });
    return saved ?? run;
  }

  /** Resolves once every run started so far has finished (tests, `close`). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Stops every timer, cancels running source requests, waits for the runs to record their end. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
    await this.idle();
  }
}

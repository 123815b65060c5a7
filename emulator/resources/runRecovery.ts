/**
 * Runs the emulator was stopped in the middle of (killed, crashed, the machine went down). A run is written
 * `inProgress` when it starts and completed when it ends; after a `kill -9` it stayed `inProgress` forever, its
 * flow's `lastRunDetails` never followed and a `once` flow never ran again. When a sandbox is loaded, every run
 * still `inProgress` is marked `failed` with a reason, and its flow's `lastRunDetails` follows. The scheduler skips
 * interrupted runs (`_interrupted`) when it looks for a flow's previous run, so the interrupted window is read again
 * (a `once` flow runs again). A run the emulator is closed during (Ctrl+C) ends failed the same way, at once,
 * keeping what it read.
 */
import { newEtag, type FlowResourceName, type StoredResource } from './resourceStore';

/** The error code of a run the emulator was stopped in the middle of. */
export const INTERRUPTED_CODE = 'EMULATOR-INTERRUPTED';

export const INTERRUPTED_MESSAGE =
  'The emulator stopped while this run was in progress, so it never finished; it was marked failed when the emulator started again. '
  + 'A run keeps its records when it ends, so none were kept. A scheduled flow reads the interrupted window again (a once flow runs again); '
  + 'run an on-demand flow again with POST /runs.';

/** The error of a run the emulator was closed during (Ctrl+C, `close()`); the records read so far are kept. */
export const STOPPED_MESSAGE =
  'The emulator was stopped during this run, so it did not finish. A scheduled flow reads this window again when the emulator starts '
  + '(a once flow runs again); run an on-demand flow again with POST /runs.';

type Metrics = { durationSummary?: Record<string, unknown>; statusSummary?: Record<string, unknown> };

const statusOf = (run: StoredResource): unknown => (run.metrics as Metrics | undefined)?.statusSummary?.status;

/** True for a run that was marked failed because the emulator stopped during it. */
export const wasInterrupted = (run: StoredResource): boolean => run._interrupted === true;

/**
 * The records to write so that no run of a just-loaded sandbox stays `inProgress`: each such run failed with
 * `INTERRUPTED_MESSAGE` (completed at `now`), and the flows whose latest run it is with `lastRunDetails` on it.
 */
export function recoverInterruptedRuns(list: (resource: FlowResourceName) => StoredResource[], now: number): Array<{ resource: FlowResourceName; record: StoredResource }> {
  const changes: Array<{ resource: FlowResourceName; record: StoredResource }> = [];
  const interrupted = new Map<string, StoredResource>();
  for (const run of list('runs')) {
    if (statusOf(run) !== 'inProgress') continue;
    const metrics = run.metrics as Metrics;
    const failed: StoredResource = {
      ...run,
      etag: newEtag(),
      _interrupted: true,
      metrics: {
        ...metrics,
        durationSummary: { ...metrics.durationSummary, completedAtUTC: now },
        sizeSummary: { inputBytes: 0, outputBytes: 0 },
        recordSummary: { inputRecordCount: 0, createdRecordCount: 0, outputRecordCount: 0, failedRecordCount: 0 },
        fileSummary: { inputFileCount: 0, outputFileCount: 0 },
        statusSummary: { ...metrics.statusSummary, status: 'failed', errors: [{ code: INTERRUPTED_CODE, message: INTERRUPTED_MESSAGE }] },
      },
    };
    interrupted.set(run.id, failed);
    changes.push({ resource: 'runs', record: failed });
  }
  if (interrupted.size === 0) return changes;
  const runs = list('runs').map((run) => interrupted.get(run.id) ?? run);
  for (const flow of list('flows')) {
    const latest = runs.filter((run) => run.flowId === flow.id).sort((a, b) => a.createdAt - b.createdAt).at(-1);
    if (!latest || !interrupted.has(latest.id)) continue;
    const started = (latest.metrics as Metrics).durationSummary?.startedAtUTC;
    changes.push({ resource: 'flows', record: { ...flow, lastRunDetails: { id: latest.id, state: 'failed', startedAtUTC: started, completedAtUTC: now } } });
  }
  return changes;
}

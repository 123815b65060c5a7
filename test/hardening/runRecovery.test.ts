// Runs recover. The emulator killed (-9) in the middle of a run left it `inProgress` forever (no completedAtUTC),
// its flow's lastRunDetails never followed and the `once` flow never ran again. Now, at start, such a run is marked
// failed with a reason, lastRunDetails follows, and the once flow runs again. And a run that fails for any reason
// (the source's error, a record too deep) ends failed with its error and keeps the records read until then.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEmulator, emulatorClient, type TestEmulator } from '../emulator/helpers/emulator';
import { spawnCliEmulator } from '../emulator/helpers/cliEmulator';
import { finished, waitForRuns } from '../emulator/helpers/chain';
import { tempFolders } from '../helpers/tempFolders';
import type { LooseJson } from '../helpers/looseJson';
import { createChain, scriptedSpec, startScriptedSource, type ScriptedSource } from './helpers/scriptedSource';

const tempDir = tempFolders();

/** Polls `check` until it returns a value (no fixed sleeps); fails after `timeoutMs`. */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** JSON text of an object nested `levels` deep (JSON.stringify itself overflows on such a value). */
const deepText = (levels: number) => `${'{"x":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('a run the emulator was killed in', () => {
  let source: ScriptedSource;
  let hang = true;
  before(async () => {
    source = await startScriptedSource(() => (hang ? new Promise(() => undefined) : { json: { items: [{ id: 1 }, { id: 2 }] } }));
  });
  after(() => source.close());

  test('is failed with a reason at the next start, lastRunDetails follows, and the once flow runs again', async () => {
    const dataDir = tempDir('recover-');
    const child = await spawnCliEmulator(['--port', '0', '--data', dataDir, '--quiet']);
    let flowId: string;
    let interruptedId: string;
    try {
      const api = emulatorClient(child.url);
      const chain = await createChain(api, scriptedSpec(source.url, '/items'));
      flowId = await chain.flow({ startTime: Math.floor(Date.now() / 1000) - 60, frequency: 'once' });
      // The run has started and waits for the source: the moment to pull the plug.
      await until('the source to be asked', async () => (source.received.length > 0 ? true : undefined));
      const [run] = (await api.call('GET', `/runs?property=flowId==${flowId}`)).body.items as LooseJson[];
      assert.equal(run.metrics.statusSummary.status, 'inProgress');
      interruptedId = run.id;
    } finally {
      child.child.kill('SIGKILL');
      await child.exited;
    }

    hang = false;
    const emu = await startTestEmulator({ dataDir });
    try {
      const runs = await waitForRuns(emu, flowId, (list) => list.length === 2 && list.every(finished));
      const interrupted = runs.find((run) => run.id === interruptedId)!;
      assert.equal(interrupted.metrics.statusSummary.status, 'failed');
      assert.equal(interrupted.metrics.statusSummary.errors[0].code, 'EMULATOR-INTERRUPTED');
      assert.match(interrupted.metrics.statusSummary.errors[0].message, /emulator stopped while this run was in progress.*none were kept/);
      assert.equal(typeof interrupted.metrics.durationSummary.completedAtUTC, 'number');
      const again = runs.find((run) => run.id !== interruptedId)!;
      assert.equal(again.metrics.statusSummary.status, 'success', 'the once flow ran again');
      assert.equal(again.metrics.recordSummary.inputRecordCount, 2);
      const flow = (await emu.call('GET', `/flows/${flowId}`)).body.items[0];
      assert.equal(flow.lastRunDetails.id, again.id);
      assert.equal(flow.lastRunDetails.state, 'success');
    } finally {
      await emu.close();
    }
    // A restart after that changes nothing: no run is in progress, the once flow has run.
    const third = await startTestEmulator({ dataDir });
    try {
      const runs = await waitForRuns(third, flowId, (list) => list.length === 2);
      assert.deepEqual(runs.map((run) => run.metrics.statusSummary.status).sort(), ['failed', 'success']);
    } finally {
      await third.close();
    }
  });
});

describe('a run the emulator is closed during', () => {
  test('ends failed at once saying so, and its once flow runs again at the next start', async () => {
    let hang = true;
    const source = await startScriptedSource(() => (hang ? new Promise(() => undefined) : { json: { items: [{ id: 7 }] } }));
    const dataDir = tempDir('stopped-');
    try {
      const emu = await startTestEmulator({ dataDir });
      let flowId: string;
      try {
        const chain = await createChain(emu, scriptedSpec(source.url, '/items', '$.items', 'Closed during a run'));
        flowId = await chain.flow({ startTime: Math.floor(Date.now() / 1000) - 60, frequency: 'once' });
        await until('the source to be asked', async () => (source.received.length > 0 ? true : undefined));
      } finally {
        await emu.close();
      }
      hang = false;
      const again = await startTestEmulator({ dataDir });
      try {
        const runs = await waitForRuns(again, flowId, (list) => list.length === 2 && list.every(finished));
        const [stopped, rerun] = runs.sort((a, b) => a.createdAt - b.createdAt);
        assert.equal(stopped.metrics.statusSummary.status, 'failed');
        assert.equal(stopped.metrics.statusSummary.errors[0].code, 'EMULATOR-INTERRUPTED');
        assert.match(stopped.metrics.statusSummary.errors[0].message, /^The emulator was stopped during this run/);
        assert.equal(rerun.metrics.statusSummary.status, 'success');
      } finally {
        await again.close();
      }
    } finally {
      await source.close();
    }
  });
});

describe('a run that fails ends failed with its error and keeps what it read', () => {
  let source: ScriptedSource;
  let emu: TestEmulator;
  /** The second page of `/error` is a 500; the second page of `/deep` holds a record nested 5,000 levels. */
  before(async () => {
    source = await startScriptedSource((path) => {
      const offset = Number(new URL(path, 'http://x').searchParams.get('offset') ?? 0);
      if (offset === 0) return { json: { items: [{ id: 1 }, { id: 2 }] } };
      if (path.startsWith('/error')) return { json: { message: 'upstream broke' }, status: 500 };
      return { raw: `{"items": [{"id": 3}, ${deepText(5000)}]}` };
    });
    emu = await startTestEmulator({});
  });
  after(async () => { await emu.close(); await source.close(); });

  async function runOf(path: string) {
    const spec = scriptedSpec(source.url, path);
    (spec.sourceSpec as { attributes: Record<string, unknown> }).attributes.paginationParams = { type: 'OFFSET', limitName: 'limit', limitValue: 2, offSetName: 'offset' };
    const chain = await createChain(emu, { ...spec, name: `Fails at ${path}` });
    const flowId = await chain.flow({ startTime: Math.floor(Date.now() / 1000) - 60, frequency: 'once' });
    const [run] = await waitForRuns(emu, flowId, (list) => list.length === 1 && finished(list[0]));
    const records = await emu.call('GET', `/runs/${run.id}/records`);
    return { run, records };
  }

  test("a source error: failed with the source's message, the first page's records kept", async () => {
    const { run, records } = await runOf('/error');
    assert.equal(run.metrics.statusSummary.status, 'failed');
    assert.equal(run.metrics.statusSummary.errors[0].code, 'SOURCE-500');
    assert.match(run.metrics.statusSummary.errors[0].message, /upstream broke/);
    assert.deepEqual(records.body.items, [{ id: 1 }, { id: 2 }]);
  });

  test('a record nested 5,000 levels: failed saying so, the records before it kept', async () => {
    const { run, records } = await runOf('/deep');
    assert.equal(run.metrics.statusSummary.status, 'failed');
    const message: string = run.metrics.statusSummary.errors[0].message;
    assert.match(message, /Record 2 of page 2 is nested deeper than 100 levels/);
    assert.doesNotMatch(message, /call stack/);
    assert.equal(records.status, 200);
    assert.deepEqual(records.body.items, [{ id: 1 }, { id: 2 }, { id: 3 }]);
    assert.ok(!run.metrics.statusSummary.extensions.warnings.some((w: string) => /Kept the first/.test(w)), 'no record-limit warning');
  });
});

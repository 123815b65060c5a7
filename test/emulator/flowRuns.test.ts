/**
 * Scheduled and on-demand runs, driven by a manual clock (no sleeps): a batch flow whose start time has passed
 * runs at once, then once per interval; a future start waits; `once` flows run on POST /runs; a failing source
 * gives a failed run with the source's error; schedules stop when the emulator closes and resume after a restart.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from './helpers/emulator';
import { chainSpec, DATA_LAKE_SPEC_ID, finished, ManualClock, registerInFlowSpec, REST_FLOW_SPEC_ID } from './helpers/chain';
import { FAKE_CREDENTIALS, FAKE_TOTALS, startFakeSource, type FakeSource } from '../helpers/fakeSource';
import { AUTH } from '../helpers/fakeSourceSpecs';

const MINUTE = 60_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');

/** Creates spec, base/source/target connections and registers the spec; returns a flow factory. */
async function chain(emu: TestEmulator, sourceUrl: string, password: string = FAKE_CREDENTIALS.password) {
  const specId = (await emu.create('connectionSpecs', chainSpec(sourceUrl))).id;
  await registerInFlowSpec(emu, REST_FLOW_SPEC_ID, specId);
  const connection = await emu.call('POST', '/connections', { body: { name: 'acct', connectionSpec: { id: specId, version: '1.0' }, auth: { specName: AUTH.basic, params: { username: FAKE_CREDENTIALS.username, password } } } });
  const sourceConnection = await emu.call('POST', '/sourceConnections', { body: { name: 'src', baseConnectionId: connection.body.id, connectionSpec: { id: specId, version: '1.0' }, data: { format: 'json' }, params: { listId: 'L' } } });
  const target = await emu.call('POST', '/targetConnections', { body: { name: 'tgt', connectionSpec: { id: DATA_LAKE_SPEC_ID, version: '1.0' }, data: { format: 'parquet_xdm' }, params: { dataSetId: 'ds' } } });
  return async (scheduleParams: Record<string, unknown>): Promise<string> => {
    const flow = await emu.call('POST', '/flows', { body: { name: 'flow', flowSpec: { id: REST_FLOW_SPEC_ID, version: '1.0' }, sourceConnectionIds: [sourceConnection.body.id], targetConnectionIds: [target.body.id], scheduleParams } });
    assert.equal(flow.status, 201, flow.text);
    return flow.body.id;
  };
}

async function runsOf(emu: TestEmulator, flowId: string): Promise<any[]> {
  await emu.emulator.store.resources.idle();
  return (await emu.call('GET', `/runs?property=flowId==${flowId}`)).body.items;
}

describe('scheduled runs on a manual clock', () => {
  let source: FakeSource;
  before(async () => { source = await startFakeSource(); });
  after(async () => { await source.close(); });

  test('a past start runs at once, then once per interval; a future start waits; delete stops the schedule', async () => {
    const clock = new ManualClock(T0);
    const emu = await startTestEmulator({ clock });
    try {
      const create = await chain(emu, source.url);
      const past = await create({ startTime: (T0 - 60 * MINUTE) / 1000, frequency: 'minute', interval: 15 });
      clock.advance(0);
      let runs = await runsOf(emu, past);
      assert.equal(runs.length, 1);
      assert.ok(finished(runs[0]));
      assert.equal(runs[0].metrics.recordSummary.inputRecordCount, FAKE_TOTALS.auth);
      // backfill (default true): the first window starts at the flow's start time.
      assert.equal(runs[0].metrics.statusSummary.extensions.window.startedAtUTC, T0 - 60 * MINUTE);

      clock.advance(14 * MINUTE);
      assert.equal((await runsOf(emu, past)).length, 1, 'no run before the interval has passed');
      clock.advance(MINUTE);
      runs = await runsOf(emu, past);
      assert.equal(runs.length, 2);
      // The next window continues where the previous one ended.
      assert.equal(runs[1].metrics.statusSummary.extensions.window.startedAtUTC, T0);
      assert.equal(runs[1].metrics.statusSummary.extensions.window.endedAtUTC, T0 + 15 * MINUTE);

      const future = await create({ startTime: (T0 + 60 * MINUTE) / 1000, frequency: 'hour', interval: 1, backfill: false });
      clock.advance(0);
      assert.equal((await runsOf(emu, future)).length, 0, 'a flow starting in the future has not run yet');

      assert.equal((await emu.call('DELETE', `/flows/${past}`)).status, 204);
      clock.advance(45 * MINUTE);
      assert.equal((await runsOf(emu, past)).length, 2, 'a deleted flow runs no more');
      runs = await runsOf(emu, future);
      assert.equal(runs.length, 1, 'the future flow ran at its start time');
      // Without backfill the first window is the last interval.
      assert.equal(runs[0].metrics.statusSummary.extensions.window.startedAtUTC, T0);
    } finally {
      await emu.close();
    }
    assert.equal(clock.pending(), 0, 'closing the emulator clears its timers');
  });

  test('POST /runs runs a once flow on demand and refuses periodic ones', async () => {
    const clock = new ManualClock(T0);
    const emu = await startTestEmulator({ clock });
    try {
      const create = await chain(emu, source.url);
      const once = await create({ startTime: String((T0 + 24 * 60 * MINUTE) / 1000), frequency: 'once' });
      const periodic = await create({ startTime: (T0 + 24 * 60 * MINUTE) / 1000, frequency: 'day', interval: 1 });
      const refused = await emu.call('POST', '/runs', { body: { flowId: periodic } });
      assert.equal(refused.status, 400);
      assert.match(refused.body.errorMessage, /scheduled once/);
      const missing = await emu.call('POST', '/runs', { body: { flowId: 'nope' } });
      assert.equal(missing.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1430-400');

      const run = await emu.call('POST', '/runs', { body: { flowId: once, params: { windowStartTime: (T0 - MINUTE) / 1000, windowEndTime: T0 / 1000 } } });
      assert.equal(run.status, 201, run.text);
      assert.match(run.body.etag, /^"/);
      const runs = await runsOf(emu, once);
      assert.equal(runs.length, 1);
      assert.equal(runs[0].id, run.body.id);
      assert.equal(runs[0].metrics.statusSummary.status, 'success');
      assert.equal(runs[0].metrics.statusSummary.extensions.window.startedAtUTC, T0 - MINUTE);
    } finally {
      await emu.close();
    }
  });

  test("a source that refuses the credentials gives a failed run with the source's error, never the secret", async () => {
    const clock = new ManualClock(T0);
    const emu = await startTestEmulator({ clock });
    try {
      const create = await chain(emu, source.url, 'not-the-password-42');
      const flowId = await create({ startTime: (T0 - MINUTE) / 1000, frequency: 'minute', interval: 15 });
      clock.advance(0);
      const [run] = await runsOf(emu, flowId);
      assert.equal(run.metrics.statusSummary.status, 'failed');
      assert.equal(run.metrics.recordSummary.inputRecordCount, 0);
      assert.match(run.metrics.statusSummary.errors[0].message, /401/);
      assert.equal(run.metrics.statusSummary.errors[0].code, 'SOURCE-401');
      assert.ok(!JSON.stringify(run).includes('not-the-password-42'));
      const flow = (await emu.call('GET', `/flows/${flowId}`)).body.items[0];
      assert.equal(flow.lastRunDetails.state, 'failed');
    } finally {
      await emu.close();
    }
  });

  test('schedules resume after a restart from the data folder, and runs and records survive it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ssdk-runs-'));
    try {
      const clock = new ManualClock(T0);
      let emu = await startTestEmulator({ clock, dataDir });
      let flowId: string;
      let runId: string;
      try {
        const create = await chain(emu, source.url);
        flowId = await create({ startTime: (T0 - MINUTE) / 1000, frequency: 'minute', interval: 15 });
        clock.advance(0);
        const runs = await runsOf(emu, flowId);
        assert.equal(runs.length, 1);
        runId = runs[0].id;
      } finally {
        await emu.close();
      }
      clock.advance(20 * MINUTE);
      emu = await startTestEmulator({ clock, dataDir });
      try {
        // The restarted emulator re-armed the flow without any request: the overdue run starts at once.
        clock.advance(0);
        await emu.emulator.store.resources.idle();
        const runs = await runsOf(emu, flowId);
        assert.equal(runs.length, 2);
        assert.equal(runs[0].id, runId);
        const records = await emu.call('GET', `/runs/${runId}/records`);
        assert.equal(records.body.items.length, FAKE_TOTALS.auth);
        // The decrypted credentials still work after the restart (the key is kept in the data folder).
        assert.equal(runs[1].metrics.statusSummary.status, 'success', JSON.stringify(runs[1].metrics));
      } finally {
        await emu.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

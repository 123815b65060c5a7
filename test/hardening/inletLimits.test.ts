// The streaming inlet applies the emulator's limits before storing: events nested 150 and 1,000 levels were
// accepted, one nested 5,000 levels got a 500 and from then on every post to that inlet and GET /runs/{id}/records
// answered 500 until a restart. Now an event deeper than 100 levels or larger than 1 MB is a 400 that names it, nothing
// of that request is stored, and the inlet and its run's records keep working — in memory and with a data folder.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEmulator, type TestEmulator } from '../emulator/helpers/emulator';
import { registerInFlowSpec, streamingSpec, STREAMING_FLOW_SPEC_ID, DATA_LAKE_SPEC_ID } from '../emulator/helpers/chain';
import { tempFolders } from '../helpers/tempFolders';

const tempDir = tempFolders();

/** JSON text of one event whose `payload` nests `levels` objects. */
const deepEvent = (levels: number) => `{"kind":"deep","payload":${'{"x":'.repeat(levels)}1${'}'.repeat(levels)}}`;

async function streamingFlow(emu: TestEmulator): Promise<{ inletUrl: string; flowId: string }> {
  const spec = await emu.create('connectionSpecs', streamingSpec());
  await registerInFlowSpec(emu, STREAMING_FLOW_SPEC_ID, spec.id);
  const source = await emu.call('POST', '/sourceConnections', { body: { name: 'hook', connectionSpec: { id: spec.id, version: '1.0' }, data: { format: 'json' } } });
  const target = await emu.call('POST', '/targetConnections', { body: { name: 'lake', connectionSpec: { id: DATA_LAKE_SPEC_ID, version: '1.0' }, data: { format: 'parquet_xdm' }, params: { dataSetId: 'ds' } } });
  const flow = await emu.call('POST', '/flows', { body: { name: 'stream', flowSpec: { id: STREAMING_FLOW_SPEC_ID, version: '1.0' }, sourceConnectionIds: [source.body.id], targetConnectionIds: [target.body.id] } });
  assert.equal(flow.status, 201, flow.text);
  const stored = (await emu.call('GET', `/flows/${flow.body.id}`)).body.items[0];
  return { inletUrl: stored.options.inletUrl, flowId: flow.body.id };
}

async function post(inletUrl: string, body: string): Promise<{ status: number; body: { errorMessage?: string; eventCount?: number } }> {
  const response = await fetch(inletUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, body: (await response.json()) as { errorMessage?: string } };
}

for (const mode of ['memory', 'data folder'] as const) {
  describe(`the inlet (${mode})`, () => {
    test('deep and oversized events are refused with 400 before storing; the inlet and its records keep working', async () => {
      const emu = await startTestEmulator(mode === 'memory' ? {} : { dataDir: tempDir('inlet-') });
      try {
        const { inletUrl, flowId } = await streamingFlow(emu);
        assert.equal((await post(inletUrl, '{"kind":"first"}')).status, 200);

        for (const levels of [150, 1000, 5000]) {
          const refused = await post(inletUrl, deepEvent(levels));
          assert.equal(refused.status, 400, `${levels} levels`);
          assert.match(refused.body.errorMessage!, /Event 1 is nested deeper than 100 levels.*Nothing from this request was stored/);
        }
        // In an array, the one bad event is named and the good ones beside it are not stored either.
        const mixed = await post(inletUrl, `[{"kind":"kept?"}, ${deepEvent(120)}]`);
        assert.equal(mixed.status, 400);
        assert.match(mixed.body.errorMessage!, /Event 2 is nested deeper than 100 levels/);
        const large = await post(inletUrl, JSON.stringify({ kind: 'large', text: 'x'.repeat(1_100_000) }));
        assert.equal(large.status, 400);
        assert.match(large.body.errorMessage!, /Event 1 is larger than 1 MiB of JSON/);
        const nearLimit = await post(inletUrl, JSON.stringify({ kind: 'deep but fine', payload: JSON.parse(deepEvent(98)) }));
        assert.equal(nearLimit.status, 200, JSON.stringify(nearLimit.body));

        assert.equal((await post(inletUrl, '[{"kind":"after"},{"kind":"after 2"}]')).status, 200);
        const [run] = (await emu.call('GET', `/runs?property=flowId==${flowId}`)).body.items;
        assert.equal(run.metrics.recordSummary.inputRecordCount, 4);
        const records = await emu.call('GET', `/runs/${run.id}/records`);
        assert.equal(records.status, 200, records.text);
        assert.deepEqual(records.body.items.map((event: { kind: string }) => event.kind), ['first', 'deep but fine', 'after', 'after 2']);
      } finally {
        await emu.close();
      }
    });
  });
}

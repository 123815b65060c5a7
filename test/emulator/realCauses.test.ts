/**
 * Issue 20 point 6: mapping sets in both of Data Prep's forms, read back as written; and error messages that name the
 * real cause for what real clients send — a run without `params`, an etag in the query instead of the `If-Match`
 * header, an explore without `objectType`/`preview`, a search endpoint.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { flowResourcePath } from '../../core/api/flowResources';
import { runWindow } from '../../emulator/resources/runRoutes';
import { FAKE_CREDENTIALS, startFakeSource, type FakeSource } from '../helpers/fakeSource';
import { AUTH } from '../helpers/fakeSourceSpecs';
import type { LooseJson } from '../helpers/looseJson';
import { chainSpec, DATA_LAKE_SPEC_ID, REST_FLOW_SPEC_ID, registerInFlowSpec } from './helpers/chain';
import { startTestEmulator, type CallResult, type TestEmulator } from './helpers/emulator';

const MAPPING_SETS = flowResourcePath('mappingSets');
const SCHEMA = 'https://ns.adobe.com/causes/schemas/1';

function detail(answer: CallResult): string {
  return String(answer.body?.report?.['detailed-message'] ?? answer.body?.message ?? answer.text);
}

describe('mapping sets in both forms', () => {
  let emu: TestEmulator;
  before(async () => { emu = await startTestEmulator(); });
  after(async () => { await emu.close(); });

  async function roundTrip(body: Record<string, unknown>): Promise<LooseJson> {
    const created = await emu.call('POST', MAPPING_SETS, { body });
    assert.equal(created.status, 201, created.text);
    const read = await emu.call('GET', `${MAPPING_SETS}/${created.body.id}`);
    assert.equal(read.status, 200);
    return read.body;
  }

  test('the current form (outputSchema.schemaRef, mappings of sourceType/source/destination) reads back as written', async () => {
    const body = {
      outputSchema: { schemaRef: { id: SCHEMA, contentType: 'application/vnd.adobe.xed-full+json;version=1' } },
      mappings: [{ sourceType: 'ATTRIBUTE', source: 'email', destination: 'personalEmail.address' }, { sourceType: 'EXPRESSION', source: 'upper(name)', destination: 'person.name' }],
    };
    const read = await roundTrip(body);
    assert.deepEqual({ outputSchema: read.outputSchema, mappings: read.mappings }, body);
    assert.equal(read.xdmSchema, undefined);
    assert.equal(read.xdmVersion, undefined);
    const listed = await emu.call('GET', `${MAPPING_SETS}?property=${encodeURIComponent(`outputSchema.schemaRef.id==${SCHEMA}`)}`);
    assert.deepEqual(listed.body.items.map((item: LooseJson) => item.id), [read.id]);
  });

  test('the older form (xdmSchema, xdmVersion, mappings of sourceAttribute/destinationXdmPath) reads back as written', async () => {
    const body = { version: 0, xdmSchema: SCHEMA, xdmVersion: '1.0', mappings: [{ sourceAttribute: 'email', destinationXdmPath: 'personalEmail.address', identity: false, version: 0 }] };
    const read = await roundTrip(body);
    assert.deepEqual({ xdmSchema: read.xdmSchema, xdmVersion: read.xdmVersion, mappings: read.mappings }, { xdmSchema: body.xdmSchema, xdmVersion: body.xdmVersion, mappings: body.mappings });
    assert.equal(read.outputSchema, undefined);
  });

  test('a body mixing the forms, or missing a field of its form, is refused naming it', async () => {
    const mixed = await emu.call('POST', MAPPING_SETS, { body: { outputSchema: { schemaRef: { id: SCHEMA } }, mappings: [{ sourceAttribute: 'a', destinationXdmPath: 'b' }] } });
    assert.equal(mixed.status, 400);
    assert.match(detail(mixed), /mixes the two forms/);
    const noRef = await emu.call('POST', MAPPING_SETS, { body: { outputSchema: {}, mappings: [] } });
    assert.equal(noRef.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1455-400');
    assert.match(detail(noRef), /'outputSchema\.schemaRef\.id'/);
    const noDestination = await emu.call('POST', MAPPING_SETS, { body: { outputSchema: { schemaRef: { id: SCHEMA } }, mappings: [{ sourceType: 'ATTRIBUTE', source: 'a' }] } });
    assert.match(detail(noDestination), /mappings\[0\] needs the string field 'destination'/);
    const olderNoPath = await emu.call('POST', MAPPING_SETS, { body: { xdmSchema: SCHEMA, mappings: [{ sourceAttribute: 'a' }] } });
    assert.match(detail(olderNoPath), /mappings\[0\] needs the string field 'destinationXdmPath'/);
    const nothing = await emu.call('POST', MAPPING_SETS, { body: { name: 'no form at all' } });
    assert.match(detail(nothing), /current form.*outputSchema.*older one.*xdmSchema/);
  });
});

describe('messages that name the real cause', () => {
  let emu: TestEmulator;
  let source: FakeSource;
  const ids: Record<string, string> = {};

  before(async () => {
    source = await startFakeSource();
    emu = await startTestEmulator();
    const spec = await emu.create('connectionSpecs', chainSpec(source.url, 'Causes source'));
    await registerInFlowSpec(emu, REST_FLOW_SPEC_ID, spec.id);
    const post = async (path: string, body: unknown) => {
      const answer = await emu.call('POST', path, { body });
      assert.equal(answer.status, 201, answer.text);
      return answer.body.id as string;
    };
    ids.connection = await post('/connections', { name: 'c', connectionSpec: { id: spec.id, version: '1.0' }, auth: { specName: AUTH.basic, params: { username: FAKE_CREDENTIALS.username, password: FAKE_CREDENTIALS.password } } });
    ids.source = await post('/sourceConnections', { name: 's', baseConnectionId: ids.connection, connectionSpec: { id: spec.id, version: '1.0' }, data: { format: 'json' }, params: { listId: 'L' } });
    ids.target = await post('/targetConnections', { name: 't', connectionSpec: { id: DATA_LAKE_SPEC_ID, version: '1.0' }, data: { format: 'parquet_xdm' }, params: { dataSetId: 'ds' } });
    // Starts tomorrow: no scheduled run of its own, and the case that used to say "swap them".
    ids.flow = await post('/flows', { name: 'f', flowSpec: { id: REST_FLOW_SPEC_ID, version: '1.0' }, sourceConnectionIds: [ids.source], targetConnectionIds: [ids.target], scheduleParams: { startTime: Math.floor(Date.now() / 1000) + 86_400, frequency: 'once' } });
  });
  after(async () => {
    await emu.close();
    await source.close();
  });

  test('a run without params runs (the day before now while the flow\'s start is ahead); bad params say which and why', async () => {
    const run = await emu.call('POST', '/runs', { body: { flowId: ids.flow } });
    assert.equal(run.status, 201, run.text);
    await emu.emulator.store.resources.idle();
    const stored = (await emu.call('GET', `/runs/${run.body.id}`)).body.items[0];
    assert.equal(stored.metrics.statusSummary.status, 'success', JSON.stringify(stored.metrics.statusSummary));
    const window = stored.metrics.statusSummary.extensions.window;
    assert.equal(window.endedAtUTC - window.startedAtUTC, 86_400_000);

    const notObject = await emu.call('POST', '/runs', { body: { flowId: ids.flow, params: 'now' } });
    assert.equal(notObject.status, 400);
    assert.match(detail(notObject), /'params' must be an object.*leave it out/);
    const notTime = await emu.call('POST', '/runs', { body: { flowId: ids.flow, params: { windowEndTime: 'yesterday' } } });
    assert.match(detail(notTime), /params\.windowEndTime must be a time in epoch seconds or milliseconds \(got "yesterday"\)/);
    const reversed = await emu.call('POST', '/runs', { body: { flowId: ids.flow, params: { windowStartTime: 1_700_003_600, windowEndTime: 1_700_000_000 } } });
    assert.match(detail(reversed), /params\.windowStartTime \(2023-11-14T23:13:20\.000Z\) is after params\.windowEndTime \(2023-11-14T22:13:20\.000Z\)/);
  });

  test('the window of an on-demand run: params, else the flow\'s start, else the day before', () => {
    const now = 1_700_000_000_000;
    assert.deepEqual(runWindow(undefined, 1_600_000_000, now), { start: 1_600_000_000_000, end: now });
    assert.deepEqual(runWindow({}, 1_800_000_000, now), { start: now - 86_400_000, end: now });
    assert.deepEqual(runWindow({ windowStartTime: '1699990000', windowEndTime: 1_699_999_000_000 }, undefined, now), { start: 1_699_990_000_000, end: 1_699_999_000_000 });
    assert.match(String(runWindow({ windowStartTime: now + 1 }, undefined, now)), /is after now .*params\.windowEndTime is absent/);
  });

  test('an etag sent as ?if-match= is refused saying to send the If-Match header; the header works', async () => {
    const etag = (await emu.call('GET', `/flows/${ids.flow}`)).body.items[0].etag;
    const patch = [{ op: 'add', path: '/description', value: 'patched' }];
    for (const name of ['if-match', 'If-Match']) {
      const inQuery = await emu.call('PATCH', `/flows/${ids.flow}?${name}=${encodeURIComponent(etag)}`, { body: patch });
      assert.equal(inQuery.status, 400);
      assert.equal(inQuery.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1403-400');
      assert.match(detail(inQuery), new RegExp(`query parameter '${name}', but the Flow Service reads it from the If-Match header`));
    }
    const missing = await emu.call('PATCH', `/flows/${ids.flow}`, { body: patch });
    assert.match(detail(missing), /The header 'If-Match' is missing/);
    const header = await emu.call('PATCH', `/flows/${ids.flow}`, { body: patch, headers: { 'if-match': etag } });
    assert.equal(header.status, 200, header.text);
  });

  test('an explore without objectType and preview says what is missing and the query to send', async () => {
    const bare = await emu.call('GET', `/connections/${ids.connection}/explore`);
    assert.equal(bare.status, 400);
    assert.match(detail(bare), /neither objectType nor preview.*lists the objects of the connection.*Send objectType=rest&object=json&fileType=json&preview=true&sourceParams=/);
    const noPreview = await emu.call('GET', `/connections/${ids.connection}/explore?objectType=rest`);
    assert.match(detail(noPreview), /^preview is missing: .*Send objectType=rest/);
    const previewFalse = await emu.call('GET', `/connections/${ids.connection}/explore?objectType=rest&preview=false`);
    assert.match(detail(previewFalse), /^preview is 'false'/);
    const table = await emu.call('GET', `/connections/${ids.connection}/explore?objectType=table&preview=true`);
    assert.match(detail(table), /objectType 'table' is not explorable here/);
  });

  test('search endpoints answer 404 naming the route, not a 405 about the item', async () => {
    for (const path of ['/connections/search', '/flows/search', '/flowSpecs/search']) {
      const answer = await emu.call('POST', path, { body: { queryString: 'name==x' } });
      assert.equal(answer.status, 404, `${path}: ${answer.text}`);
      assert.match(answer.body.message, new RegExp(`does not implement POST /data/foundation/flowservice${path}`));
    }
  });
});

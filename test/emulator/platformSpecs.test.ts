/**
 * The connection specs the emulator accepts as targets are the platform's own: listed under `/connectionSpecs` in
 * every sandbox, gettable by id, looked up by name as clients do, and read-only (issue 20 point 6).
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEmulator, type TestEmulator } from './helpers/emulator';
import { DATA_LAKE_SPEC_ID } from './helpers/chain';
import type { LooseJson } from '../helpers/looseJson';

describe('the platform\'s connection specs', () => {
  let emu: TestEmulator;
  before(async () => { emu = await startTestEmulator({ seed: false }); });
  after(async () => { await emu.close(); });

  test('the data lake target is listed in every sandbox and found by name, the way clients look it up', async () => {
    for (const sandbox of ['prod', 'dev-2']) {
      const all = await emu.call('GET', '/connectionSpecs', { sandbox });
      const byName = new Map((all.body.items as LooseJson[]).map((spec) => [spec.name, spec.id]));
      assert.equal(byName.get('datalake'), DATA_LAKE_SPEC_ID, sandbox);
      const filtered = await emu.call('GET', '/connectionSpecs?property=name%3D%3Ddatalake', { sandbox });
      assert.deepEqual(filtered.body.items.map((spec: LooseJson) => spec.id), [DATA_LAKE_SPEC_ID]);
    }
  });

  test('GET /connectionSpecs/{id} answers it wrapped in items, like any spec', async () => {
    const got = await emu.call('GET', `/connectionSpecs/${DATA_LAKE_SPEC_ID}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.items.length, 1);
    assert.equal(got.body.items[0].name, 'datalake');
    assert.equal(got.body.items[0].createdClient, 'acp_foundation_connectors');
  });

  test('PUT, PATCH and DELETE are refused, saying it belongs to the platform; it stays unchanged', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const refused = await emu.call(method, `/connectionSpecs/${DATA_LAKE_SPEC_ID}`, method === 'DELETE' ? {} : { body: { name: 'mine now', providerId: 'x' } });
      assert.equal(refused.status, 405, method);
      assert.equal(refused.headers.get('allow'), 'GET');
      assert.match(refused.body.message, /'datalake'.*belongs to the platform and is read-only/, method);
    }
    assert.equal((await emu.call('GET', `/connectionSpecs/${DATA_LAKE_SPEC_ID}`)).body.items[0].name, 'datalake');
  });

  test('an author\'s spec answers PATCH and DELETE with a 405 that says to PUT instead', async () => {
    const mine = await emu.create('connectionSpecs', { name: 'Mine', providerId: 'p' });
    const patch = await emu.call('PATCH', `/connectionSpecs/${mine.id}`, { body: [] });
    assert.equal(patch.status, 405);
    assert.equal(patch.headers.get('allow'), 'GET, PUT');
    assert.match(patch.body.message, /no PATCH on the platform: change one with a full PUT/);
  });

  test('it is accepted as a target connection\'s spec, and refused as a source\'s with the reason', async () => {
    const target = await emu.call('POST', '/targetConnections', { body: { name: 't', connectionSpec: { id: DATA_LAKE_SPEC_ID, version: '1.0' }, data: { format: 'parquet_xdm' }, params: { dataSetId: 'ds' } } });
    assert.equal(target.status, 201, target.text);
    const base = await emu.call('POST', '/connections', { body: { name: 'b', connectionSpec: { id: DATA_LAKE_SPEC_ID, version: '1.0' }, auth: { specName: 'x', params: {} } } });
    assert.equal(base.status, 400);
    assert.match(base.body.report['detailed-message'], /'datalake'.*is the platform's target, not a source: use it in POST \/targetConnections/);
  });
});

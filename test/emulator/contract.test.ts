/**
 * Contract tests: the emulator's real responses for the spec endpoints must validate against the response
 * schemas of the Flow Service OpenAPI description (test/contract/flow-service.openapi.yaml, Apache-2.0), loaded with
 * the relaxations listed in helpers/openapi.ts. How real clients call the API: clientContract.test.ts.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ValidateFunction } from 'ajv';
import { startTestEmulator, sampleConnectionSpec, type TestEmulator } from './helpers/emulator';
import type { LooseObject } from '../helpers/looseJson';
import { base64Json, chainSpec, DATA_LAKE_SPEC_ID, finished, registerInFlowSpec, waitForRuns } from './helpers/chain';
import { openApiValidators, type OpenApiValidators } from './helpers/openapi';
import { FAKE_CREDENTIALS, startFakeSource } from '../helpers/fakeSource';
import { AUTH } from '../helpers/fakeSourceSpecs';

const REST_ID = '6499120c-0b15-42dc-936e-847ea3c24d72';
const STREAMING_ID = 'e77fde5a-22a8-11ed-861d-0242ac120002';

type Json = LooseObject;

describe('emulator responses match the OpenAPI response schemas', () => {
  let emu: TestEmulator;
  let validators: OpenApiValidators;

  /** Validator for the schema an operation declares for one status code. */
  function responseValidator(path: string, method: string, status: string): ValidateFunction {
    return validators.response(path, method, status);
  }

  function assertValid(validate: ValidateFunction, body: unknown, label: string): void {
    const ok = validate(body);
    assert.ok(ok, `${label}: ${JSON.stringify(validate.errors, null, 2)}`);
  }

  before(async () => {
    validators = openApiValidators();
    emu = await startTestEmulator();
  });
  after(async () => { await emu.close(); });

  test('connection specs: POST 201, GET by id, GET list, PUT 200', async () => {
    const post = await emu.call('POST', '/connectionSpecs', { body: sampleConnectionSpec('Contract source') });
    assert.equal(post.status, 201);
    assertValid(responseValidator('/connectionSpecs', 'post', '201'), post.body, 'POST /connectionSpecs');
    const get = await emu.call('GET', `/connectionSpecs/${post.body.id}`);
    assertValid(responseValidator('/connectionSpecs/{CONNECTION_SPEC_ID}', 'get', '200'), get.body, 'GET /connectionSpecs/{id}');
    const list = await emu.call('GET', '/connectionSpecs');
    assert.ok(list.body.items.length >= 1);
    assertValid(responseValidator('/connectionSpecs', 'get', '200'), list.body, 'GET /connectionSpecs');
    const put = await emu.call('PUT', `/connectionSpecs/${post.body.id}`, { body: sampleConnectionSpec('Contract source v2') });
    assert.equal(put.status, 200);
    assertValid(responseValidator('/connectionSpecs/{CONNECTION_SPEC_ID}', 'put', '200'), put.body, 'PUT /connectionSpecs/{id}');
  });

  test('flow specs: seeds via GET list and GET by id, POST 201, PUT 200', async () => {
    const list = await emu.call('GET', '/flowSpecs');
    assert.deepEqual(list.body.items.map((s: Json) => s.id), [REST_ID, STREAMING_ID]);
    assertValid(responseValidator('/flowSpecs', 'get', '200'), list.body, 'GET /flowSpecs');
    for (const id of [REST_ID, STREAMING_ID]) {
      const get = await emu.call('GET', `/flowSpecs/${id}`);
      assertValid(responseValidator('/flowSpecs/{FLOW_SPEC_ID}', 'get', '200'), get.body, `GET /flowSpecs/${id}`);
    }
    const seed = list.body.items[0];
    const authored = { ...seed };
    delete authored.id;
    const post = await emu.call('POST', '/flowSpecs', { body: { ...authored, name: 'ContractFlow' } });
    assert.equal(post.status, 201);
    assertValid(responseValidator('/flowSpecs', 'post', '201'), post.body, 'POST /flowSpecs');
    const put = await emu.call('PUT', `/flowSpecs/${REST_ID}`, { body: { ...seed, sourceConnectionSpecIds: [...seed.sourceConnectionSpecIds, post.body.id] } });
    assert.equal(put.status, 200);
    assertValid(responseValidator('/flowSpecs/{FLOW_SPEC_ID}', 'put', '200'), put.body, 'PUT /flowSpecs/{id}');
  });

  test('the test chain: connections, explore, source/target connections, flows and runs', async () => {
    const source = await startFakeSource();
    try {
      const specId = (await emu.create('connectionSpecs', chainSpec(source.url, 'Contract chain'))).id;
      await registerInFlowSpec(emu, REST_ID, specId);
      const connection = await emu.call('POST', '/connections', { body: { name: 'c', connectionSpec: { id: specId, version: '1.0' }, auth: { specName: AUTH.basic, params: { username: FAKE_CREDENTIALS.username, password: FAKE_CREDENTIALS.password } } } });
      assert.equal(connection.status, 201);
      assertValid(responseValidator('/connections', 'post', '201'), connection.body, 'POST /connections');
      const id = connection.body.id;
      assertValid(responseValidator('/connections/{BASE_CONNECTION_ID}', 'get', '200'), (await emu.call('GET', `/connections/${id}`)).body, 'GET /connections/{id}');
      assertValid(responseValidator('/connections', 'get', '200'), (await emu.call('GET', '/connections')).body, 'GET /connections');
      // A REST preview answers {data: [...]} (the explore endpoint); the OpenAPI declares only the file-system listing (an array).
      const explore = await emu.call('GET', `/connections/${id}/explore?objectType=rest&object=json&fileType=json&preview=true&sourceParams=${base64Json({ listId: 'x' })}`);
      assert.equal(explore.status, 200);
      assert.ok(Array.isArray(explore.body.data));

      const sourceConnection = await emu.call('POST', '/sourceConnections', { body: { name: 's', baseConnectionId: id, connectionSpec: { id: specId, version: '1.0' }, data: { format: 'json' }, params: { listId: 'x' } } });
      assertValid(responseValidator('/sourceConnections', 'post', '201'), sourceConnection.body, 'POST /sourceConnections');
      assertValid(responseValidator('/sourceConnections/{SOURCE_CONNECTION_ID}', 'get', '200'), (await emu.call('GET', `/sourceConnections/${sourceConnection.body.id}`)).body, 'GET /sourceConnections/{id}');
      assertValid(responseValidator('/sourceConnections', 'get', '200'), (await emu.call('GET', '/sourceConnections')).body, 'GET /sourceConnections');
      const target = await emu.call('POST', '/targetConnections', { body: { name: 't', connectionSpec: { id: DATA_LAKE_SPEC_ID, version: '1.0' }, data: { format: 'parquet_xdm', schema: { id: 'https://ns.adobe.com/x/schemas/1', version: 'application/vnd.adobe.xed-full+json;version=1' } }, params: { dataSetId: 'ds' } } });
      assertValid(responseValidator('/targetConnections', 'post', '201'), target.body, 'POST /targetConnections');
      assertValid(responseValidator('/targetConnections/{TARGET_CONNECTION_ID}', 'get', '200'), (await emu.call('GET', `/targetConnections/${target.body.id}`)).body, 'GET /targetConnections/{id}');
      assertValid(responseValidator('/targetConnections', 'get', '200'), (await emu.call('GET', '/targetConnections')).body, 'GET /targetConnections');

      const flow = await emu.call('POST', '/flows', { body: { name: 'f', flowSpec: { id: REST_ID, version: '1.0' }, sourceConnectionIds: [sourceConnection.body.id], targetConnectionIds: [target.body.id], scheduleParams: { startTime: '1700000000', frequency: 'hour', interval: '1' } } });
      assert.equal(flow.status, 201, flow.text);
      assertValid(responseValidator('/flows', 'post', '201'), flow.body, 'POST /flows');
      assertValid(responseValidator('/flows/{FLOW_ID}', 'get', '200'), (await emu.call('GET', `/flows/${flow.body.id}`)).body, 'GET /flows/{id}');
      assertValid(responseValidator('/flows', 'get', '200'), (await emu.call('GET', '/flows')).body, 'GET /flows');
      const etag = (await emu.call('GET', `/flows/${flow.body.id}`)).body.items[0].etag;
      const patched = await emu.call('PATCH', `/flows/${flow.body.id}`, { body: [{ op: 'replace', path: '/name', value: 'f2' }], headers: { 'if-match': etag } });
      assertValid(responseValidator('/flows/{FLOW_ID}', 'patch', '200'), patched.body, 'PATCH /flows/{id}');

      const runs = await waitForRuns(emu, flow.body.id, (list) => list.length > 0 && finished(list[0]));
      assertValid(responseValidator('/runs', 'get', '200'), { items: runs }, 'GET /runs');
      assertValid(responseValidator('/runs/{RUN_ID}', 'get', '200'), (await emu.call('GET', `/runs/${runs[0].id}`)).body, 'GET /runs/{id}');
      assert.equal((await emu.call('DELETE', `/flows/${flow.body.id}`)).status, 204);
    } finally {
      await source.close();
    }
  });

  test('the schemas are strict enough to catch a wrong shape (the contract test can fail)', () => {
    const validate = responseValidator('/flowSpecs', 'get', '200');
    assert.equal(validate({ items: [{ id: 42, sourceConnectionSpecIds: 'not-an-array' }] }), false);
    assert.equal(validate({ items: 'nope' }), false);
    // Why flows echo `interval` as a string: the OpenAPI's ScheduleSpecDTO declares it so.
    assert.equal(responseValidator('/flows', 'get', '200')({ items: [{ scheduleParams: { startTime: 1, interval: 15 } }] }), false);
    assert.equal(responseValidator('/connections', 'post', '201')({ id: 7 }), false);
  });
});

/**
 * Adobe's documented test chain (the Flow Service API, https://developer.adobe.com/experience-platform-apis/references/flow-service/), walked with raw HTTP against the emulator and the fake source:
 * base connection → explore → source connection → target connection → mapping set → flow (refused until the spec
 * is registered) → runs that really read the source; then the refusals (in-use base connection, If-Match) and the
 * streaming chain with its inlet.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from './helpers/emulator';
import { base64Json, chainSpec, DATA_LAKE_SPEC_ID, finished, registerInFlowSpec, REST_FLOW_SPEC_ID, streamingSpec, STREAMING_FLOW_SPEC_ID, waitForRuns } from './helpers/chain';
import { FAKE_CREDENTIALS, FAKE_TOTALS, startFakeSource, type FakeSource } from '../helpers/fakeSource';
import { AUTH } from '../helpers/fakeSourceSpecs';
import type { LooseJson } from '../helpers/looseJson';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function assertFlowError(result: { status: number; body: LooseJson }, status: number, code: string, pattern: RegExp): void {
  assert.equal(result.status, status, JSON.stringify(result.body));
  assert.equal(result.body.type, `https://ns.adobe.com/aep/errors/FLOW-${code}-${status}`, JSON.stringify(result.body));
  assert.match(result.body.errorMessage, pattern);
  assert.equal(result.body.report['detailed-message'], result.body.errorMessage);
}

describe('the batch test chain against the fake source', () => {
  let source: FakeSource;
  let emu: TestEmulator;
  let dataDir: string;
  let specId: string;
  let connectionId: string;
  let sourceConnectionId: string;
  let targetConnectionId: string;
  let mappingId: string;
  let flowId: string;

  before(async () => {
    source = await startFakeSource();
    dataDir = mkdtempSync(join(tmpdir(), 'ssdk-chain-'));
    emu = await startTestEmulator({ dataDir });
    specId = (await emu.create('connectionSpecs', chainSpec(source.url))).id;
  });
  after(async () => {
    await emu.close();
    await source.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a base connection: auth spec and params checked, secrets never served nor stored in clear', async () => {
    const unknownAuth = await emu.call('POST', '/connections', { body: { name: 'x', connectionSpec: { id: specId, version: '1.0' }, auth: { specName: 'Digest', params: {} } } });
    assertFlowError(unknownAuth, 400, '1415', /auth spec 'Digest' could not be found.*Use one of 'Basic Authentication'/);
    const missing = await emu.call('POST', '/connections', { body: { name: 'x', connectionSpec: { id: specId, version: '1.0' }, auth: { specName: AUTH.basic, params: { username: 'u' } } } });
    assertFlowError(missing, 400, '1100', /auth\.params is missing the required property 'password'/);
    const wrongType = await emu.call('POST', '/connections', { body: { name: 'x', connectionSpec: { id: specId, version: '1.0' }, auth: { specName: AUTH.basic, params: { username: 5, password: 'p' } } } });
    assertFlowError(wrongType, 400, '1100', /auth\.params\.username must be of type string/);
    const unknownSpec = await emu.call('POST', '/connections', { body: { name: 'x', connectionSpec: { id: 'nope', version: '1.0' }, auth: { specName: AUTH.basic, params: {} } } });
    assertFlowError(unknownSpec, 400, '1413', /no connection spec 'nope'.*Push the spec first/);

    // `basicauthentication` (the type, another case) selects the same auth spec, as the docs' spellings vary.
    const created = await emu.call('POST', '/connections', {
      body: { name: 'Chain account', connectionSpec: { id: specId, version: '1.0' }, auth: { specName: 'basicauthentication', params: { username: FAKE_CREDENTIALS.username, password: FAKE_CREDENTIALS.password } } },
    });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(Object.keys(created.body).sort(), ['etag', 'id']);
    assert.match(created.body.etag, /^"[0-9a-f-]{36}"$/);
    connectionId = created.body.id;

    const got = await emu.call('GET', `/connections/${connectionId}`);
    assert.equal(got.status, 200);
    const item = got.body.items[0];
    assert.equal(item.auth.params.username, FAKE_CREDENTIALS.username);
    assert.equal(item.auth.params.password, '[REDACTED]');
    assert.equal(item.state, 'enabled');
    assert.equal(item.etag, created.body.etag);
    assert.equal(item.version, created.body.etag);
    const listed = await emu.call('GET', '/connections');
    for (const text of [got.text, listed.text]) {
      assert.ok(!text.includes(FAKE_CREDENTIALS.password), 'a GET returned the password');
      assert.ok(!text.includes('_secrets'), 'a GET returned the internal sealed secrets');
    }
    await emu.emulator.store.resources.idle();
    for (const file of filesUnder(dataDir)) {
      assert.ok(!readFileSync(file, 'utf8').includes(FAKE_CREDENTIALS.password), `${file} holds the password in clear text`);
    }
  });

  test('explore previews the first page through the spec; bad sourceParams and source failures are clear 400s', async () => {
    const explore = (params: string) => emu.call('GET', `/connections/${connectionId}/explore?objectType=rest&object=json&fileType=json&preview=true&sourceParams=${encodeURIComponent(params)}`);
    const ok = await explore(base64Json({ listId: 'L-1' }));
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.data.length, FAKE_TOTALS.auth);
    assert.deepEqual(ok.body.data.map((r: LooseJson) => r.id), [1, 2, 3]);
    const read = source.requestsTo('/basic/items').at(-1)!;
    assert.match(read.url, /list=L-1/);
    assert.equal(read.headers.authorization, `Basic ${Buffer.from(`${FAKE_CREDENTIALS.username}:${FAKE_CREDENTIALS.password}`).toString('base64')}`);

    assertFlowError(await explore(base64Json({})), 400, '1100', /sourceParams is missing the required property 'listId'/);
    assertFlowError(await explore('not base64 json!'), 400, '1100', /sourceParams must be the base64 of a JSON object/);
    const noPreview = await emu.call('GET', `/connections/${connectionId}/explore?objectType=rest&object=json`);
    assertFlowError(noPreview, 400, '1100', /preview=true/);
    const missingConnection = await emu.call('GET', `/connections/00000000-0000-4000-8000-000000000000/explore?preview=true`);
    assertFlowError(missingConnection, 404, '1101', /no base connection/);

    // A base connection with a wrong password: the source's 401 comes back, the password does not.
    const wrong = await emu.call('POST', '/connections', {
      body: { name: 'Wrong', connectionSpec: { id: specId, version: '1.0' }, auth: { specName: AUTH.basic, params: { username: FAKE_CREDENTIALS.username, password: 'wrong-password-123' } } },
    });
    const failed = await emu.call('GET', `/connections/${wrong.body.id}/explore?objectType=rest&preview=true&sourceParams=${base64Json({ listId: 'L-1' })}`);
    assertFlowError(failed, 400, '1100', /HTTP 401/);
    assert.ok(!failed.text.includes('wrong-password-123'));
    assert.equal((await emu.call('DELETE', `/connections/${wrong.body.id}`)).status, 204);
  });

  test('source connection, target connection and mapping set are checked and created', async () => {
    const noBase = await emu.call('POST', '/sourceConnections', { body: { name: 's', connectionSpec: { id: specId, version: '1.0' }, data: { format: 'json' }, params: { listId: 'L-1' } } });
    assertFlowError(noBase, 400, '1455', /baseConnectionId/);
    const badParams = await emu.call('POST', '/sourceConnections', { body: { name: 's', baseConnectionId: connectionId, connectionSpec: { id: specId, version: '1.0' }, data: { format: 'json' }, params: {} } });
    assertFlowError(badParams, 400, '1100', /params is missing the required property 'listId'/);
    const sourceConnection = await emu.call('POST', '/sourceConnections', {
      body: { name: 'Chain source', baseConnectionId: connectionId, connectionSpec: { id: specId, version: '1.0' }, data: { format: 'json' }, params: { listId: 'L-1' } },
    });
    assert.equal(sourceConnection.status, 201, sourceConnection.text);
    sourceConnectionId = sourceConnection.body.id;
    const sourceItem = (await emu.call('GET', `/sourceConnections/${sourceConnectionId}`)).body.items[0];
    assert.deepEqual(sourceItem.inheritedAttributes.baseConnection, { id: connectionId, connectionSpec: { id: specId, version: '1.0' } });

    const noDataSet = await emu.call('POST', '/targetConnections', { body: { name: 't', connectionSpec: { id: DATA_LAKE_SPEC_ID, version: '1.0' }, data: { format: 'parquet_xdm' } } });
    assertFlowError(noDataSet, 400, '1455', /params\.dataSetId/);
    const target = await emu.call('POST', '/targetConnections', {
      body: { name: 'Chain target', connectionSpec: { id: DATA_LAKE_SPEC_ID, version: '1.0' }, data: { format: 'parquet_xdm', schema: { id: 'https://ns.adobe.com/acme/schemas/1', version: 'application/vnd.adobe.xed-full+json;version=1' } }, params: { dataSetId: 'ds-1' } },
    });
    assert.equal(target.status, 201, target.text);
    targetConnectionId = target.body.id;

    const mapping = await fetch(`${emu.url}/data/foundation/conversion/mappingSets`, {
      method: 'POST',
      headers: await emu.headers({ contentType: true }),
      body: JSON.stringify({ version: 0, xdmSchema: 'https://ns.adobe.com/acme/schemas/1', xdmVersion: '1.0', mappings: [{ sourceAttribute: 'email', destinationXdmPath: 'personalEmail.address', identity: false, version: 0 }] }),
    });
    assert.equal(mapping.status, 201);
    const mappingBody = (await mapping.json()) as LooseJson;
    assert.equal(typeof mappingBody.createdDate, 'number');
    mappingId = mappingBody.id;
  });

  test('the flow is refused until the spec is registered in RestStorageToAEP, accepted after, and its first run reads every record', async () => {
    const body = {
      name: 'Chain flow',
      flowSpec: { id: REST_FLOW_SPEC_ID, version: '1.0' },
      sourceConnectionIds: [sourceConnectionId],
      targetConnectionIds: [targetConnectionId],
      transformations: [{ name: 'Mapping', params: { mappingId, mappingVersion: 0 } }],
      // As the tutorials write them: numeric strings.
      scheduleParams: { startTime: String(Math.floor(Date.now() / 1000) - 3600), frequency: 'minute', interval: '15' },
    };
    const refused = await emu.call('POST', '/flows', { body });
    assertFlowError(refused, 400, '1100', new RegExp(`register ${specId} in flow spec RestStorageToAEP`));
    assertFlowError(await emu.call('POST', '/flows', { body: { ...body, state: 'enabled' } }), 400, '1410', /'state' is not allowed/);

    await registerInFlowSpec(emu, REST_FLOW_SPEC_ID, specId);
    assertFlowError(await emu.call('POST', '/flows', { body: { ...body, transformations: [{ name: 'Copy', params: {} }] } }), 400, '1100', /'Copy' is not a transformation of flow spec RestStorageToAEP: use one of 'Mapping'/);
    assertFlowError(await emu.call('POST', '/flows', { body: { ...body, scheduleParams: { ...body.scheduleParams, interval: '5' } } }), 400, '1100', /scheduleParams\.interval must be >= 15/);
    assertFlowError(await emu.call('POST', '/flows', { body: { ...body, scheduleParams: { startTime: 1700000000, frequency: 'once', interval: 1 } } }), 400, '1100', /scheduleParams/);
    assertFlowError(await emu.call('POST', '/flows', { body: { ...body, transformations: [{ name: 'Mapping', params: { mappingId: 'missing' } }] } }), 400, '1419', /mappingSets/);

    const created = await emu.call('POST', '/flows', { body });
    assert.equal(created.status, 201, created.text);
    flowId = created.body.id;
    const flow = (await emu.call('GET', `/flows/${flowId}`)).body.items[0];
    assert.equal(flow.state, 'enabled');
    assert.equal(flow.scheduleParams.startTime, Number(body.scheduleParams.startTime));
    assert.equal(flow.runs, `/runs?property=flowId==${flowId}`);
    assert.equal(flow.inheritedAttributes.sourceConnections[0].baseConnection.id, connectionId);

    const runs = await waitForRuns(emu, flowId, (list) => list.length >= 1 && finished(list[0]));
    const run = runs[0];
    assert.equal(run.metrics.statusSummary.status, 'success', JSON.stringify(run.metrics));
    assert.equal(run.metrics.recordSummary.inputRecordCount, FAKE_TOTALS.auth);
    assert.equal(run.metrics.recordSummary.outputRecordCount, FAKE_TOTALS.auth);
    assert.equal(run.metrics.recordSummary.failedRecordCount, 0);
    assert.ok(run.metrics.durationSummary.completedAtUTC >= run.metrics.durationSummary.startedAtUTC);
    assert.equal(run.flowId, flowId);
    // The schedule window reached the source: the spec's since/before parameters carry the flow's start time.
    const read = source.requestsTo('/basic/items').at(-1)!;
    assert.match(read.url, /since=/);
    const records = await emu.call('GET', `/runs/${run.id}/records`);
    assert.equal(records.status, 200);
    assert.equal(records.body.recordCount, FAKE_TOTALS.auth);
    assert.deepEqual(records.body.items.map((r: LooseJson) => r.id), [1, 2, 3]);
    const single = await emu.call('GET', `/runs/${run.id}`);
    assert.equal(single.body.items[0].id, run.id);
    const afterRun = (await emu.call('GET', `/flows/${flowId}`)).body.items[0];
    assert.equal(afterRun.lastRunDetails.id, run.id);
    assert.equal(afterRun.lastRunDetails.state, 'success');
  });

  test('deleting an in-use base connection is refused; PATCH needs the current etag', async () => {
    assertFlowError(await emu.call('DELETE', `/connections/${connectionId}`), 400, '1418', /used by the flow\(s\) 'Chain flow'.*delete those flows first/);
    assertFlowError(await emu.call('DELETE', `/sourceConnections/${sourceConnectionId}`), 400, '1100', /used by the flow/);

    const patch = [{ op: 'replace', path: '/name', value: 'Chain flow renamed' }];
    assertFlowError(await emu.call('PATCH', `/flows/${flowId}`, { body: patch }), 400, '1403', /If-Match/);
    assertFlowError(await emu.call('PATCH', `/flows/${flowId}`, { body: patch, headers: { 'if-match': '"stale"' } }), 412, '1404', /does not match the current version/);
    const etag = (await emu.call('GET', `/flows/${flowId}`)).body.items[0].etag as string;
    assertFlowError(await emu.call('PATCH', `/flows/${flowId}`, { body: [{ op: 'move', from: '/name', path: '/description' }], headers: { 'if-match': etag } }), 400, '1434', /move/);
    // Unquoted, as some docs send it.
    const patched = await emu.call('PATCH', `/flows/${flowId}`, { body: patch, headers: { 'if-match': etag.replace(/"/g, '') } });
    assert.equal(patched.status, 200, patched.text);
    assert.notEqual(patched.body.etag, etag);
    assert.equal((await emu.call('GET', `/flows/${flowId}`)).body.items[0].name, 'Chain flow renamed');

    // A patch of the credentials keeps the secret when the masked value is sent back.
    const connection = (await emu.call('GET', `/connections/${connectionId}`)).body.items[0];
    const renamed = await emu.call('PATCH', `/connections/${connectionId}`, { body: [{ op: 'replace', path: '/auth/params', value: connection.auth.params }], headers: { 'if-match': connection.etag } });
    assert.equal(renamed.status, 200, renamed.text);
    const ok = await emu.call('GET', `/connections/${connectionId}/explore?objectType=rest&preview=true&sourceParams=${base64Json({ listId: 'L-2' })}`);
    assert.equal(ok.status, 200, ok.text);

    assert.equal((await emu.call('DELETE', `/flows/${flowId}`)).status, 204);
    assertFlowError(await emu.call('GET', `/flows/${flowId}`), 404, '1101', /no flow/);
    assert.equal((await emu.call('DELETE', `/sourceConnections/${sourceConnectionId}`)).status, 204);
    assert.equal((await emu.call('DELETE', `/connections/${connectionId}`)).status, 204);
  });
});

describe('the streaming chain', () => {
  let emu: TestEmulator;
  before(async () => { emu = await startTestEmulator(); });
  after(async () => { await emu.close(); });

  test('a streaming flow gets an inlet that accepts events, counted in its runs and kept', async () => {
    const specId = (await emu.create('connectionSpecs', streamingSpec())).id;
    const noBaseNeeded = await emu.call('POST', '/connections', { body: { name: 'x', connectionSpec: { id: specId, version: '1.0' }, auth: { specName: 'OAuth', params: {} } } });
    assertFlowError(noBaseNeeded, 400, '1415', /streaming sources have no base connection/);
    const sourceConnection = await emu.call('POST', '/sourceConnections', { body: { name: 'Hook source', connectionSpec: { id: specId, version: '1.0' }, data: { format: 'json' } } });
    assert.equal(sourceConnection.status, 201, sourceConnection.text);
    const target = await emu.call('POST', '/targetConnections', { body: { name: 'Hook target', connectionSpec: { id: DATA_LAKE_SPEC_ID, version: '1.0' }, data: { format: 'parquet_xdm' }, params: { dataSetId: 'ds-2' } } });
    const body = { name: 'Hook flow', flowSpec: { id: STREAMING_FLOW_SPEC_ID, version: '1.0' }, sourceConnectionIds: [sourceConnection.body.id], targetConnectionIds: [target.body.id] };
    assertFlowError(await emu.call('POST', '/flows', { body }), 400, '1100', new RegExp(`register ${specId} in flow spec GenericStreamingAEP`));
    await registerInFlowSpec(emu, STREAMING_FLOW_SPEC_ID, specId);
    assertFlowError(await emu.call('POST', '/flows', { body: { ...body, scheduleParams: { startTime: 1, frequency: 'once' } } }), 400, '1100', /has no schedule/);
    const created = await emu.call('POST', '/flows', { body });
    assert.equal(created.status, 201, created.text);
    const flow = (await emu.call('GET', `/flows/${created.body.id}`)).body.items[0];
    const inletUrl = flow.options.inletUrl as string;
    assert.ok(inletUrl.startsWith(`${emu.url}/collection/`), inletUrl);

    const post = (payload: string) => fetch(inletUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
    const first = await post(JSON.stringify([{ id: 'e1', kind: 'signup' }, { id: 'e2', kind: 'login' }]));
    assert.equal(first.status, 200);
    assert.equal(((await first.json()) as LooseJson).eventCount, 2);
    assert.equal((await post(JSON.stringify({ id: 'e3', kind: 'logout' }))).status, 200);
    const bad = await post('not json');
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as LooseJson).errorMessage, /not valid JSON/);
    const unknown = await fetch(`${emu.url}/collection/bm9wZQ`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(unknown.status, 404);

    const runs = (await emu.call('GET', `/runs?property=flowId==${flow.id}`)).body.items;
    assert.equal(runs.length, 1);
    assert.equal(runs[0].metrics.recordSummary.inputRecordCount, 3);
    assert.equal(runs[0].metrics.statusSummary.status, 'success');
    const records = (await emu.call('GET', `/runs/${runs[0].id}/records`)).body;
    assert.deepEqual(records.items.map((r: LooseJson) => r.id), ['e1', 'e2', 'e3']);
    assertFlowError(await emu.call('POST', '/runs', { body: { flowId: flow.id } }), 400, '1427', /streaming flow/);
  });
});

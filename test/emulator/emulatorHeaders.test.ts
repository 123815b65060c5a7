import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { FLOW_SERVICE_PATH } from '../../core/api/flowResources';
import { startTestEmulator, sampleConnectionSpec, type TestEmulator } from './helpers/emulator';

describe('emulator gateway header checks', () => {
  let emu: TestEmulator;
  before(async () => { emu = await startTestEmulator(); });
  after(async () => { await emu.close(); });

  test('no Authorization header → 403010', async () => {
    const result = await emu.call('GET', '/connectionSpecs', { headers: { authorization: null } });
    assert.equal(result.status, 403);
    assert.deepEqual(result.body, { error_code: '403010', message: 'Oauth token is missing.' });
  });

  test('unknown token → 401013 (checked before the api key)', async () => {
    const result = await emu.call('GET', '/connectionSpecs', { headers: { authorization: 'Bearer not-a-token', 'x-api-key': null } });
    assert.equal(result.status, 401);
    assert.deepEqual(result.body, { error_code: '401013', message: 'Oauth token is not valid' });
  });

  test('no x-api-key → 403000', async () => {
    const result = await emu.call('GET', '/connectionSpecs', { headers: { 'x-api-key': null } });
    assert.equal(result.status, 403);
    assert.deepEqual(result.body, { error_code: '403000', message: 'Api Key is required' });
  });

  test("x-api-key different from the token's client → 403003", async () => {
    const result = await emu.call('GET', '/connectionSpecs', { headers: { 'x-api-key': 'someone-else' } });
    assert.equal(result.status, 403);
    assert.deepEqual(result.body, { error_code: '403003', message: 'Api Key is invalid' });
  });

  test('no x-gw-ims-org-id → 400003', async () => {
    const result = await emu.call('GET', '/connectionSpecs', { headers: { 'x-gw-ims-org-id': null } });
    assert.equal(result.status, 400);
    assert.deepEqual(result.body, { error_code: '400003', message: 'Missing header' });
  });

  test('no x-sandbox-name → FLOW-2105-400 carrying the request id', async () => {
    const result = await emu.call('GET', '/flowSpecs', { headers: { 'x-sandbox-name': null } });
    assert.equal(result.status, 400);
    assert.equal(result.body.type, 'https://ns.adobe.com/aep/errors/FLOW-2105-400');
    assert.equal(result.body.status, 400);
    assert.match(result.body.report['detailed-message'], /x-sandbox-name/);
    assert.equal(result.body.report['request-id'], result.headers.get('x-request-id'));
  });

  test('POST and PUT without Content-Type: application/json → the content-type error', async () => {
    const expected = { type: '/placeholder/type/uri', status: 400, title: 'BadRequestError', detail: 'A valid content-type must be specified' };
    const post = await emu.call('POST', '/connectionSpecs', { rawBody: JSON.stringify(sampleConnectionSpec()), headers: { 'content-type': 'text/plain' } });
    assert.equal(post.status, 400);
    assert.deepEqual(post.body, expected);
    const put = await emu.call('PUT', '/flowSpecs/6499120c-0b15-42dc-936e-847ea3c24d72', { rawBody: '{}', headers: { 'content-type': null } });
    assert.equal(put.status, 400);
    assert.deepEqual(put.body, expected);
    const withCharset = await emu.call('POST', '/connectionSpecs', { rawBody: JSON.stringify(sampleConnectionSpec()), headers: { 'content-type': 'application/json; charset=utf-8' } });
    assert.equal(withCharset.status, 201);
  });

  test('every response, success or error, has a unique x-request-id', async () => {
    const ok = await emu.call('GET', '/flowSpecs');
    const denied = await emu.call('GET', '/flowSpecs', { headers: { authorization: null } });
    const unknownRoute = await emu.call('GET', '/notARoute');
    const ids = [ok, denied, unknownRoute].map((r) => r.headers.get('x-request-id'));
    for (const id of ids) assert.match(id ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(new Set(ids).size, 3);
    assert.equal(unknownRoute.status, 404);
  });

  test('DELETE on a spec is 405 (the spec endpoints have no DELETE)', async () => {
    const result = await emu.call('DELETE', '/connectionSpecs/anything');
    assert.equal(result.status, 405);
    assert.equal(result.headers.get('allow'), 'GET, PUT');
  });

  test('a request target that is no valid URL gets a 400 and the emulator keeps serving', async () => {
    const port = Number(new URL(emu.url).port);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => { received += chunk.toString('utf8'); });
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
      socket.write('GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    });
    assert.match(answer.split('\r\n')[0], /^HTTP\/1\.1 400 /);
    const health = await fetch(`${emu.url}/__emulator/health`);
    assert.equal(health.status, 200);
  });
});

describe('the URLs the emulator hands out', () => {
  let emu: TestEmulator;
  before(async () => { emu = await startTestEmulator(); });
  after(async () => { await emu.close(); });

  /** A POST sent with a chosen Host header (fetch does not let a caller set it); answers the Location header. */
  async function locationFor(path: string, host: string, body: unknown): Promise<string | undefined> {
    const headers = { ...(await emu.headers({ contentType: true })), host };
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${emu.url}${path}`, { method: 'POST', headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 201 ? res.headers.location : `status ${res.statusCode}`));
      });
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  }

  test('Location comes from the Host header the client used; a malformed Host falls back to the address it reached', async () => {
    const port = new URL(emu.url).port;
    const target = { name: 't', connectionSpec: { id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c', version: '1.0' }, data: { format: 'parquet_xdm' }, params: { dataSetId: 'ds' } };
    const spec = await locationFor(`${FLOW_SERVICE_PATH}/connectionSpecs`, `localhost:${port}`, sampleConnectionSpec('Host test'));
    assert.match(spec ?? '', new RegExp(`^http://localhost:${port}${FLOW_SERVICE_PATH}/connectionSpecs/[0-9a-f-]{36}$`));
    const resource = await locationFor(`${FLOW_SERVICE_PATH}/targetConnections`, `localhost:${port}`, target);
    assert.match(resource ?? '', new RegExp(`^http://localhost:${port}${FLOW_SERVICE_PATH}/targetConnections/[0-9a-f-]{36}$`));
    const odd = await locationFor(`${FLOW_SERVICE_PATH}/targetConnections`, 'evil.example/"><script>', target);
    assert.match(odd ?? '', new RegExp(`^http://127\\.0\\.0\\.1:${port}${FLOW_SERVICE_PATH}/targetConnections/`));
  });
});

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
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

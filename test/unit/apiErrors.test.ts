import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { FlowServiceError } from '../../core/api/errors';
import { describeMissingPermission, mapFlowServiceError } from '../../core/api/errorMapping';
import { createRedactor, REDACTED } from '../../core/transport/redact';
import type { EnvironmentConfig } from '../../core/api/types';
import { FakeClock, RecordingTransport, json } from './fakes/recordingTransport';

const env: EnvironmentConfig = {
  name: 'Errors env',
  platformUrl: 'https://platform.adobe.io',
  imsUrl: 'https://ims-na1.adobelogin.com',
  orgId: 'O@AdobeOrg',
  clientId: 'cid',
  sandbox: 'prod',
  scopes: [],
};

function mapped(status: number, body: unknown, requestId?: string) {
  return mapFlowServiceError({ status, bodyText: typeof body === 'string' ? body : JSON.stringify(body), method: 'PUT', url: 'https://platform.adobe.io/x', requestId });
}

describe('error mapping', () => {
  const gateway: Array<[string, number, string, RegExp]> = [
    ['401013', 401, 'auth', /token is not valid/],
    ['403010', 403, 'auth', /no access token/],
    ['403000', 403, 'auth', /API key is missing.*client id/],
    ['403003', 403, 'auth', /API key is invalid/],
    ['400003', 400, 'config', /org header is missing.*@AdobeOrg/],
  ];
  for (const [code, status, kind, message] of gateway) {
    test(`gateway ${code}`, () => {
      const err = mapped(status, { error_code: code, message: 'whatever' });
      assert.equal(err.kind, kind);
      assert.equal(err.details.code, code);
      assert.match(err.message, message);
    });
  }

  test('FLOW form: code, title, detailed message and request id from the body', () => {
    const err = mapped(400, {
      type: 'https://ns.adobe.com/aep/errors/FLOW-1415-400',
      title: 'Bad Request',
      status: 400,
      report: { 'detailed-message': "The auth spec 'x' could not be found", 'request-id': 'rid-7' },
    });
    assert.equal(err.kind, 'validation');
    assert.equal(err.details.code, 'FLOW-1415-400');
    assert.equal(err.details.requestId, 'rid-7');
    assert.match(err.message, /FLOW-1415-400 Bad Request: The auth spec 'x' could not be found \(request id rid-7\)/);
  });

  test('FLOW 404 says where to look', () => {
    const err = mapped(404, { type: '/errors/FLOW-1101-404', title: 'Resource not found', report: {} }, 'hdr-id');
    assert.equal(err.kind, 'not-found');
    assert.equal(err.details.requestId, 'hdr-id');
    assert.match(err.message, /does not exist in this org and sandbox/);
  });

  test('content-type form', () => {
    const err = mapped(400, { type: '/placeholder/type/uri', status: 400, title: 'BadRequestError', detail: 'A valid content-type must be specified' });
    assert.equal(err.details.code, 'BadRequestError');
    assert.match(err.message, /A valid content-type must be specified.*application\/json/);
  });

  test('403 names the missing permission from the message', () => {
    const err = mapped(403, { type: '/errors/FLOW-2121-403', title: 'Forbidden', report: { 'detailed-message': 'permission manage denied on Enterprise Source' } });
    assert.equal(err.kind, 'forbidden');
    assert.match(err.message, /Permission missing: manage on EnterpriseSource/);
    assert.match(describeMissingPermission('Permission write is missing'), /write on EnterpriseSource or StreamingSource/);
    assert.match(describeMissingPermission('Forbidden'), /needs write\/manage on EnterpriseSource .* or StreamingSource/);
  });

  test('non-JSON body → bad-response with status and first bytes', () => {
    const err = mapped(400, '<html><body>Bad gateway config</body></html>');
    assert.equal(err.kind, 'bad-response');
    assert.match(err.message, /answered 400 .* not JSON: "<html><body>Bad gateway/);
  });

  test('malformed 200 from the client is bad-response', async () => {
    const fake = new RecordingTransport().withIms();
    fake.on('GET', /connectionSpecs/, () => new Response('not json at all', { status: 200 }));
    const client = createFlowServiceClient({ environment: env, clientSecret: 's3cret!!', transport: fake.transport, clock: new FakeClock() });
    await assert.rejects(client.get('connectionSpecs', 'a'), (err: FlowServiceError) => err.kind === 'bad-response' && /200 .*"not json at all"/.test(err.message));
  });

  test('request id from the x-request-id header reaches the error', async () => {
    const fake = new RecordingTransport().withIms();
    fake.on('PUT', /connectionSpecs/, () => json(400, { type: '/FLOW-1405-400', title: 'Empty body' }, { 'x-request-id': 'hdr-9' }));
    const client = createFlowServiceClient({ environment: env, clientSecret: 's3cret!!', transport: fake.transport, clock: new FakeClock() });
    await assert.rejects(client.update('connectionSpecs', 'a', {}), (err: FlowServiceError) => err.details.requestId === 'hdr-9' && err.details.code === 'FLOW-1405-400');
  });
});

describe('redaction', () => {
  test('bearer tokens, credential parameters and configured values', () => {
    const redact = createRedactor(() => ['TopSecret/+=value', undefined, 'ab']);
    const text = [
      'Authorization: Bearer eyJhbGciOi.abc-def_ghi',
      'client_secret=xyz123&client_id=c',
      '{"access_token":"tok\\"en","expires_in":5}',
      'url https://h/?x=TopSecret%2F%2B%3Dvalue and raw TopSecret/+=value',
      'label ab here',
    ].join('\n');
    const out = redact(text);
    assert.doesNotMatch(out, /eyJhbGciOi|xyz123|tok\\"en|TopSecret/);
    assert.match(out, new RegExp(`Bearer \\${REDACTED}`));
    assert.match(out, /client_id=c/);
    assert.match(out, /"expires_in":5/);
    assert.match(out, /label ab here/, 'very short values are left alone');
  });

  test('a short secret is hidden where it stands alone but does not mangle words containing it', () => {
    const redact = createRedactor(() => ['local']);
    const out = redact('secret local; form client_id=x&secret=local&y; json {"s":"local"}; url http://localhost:4141 (locally)');
    assert.equal(out, `secret ${REDACTED}; form client_id=x&secret=${REDACTED}&y; json {"s":"${REDACTED}"}; url http://localhost:4141 (locally)`);
  });

  test('secrets echoed by the server never reach error messages or exchange logs', async () => {
    const secret = `S3cr3t-${Math.random().toString(36).slice(2)}`;
    const fake = new RecordingTransport().withIms();
    fake.on('GET', /connectionSpecs/, (req) => json(400, { title: 'Bad', detail: `you sent ${secret} and ${req.headers.authorization}` }));
    const lines: string[] = [];
    const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m), exchange: (e: object) => lines.push(JSON.stringify(e)) };
    const client = createFlowServiceClient({ environment: env, clientSecret: secret, transport: fake.transport, clock: new FakeClock(), logger });
    await assert.rejects(client.get('connectionSpecs', `id-${secret}`), (err: FlowServiceError) => {
      assert.ok(!err.message.includes(secret), err.message);
      assert.ok(!err.message.includes('token-1'), err.message);
      assert.ok(!(err.details.url ?? '').includes(secret));
      return true;
    });
    assert.ok(lines.length > 0);
    for (const line of lines) {
      assert.ok(!line.includes(secret), line);
      assert.ok(!line.includes('token-1'), line);
    }
  });
});

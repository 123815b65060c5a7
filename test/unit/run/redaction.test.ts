/** Secrets never appear in what a run reports: URLs, headers, bodies, messages. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runSpec } from '../../../core/run';
import { FAKE_CREDENTIALS, startFakeSource, type FakeSource } from '../../helpers/fakeSource';
import { AUTH, GOOD_AUTH_VALUES, previewSpec } from '../../helpers/fakeSourceSpecs';

let source: FakeSource;
let elsewhere: FakeSource;
before(async () => {
  elsewhere = await startFakeSource();
  source = await startFakeSource({ redirectTo: `${elsewhere.url.replace('127.0.0.1', 'localhost')}/echo` });
});
after(async () => { await source.close(); await elsewhere.close(); });

const window = { start: new Date('2024-05-01T00:00:00Z'), end: new Date('2024-05-03T00:00:00Z') };
const none = (path: string, extra: Record<string, unknown> = {}) => ({ urlParams: { path, method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' }, ...extra });
const secrets = Object.values(FAKE_CREDENTIALS).filter((v) => v !== FAKE_CREDENTIALS.username);

function assertNoSecret(result: unknown) {
  const text = JSON.stringify(result);
  for (const secret of [...secrets, encodeURIComponent(FAKE_CREDENTIALS.password), Buffer.from(`${FAKE_CREDENTIALS.username}:${FAKE_CREDENTIALS.password}`).toString('base64')]) {
    assert.ok(!text.includes(secret), `secret ${secret.slice(0, 6)}… leaked: ${text.slice(0, 400)}`);
  }
}

describe('redaction', () => {
  test('a key header echoed back by the source is hidden in the records, headers and bodies', async () => {
    const result = await runSpec({ spec: previewSpec(source.url, none('/echo')), authSpecName: AUTH.key, authValues: GOOD_AUTH_VALUES[AUTH.key], sourceValues: {}, window });
    assert.equal(result.error, undefined);
    assertNoSecret(result);
    assert.equal(result.requests[0].detail!.requestHeaders['x-api-key'], '[REDACTED]');
    assert.ok(JSON.stringify(result.records).includes('[REDACTED]'));
  });

  test('Basic and bearer credentials are hidden everywhere', async () => {
    for (const name of [AUTH.basic, AUTH.oauth]) {
      const result = await runSpec({ spec: previewSpec(source.url, none('/echo')), authSpecName: name, authValues: GOOD_AUTH_VALUES[name], sourceValues: {}, window });
      assertNoSecret(result);
      assert.equal(result.requests[0].detail!.requestHeaders.Authorization, '[REDACTED]');
    }
  });

  test('a format: password value in the query is masked in the URL and in the source\'s error message', async () => {
    const spec = previewSpec(source.url, none('/query-key/items', { urlParams: { path: '/query-key/items', method: 'GET', queryParams: { api_key: '${apiKey}' } } }), {
      apiKey: { type: 'string', format: 'password', description: 'API key in the query' },
    });
    const ok = await runSpec({ spec, authSpecName: AUTH.basic, authValues: GOOD_AUTH_VALUES[AUTH.basic], sourceValues: { apiKey: FAKE_CREDENTIALS.apiKey }, window });
    assert.equal(ok.error, undefined);
    assert.match(ok.requests[0].url, /api_key=\[REDACTED\]|api_key=%5BREDACTED%5D/);
    assertNoSecret(ok);
    const wrongKey = 'wrong key with spaces&=';
    const bad = await runSpec({ spec, authSpecName: AUTH.basic, authValues: GOOD_AUTH_VALUES[AUTH.basic], sourceValues: { apiKey: wrongKey }, window });
    assert.equal(bad.error?.status, 401);
    assert.ok(!JSON.stringify(bad).includes(wrongKey), JSON.stringify(bad.error));
    assert.ok(!JSON.stringify(bad).includes(encodeURIComponent(wrongKey)));
  });

  test('a redirect to another origin is followed without the credentials', async () => {
    elsewhere.requests.length = 0;
    const result = await runSpec({ spec: previewSpec(source.url, none('/redirect/elsewhere')), authSpecName: AUTH.key, authValues: GOOD_AUTH_VALUES[AUTH.key], sourceValues: {}, window });
    assert.equal(result.error, undefined, JSON.stringify(result.error));
    assert.equal(elsewhere.requests.length, 1);
    assert.equal(elsewhere.requests[0].headers['x-api-key'], undefined);
    assert.deepEqual(result.warnings.map((w) => w.code), ['credentials-withheld']);
  });
});

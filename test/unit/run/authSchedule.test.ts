/** Every auth type and both schedule forms, against the fake source. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runSpec } from '../../../core/run';
import { FAKE_CREDENTIALS, FAKE_TOTALS, startFakeSource, type FakeSource } from '../../helpers/fakeSource';
import { AUTH, GOOD_AUTH_VALUES, previewSpec } from '../../helpers/fakeSourceSpecs';

let source: FakeSource;
before(async () => { source = await startFakeSource(); });
after(async () => { await source.close(); });

const none = (path: string, extra: Record<string, unknown> = {}) => ({
  urlParams: { path, method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' }, ...extra,
});
const window = { start: new Date('2024-05-01T00:00:00Z'), end: new Date('2024-05-03T00:00:00Z') };
const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

describe('auth types', () => {
  for (const [name, path] of [[AUTH.basic, '/basic/items'], [AUTH.oauth, '/bearer/items'], [AUTH.key, '/key/items']] as const) {
    test(`${name}: the source accepts the credentials`, async () => {
      source.requests.length = 0;
      const result = await runSpec({ spec: previewSpec(source.url, none(path)), authSpecName: name, authValues: GOOD_AUTH_VALUES[name], sourceValues: {}, window });
      assert.equal(result.error, undefined, JSON.stringify(result.error));
      assert.equal(result.records.length, FAKE_TOTALS.auth);
    });
    test(`${name}: wrong credentials give the source's 401 and message`, async () => {
      const wrong = Object.fromEntries(Object.entries(GOOD_AUTH_VALUES[name]).map(([k]) => [k, 'wrong-value']));
      const result = await runSpec({ spec: previewSpec(source.url, none(path)), authSpecName: name, authValues: wrong, sourceValues: {}, window });
      assert.equal(result.error?.status, 401);
      assert.equal(result.error?.code, 'http');
      assert.match(result.error!.message, /^The source answered 401 Unauthorized: Invalid/);
      assert.deepEqual(result.records, []);
    });
  }

  test('Basic sends Authorization: Basic base64(username:password)', async () => {
    source.requests.length = 0;
    await runSpec({ spec: previewSpec(source.url, none('/basic/items')), authSpecName: AUTH.basic, authValues: GOOD_AUTH_VALUES[AUTH.basic], sourceValues: {}, window });
    assert.equal(source.requests[0].headers.authorization, `Basic ${Buffer.from(`${FAKE_CREDENTIALS.username}:${FAKE_CREDENTIALS.password}`).toString('base64')}`);
  });

  test('a missing required value is an input error before any request', async () => {
    source.requests.length = 0;
    const result = await runSpec({ spec: previewSpec(source.url, none('/bearer/items')), authSpecName: AUTH.oauth, authValues: {}, sourceValues: {}, window });
    assert.equal(result.error?.code, 'input');
    assert.match(result.error!.message, /needs a value for "accessToken" \(a secret: pass it with --set-env and the name of an environment variable that holds it\)/);
    assert.match(result.error!.editorMessage ?? '', /needs a value for "accessToken": give it when asked/);
    assert.doesNotMatch(result.error!.editorMessage ?? '', /--set/);
    assert.equal(source.requests.length, 0);
  });

  test('an unknown auth spec name lists the names the spec offers', async () => {
    const result = await runSpec({ spec: previewSpec(source.url), authSpecName: 'Nope', authValues: {}, sourceValues: {}, window });
    assert.equal(result.error?.code, 'spec');
    assert.match(result.error!.message, /"Basic Authentication", "OAuth2 Refresh Code", "API Key Authentication"/);
  });
});

describe('scheduling', () => {
  test('standard: start/end parameter names in every request, formatted', async () => {
    source.requests.length = 0;
    const result = await runSpec({ spec: previewSpec(source.url, none('/changes/items')), authSpecName: AUTH.key, authValues: GOOD_AUTH_VALUES[AUTH.key], sourceValues: {}, window });
    assert.equal(result.error, undefined);
    assert.deepEqual(query(source.requests[0].url), { since: '2024-05-01T00:00:00Z', before: '2024-05-03T00:00:00Z' });
    // Records 1..47 are in [May 1 01:00, May 3 00:00) plus record 48 at exactly 00:00 May 3 is excluded: 47.
    assert.equal(result.recordCount, 47);
  });

  test('standard: the default window is the 24 hours before now, with the formats the spec gives', async () => {
    source.requests.length = 0;
    const spec = previewSpec(source.url, none('/changes/items', {
      scheduleParams: { scheduleStartParamName: 'since', scheduleEndParamName: 'before', scheduleStartParamFormat: 'yyyy-MM-ddTHH:mm:ss.fffK', scheduleEndParamFormat: 'yyyy-MM-ddTHH:mm:ssZ' },
    }));
    await runSpec({ spec, authSpecName: AUTH.key, authValues: GOOD_AUTH_VALUES[AUTH.key], sourceValues: {}, now: () => new Date('2024-05-02T12:30:15.250Z') });
    assert.deepEqual(query(source.requests[0].url), { since: '2024-05-01T12:30:15.250Z', before: '2024-05-02T12:30:15Z' });
  });

  test('ADVANCE: {SCHEDULE_QUERY} becomes the incremental expression with the window bounds', async () => {
    source.requests.length = 0;
    const spec = previewSpec(source.url, none('/search/items', {
      urlParams: { path: '/search/items', method: 'GET', queryParams: { query: '{SCHEDULE_QUERY}' } },
      scheduleParams: { type: 'ADVANCE', paramFormat: 'yyyy-MM-ddTHH:mm:ssK', incremental: 'type:user updated>{START_TIME} updated<{END_TIME}', backfill: 'type:user updated<{END_TIME}' },
    }));
    const result = await runSpec({ spec, authSpecName: AUTH.key, authValues: GOOD_AUTH_VALUES[AUTH.key], sourceValues: {}, window });
    assert.equal(result.records.length, 5);
    assert.deepEqual(query(source.requests[0].url), { query: 'type:user updated>2024-05-01T00:00:00Z updated<2024-05-03T00:00:00Z' });
    source.requests.length = 0;
    await runSpec({ spec, authSpecName: AUTH.key, authValues: GOOD_AUTH_VALUES[AUTH.key], sourceValues: {}, window, backfill: true });
    assert.deepEqual(query(source.requests[0].url), { query: 'type:user updated<2024-05-03T00:00:00Z' });
  });
});

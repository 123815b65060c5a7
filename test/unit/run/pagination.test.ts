/** Every pagination type against the fake source: exactly its records, and the requests it should take. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runSpec } from '../../../core/run';
import { FAKE_TOTALS, makeRecord, startFakeSource, type FakeSource } from '../../helpers/fakeSource';
import { AUTH, GOOD_AUTH_VALUES, PAGINATION_ATTRIBUTES, previewSpec } from '../../helpers/fakeSourceSpecs';

let source: FakeSource;
before(async () => { source = await startFakeSource(); });
after(async () => { await source.close(); });

const window = { start: new Date('2024-05-01T00:00:00Z'), end: new Date('2024-05-03T00:00:00Z') };

async function run(attributes: Record<string, unknown>, limits = {}) {
  source.requests.length = 0;
  return runSpec({
    spec: previewSpec(source.url, attributes), authSpecName: AUTH.key, authValues: GOOD_AUTH_VALUES[AUTH.key],
    sourceValues: {}, window, limits,
  });
}

const ids = (records: unknown[]) => records.map((r) => (r as { id: number }).id);
const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

describe('pagination against the fake source', () => {
  test('OFFSET: limit/offset from 0 by limitValue, stops on the short last page', async () => {
    const result = await run(PAGINATION_ATTRIBUTES.OFFSET);
    assert.equal(result.error, undefined);
    assert.deepEqual(ids(result.records), upTo(FAKE_TOTALS.offset));
    assert.equal(result.recordCount, FAKE_TOTALS.offset);
    assert.deepEqual(source.requests.map((r) => query(r.url).offset), ['0', '5', '10', '15', '20']);
    assert.ok(source.requests.every((r) => query(r.url).limit === '5'));
    assert.equal(result.requests.length, 5);
    assert.ok(result.requests.every((r) => r.status === 200 && r.method === 'GET'));
    assert.deepEqual(result.warnings, []);
  });

  test('OFFSET: the end condition (Const:false) ends a source of full pages without an empty extra request', async () => {
    const attributes = {
      urlParams: { path: '/offset-exact/items', method: 'GET' }, contentPath: '$.items',
      paginationParams: { type: 'OFFSET', limitName: 'limit', limitValue: 5, offSetName: 'offset', endConditionName: '$.hasMore', endConditionValue: 'Const:false' },
    };
    const result = await run(attributes);
    assert.deepEqual(ids(result.records), upTo(FAKE_TOTALS.offsetExact));
    assert.deepEqual(source.requests.map((r) => query(r.url).offset), ['0', '5', '10', '15']);
  });

  test('OFFSET without an end condition on full pages stops at the first empty page', async () => {
    const attributes = { ...PAGINATION_ATTRIBUTES.OFFSET, urlParams: { path: '/offset-exact/items', method: 'GET' } };
    const result = await run(attributes);
    assert.deepEqual(ids(result.records), upTo(FAKE_TOTALS.offsetExact));
    assert.deepEqual(source.requests.map((r) => query(r.url).offset), ['0', '5', '10', '15', '20']);
  });

  test('POINTER: follows the relative next link until it is null', async () => {
    const result = await run(PAGINATION_ATTRIBUTES.POINTER);
    assert.equal(result.error, undefined);
    assert.deepEqual(ids(result.records), upTo(FAKE_TOTALS.pointer));
    // The first request is the spec's own (with the schedule's since/before); the next ones are the links as given.
    assert.deepEqual(source.requests.map((r) => [query(r.url).cursor, query(r.url).limit]), [[undefined, '5'], ['5', '5'], ['10', '5'], ['15', '5']]);
    assert.equal(query(source.requests[0].url).since, '2024-05-01T00:00:00Z');
    assert.equal(source.requests[1].url, '/pointer/items?cursor=5&limit=5');
  });

  test('CONTINUATION_TOKEN as a query parameter, until the token is null', async () => {
    const result = await run(PAGINATION_ATTRIBUTES.CONTINUATION_TOKEN);
    assert.deepEqual(ids(result.records), upTo(FAKE_TOTALS.token));
    assert.deepEqual(source.requests.map((r) => query(r.url).after), [undefined, 'c5', 'c10']);
    assert.ok(source.requests.every((r) => query(r.url).size === '5'));
  });

  test('CONTINUATION_TOKEN as a header (HEADERPARAM)', async () => {
    const attributes = {
      urlParams: { path: '/token-header/items', method: 'GET', queryParams: { size: '5' } }, contentPath: '$.results',
      paginationParams: { type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.meta.after_cursor', parameterType: 'HEADERPARAM', parameterName: 'x-page-token' },
    };
    const result = await run(attributes);
    assert.deepEqual(ids(result.records), upTo(FAKE_TOTALS.tokenHeader));
    assert.deepEqual(source.requests.map((r) => r.headers['x-page-token']), [undefined, 'c5', 'c10']);
    assert.ok(source.requests.every((r) => query(r.url).after === undefined));
  });

  test('CONTINUATION_TOKEN waits delayRequestMillis between requests', async () => {
    const attributes = structuredClone(PAGINATION_ATTRIBUTES.CONTINUATION_TOKEN);
    (attributes.paginationParams as Record<string, unknown>).delayRequestMillis = '40';
    const started = performance.now();
    const result = await run(attributes);
    assert.equal(result.requests.length, 3);
    assert.ok(performance.now() - started >= 2 * 40 - 5, 'two pauses of 40 ms');
  });

  test('PAGE: pageParamName from initialPageIndex through endPageIndex read from a response header', async () => {
    const result = await run(PAGINATION_ATTRIBUTES.PAGE);
    assert.deepEqual(ids(result.records), upTo(FAKE_TOTALS.page));
    assert.deepEqual(source.requests.map((r) => query(r.url).pageNumber), ['1', '2', '3']);
    assert.ok(source.requests.every((r) => query(r.url).pageSize === '10'));
  });

  test('PAGE without endPageIndex stops at the first empty page (initialPageIndex defaults to 0)', async () => {
    const attributes = {
      urlParams: { path: '/page-open/items', method: 'GET' }, contentPath: '$.records',
      paginationParams: { type: 'PAGE', limitName: 'pageSize', limitValue: 10, pageParamName: 'page' },
    };
    const result = await run(attributes);
    assert.deepEqual(ids(result.records), upTo(FAKE_TOTALS.pageOpen));
    assert.deepEqual(source.requests.map((r) => query(r.url).page), ['0', '1', '2', '3']);
  });

  test('PAGE with a numeric endPageIndex stops there', async () => {
    const attributes = {
      urlParams: { path: '/page-open/items', method: 'GET' }, contentPath: '$.records',
      paginationParams: { type: 'PAGE', limitName: 'pageSize', limitValue: 10, pageParamName: 'page', initialPageIndex: 0, endPageIndex: 1 },
    };
    const result = await run(attributes);
    assert.deepEqual(ids(result.records), upTo(20));
    assert.deepEqual(source.requests.map((r) => query(r.url).page), ['0', '1']);
    assert.deepEqual(result.warnings, []);
  });

  test('PAGE never makes more than maximumRequest requests, and says so', async () => {
    const attributes = structuredClone(PAGINATION_ATTRIBUTES.PAGE);
    Object.assign(attributes.paginationParams as object, { limitValue: 5, maximumRequest: 2 });
    const result = await run(attributes);
    assert.equal(source.requests.length, 2);
    assert.deepEqual(ids(result.records), upTo(10));
    assert.deepEqual(result.warnings.map((w) => [w.code, w.specPath]), [['maximum-request-reached', 'sourceSpec.attributes.paginationParams.maximumRequest']]);
  });

  test('NONE: one request; skipAttributes and overrideWrapperAttribute applied', async () => {
    const result = await run(PAGINATION_ATTRIBUTES.NONE);
    assert.equal(source.requests.length, 1);
    assert.equal(result.records.length, FAKE_TOTALS.none);
    const { tags: _tags, ...first } = makeRecord(1);
    assert.deepEqual(result.records[0], { member: first });
  });

  test('firstPageOnly makes one request whatever the pagination', async () => {
    const result = await run(PAGINATION_ATTRIBUTES.OFFSET, { firstPageOnly: true });
    assert.equal(source.requests.length, 1);
    assert.deepEqual(ids(result.records), upTo(5));
    assert.deepEqual(result.warnings, []);
  });
});

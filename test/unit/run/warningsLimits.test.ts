/** Warnings, bounds, error answers and records shaping against the fake source. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runSpec, type RunRequest } from '../../../core/run';
import { FAKE_TOTALS, startFakeSource, type FakeSource } from '../../helpers/fakeSource';
import { AUTH, GOOD_AUTH_VALUES, PAGINATION_ATTRIBUTES, previewSpec } from '../../helpers/fakeSourceSpecs';

let source: FakeSource;
before(async () => { source = await startFakeSource(); });
after(async () => { await source.close(); });

const window = { start: new Date('2024-05-01T00:00:00Z'), end: new Date('2024-05-03T00:00:00Z') };
const none = (path: string, extra: Record<string, unknown> = {}) => ({
  urlParams: { path, method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' }, ...extra,
});
function run(attributes: Record<string, unknown>, more: Partial<RunRequest> = {}) {
  source.requests.length = 0;
  return runSpec({
    spec: previewSpec(source.url, attributes), authSpecName: AUTH.key, authValues: GOOD_AUTH_VALUES[AUTH.key],
    sourceValues: {}, window, ...more,
  });
}
const codes = (result: { warnings: { code: string; specPath?: string }[] }) => result.warnings.map((w) => `${w.code} @ ${w.specPath ?? '-'}`);

describe('warnings', () => {
  test('content but no records points at contentPath', async () => {
    const result = await run(none('/broken/wrapped'));
    assert.deepEqual(result.records, []);
    assert.deepEqual(codes(result), ['content-without-records @ sourceSpec.attributes.contentPath']);
    assert.match(result.warnings[0].message, /contentPath "\$\.items"/);
  });

  test('an empty array at contentPath is no warning', async () => {
    const attributes = { ...PAGINATION_ATTRIBUTES.OFFSET, urlParams: { path: '/offset/items', method: 'GET', queryParams: { offset: '100' } } };
    const result = await run({ ...attributes, paginationParams: { type: 'NONE' } });
    assert.equal(result.recordCount, 0);
    assert.deepEqual(result.warnings, []);
  });

  test('a page identical to the previous one: pagination not advancing, stopped', async () => {
    const result = await run({ ...PAGINATION_ATTRIBUTES.OFFSET, urlParams: { path: '/broken/repeat', method: 'GET' } });
    assert.equal(source.requests.length, 2);
    assert.deepEqual(codes(result), ['page-repeated @ sourceSpec.attributes.paginationParams']);
  });

  test('a next link to a page already read stops (repeated request)', async () => {
    const result = await run({ urlParams: { path: '/broken/loop', method: 'GET' }, contentPath: '$.data', paginationParams: { type: 'POINTER', pointerPath: '$.paging.next' } });
    assert.equal(source.requests.length, 2, 'the spec URL, then the link once');
    assert.deepEqual(codes(result), ['repeated-request @ sourceSpec.attributes.paginationParams']);
  });

  test('records of mixed shapes', async () => {
    const result = await run(none('/broken/mixed'));
    assert.equal(result.records.length, 3);
    assert.deepEqual(codes(result), ['mixed-record-shapes @ sourceSpec.attributes.contentPath']);
    assert.match(result.warnings[0].message, /price is number in some, string in others/);
  });

  test('the page limit reached while the source has more', async () => {
    const result = await run(PAGINATION_ATTRIBUTES.OFFSET, { limits: { maxPages: 2 } });
    assert.equal(source.requests.length, 2);
    assert.equal(result.recordCount, 10);
    assert.deepEqual(codes(result), ['page-limit-reached @ sourceSpec.attributes.paginationParams']);
  });

  test('an explode path that finds nothing', async () => {
    const result = await run({ ...none('/lists'), contentPath: '$.lists', explodeEntityPath: { path: '$.people' } });
    assert.deepEqual(codes(result), ['explode-path-empty @ sourceSpec.attributes.explodeEntityPath']);
  });
});

describe('limits', () => {
  test('records beyond maxRecords are counted, not kept', async () => {
    const result = await run(PAGINATION_ATTRIBUTES.OFFSET, { limits: { maxRecords: 7 } });
    assert.equal(result.records.length, 7);
    assert.equal(result.recordCount, FAKE_TOTALS.offset);
    assert.equal(source.requests.length, 5, 'paging goes on');
    assert.deepEqual(codes(result), ['record-limit-reached @ -']);
  });

  test('the per-request timeout ends a run that gets no answer', async () => {
    const result = await run(none('/slow'), { limits: { requestTimeoutMs: 150 } });
    assert.equal(result.error?.code, 'timeout');
    assert.match(result.error!.message, /No answer within 150 ms/);
    assert.equal(result.requests.length, 1);
    assert.equal(result.requests[0].status, 0);
  });

  test('an AbortSignal cancels a run in flight and keeps what was read', async () => {
    const controller = new AbortController();
    const pending = run(none('/slow'), { signal: controller.signal });
    const deadline = Date.now() + 5000;
    while (source.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const result = await pending;
    assert.equal(result.error?.code, 'cancelled');
  });

  test('progress is reported after each request', async () => {
    const seen: number[] = [];
    await run(PAGINATION_ATTRIBUTES.OFFSET, { onProgress: (p) => seen.push(p.recordCount) });
    assert.deepEqual(seen, [5, 10, 15, 20, 23]);
  });
});

describe('error answers and spec problems', () => {
  for (const [path, status, message] of [['/error/500', 500, 'Internal failure in the fake source'], ['/error/404', 404, 'No such list'], ['/error/429', 429, 'Too many requests']] as const) {
    test(`the source answers ${status}: its status and message`, async () => {
      const result = await run(none(path));
      assert.equal(result.error?.status, status);
      assert.ok(result.error?.message.includes(message), result.error?.message);
      assert.equal(result.requests[0].status, status);
    });
  }

  test('an answer that is not JSON', async () => {
    const result = await run(none('/broken/html'));
    assert.equal(result.error?.code, 'response');
    assert.match(result.error!.message, /text\/html that is not JSON/);
  });

  test('an unreachable source is a network error', async () => {
    const spec = previewSpec('http://127.0.0.1:1', none('/x'));
    const result = await runSpec({ spec, authSpecName: AUTH.key, authValues: GOOD_AUTH_VALUES[AUTH.key], sourceValues: {}, window });
    assert.equal(result.error?.code, 'network');
    assert.match(result.error!.message, /Could not reach http:\/\/127\.0\.0\.1:1/);
  });

  test('a placeholder without a value names itself and its place, before any request', async () => {
    const result = await run(none('/lists/${listId}/members'));
    assert.equal(result.error?.code, 'spec');
    assert.equal(result.error?.specPath, 'sourceSpec.attributes.urlParams.path');
    assert.match(result.error!.message, /No value for \$\{listId\}.*--set listId=/, 'the CLI names its flag');
    assert.match(result.error!.editorMessage ?? '', /^No value for \$\{listId\} \(used in [^)]+\); declare listId in sourceSpec\.spec\.properties/);
    assert.doesNotMatch(result.error!.editorMessage ?? '', /--set/, 'the editor is never told to type a flag');
    assert.equal(source.requests.length, 0);
  });

  test('an unknown pagination type', async () => {
    const result = await run({ ...none('/x'), paginationParams: { type: 'CURSOR' } });
    assert.equal(result.error?.specPath, 'sourceSpec.attributes.paginationParams.type');
  });

  test('an invalid JSONPath in contentPath', async () => {
    const result = await run({ ...none('/none/members'), contentPath: '$.[' });
    assert.equal(result.error?.code, 'spec');
    assert.equal(result.error?.specPath, 'sourceSpec.attributes.contentPath');
  });

  test('Adobe hosts are refused (the engine reads the author\'s source only)', async () => {
    const spec = previewSpec('https://platform.adobe.io', none('/data/foundation/flowservice/connections'));
    const result = await runSpec({ spec, authSpecName: AUTH.key, authValues: GOOD_AUTH_VALUES[AUTH.key], sourceValues: {}, window, fetch: () => { throw new Error('must not be called'); } });
    assert.equal(result.error?.code, 'policy');
    assert.equal(result.requests.length, 0);
  });
});

describe('requests and records', () => {
  test('${name} values in path and query; auth values fill placeholders too', async () => {
    const attributes = { urlParams: { path: '/search/${kind}', method: 'GET', queryParams: { query: 'name:${who}' } }, contentPath: '$.items', paginationParams: { type: 'NONE' } };
    const result = await runSpec({ spec: previewSpec(source.url, attributes), authSpecName: AUTH.key, authValues: { ...GOOD_AUTH_VALUES[AUTH.key], who: 'Ann Lee' }, sourceValues: { kind: 'items' }, window });
    assert.equal(result.error, undefined);
    assert.equal((source.requests.at(-1)!.url.match(/query=([^&]*)/) ?? [])[1], 'name%3AAnn+Lee');
  });

  test('host from the auth spec\'s host value when urlParams.host is absent', async () => {
    const spec = previewSpec(source.url, none('/key/items')) as { sourceSpec: { attributes: { urlParams: Record<string, unknown> } } };
    delete spec.sourceSpec.attributes.urlParams.host;
    const result = await runSpec({ spec, authSpecName: AUTH.key, authValues: { ...GOOD_AUTH_VALUES[AUTH.key], host: source.url }, sourceValues: {}, window });
    assert.equal(result.records.length, FAKE_TOTALS.auth);
  });

  test('POST sends headerParams and bodyParams as JSON, {SCHEDULE_QUERY} replaced in the body', async () => {
    const attributes = {
      urlParams: { path: '/search', method: 'POST' }, contentPath: '$.items', paginationParams: { type: 'NONE' },
      headerParams: { 'x-tenant': '${tenant}' },
      bodyParams: { filter: { tenant: '${tenant}', query: '{SCHEDULE_QUERY}' }, size: 4 },
      scheduleParams: { type: 'ADVANCE', paramFormat: 'yyyy-MM-dd', incremental: 'since {START_TIME}' },
    };
    const result = await run(attributes, { sourceValues: { tenant: 'acme' } });
    assert.equal(result.records.length, 4);
    const sent = source.requests[0];
    assert.equal(sent.method, 'POST');
    assert.equal(sent.headers['content-type'], 'application/json');
    assert.equal(sent.headers['x-tenant'], 'acme');
    assert.deepEqual(JSON.parse(sent.body), { filter: { tenant: 'acme', query: 'since 2024-05-01' }, size: 4 });
  });

  test('explodeEntityPath turns each nested element into a record, with its own keep and wrapper', async () => {
    const result = await run({ ...none('/lists'), contentPath: '$.lists', explodeEntityPath: { path: '$.members', keepAttributes: ['id', 'email'], overrideWrapperAttribute: 'member' } });
    assert.equal(result.recordCount, FAKE_TOTALS.lists);
    assert.deepEqual(result.records[0], { member: { id: 1, email: 'user1@example.test' } });
    assert.deepEqual(result.warnings, []);
  });

  test('the inferred schema: types, formats, required', async () => {
    const result = await run(PAGINATION_ATTRIBUTES.OFFSET);
    assert.deepEqual(result.schema, {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string', format: 'email' },
        updatedAt: { type: 'string', format: 'date-time' }, active: { type: 'boolean' }, tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['id', 'name', 'email', 'updatedAt', 'active', 'tags'],
    });
  });

  test('the first exchanges keep headers and bodies for display', async () => {
    const result = await run(PAGINATION_ATTRIBUTES.OFFSET, { limits: { detailedRequests: 2 } });
    assert.ok(result.requests[0].detail && result.requests[1].detail);
    assert.equal(result.requests[2].detail, undefined);
    assert.equal(JSON.parse(result.requests[0].detail!.responseBody!).items.length, 5);
    assert.equal(result.requests[0].detail!.responseHeaders['content-type'], 'application/json');
  });
});

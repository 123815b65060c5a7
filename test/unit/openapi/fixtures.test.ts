/**
 * `new --from-openapi` over the eight descriptions of test/fixtures/openapi (written for these tests: OpenAPI 3.0,
 * 3.1 and Swagger 2.0, JSON and YAML, every paging style, every security scheme kind, server variables, $refs and
 * an operation without paging). For each: the generated spec validates with no errors, every guess is an
 * information finding, and a preview against a fake of that API (7 records in pages of 3, refusing requests
 * without the described credentials) reads exactly the 7 records; without the credentials it reads nothing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-json-languageservice';
import { SpecEngine } from '../../../core/analysis/engine';
import { parseDescription } from '../../../core/openapi/document';
import { generateSpec } from '../../../core/openapi/generate';
import { runSpec } from '../../../core/run';
import { FAKE_API_TOTAL, rewritingFetch, startFakeApi, type FakeApiStyle } from '../../helpers/fakeApi';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'openapi');
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

interface Case {
  file: string;
  operation: string;
  /** The auth entry to preview with and its values (which the fake accepts). */
  auth: string;
  authValues: Record<string, string>;
  sourceValues?: Record<string, string>;
  /** Facts the generated spec must state (dot paths under sourceSpec.attributes, or top-level keys). */
  expect: Record<string, unknown>;
  /** Substrings of the URLs the run asked for (server variables, path parameters…). */
  asked?: RegExp;
  fake: FakeApiStyle;
}

const CASES: Case[] = [
  {
    file: 'crm-contacts.oas30.yaml', operation: 'GET /contacts', auth: 'Basic Authentication', authValues: { username: 'ada', password: 'pw-1!' },
    expect: {
      'urlParams.host': 'https://crm.example.test', 'urlParams.path': '/api/contacts', 'contentPath.path': '$.contacts',
      paginationParams: { type: 'OFFSET', limitName: 'limit', limitValue: 3, offSetName: 'offset', endConditionName: '$.has_more', endConditionValue: 'Const:false' },
      'scheduleParams.scheduleStartParamName': 'updated_since', 'scheduleParams.scheduleEndParamName': 'updated_before',
    },
    fake: {
      path: '/api/contacts', records: ['contacts'], paging: { kind: 'offset', offset: 'offset', limit: 'limit', hasMore: ['has_more'] },
      credentials: [{ headers: { authorization: basic('ada', 'pw-1!') } }], dates: ['updated_since', 'updated_before'],
    },
  },
  {
    file: 'shop-orders.oas31.json', operation: 'listOrders', auth: 'OAuth2 Refresh Code',
    authValues: { accessToken: 'shop-token-7', region: 'us', apiVersion: 'v3' }, sourceValues: { status: 'any' },
    expect: {
      'urlParams.host': 'https://${region}.shop.example.test', 'urlParams.path': '/${apiVersion}/orders', 'urlParams.queryParams': { status: '${status}' },
      paginationParams: { type: 'PAGE', limitName: 'per_page', limitValue: 3, pageParamName: 'page', initialPageIndex: 1, endPageIndex: 'headers.x-total-pages' },
    },
    asked: /^https:\/\/us\.shop\.example\.test\/v3\/orders\?/,
    fake: {
      path: '/v3/orders', records: ['orders'], paging: { kind: 'page', page: 'page', size: 'per_page', first: 1, countHeader: 'X-Total-Pages' },
      credentials: [{ headers: { authorization: 'Bearer shop-token-7' } }], query: { status: 'any' },
    },
  },
  {
    file: 'tickets.swagger2.json', operation: 'tickets.list', auth: 'API Key Authentication',
    authValues: { authKey1: 'key-77', authKey2: 'app-5' }, sourceValues: { queue: 'billing' },
    expect: {
      'urlParams.host': 'https://tickets.example.test', 'urlParams.path': '/v2/tickets', 'urlParams.queryParams': { queue: '${queue}', page_size: '3' },
      paginationParams: { type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.next_page_token', parameterType: 'QUERYPARAM', parameterName: 'page_token' },
    },
    fake: {
      path: '/v2/tickets', records: ['tickets'], paging: { kind: 'token', param: 'page_token', in: 'query', field: ['next_page_token'] },
      credentials: [{ headers: { 'x-api-key': 'key-77', 'x-app-id': 'app-5' } }], query: { queue: 'billing', page_size: '3' },
    },
  },
  {
    file: 'events.swagger2.yaml', operation: 'GET /events', auth: 'API Key Authentication', authValues: { authKey1: 'q-key-1' },
    expect: {
      'urlParams.queryParams': { api_key: '${authKey1}' },
      paginationParams: { type: 'POINTER', limitName: 'limit', limitValue: 3, pointerPath: '$.paging.next' },
      'scheduleParams.type': 'ADVANCE',
    },
    fake: {
      path: '/events', records: ['events'], paging: { kind: 'pointer', field: ['paging', 'next'], size: 'limit' },
      credentials: [{ query: { api_key: 'q-key-1' } }],
    },
  },
  {
    file: 'files.oas31.yaml', operation: 'GET /files', auth: 'OAuth2 Refresh Code', authValues: { accessToken: 'files-token' },
    expect: {
      'contentPath.path': '$',
      paginationParams: { type: 'OFFSET', limitName: 'top', limitValue: 3, offSetName: 'skip' },
    },
    fake: {
      path: '/files', records: [], paging: { kind: 'offset', offset: 'skip', limit: 'top' },
      credentials: [{ headers: { authorization: 'Bearer files-token' } }],
    },
  },
  {
    file: 'members.oas30.json', operation: 'GET /lists/{listId}/members', auth: 'API Key Authentication',
    authValues: { authKey1: 'm-key' }, sourceValues: { listId: 'list 9', status: 'subscribed' },
    expect: { 'urlParams.path': '/3.0/lists/${listId}/members', paginationParams: { type: 'NONE' } },
    asked: /\/3\.0\/lists\/list%209\/members\?status=subscribed/,
    fake: {
      path: '/3.0/lists/list%209/members', records: ['members'], paging: { kind: 'none' },
      credentials: [{ headers: { 'authorization-key': 'm-key' } }], query: { status: 'subscribed' },
    },
  },
  {
    file: 'activity.oas30.yaml', operation: 'activities', auth: 'OAuth2 Refresh Code', authValues: { accessToken: 'oidc-token' },
    expect: {
      'urlParams.queryParams': { since: '{SCHEDULE_QUERY}' },
      paginationParams: { type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.meta.next_token', parameterType: 'HEADERPARAM', parameterName: 'X-Page-Token' },
      scheduleParams: { type: 'ADVANCE', paramFormat: 'yyyy-MM-ddTHH:mm:ssZ', incremental: '{START_TIME}', backfill: '1970-01-01T00:00:00Z' },
    },
    fake: {
      path: '/feed/activities', records: ['items'], paging: { kind: 'token', param: 'X-Page-Token', in: 'header', field: ['meta', 'next_token'] },
      credentials: [{ headers: { authorization: 'Bearer oidc-token' } }], dates: ['since'],
    },
  },
  {
    file: 'inventory.oas31.json', operation: 'listItems', auth: 'Basic Authentication',
    authValues: { username: 'depot', password: 'd-pass', region: 'south' }, sourceValues: { warehouseId: 'w1' },
    expect: {
      'urlParams.host': 'https://${region}.inventory.example.test', 'urlParams.path': '/api/warehouses/${warehouseId}/items',
      paginationParams: { type: 'POINTER', limitName: 'limit', limitValue: 3, pointerPath: '$._links.next.href' },
    },
    asked: /^https:\/\/south\.inventory\.example\.test\/api\/warehouses\/w1\/items\?.*cursor=6/,
    fake: {
      path: '/api/warehouses/w1/items', records: ['items'],
      paging: { kind: 'pointer', field: ['_links', 'next', 'href'], size: 'limit', absoluteOrigin: 'https://south.inventory.example.test' },
      credentials: [{ headers: { 'x-depot-key': 'k' } }, { headers: { authorization: basic('depot', 'd-pass') } }],
    },
  },
];

function at(spec: Record<string, unknown>, dotted: string): unknown {
  const attributes = (spec.sourceSpec as { attributes: Record<string, unknown> }).attributes;
  return dotted.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], attributes);
}

const engine = new SpecEngine();
const window = { start: new Date('2024-05-01T00:00:00Z'), end: new Date('2024-05-02T00:00:00Z') };

describe('connection specs generated from our OpenAPI descriptions', () => {
  test('the cases cover each format, paging style and security scheme kind', () => {
    const api = (file: string) => parseDescription(readFileSync(join(FIXTURES, file), 'utf8'));
    assert.deepEqual(new Set(CASES.map((c) => api(c.file).version)), new Set(['2.0', '3.0', '3.1']));
    assert.deepEqual(new Set(CASES.map((c) => c.file.replace(/.*\./, ''))), new Set(['json', 'yaml']));
    assert.deepEqual(new Set(CASES.map((c) => (c.expect.paginationParams as { type: string }).type)),
      new Set(['OFFSET', 'PAGE', 'CONTINUATION_TOKEN', 'POINTER', 'NONE']));
    const schemeKinds = new Set(CASES.flatMap((c) => Object.values((api(c.file).root.components as { securitySchemes?: object } | undefined)?.securitySchemes
      ?? api(c.file).root.securityDefinitions as object).map((s: { type: string; scheme?: string; in?: string }) => `${s.type}${s.scheme ? `:${s.scheme}` : ''}${s.in ? `:${s.in}` : ''}`)));
    for (const kind of ['http:basic', 'http:bearer', 'apiKey:header', 'apiKey:query', 'oauth2', 'openIdConnect']) assert.ok(schemeKinds.has(kind), kind);
  });

  for (const c of CASES) {
    test(`${c.file} (${c.operation}): validates without errors and previews exactly the 7 records`, async () => {
      const api = parseDescription(readFileSync(join(FIXTURES, c.file), 'utf8'));
      const generated = generateSpec(api, c.operation);
      for (const [path, value] of Object.entries(c.expect)) assert.deepEqual(at(generated.spec, path), value, path);

      const text = `${JSON.stringify(generated.spec, null, 2)}\n`;
      const document = TextDocument.create(`file:///work/${generated.fileName}`, 'json', 1, text);
      const findings = await engine.analyze(document, 'connectionSpec', { guesses: generated.guesses });
      assert.deepEqual(findings.filter((d) => d.severity === 1 || d.severity === 2).map((d) => `${String(d.code)} ${d.message}`), []);
      // Every guess shows, as an information on its place.
      const guessFindings = findings.filter((d) => d.code === 'SSDK530');
      assert.equal(guessFindings.length, generated.guesses.length);
      assert.ok(guessFindings.every((d) => d.severity === 3));
      assert.ok(generated.guesses.some((g) => g.path.join('.') === 'sourceSpec.attributes.paginationParams'));

      const fake = await startFakeApi(c.fake);
      try {
        const asked: string[] = [];
        const result = await runSpec({
          spec: JSON.parse(text), authSpecName: c.auth, authValues: c.authValues, sourceValues: c.sourceValues ?? {},
          window, fetch: rewritingFetch(fake.url, asked),
        });
        assert.equal(result.error, undefined, result.error?.message);
        assert.deepEqual(result.records.map((r) => (r as { id: number }).id), [1, 2, 3, 4, 5, 6, 7]);
        assert.equal(result.recordCount, FAKE_API_TOTAL);
        assert.deepEqual(result.warnings, []);
        if (c.asked) assert.ok(asked.some((u) => c.asked?.test(u)), `${c.asked} in ${asked.join(' ')}`);

        // The fake refuses a request without the described credentials: no record is read.
        const wrong = Object.fromEntries(Object.entries(c.authValues).map(([k, v]) => [k, ['region', 'apiVersion'].includes(k) ? v : `${v}-wrong`]));
        const refused = await runSpec({
          spec: JSON.parse(text), authSpecName: c.auth, authValues: wrong, sourceValues: c.sourceValues ?? {}, window, fetch: rewritingFetch(fake.url, []),
        });
        assert.equal(refused.error?.status, 401);
        assert.equal(refused.recordCount, 0);
      } finally {
        await fake.close();
      }
    });
  }
});

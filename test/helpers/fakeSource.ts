/**
 * A fake source API (written for these tests; nothing copied) that connection specs are run against: a real HTTP
 * server on 127.0.0.1, port 0. Every request is recorded in `requests` (method, path with query, headers, body).
 * Records are `makeRecord(i)`: `{ id, name, email, updatedAt, active, tags }`, ids from 1, `updatedAt` one hour apart
 * from 2024-05-01T00:00:00Z.
 *
 * Pagination (record counts in `FAKE_TOTALS`):
 *   GET /offset/items?limit=&offset=            OFFSET, 23 records → `{ items, hasMore }`; short last page
 *   GET /offset-exact/items?limit=&offset=      OFFSET, 20 records → `{ items, hasMore }` (only full pages with limit 5:
 *                                               the end condition `$.hasMore` = `Const:false` ends it)
 *   GET /pointer/items?limit= | ?cursor=&limit= POINTER, 17 records → `{ data, paging: { next } }` (relative link, null at end)
 *   GET /token/items?size=&after=               CONTINUATION_TOKEN (query), 12 records → `{ results, meta: { after_cursor } }`
 *   GET /token-header/items?size= + x-page-token  CONTINUATION_TOKEN (header), 12 records, same body
 *   GET /page/items?pageSize=&pageNumber=       PAGE, 25 records, pages from 1 → `{ records }` + header `x-pagecount`
 *   GET /page-open/items?pageSize=&page=        PAGE, 30 records, pages from 0, no page count, empty page after the last
 *   GET /none/members                           NONE, 7 records → `{ members }`
 * Auth (NONE, 3 records each, `{ items }`; 401 `{ message }` when the credentials are wrong):
 *   GET /basic/items    `Authorization: Basic base64(FAKE_CREDENTIALS.username:password)`
 *   GET /bearer/items   `Authorization: Bearer FAKE_CREDENTIALS.accessToken`
 *   GET /key/items      header `x-api-key: FAKE_CREDENTIALS.apiKey`
 *   GET /query-key/items?api_key=  the key in the query
 * Scheduling, bodies, records:
 *   GET /changes/items?since=&before=   NONE, the 48 records whose updatedAt is in [since, before) → `{ items }`
 *   GET /search/items?query=            `{ query, items }`: the 5 first records, the query echoed
 *   POST /search                        `{ received: <body>, items }`: the 4 first records
 *   GET /lists                          `{ lists: [{ id, name, members: [...] }] }`: 3 lists of 2, 3 and 4 members (9)
 *   GET /echo                           `{ items: [{ url, headers }] }`: what the request carried (redaction tests)
 * Faults:
 *   GET /broken/repeat?offset=   the same full page of 5 records whatever the offset (page identical to previous)
 *   GET /broken/loop             a POINTER page (a counter makes each one differ) whose next link is itself (repeated request)
 *   GET /broken/wrapped          `{ data: { entries: [...] } }`: content a `$.items` path misses
 *   GET /broken/mixed            records whose `price` is a number in some and a string in others
 *   GET /broken/html             200 with an HTML page
 *   GET /redirect/elsewhere      302 to `options.redirectTo` (another origin)
 *   GET /error/500, /error/404, /error/429  that status with `{ message }`
 *   GET /slow                    never answers (until the client gives up or the server closes)
 *   GET /bulk/items?offset=&limit=  `options.bulk.pages` pages of `options.bulk.perPage` records (bench), OFFSET
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_TOTALS = {
  offset: 23, offsetExact: 20, pointer: 17, token: 12, tokenHeader: 12, page: 25, pageOpen: 30, none: 7,
  auth: 3, changes: 48, lists: 9,
} as const;

export const FAKE_CREDENTIALS = {
  username: 'preview-user',
  password: 'pw-Sup3r-secret!',
  accessToken: 'tok-abc123-secret-value',
  apiKey: 'key-9f8e7d6c-secret',
} as const;

const EPOCH = Date.parse('2024-05-01T00:00:00Z');

/** The i-th record (1-based) the fake source holds. */
export function makeRecord(i: number): Record<string, unknown> {
  return {
    id: i,
    name: `Item ${i}`,
    email: `user${i}@example.test`,
    updatedAt: new Date(EPOCH + i * 3600_000).toISOString(),
    active: i % 2 === 0,
    tags: i % 3 === 0 ? ['even-third'] : [],
  };
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, k) => makeRecord(from + k + 1));

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface FakeSourceOptions {
  /** Where /redirect/elsewhere sends the client. */
  redirectTo?: string;
  /** Size of /bulk/items. */
  bulk?: { pages: number; perPage: number };
  /** Record requests (default true; the bench turns it off). */
  record?: boolean;
}

export interface FakeSource {
  /** `http://127.0.0.1:PORT` */
  url: string;
  requests: RecordedRequest[];
  /** Requests to one path (query ignored). */
  requestsTo(path: string): RecordedRequest[];
  close(): Promise<void>;
}

type Handler = (q: URLSearchParams, req: IncomingMessage, body: string) => { status?: number; body: unknown; headers?: Record<string, string> } | 'hang' | { raw: string; status: number; headers: Record<string, string> };

const num = (q: URLSearchParams, name: string, fallback: number) => {
  const value = Number(q.get(name));
  return q.has(name) && Number.isFinite(value) ? value : fallback;
};

function unauthorized(message: string) {
  return { status: 401, body: { message } };
}

function routes(options: FakeSourceOptions, base: () => string): Record<string, Handler> {
  const bulkPages = (options.bulk?.pages ?? 0);
  const perPage = options.bulk?.perPage ?? 100;
  // Bulk pages are serialised once so the bench measures the engine, not this server.
  const bulkCache = new Map<number, string>();
  let loopCount = 0;
  return {
    'GET /offset/items': (q) => {
      const limit = num(q, 'limit', 10), offset = num(q, 'offset', 0);
      return { body: { items: range(offset, Math.min(offset + limit, FAKE_TOTALS.offset)), hasMore: offset + limit < FAKE_TOTALS.offset } };
    },
    'GET /offset-exact/items': (q) => {
      const limit = num(q, 'limit', 5), offset = num(q, 'offset', 0);
      return { body: { items: range(offset, Math.min(offset + limit, FAKE_TOTALS.offsetExact)), hasMore: offset + limit < FAKE_TOTALS.offsetExact } };
    },
    'GET /pointer/items': (q) => {
      const limit = num(q, 'limit', 5), cursor = num(q, 'cursor', 0);
      const end = Math.min(cursor + limit, FAKE_TOTALS.pointer);
      return { body: { data: range(cursor, end), paging: { next: end < FAKE_TOTALS.pointer ? `/pointer/items?cursor=${end}&limit=${limit}` : null } } };
    },
    'GET /token/items': (q) => tokenPage(q.get('after'), num(q, 'size', 5)),
    'GET /token-header/items': (q, req) => tokenPage(req.headers['x-page-token'] as string | undefined ?? null, num(q, 'size', 5)),
    'GET /page/items': (q) => {
      const size = num(q, 'pageSize', 10), page = num(q, 'pageNumber', 1);
      const pages = Math.ceil(FAKE_TOTALS.page / size);
      return { body: { records: range((page - 1) * size, Math.min(page * size, FAKE_TOTALS.page)) }, headers: { 'x-pagecount': String(pages) } };
    },
    'GET /page-open/items': (q) => {
      const size = num(q, 'pageSize', 10), page = num(q, 'page', 0);
      return { body: { records: range(page * size, Math.min((page + 1) * size, FAKE_TOTALS.pageOpen)) } };
    },
    'GET /none/members': () => ({ body: { members: range(0, FAKE_TOTALS.none), total_items: FAKE_TOTALS.none } }),
    'GET /basic/items': (_q, req) => req.headers.authorization === `Basic ${Buffer.from(`${FAKE_CREDENTIALS.username}:${FAKE_CREDENTIALS.password}`).toString('base64')}`
      ? { body: { items: range(0, FAKE_TOTALS.auth) } } : unauthorized('Invalid username or password'),
    'GET /bearer/items': (_q, req) => req.headers.authorization === `Bearer ${FAKE_CREDENTIALS.accessToken}`
      ? { body: { items: range(0, FAKE_TOTALS.auth) } } : unauthorized('Invalid access token'),
    'GET /key/items': (_q, req) => req.headers['x-api-key'] === FAKE_CREDENTIALS.apiKey
      ? { body: { items: range(0, FAKE_TOTALS.auth) } } : unauthorized('Invalid API key'),
    'GET /query-key/items': (q) => q.get('api_key') === FAKE_CREDENTIALS.apiKey
      ? { body: { items: range(0, FAKE_TOTALS.auth) } } : unauthorized(`Invalid API key ${q.get('api_key')}`),
    'GET /changes/items': (q) => {
      const since = Date.parse(q.get('since') ?? ''), before = Date.parse(q.get('before') ?? '');
      if (!Number.isFinite(since) || !Number.isFinite(before)) return { status: 400, body: { message: 'since and before must be ISO dates' } };
      return { body: { items: range(0, 200).filter((r) => { const t = Date.parse(r.updatedAt as string); return t >= since && t < before; }) } };
    },
    'GET /search/items': (q) => ({ body: { query: q.get('query'), items: range(0, 5) } }),
    'POST /search': (_q, _req, body) => ({ body: { received: body ? JSON.parse(body) : null, items: range(0, 4) } }),
    'GET /lists': () => ({
      body: { lists: [2, 3, 4].map((n, k) => ({ id: `list-${k + 1}`, name: `List ${k + 1}`, members: range(k * 10, k * 10 + n) })) },
    }),
    'GET /echo': (_q, req) => ({ body: { items: [{ url: req.url, headers: req.headers }] } }),
    'GET /broken/repeat': () => ({ body: { items: range(0, 5), hasMore: true } }),
    'GET /broken/loop': () => ({ body: { data: range(0, 2), servedAt: ++loopCount, paging: { next: '/broken/loop' } } }),
    'GET /broken/wrapped': () => ({ body: { data: { entries: range(0, 3) } } }),
    'GET /broken/mixed': () => ({ body: { items: [{ id: 1, price: 3 }, { id: 2, price: '3.50' }, { id: 3, price: 4 }] } }),
    'GET /broken/html': () => ({ raw: '<html><body>Sign in</body></html>', status: 200, headers: { 'content-type': 'text/html' } }),
    'GET /redirect/elsewhere': () => ({ status: 302, body: {}, headers: { location: options.redirectTo ?? `${base()}/none/members` } }),
    'GET /error/500': () => ({ status: 500, body: { message: 'Internal failure in the fake source' } }),
    'GET /error/404': () => ({ status: 404, body: { error: { message: 'No such list' } } }),
    'GET /error/429': () => ({ status: 429, body: { message: 'Too many requests' } }),
    'GET /slow': () => 'hang',
    'GET /bulk/items': (q) => {
      const offset = num(q, 'offset', 0);
      const page = Math.floor(offset / perPage);
      let text = bulkCache.get(page);
      if (text === undefined) {
        text = JSON.stringify({ items: page < bulkPages ? range(offset, offset + perPage) : [] });
        bulkCache.set(page, text);
      }
      return { raw: text, status: 200, headers: { 'content-type': 'application/json' } };
    },
  };
}

function tokenPage(after: string | null, size: number) {
  const start = after ? Number(after.replace(/^c/, '')) : 0;
  const end = Math.min(start + size, FAKE_TOTALS.token);
  return { body: { results: range(start, end), meta: { after_cursor: end < FAKE_TOTALS.token ? `c${end}` : null } } };
}

/** Starts the fake source on 127.0.0.1 with an ephemeral port. */
export async function startFakeSource(options: FakeSourceOptions = {}): Promise<FakeSource> {
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let url = '';
  const table = routes(options, () => url);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const parsed = new URL(req.url ?? '/', 'http://fake');
      if (options.record !== false) requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers }, body });
      const handler = table[`${req.method} ${parsed.pathname}`];
      if (!handler) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `No route ${req.method} ${parsed.pathname}` }));
        return;
      }
      const answer = handler(parsed.searchParams, req, body);
      if (answer === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if ('raw' in answer) {
        res.writeHead(answer.status, answer.headers).end(answer.raw);
        return;
      }
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...(answer.headers ?? {}) }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    requestsTo: (path) => requests.filter((r) => new URL(r.url, 'http://fake').pathname === path),
    close: () => new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * A fake of one API described by an OpenAPI fixture (test/fixtures/openapi, written for these tests): a real HTTP
 * server on 127.0.0.1, port 0, serving the 7 records `makeRecord(1…7)` (fakeSource.ts) from one path, in pages of
 * at most 3, paged the way the description says, and refusing (401) any request without one of the described
 * credentials. Query parameters the description requires are checked too (400 when missing or different).
 *
 * `rewritingFetch(publicOrigin…)` lets a run address the API by the URL its description gives
 * (`https://crm.example.test/api/contacts`): the request goes to this server, path and query kept, and the URL asked
 * for is recorded in `asked`.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeRecord } from './fakeSource';

export const FAKE_API_TOTAL = 7;
const PAGE_CAP = 3;

/** Where a value sits in a response body, as property names (`[]` = the body itself). */
type BodyPath = string[];

export type FakePaging =
  | { kind: 'offset'; offset: string; limit: string; hasMore?: BodyPath; echo?: { offset?: BodyPath; total?: BodyPath; limit?: BodyPath } }
  | { kind: 'page'; page: string; size: string; first: number; countHeader?: string }
  | { kind: 'token'; param: string; in: 'query' | 'header'; field: BodyPath }
  | { kind: 'pointer'; field: BodyPath; size?: string; absoluteOrigin?: string }
  | { kind: 'none' };

/** One accepted way to authenticate: every header and query value listed must be there. */
export interface FakeCredential {
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

export interface FakeApiStyle {
  /** The listing path (path parameters filled in). */
  path: string;
  records: BodyPath;
  paging: FakePaging;
  credentials: FakeCredential[];
  /** Query parameters that must be sent with exactly these values. */
  query?: Record<string, string>;
  /** Query parameters that must be sent holding dates (a run's window). */
  dates?: string[];
}

export interface FakeApi {
  url: string;
  /** Every request: method, path with query, headers. */
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

function setAt(target: Record<string, unknown>, path: BodyPath, value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((key) => { node = (node[key] ??= {}) as Record<string, unknown>; });
  node[path[path.length - 1]] = value;
}

function body(style: FakeApiStyle, records: unknown[], extra: Array<[BodyPath, unknown]>): unknown {
  if (style.records.length === 0) return records;
  const out: Record<string, unknown> = {};
  setAt(out, style.records, records);
  for (const [path, value] of extra) setAt(out, path, value);
  return out;
}

const slice = (from: number, size: number) => Array.from({ length: Math.max(0, Math.min(FAKE_API_TOTAL, from + size) - from) }, (_, k) => makeRecord(from + k + 1));

/** The answer to one request, or an error status with a message. */
function answer(style: FakeApiStyle, q: URLSearchParams, req: IncomingMessage, publicBase: string): { status: number; body: unknown; headers?: Record<string, string> } {
  const accepted = style.credentials.some((c) =>
    Object.entries(c.headers ?? {}).every(([h, v]) => req.headers[h.toLowerCase()] === v)
    && Object.entries(c.query ?? {}).every(([n, v]) => q.get(n) === v));
  if (!accepted) return { status: 401, body: { message: 'Missing or wrong credentials' } };
  for (const [name, value] of Object.entries(style.query ?? {})) {
    if (q.get(name) !== value) return { status: 400, body: { message: `Query parameter ${name} must be ${value}, not ${q.get(name)}` } };
  }
  for (const name of style.dates ?? []) {
    if (!Number.isFinite(Date.parse(q.get(name) ?? ''))) return { status: 400, body: { message: `Query parameter ${name} must be a date, not ${q.get(name)}` } };
  }
  const size = (name: string | undefined) => Math.min(PAGE_CAP, Number(q.get(name ?? '') ?? PAGE_CAP) || PAGE_CAP);
  const p = style.paging;
  switch (p.kind) {
    case 'none':
      return { status: 200, body: body(style, slice(0, FAKE_API_TOTAL), []) };
    case 'offset': {
      const offset = Number(q.get(p.offset) ?? 0), n = size(p.limit);
      const extra: Array<[BodyPath, unknown]> = [];
      if (p.hasMore) extra.push([p.hasMore, offset + n < FAKE_API_TOTAL]);
      if (p.echo?.offset) extra.push([p.echo.offset, offset]);
      if (p.echo?.total) extra.push([p.echo.total, FAKE_API_TOTAL]);
      if (p.echo?.limit) extra.push([p.echo.limit, n]);
      return { status: 200, body: body(style, slice(offset, n), extra) };
    }
    case 'page': {
      const page = Number(q.get(p.page) ?? p.first), n = size(p.size);
      return {
        status: 200, body: body(style, slice((page - p.first) * n, n), []),
        headers: p.countHeader ? { [p.countHeader]: String(Math.ceil(FAKE_API_TOTAL / n) - 1 + p.first) } : {},
      };
    }
    case 'token': {
      const token = p.in === 'header' ? req.headers[p.param.toLowerCase()] as string | undefined : q.get(p.param) ?? undefined;
      const from = token ? Number(token.replace(/^t/, '')) : 0;
      const end = Math.min(FAKE_API_TOTAL, from + PAGE_CAP);
      return { status: 200, body: body(style, slice(from, PAGE_CAP), [[p.field, end < FAKE_API_TOTAL ? `t${end}` : null]]) };
    }
    case 'pointer': {
      const from = Number(q.get('cursor') ?? 0), n = size(p.size);
      const end = Math.min(FAKE_API_TOTAL, from + n);
      // The link repeats the request's query (credentials in the query included), as many APIs' next links do.
      const next = new URLSearchParams(q);
      next.set('cursor', String(end));
      if (p.size) next.set(p.size, String(n));
      const link = `${p.absoluteOrigin ? publicBase : ''}${style.path}?${next.toString()}`;
      return { status: 200, body: body(style, slice(from, n), [[p.field, end < FAKE_API_TOTAL ? link : null]]) };
    }
  }
}

/** Starts the fake of one described API. */
export async function startFakeApi(style: FakeApiStyle): Promise<FakeApi> {
  const requests: FakeApi['requests'] = [];
  const server = createServer((req, res) => {
    const parsed = new URL(req.url ?? '/', 'http://fake');
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers } });
    const publicBase = style.paging.kind === 'pointer' ? style.paging.absoluteOrigin ?? '' : '';
    const result = req.method === 'GET' && parsed.pathname === style.path
      ? answer(style, parsed.searchParams, req, publicBase)
      : { status: 404, body: { message: `No route ${req.method} ${parsed.pathname}` } };
    res.writeHead(result.status, { 'content-type': 'application/json', ...(result.headers ?? {}) }).end(JSON.stringify(result.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/**
 * A `fetch` that sends requests for `https://<anything>.example.test` to `target` (path and query kept) and
 * records the URL asked for, so a spec generated from a description can run unchanged against the fake.
 */
export function rewritingFetch(target: string, asked: string[]): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    asked.push(url.toString());
    const rewritten = /\.example\.test$/.test(url.hostname) ? new URL(`${url.pathname}${url.search}`, target) : url;
    return fetch(rewritten, init);
  };
}

/**
 * Two loopback origins for the "a secret never reaches a second origin" tests (issue 18, item 1): the source's own
 * origin A, and a second origin B (another port, so another origin) that records everything it receives. A leads
 * the client to B in the ways a source can: a POINTER next-page link, or a redirect (301/302/303/307/308). A echoes
 * the query it received into the link or Location, as many APIs do, so a secret sent in the query could ride along.
 * Secret forms are computed here independently of core (raw, URL-encoded, form-encoded, JSON-escaped once and twice,
 * base64 and base64url at the three alignments), so the check does not trust the code under test.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the second origin received. */
export interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** How origin A answers its first request. */
export type Lead = 'pointer' | 301 | 302 | 303 | 307 | 308;

export interface TwoOrigins {
  a: string;
  b: string;
  /** Requests origin B received, in order. */
  atB: Received[];
  /** Requests origin A received. */
  atA: Received[];
  /** Sets how A leads to B (default `pointer`). */
  lead(how: Lead): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += (chunk as Buffer).toString('latin1');
  return body;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => { void readBody(req).then((body) => handler(req, res, body)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function sendJson(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** Starts origins A and B on 127.0.0.1 (different ports). */
export async function startTwoOrigins(): Promise<TwoOrigins> {
  const atA: Received[] = [];
  const atB: Received[] = [];
  let how: Lead = 'pointer';
  const b = await listen((req, res, body) => {
    atB.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    sendJson(res, { items: [{ id: 2, at: 'b' }], paging: { next: null } });
  });
  const a = await listen((req, res, body) => {
    atA.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const query = new URL(req.url ?? '/', 'http://x').search;
    const echo = query ? `${query}&` : '?';
    if (how === 'pointer') {
      sendJson(res, { items: [{ id: 1, at: 'a' }], paging: { next: `${b.url}/next${echo}cursor=2` } });
      return;
    }
    res.writeHead(how, { location: `${b.url}/target${echo}hop=1` });
    res.end();
  });
  return {
    a: a.url,
    b: b.url,
    atA,
    atB,
    lead: (next) => { how = next; },
    close: async () => {
      for (const { server } of [a, b]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

const jsonEscaped = (text: string): string => JSON.stringify(text).slice(1, -1);

/** Every spelling of `secret` a leak could take: raw, URL/form-encoded, JSON-escaped, base64 at each alignment. */
export function secretForms(secret: string): string[] {
  const forms = new Set([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    jsonEscaped(secret),
    jsonEscaped(jsonEscaped(secret)),
  ]);
  const bytes = Buffer.from(secret, 'utf8');
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const from = Math.ceil((8 * shift) / 6);
    const to = Math.floor((8 * encoded.length) / 6);
    forms.add(encoded.toString('base64').slice(from, to));
    forms.add(encoded.toString('base64url').slice(from, to));
  }
  return [...forms];
}

/** The forms of `secret` found anywhere in `text` (empty when none). */
export function leakedForms(text: string, secret: string): string[] {
  let decoded = text;
  try { decoded = decodeURIComponent(text); } catch { /* not URL-encoded */ }
  return secretForms(secret).filter((form) => text.includes(form) || decoded.includes(form));
}

/** Everything a request carried, as one text (URL, header names and values, body). */
export function requestText(request: Received): string {
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : value ?? ''}`);
  return [`${request.method} ${request.url}`, ...headers, '', request.body].join('\n');
}

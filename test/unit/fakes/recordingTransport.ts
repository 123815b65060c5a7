/**
 * A recording fake HTTP transport for the API client tests: every request is recorded (URL, method, headers, body,
 * parsed form) and answered by the first matching route. Also a fake clock whose sleeps return at once and advance
 * time, so backoff and token expiry are tested without waiting.
 */
import type { Transport } from '../../../core/api/types';
import type { Clock } from '../../../core/api/http';

export interface RecordedRequest {
  url: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  form?: URLSearchParams;
}

/** A route handler: return a Response, or throw to simulate a network failure. `n` counts this route's calls from 1. */
export type Handler = (req: RecordedRequest, n: number, signal?: AbortSignal) => Response | Promise<Response>;

interface Route {
  method: string;
  path: RegExp;
  handler: Handler;
  calls: number;
}

/** JSON response helper. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** An error shaped like undici's network failures (`TypeError: fetch failed` with a coded cause). */
export function networkError(code: string): Error {
  const err = new TypeError('fetch failed');
  (err as { cause?: unknown }).cause = Object.assign(new Error(code), { code });
  return err;
}

export class RecordingTransport {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];
  private tokenCounter = 0;

  /** Adds a route; later routes added with the same method+path take precedence. */
  on(method: string, path: RegExp, handler: Handler): this {
    this.routes.unshift({ method, path, handler, calls: 0 });
    return this;
  }

  /** Default IMS: every token request succeeds with `token-N` valid for `expiresIn` seconds. */
  withIms(expiresIn = 86_399): this {
    return this.on('POST', /\/ims\/token\/v3$/, () => json(200, { access_token: `token-${++this.tokenCounter}`, token_type: 'bearer', expires_in: expiresIn }));
  }

  /** Requests whose path matches. */
  matching(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  readonly transport: Transport = async (url, init) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
    const body = typeof init.body === 'string' ? init.body : undefined;
    const parsed = new URL(url);
    const req: RecordedRequest = {
      url,
      path: parsed.pathname,
      method: init.method ?? 'GET',
      headers,
      body,
      form: headers['content-type']?.includes('x-www-form-urlencoded') && body ? new URLSearchParams(body) : undefined,
    };
    this.requests.push(req);
    const route = this.routes.find((r) => r.method === req.method && r.path.test(parsed.pathname + parsed.search));
    if (!route) return json(404, { title: 'no fake route', detail: `${req.method} ${url}` });
    route.calls++;
    const signal = init.signal ?? undefined;
    const answer = route.handler(req, route.calls, signal);
    // Like fetch, a pending answer rejects as soon as the signal aborts.
    if (!signal) return answer;
    return new Promise<Response>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      Promise.resolve(answer).then(resolve, reject);
    });
  };
}

/** A clock whose `sleep` resolves immediately and advances `now`; sleeps are recorded. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public current = 1_700_000_000_000) {}
  now(): number {
    return this.current;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.current += ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Resolves when `signal` aborts: a handler that never answers on its own. */
export function never(signal?: AbortSignal): Promise<Response> {
  return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

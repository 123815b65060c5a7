/**
 * One HTTP exchange with the source: per-request timeout (body read included), the caller's cancel signal, and
 * redirects followed by hand so credential headers never follow a redirect to another origin.
 */
import { assertSourceUrl } from './hostPolicy';
import type { RunRedactor } from './redact';

/** Why an exchange gave no usable answer. */
export class ExchangeError extends Error {
  constructor(message: string, readonly code: 'network' | 'timeout' | 'cancelled' | 'policy') {
    super(message);
    this.name = 'ExchangeError';
  }
}

export interface ExchangeRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Lower-case credential header names, dropped on a redirect to another origin. */
  credentialHeaders: string[];
}

export interface ExchangeResponse {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
  /** The URL finally answered (after redirects). */
  url: URL;
  /** Credential headers were dropped on a cross-origin redirect. */
  credentialsWithheld: boolean;
}

const MAX_REDIRECTS = 5;

function withoutCredentials(headers: Record<string, string>, credentialHeaders: string[]): Record<string, string> {
  const drop = new Set(credentialHeaders);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !drop.has(name.toLowerCase())));
}

/** Sends `request`, following up to five redirects; throws `ExchangeError` when no answer comes. */
export async function exchange(
  request: ExchangeRequest, fetchImpl: typeof fetch, timeoutMs: number, signal: AbortSignal | undefined, redactor: RunRedactor,
): Promise<ExchangeResponse> {
  // One controller per exchange, its timer cleared at the end: AbortSignal.timeout would keep a live timer (and the
  // signals tied to it) for the whole timeout after every page, which adds up over a long run.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  if (signal?.aborted) controller.abort();
  else signal?.addEventListener('abort', onCallerAbort, { once: true });
  const combined = controller.signal;
  let { method, url, headers, body } = request;
  let credentialsWithheld = false;
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetchImpl(url, { method, headers, body, redirect: 'manual', signal: combined });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location && hop < MAX_REDIRECTS) {
        await response.body?.cancel();
        const next = new URL(location, url);
        assertSourceUrl(next, redactor.text(next.toString()));
        if (next.origin !== url.origin && request.credentialHeaders.length) {
          headers = withoutCredentials(headers, request.credentialHeaders);
          credentialsWithheld = true;
        }
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        url = next;
        continue;
      }
      const text = await response.text();
      return { status: response.status, statusText: response.statusText, headers: response.headers, text, url, credentialsWithheld };
    }
  } catch (err) {
    if (err instanceof ExchangeError) throw err;
    if ((err as Error).name === 'PolicyError') throw new ExchangeError((err as Error).message, 'policy');
    if (signal?.aborted) throw new ExchangeError('Cancelled', 'cancelled');
    if (timedOut) throw new ExchangeError(`No answer within ${timeoutMs} ms from ${redactor.text(url.origin)}`, 'timeout');
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new ExchangeError(`Could not reach ${redactor.text(url.origin)}: ${redactor.text(String(detail))}`, 'network');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCallerAbort);
  }
}

/** Waits `ms`, or less when `signal` aborts (then throws a cancel). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ExchangeError('Cancelled', 'cancelled'));
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(new ExchangeError('Cancelled', 'cancelled')); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

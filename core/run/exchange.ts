/**
 * One HTTP exchange with the source, through the one transport (core/transport/send.ts) under the source policy:
 * per-request timeout (body read included), the caller's cancel signal, redirects followed with every secret kept
 * from other origins, the response byte cap. Errors become `ExchangeError`s the runner reports.
 */
import type { Credentials } from '../transport/crossOrigin';
import { TransportError } from '../transport/errors';
import { send, type SendResponse } from '../transport/send';
import type { TransportPolicy } from '../transport/policy';
import type { Redactor } from '../transport/redact';

/** Why an exchange gave no usable answer. */
export class ExchangeError extends Error {
  /** `editorMessage`: the message in the editor's terms where `message` advises with a CLI flag. */
  constructor(message: string, readonly code: 'network' | 'timeout' | 'cancelled' | 'policy' | 'input' | 'response', readonly editorMessage?: string) {
    super(message);
    this.name = 'ExchangeError';
  }
}

export interface ExchangeRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

export type ExchangeResponse = SendResponse;

const TRANSPORT_CODES = { policy: 'policy', redirect: 'policy', 'cross-origin': 'policy', 'too-large': 'response', 'header-value': 'input' } as const;

/** Sends `request`; throws `ExchangeError` when no usable answer comes. */
export async function exchange(
  request: ExchangeRequest, fetchImpl: typeof fetch, timeoutMs: number, signal: AbortSignal | undefined,
  redactor: Redactor, policy: TransportPolicy, credentials: Credentials,
): Promise<ExchangeResponse> {
  // One controller per exchange, its timer cleared at the end: AbortSignal.timeout would keep a live timer (and the
  // signals tied to it) for the whole timeout after every page, which adds up over a long run.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  if (signal?.aborted) controller.abort();
  else signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    return await send(request, { fetch: fetchImpl, signal: controller.signal, policy, credentials, redact: (text) => redactor.text(text) });
  } catch (err) {
    if (err instanceof TransportError && err.kind === 'too-large') {
      const message = redactor.text(err.message);
      throw new ExchangeError(`${message} Or raise the limit (--max-response-mb).`, 'response',
        `${message} Or raise the limit (the sourcesSdk.preview.maxResponseMegabytes setting).`);
    }
    if (err instanceof TransportError) throw new ExchangeError(redactor.text(err.message), TRANSPORT_CODES[err.kind]);
    if (signal?.aborted) throw new ExchangeError('Cancelled', 'cancelled');
    if (timedOut) throw new ExchangeError(`No answer within ${timeoutMs} ms from ${redactor.text(request.url.origin)}`, 'timeout');
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new ExchangeError(`Could not reach ${redactor.text(request.url.origin)}: ${redactor.text(String(detail))}`, 'network');
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

/**
 * One HTTP attempt (timeout, cancellation, exchange logging, network-error classification) and the retry loop
 * (exponential backoff with full jitter, `Retry-After`, bounded by attempts and total time). Shared by the Flow
 * Service client and the IMS token provider.
 */
import { TransportError } from '../transport/errors';
import { isLoopbackHost } from '../transport/host';
import { flowServicePolicy, type TransportPolicy } from '../transport/policy';
import type { RedactText } from '../transport/redact';
import { send } from '../transport/send';
import { FlowServiceError } from './errors';
import type { Logger, Transport } from './types';

/** Time seam: tests pass a fake clock so backoff and token expiry need no real waiting. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`; rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Retry bounds. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxTotalMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 8_000, maxTotalMs: 30_000 };
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Everything an attempt needs from its owner. */
export interface HttpContext {
  transport: Transport;
  clock: Clock;
  retry: RetryPolicy;
  timeoutMs: number;
  random: () => number;
  redact: RedactText;
  logger?: Logger;
  /** The transport policy (core/transport/policy.ts); default `flowServicePolicy()`. */
  policy?: TransportPolicy;
}

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  requestId?: string;
}

/** Node/undici error codes meaning the host could not be reached at all (nothing was sent). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown; cause?: { code?: unknown } } } | undefined;
  const code = e?.code ?? e?.cause?.code ?? e?.cause?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** "250 ms" below a second, else "1.5 s". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function portOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  } catch {
    return '?';
  }
}

function causeMessage(err: unknown): string | undefined {
  const cause = (err as { cause?: unknown } | undefined)?.cause;
  return cause instanceof Error ? cause.message : undefined;
}

/** Advice in each front end's terms: the CLI's commands and environment variables, the editor's commands and settings. */
interface Advice {
  cli: string;
  editor: string;
}

/** The setting that names the host of `url`: the IMS URL for token requests, else the platform URL. */
function settingFor(url: string): Advice {
  return /\/ims\//.test(url)
    ? { cli: 'IMS URL (SOURCES_SDK_IMS_URL)', editor: "environment's IMS URL (imsUrl in the sourcesSdk.environments setting)" }
    : { cli: 'platform URL (SOURCES_SDK_PLATFORM_URL)', editor: "environment's platform URL (platform in the sourcesSdk.environments setting)" };
}

/** What to check when a host cannot be reached: the setting that names it and, on loopback, the emulator. */
function unreachableAdvice(url: string, code: string): Advice {
  const setting = settingFor(url);
  let loopback = false;
  try {
    loopback = isLoopbackHost(new URL(url).hostname);
  } catch {
    // not a URL: keep the generic advice
  }
  if (loopback && code === 'ECONNREFUSED') {
    return {
      cli: `nothing is listening there. Is the emulator running (\`sources-sdk emulator --port ${portOf(url)}\`)? Check the ${setting.cli}`,
      editor: `nothing is listening there. Is the emulator running (Sources SDK: Start Local Emulator)? Check the ${setting.editor}`,
    };
  }
  return { cli: `check the ${setting.cli}, your network or proxy`, editor: `check the ${setting.editor}, your network or proxy` };
}

/**
 * Whether the Flow Service answers this call only after calling the source itself (a connection's `test` or
 * `explore`, a connection spec's `explore`): a timeout there is as likely the source's as the service's.
 */
function reachesTheSource(url: string): boolean {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  return /\/(connections|connectionSpecs)\/[^/]+\/(test|explore)\/?$/.test(path);
}

/** Cancellation error for a request the caller aborted. */
export function cancelledError(method: string, url: string): FlowServiceError {
  return new FlowServiceError(`${method} ${url} was cancelled`, 'cancelled', { method, url, retryable: false });
}

/** Classifies a transport exception into a FlowServiceError (network, timeout or cancelled). */
export function classifyTransportError(err: unknown, req: { method: string; url: string }, timedOut: boolean, cancelled: boolean, timeoutMs: number): FlowServiceError {
  const { method, url } = req;
  if (cancelled) return cancelledError(method, url);
  if (timedOut) {
    const slowSide = reachesTheSource(url)
      ? 'the Flow Service waits for your source on this call, so the source\'s API may be the slow part (check it answers quickly with these parameters), or the service or network'
      : 'the service may be overloaded or the network slow';
    return new FlowServiceError(`No answer from ${hostOf(url)} within ${formatDuration(timeoutMs)} (${method} ${url}); ${slowSide}`, 'timeout', { method, url, retryable: true });
  }
  const code = errorCode(err);
  if (code && UNREACHABLE_CODES.has(code)) {
    const advice = unreachableAdvice(url, code);
    const fact = `Could not reach ${hostOf(url)} (${code})`;
    return new FlowServiceError(`${fact}: ${advice.cli}`, 'network', { method, url, code, retryable: false, editorMessage: `${fact}: ${advice.editor}` });
  }
  if (causeMessage(err) === 'bad port') {
    // fetch refuses some ports outright (6000, 6665-6669, …): retrying cannot help.
    return new FlowServiceError(`fetch refuses to connect to port ${portOf(url)} (a port browsers block): use another port for ${hostOf(url)}`, 'network', {
      method,
      url,
      code: 'bad port',
      retryable: false,
    });
  }
  const detail = code ?? (err instanceof Error ? err.message : String(err));
  return new FlowServiceError(`The connection to ${hostOf(url)} failed before an answer arrived (${detail})`, 'network', {
    method,
    url,
    code,
    retryable: true,
  });
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * A 3xx answer. Redirects are never followed: fetch would re-send the credentials (`client_secret` in the IMS form,
 * `x-api-key`, org id, sandbox and the spec body) to whatever host the `Location` names, past the host policy. The
 * error names the target host and the setting to check, and is not retried.
 */
export function redirectError(req: { method: string; url: string }, status: number, location: string | null): FlowServiceError {
  let target = 'an unnamed location';
  if (location) {
    try {
      target = new URL(location, req.url).host || location;
    } catch {
      target = JSON.stringify(location.slice(0, 100));
    }
  }
  const fact = `${hostOf(req.url)} answered ${status} redirecting ${req.method} to ${target}; redirects are never followed, so no credentials ` +
    'or data were sent there.';
  const check = (setting: string) => `${fact} Check the ${setting}: it should name the service itself, not an address that redirects.`;
  const setting = settingFor(req.url);
  return new FlowServiceError(check(setting.cli), 'config', { status, method: req.method, url: req.url, retryable: false, editorMessage: check(setting.editor) });
}

/** Advice for a header value the transport refused: the setting each Flow Service header comes from. */
const HEADER_SETTINGS: Record<string, string> = {
  'x-gw-ims-org-id': 'org id', 'x-api-key': 'client id', 'x-sandbox-name': 'sandbox', authorization: 'access token IMS issued',
};

/** A transport refusal as the client's error: a redirect, an oversized answer, a header value, a refused host. */
function transportFailure(err: TransportError, method: string, url: string, redact: RedactText): FlowServiceError {
  if (err.kind === 'redirect') {
    const location = err.details.location;
    return redirectError({ method, url }, err.details.status ?? 0, location === undefined || location === null ? null : redact(location));
  }
  if (err.kind === 'too-large') return new FlowServiceError(redact(err.message), 'bad-response', { method, url, retryable: false });
  if (err.kind === 'header-value') {
    const setting = HEADER_SETTINGS[(err.details.header ?? '').toLowerCase()];
    const check = setting ? ` Check the environment's ${setting}.` : '';
    return new FlowServiceError(`${redact(err.message)}.${check}`, 'config', { method, url, retryable: false });
  }
  return new FlowServiceError(redact(err.message), 'config', { method, url, retryable: false });
}

/** Sends one request with the per-call timeout combined with the caller's signal, and logs the exchange. */
export async function sendOnce(ctx: HttpContext, req: OutgoingRequest, attempt: number, signal?: AbortSignal): Promise<RawResponse> {
  const safeUrl = ctx.redact(req.url);
  if (signal?.aborted) throw cancelledError(req.method, safeUrl);
  // A referenced timer (AbortSignal.timeout's is unref'd) so a hung request can never let the process idle out.
  const timeoutController = new AbortController();
  const timer = setTimeout(() => timeoutController.abort(new Error('timeout')), ctx.timeoutMs);
  const timeoutSignal = timeoutController.signal;
  const combined = signal ? AbortSignal.any([signal, timeoutSignal]) : timeoutSignal;
  const started = ctx.clock.now();
  const log = (status: number | 'network-error' | 'aborted' | 'timeout', requestId?: string, note?: string, editorNote?: string) =>
    ctx.logger?.exchange?.({
      method: req.method, url: safeUrl, status, durationMs: ctx.clock.now() - started, requestId, attempt, note, ...(editorNote ? { editorNote } : {}),
    });
  try {
    // The one transport, under the API client's policy: redirects refused (see redirectError), the byte cap.
    const response = await send(
      { method: req.method, url: new URL(req.url), headers: req.headers, body: req.body },
      { fetch: (url, init) => ctx.transport(url, init), signal: combined, policy: ctx.policy ?? flowServicePolicy(), redact: ctx.redact },
    );
    const requestId = response.headers.get('x-request-id') ?? undefined;
    log(response.status, requestId);
    return { status: response.status, headers: response.headers, text: response.text, requestId };
  } catch (err) {
    if (err instanceof TransportError) {
      const error = transportFailure(err, req.method, safeUrl, ctx.redact);
      log(err.details.status ?? 'network-error', undefined, err.kind === 'redirect' ? 'redirect not followed' : ctx.redact(error.message));
      throw error;
    }
    const cancelled = signal?.aborted === true;
    const timedOut = !cancelled && timeoutSignal.aborted;
    const error = classifyTransportError(err, { method: req.method, url: safeUrl }, timedOut, cancelled, ctx.timeoutMs);
    const editorNote = error.details.editorMessage === undefined ? undefined : ctx.redact(error.details.editorMessage);
    log(cancelled ? 'aborted' : timedOut ? 'timeout' : 'network-error', undefined, ctx.redact(error.message), editorNote);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a failed attempt may be repeated; `idempotent` is false for POST. */
export type RetryGate = (error: FlowServiceError) => boolean;

/**
 * Runs `op` until it succeeds, fails for good, or the bounds are used up. Waits `Retry-After` when the server gave
 * one, otherwise a full-jitter exponential delay. Cancellation is never retried.
 */
export async function withRetries<T>(
  ctx: HttpContext,
  describe: string,
  mayRetry: RetryGate,
  op: (attempt: number) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const started = ctx.clock.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt);
    } catch (caught) {
      if (!(caught instanceof FlowServiceError)) throw caught;
      if (caught.kind === 'cancelled' || !caught.details.retryable || !mayRetry(caught)) throw caught;
      const elapsed = ctx.clock.now() - started;
      const backoff = Math.min(ctx.retry.maxDelayMs, ctx.retry.baseDelayMs * 2 ** (attempt - 1));
      const delay = caught.details.retryAfterMs ?? Math.floor(ctx.random() * backoff);
      if (attempt >= ctx.retry.maxAttempts || elapsed + delay > ctx.retry.maxTotalMs) {
        throw givenUp(caught, attempt, elapsed, delay);
      }
      ctx.logger?.warn(ctx.redact(`${describe}: attempt ${attempt} failed (${caught.message}); retrying in ${delay} ms`));
      try {
        await ctx.clock.sleep(delay, signal);
      } catch {
        throw cancelledError(caught.details.method ?? 'request', caught.details.url ?? describe);
      }
    }
  }
}

function givenUp(last: FlowServiceError, attempts: number, elapsedMs: number, nextDelayMs: number): FlowServiceError {
  const seconds = formatDuration;
  const details = { ...last.details, attempts, retryable: false };
  if (last.kind === 'rate-limited') {
    const asked = last.details.retryAfterMs !== undefined ? ` (the server asked to wait ${seconds(nextDelayMs)} more)` : '';
    return new FlowServiceError(
      `Flow Service kept answering 429 Too Many Requests: gave up after ${attempts} attempt(s) over ${seconds(elapsedMs)}${asked}. ` +
        'Wait a minute and try again, or lower the concurrency.',
      'rate-limited',
      details,
    );
  }
  return new FlowServiceError(`${last.message} (gave up after ${attempts} attempt(s) over ${seconds(elapsedMs)})`, last.kind, details);
}

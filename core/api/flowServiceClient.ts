/**
 * The Flow Service API client for connection specs and flow specs: headers, tokens, retries, timeouts, paging,
 * error mapping and redacted exchange logging. Pure (no `vscode`); the extension, the CLI and the tests share it.
 */
import { findSpecsByName } from './nameLookup';
import { assertCredentialHostAllowed, FlowServiceError } from './errors';
import { isRetryableStatus, mapFlowServiceError, tryParseJson } from './errorMapping';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, parseRetryAfter, sendOnce, systemClock, withRetries, type Clock, type HttpContext, type RawResponse, type RetryPolicy } from './http';
import { createImsTokenProvider, type TokenProvider } from './imsToken';
import { flowServicePolicy } from '../transport/policy';
import { createRedactor } from '../transport/redact';
import type { CallOptions, EnvironmentConfig, FlowServiceClient, ListOptions, Logger, RemoteSpec, SpecResource, Transport } from './types';

/** Path of the Flow Service below the platform URL. */
export const FLOW_SERVICE_PATH = '/data/foundation/flowservice';

export interface FlowServiceClientOptions {
  environment: EnvironmentConfig;
  clientSecret: string | (() => Promise<string>);
  transport?: Transport;
  logger?: Logger;
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  random?: () => number;
  /** Replaces the IMS token provider (tests, or a host that obtains tokens elsewhere). */
  tokenProvider?: TokenProvider;
  /** Cap on one answer's bytes after decompression; default 64 MiB (core/transport/policy.ts). */
  maxResponseBytes?: number;
}

/** Extra operations beyond the extension contract; the CLI and core/sync use them. */
export interface FlowServiceClientWithExtras extends FlowServiceClient {
  /** Specs whose `name` equals `name` exactly (server filter `name==…`, then an exact client-side check). */
  findByName(resource: SpecResource, name: string, options?: CallOptions): Promise<RemoteSpec[]>;
  /** Hides configured secrets and tokens in a text (for callers that print errors). */
  redact(text: string): string;
  /**
   * Any other platform call (connections, flows, runs, mapping sets) by path below the platform URL, e.g.
   * `/data/foundation/flowservice/flows`, with the same headers, retries and error mapping; answers the parsed
   * JSON body (`undefined` for an empty one). POSTs are retried only after a 429, as for specs.
   */
  call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, options?: CallOptions): Promise<unknown>;
}

/** The Flow Service base URL of an environment. */
export function flowServiceBaseUrl(environment: EnvironmentConfig): string {
  return `${environment.platformUrl.replace(/\/+$/, '')}${FLOW_SERVICE_PATH}`;
}

/** Creates a client. Nothing is sent until the first call; refused hosts fail that call before any request. */
export function createFlowServiceClient(options: FlowServiceClientOptions): FlowServiceClientWithExtras {
  const environment = options.environment;
  const secrets = new Set<string>();
  if (typeof options.clientSecret === 'string' && options.clientSecret) secrets.add(options.clientSecret);
  const redact = createRedactor(() => secrets);
  const http: HttpContext = {
    transport: options.transport ?? ((url, init) => fetch(url, init)),
    clock: options.clock ?? systemClock,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    random: options.random ?? Math.random,
    redact,
    logger: options.logger,
    policy: flowServicePolicy(options.maxResponseBytes),
  };
  const tokens =
    options.tokenProvider ??
    createImsTokenProvider({ environment, clientSecret: options.clientSecret, http, onSecret: (value) => secrets.add(value) });
  const base = flowServiceBaseUrl(environment);

  function headersFor(token: string, hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      'x-api-key': environment.clientId,
      'x-gw-ims-org-id': environment.orgId,
      'x-sandbox-name': environment.sandbox || 'prod',
      Accept: 'application/json',
    };
    if (hasBody) headers['Content-Type'] = 'application/json';
    return headers;
  }

  /** One logical call: token, send, one token refresh on 401, retries per method, mapped errors. */
  async function request(method: string, url: string, body: unknown, signal?: AbortSignal): Promise<RawResponse> {
    assertCredentialHostAllowed(url, 'platform URL');
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let refreshedAfter401 = false;
    // POST may only be repeated when the server certainly did not act on it (429 = rejected before processing).
    const mayRetry = method === 'POST' ? (err: FlowServiceError) => err.details.status === 429 : () => true;
    return withRetries(
      http,
      `${method} ${redact(url)}`,
      mayRetry,
      async (attempt) => {
        let token = await tokens.getToken(signal);
        let answer = await sendOnce(http, { method, url, headers: headersFor(token, payload !== undefined), body: payload }, attempt, signal);
        if (answer.status === 401 && !refreshedAfter401) {
          refreshedAfter401 = true;
          tokens.invalidate(token);
          token = await tokens.getToken(signal);
          answer = await sendOnce(http, { method, url, headers: headersFor(token, payload !== undefined), body: payload }, attempt, signal);
        }
        if (answer.status >= 200 && answer.status < 300) return answer;
        const error = mapFlowServiceError({
          status: answer.status,
          bodyText: redact(answer.text),
          method,
          url: redact(url),
          requestId: answer.requestId,
        });
        if (isRetryableStatus(answer.status)) {
          error.details.retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), http.clock.now());
        }
        throw error;
      },
      signal,
    );
  }

  function parseBody(answer: RawResponse, method: string, url: string): Record<string, unknown> {
    const parsed = tryParseJson(answer.text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new FlowServiceError(
        `Flow Service answered ${answer.status} to ${method} ${redact(url)} with a body that is not a JSON object: ` +
          `${JSON.stringify(redact(answer.text).slice(0, 200))}` +
          (answer.requestId ? ` (request id ${answer.requestId})` : ''),
        'bad-response',
        { status: answer.status, method, url: redact(url), requestId: answer.requestId },
      );
    }
    return parsed as Record<string, unknown>;
  }

  /** Lookups answer `{items:[spec]}`; creates and updates answer the spec itself. Accept both. */
  function singleSpec(body: Record<string, unknown>, method: string, url: string): RemoteSpec {
    const spec = Array.isArray(body.items) ? body.items[0] : body;
    if (!spec || typeof spec !== 'object' || typeof (spec as RemoteSpec).id !== 'string') {
      throw new FlowServiceError(`Flow Service answered ${method} ${redact(url)} without a spec`, 'not-found', { method, url: redact(url) });
    }
    return spec as RemoteSpec;
  }

  /** Resolves a `_links.next.href` against the service, refusing to follow it to another origin. */
  function nextPageUrl(body: Record<string, unknown>, currentUrl: string): string | undefined {
    const links = body._links as { next?: { href?: unknown } } | undefined;
    const href = typeof links?.next?.href === 'string' ? links.next.href : undefined;
    if (href) {
      const origin = new URL(base).origin;
      const resolved = /^https?:/i.test(href) ? new URL(href) : new URL(href.startsWith(FLOW_SERVICE_PATH) ? href : `${FLOW_SERVICE_PATH}${href.startsWith('/') ? '' : '/'}${href}`, origin);
      if (resolved.origin !== origin) {
        throw new FlowServiceError(`Refusing to follow a next-page link to another host (${resolved.origin})`, 'bad-response');
      }
      return resolved.toString();
    }
    const token = typeof body.continuationToken === 'string' ? body.continuationToken : undefined;
    if (!token) return undefined;
    const next = new URL(currentUrl);
    next.searchParams.set('continuationToken', token);
    return next.toString();
  }

  async function list(resource: SpecResource, opts: ListOptions = {}): Promise<RemoteSpec[]> {
    const first = new URL(`${base}/${resource}`);
    for (const filter of opts.property ?? []) first.searchParams.append('property', filter);
    if (opts.limit !== undefined) first.searchParams.set('limit', String(opts.limit));
    const items: RemoteSpec[] = [];
    const seen = new Set<string>();
    let url: string | undefined = first.toString();
    while (url) {
      if (seen.has(url)) throw new FlowServiceError(`Flow Service returned the same next-page link twice (${redact(url)})`, 'bad-response');
      seen.add(url);
      const body = parseBody(await request('GET', url, undefined, opts.signal), 'GET', url);
      for (const item of Array.isArray(body.items) ? body.items : []) {
        items.push(item as RemoteSpec);
        if (opts.maxItems !== undefined && items.length >= opts.maxItems) return items;
      }
      url = nextPageUrl(body, url);
    }
    return items;
  }

  /** Exact-name lookup (nameLookup.ts): also used to recover from an ambiguous POST, so it must never miss or confuse a name. */
  function findByName(resource: SpecResource, name: string, opts: CallOptions = {}): Promise<RemoteSpec[]> {
    return findSpecsByName({ list }, resource, name, opts.signal);
  }

  async function get(resource: SpecResource, id: string, opts: CallOptions = {}): Promise<RemoteSpec> {
    const url = `${base}/${resource}/${encodeURIComponent(id)}`;
    return singleSpec(parseBody(await request('GET', url, undefined, opts.signal), 'GET', url), 'GET', url);
  }

  async function update(resource: SpecResource, id: string, body: Record<string, unknown>, opts: CallOptions = {}): Promise<RemoteSpec> {
    const url = `${base}/${resource}/${encodeURIComponent(id)}`;
    return singleSpec(parseBody(await request('PUT', url, body, opts.signal), 'PUT', url), 'PUT', url);
  }

  async function create(resource: SpecResource, body: Record<string, unknown>, opts: CallOptions = {}): Promise<RemoteSpec> {
    const url = `${base}/${resource}`;
    try {
      return singleSpec(parseBody(await request('POST', url, body, opts.signal), 'POST', url), 'POST', url);
    } catch (err) {
      if (!(err instanceof FlowServiceError) || !isAmbiguousCreateFailure(err) || typeof body.name !== 'string') throw err;
      // The server may have created the spec before the answer was lost: look before anyone repeats the POST.
      options.logger?.warn(redact(`POST ${url} failed ambiguously (${err.message}); looking the spec up by name before giving up`));
      let matches: RemoteSpec[];
      try {
        matches = await findByName(resource, body.name, opts);
      } catch {
        throw err;
      }
      const newest = matches.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0))[0];
      if (newest) return newest;
      throw new FlowServiceError(
        `${err.message}. No spec named "${body.name}" exists afterwards, so it was not created; it is safe to try again.`,
        err.kind,
        { ...err.details, retryable: true },
      );
    }
  }

  async function call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, opts: CallOptions = {}): Promise<unknown> {
    const url = `${environment.platformUrl.replace(/\/+$/, '')}${path.startsWith('/') ? '' : '/'}${path}`;
    const answer = await request(method, url, body, opts.signal);
    return answer.text.trim() === '' ? undefined : parseBody(answer, method, url);
  }

  return { environment, list, get, create, update, findByName, redact, call };
}

/** Failures after which a POST may or may not have taken effect. */
function isAmbiguousCreateFailure(err: FlowServiceError): boolean {
  if (err.kind === 'timeout') return true;
  if (err.kind === 'network') return err.details.retryable === true; // resets; refused connections never arrived
  const status = err.details.status ?? 0;
  if (err.kind === 'bad-response') return status >= 200 && status < 300;
  return status >= 500;
}

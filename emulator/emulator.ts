/**
 * The local Flow Service + IMS emulator: one loopback HTTP server that serves IMS at `/ims/token/v3` and the
 * Flow Service spec endpoints under `/data/foundation/flowservice`, so a client configured with
 * `platformUrl = imsUrl = url` works unchanged. Adds admin routes under `/__emulator` (faults, health).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { FaultInjector } from './faults';
import { handleFaultRoute, newAdminToken, type FaultRouteAccess } from './faultRoute';
import { BodyTooLargeError, flowError, gatewayError, json, sendReply, type Reply, type RequestContext } from './http';
import { DEFAULT_TOKEN_TTL_SECONDS, IMS_TOKEN_PATH, TokenAuthority } from './ims';
import { runSpec } from '../core/run';
import { FlowResources } from './resources';
import { FLOW_SERVICE_ROOT, SpecRoutes } from './specRoutes';
import { SpecStore } from './store';
import type { EmulatorOptions, FaultSpec } from './types';

export type { EmulatorClock, EmulatorOptions, FaultSpec, FaultMatch, Scope, SpecResourceName, StoredSpec } from './types';
export { FLOW_SERVICE_ROOT } from './specRoutes';
export { IMS_TOKEN_PATH } from './ims';

export const ADMIN_ROOT = '/__emulator';

/** Error messages never show absolute paths (the data folder, the install): `'/abs/dir/file'` becomes `'…/file'`. */
export function hidePaths(message: string): string {
  return message.replace(/(['"]?)(?:[A-Za-z]:)?[\\/][^\s'",]*[\\/]([^\s'",\\/]+)\1/g, '$1…/$2$1');
}

/** What tests (and the bench) may reach into: the spec store and the token authority. */
export interface EmulatorInternals {
  specs: SpecStore;
  /** Connections, flows, runs (and `resources.idle()` to await runs in progress). */
  resources: FlowResources;
  tokens: TokenAuthority;
  /** The faults still active, with their remaining `times`. */
  faults(): FaultSpec[];
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` (the host it listens on). */
  url: string;
  port: number;
  /** Stops accepting, waits for pending writes to be durable, closes every connection. */
  close(): Promise<void>;
  setFaults(faults: FaultSpec[]): void;
  /** The token `/__emulator/faults` requires (header `x-emulator-admin-token`); that route is off unless `faultRoute`. */
  adminToken: string;
  store: EmulatorInternals;
}

function statusFaultReply(fault: Extract<FaultSpec, { kind: 'status' }>, requestId: string): Reply {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  let reply: Reply;
  switch (fault.status) {
    case 429:
      reply = gatewayError(429, '429050', 'Too many requests (injected by the emulator).');
      break;
    case 502:
      reply = gatewayError(502, '502000', 'Bad gateway (injected by the emulator).');
      break;
    case 500:
      reply = flowError('1102', 500, 'Internal error (injected by the emulator).', requestId);
      break;
    case 503:
      reply = flowError('1103', 503, 'Service unavailable (injected by the emulator).', requestId);
      break;
    case 504:
      reply = flowError('1104', 504, 'Gateway timeout (injected by the emulator).', requestId);
      break;
  }
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

async function handleAdmin(ctx: RequestContext, faults: FaultInjector, store: SpecStore, access: FaultRouteAccess): Promise<Reply> {
  const sub = ctx.path.slice(ADMIN_ROOT.length);
  if (sub === '/health' && ctx.method === 'GET') {
    return json(200, { status: 'ok', faults: faults.list().length, scopes: store.openScopes().length });
  }
  if (sub === '/faults') return handleFaultRoute(ctx, faults, access);
  return json(404, { error: `no admin route ${ctx.method} ${ctx.path}` });
}

/** Starts the emulator. Resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const fixed =
    options.clientId !== undefined && options.clientSecret !== undefined
      ? { clientId: options.clientId, clientSecret: options.clientSecret }
      : undefined;
  const tokens = new TokenAuthority(fixed, options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const store = new SpecStore({
    dataDir: options.dataDir,
    seed: options.seed,
    seedConnectionSpecs: options.seedConnectionSpecs,
    seedFlowSpecs: options.seedFlowSpecs,
    log,
  });
  const faults = new FaultInjector(options.faults ?? []);
  const faultAccess: FaultRouteAccess = { enabled: options.faultRoute === true, token: options.adminToken ?? newAdminToken() };
  const specRoutes = new SpecRoutes(store, tokens);
  // Explore and runs read the source through the engine; the response cap (--max-response-mb) applies to both.
  const execute: typeof runSpec = (request) => runSpec(options.maxResponseBytes === undefined ? request
    : { ...request, limits: { ...request.limits, maxResponseBytes: options.maxResponseBytes } });
  const resources = new FlowResources({ dataDir: options.dataDir, specs: store, tokens, execute, clock: options.clock, log });

  async function route(ctx: RequestContext): Promise<Reply | 'dropped'> {
    if (ctx.path === ADMIN_ROOT || ctx.path.startsWith(`${ADMIN_ROOT}/`)) return handleAdmin(ctx, faults, store, faultAccess);
    const decision = faults.decide(ctx.method, ctx.path);
    if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    const fault = decision.terminal;
    if (fault?.kind === 'drop') {
      ctx.req.socket.destroy();
      return 'dropped';
    }
    if (fault?.kind === 'malformed') return { status: 200, rawBody: '<html><body>upstream said something that is not JSON' };
    if (fault?.kind === 'status') return statusFaultReply(fault, ctx.requestId);
    if (fault?.kind === 'refuse') return flowError(fault.code ?? '1100', fault.status ?? 400, fault.message, ctx.requestId);

    if (ctx.path === IMS_TOKEN_PATH) return tokens.handleTokenRequest(ctx);
    const resourceReply = await resources.handle(ctx);
    if (resourceReply) return resourceReply;
    if (ctx.path.startsWith(`${FLOW_SERVICE_ROOT}/`)) {
      const reply = await specRoutes.handle(ctx, ctx.path.slice(FLOW_SERVICE_ROOT.length));
      if (reply) return reply;
      return gatewayError(404, '404000', `The emulator does not implement ${ctx.method} ${ctx.path} (see docs/emulator.md for the routes it serves).`);
    }
    return gatewayError(404, '404000', `No route ${ctx.method} ${ctx.path}.`);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://emulator.invalid');
    } catch {
      // A target such as `//[` is no URL; answering beats an unhandled rejection that stops the emulator.
      url = new URL('http://emulator.invalid/');
      const ctx: RequestContext = { req, res, method: (req.method ?? 'GET').toUpperCase(), url, path: '/', requestId: randomUUID() };
      sendReply(ctx, gatewayError(400, '400000', 'The request target is not a valid URL path.'));
      log(`${ctx.method} (invalid request target) 400 ${ctx.requestId}`);
      return;
    }
    const ctx: RequestContext = {
      req,
      res,
      method: (req.method ?? 'GET').toUpperCase(),
      url,
      path: url.pathname.replace(/\/+$/, '') || '/',
      requestId: randomUUID(),
    };
    let status: number | string;
    try {
      const reply = await route(ctx);
      if (reply === 'dropped') {
        status = 'dropped';
      } else {
        sendReply(ctx, reply);
        status = reply.status;
      }
    } catch (err) {
      const tooLarge = err instanceof BodyTooLargeError;
      // A malformed % escape in the path (decodeURIComponent) is the client's mistake, not an internal error.
      const reply = tooLarge
        ? flowError('1100', 413, 'The request body is too large.', ctx.requestId)
        : err instanceof URIError
          ? flowError('1100', 400, 'The request path has a malformed % escape.', ctx.requestId)
          : flowError('1102', 500, `Internal emulator error: ${hidePaths(err instanceof Error ? err.message : String(err))}`, ctx.requestId);
      if (!res.headersSent && !res.destroyed) sendReply(ctx, reply);
      status = reply.status;
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Path only: query strings may carry IMS client secrets; headers (tokens) are never logged.
    log(`${ctx.method} ${ctx.path} ${status} ${ms.toFixed(1)}ms ${ctx.requestId}`);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      // Last resort (e.g. writing to a socket that broke): never let one request take the emulator down.
      log(`request failed: ${err instanceof Error ? err.message : String(err)}`);
      res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  await resources.resumePersisted();
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    setFaults: (list) => faults.set(list),
    adminToken: faultAccess.token,
    store: { specs: store, resources, tokens, faults: () => faults.list() },
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await resources.stop();
        await store.idle();
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}

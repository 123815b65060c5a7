/**
 * `/__emulator/faults`: a test tool, locked down. It is off unless the emulator was started with `--faults` (or
 * `faultRoute: true`), every call must carry the per-run admin token, and POST takes JSON only, so a web page the
 * user happens to visit cannot reach it with a "simple" (preflight-free) cross-origin request.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { validateFault, type FaultInjector } from './faults';
import { json, readBody, type Reply, type RequestContext } from './http';

export const ADMIN_TOKEN_HEADER = 'x-emulator-admin-token';

export interface FaultRouteAccess {
  enabled: boolean;
  token: string;
}

/** A fresh admin token (printed by the CLI at start). */
export function newAdminToken(): string {
  return randomBytes(18).toString('base64url');
}

function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function isJson(ctx: RequestContext): boolean {
  const type = ctx.req.headers['content-type'];
  return typeof type === 'string' && type.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** GET lists, POST replaces, DELETE clears the active faults; see the module comment for who may. */
export async function handleFaultRoute(ctx: RequestContext, faults: FaultInjector, access: FaultRouteAccess): Promise<Reply> {
  if (!access.enabled) {
    return json(404, { error: 'The fault route is off: start the emulator with --faults to use it (see docs/emulator.md).' });
  }
  const given = ctx.req.headers[ADMIN_TOKEN_HEADER];
  if (typeof given !== 'string' || !sameToken(given, access.token)) {
    return json(401, { error: `Send the admin token the emulator printed at start in the ${ADMIN_TOKEN_HEADER} header.` });
  }
  if (ctx.method === 'GET') return json(200, { faults: faults.list() });
  if (ctx.method === 'DELETE') {
    faults.set([]);
    return { status: 204 };
  }
  if (ctx.method !== 'POST') return json(405, { error: `Method ${ctx.method} is not allowed here (GET, POST, DELETE).` }, { allow: 'GET, POST, DELETE' });
  if (!isJson(ctx)) return json(415, { error: 'POST faults as Content-Type: application/json.' });
  try {
    const body = JSON.parse(await readBody(ctx.req)) as { faults?: unknown };
    if (!Array.isArray(body?.faults)) throw new Error('expected {"faults": [...]}');
    faults.set(body.faults.map(validateFault));
    return json(200, { faults: faults.list() });
  } catch (err) {
    return json(400, { error: err instanceof Error ? err.message : String(err) });
  }
}

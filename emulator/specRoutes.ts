/**
 * The Flow Service spec endpoints: `GET/POST /connectionSpecs`, `GET/PUT /connectionSpecs/{id}` and the same
 * for `/flowSpecs`, behind the gateway checks (token, api key, org, sandbox, content type) in the platform's order.
 */
import { kindInfoOfResource, SPEC_KIND_LIST } from '../core/spec/kinds';
import { contentTypeError, flowError, gatewayError, json, readBody, type Reply, type RequestContext } from './http';
import type { TokenAuthority } from './ims';
import { isFilterError, matchesFilter, parsePropertyFilter, type FilterableResource, type PropertyFilter } from './filters';
import type { SpecStore } from './store';
import type { Scope, SpecResourceName } from './types';
import { validateSpecBody } from './validation';
import { bodyLimitProblem, scopeHeaderProblem } from './limits';

export const FLOW_SERVICE_ROOT = '/data/foundation/flowservice';

export interface Caller {
  clientId: string;
  scope: Scope;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; reply: Reply };
export const fail = (reply: Reply): { ok: false; reply: Reply } => ({ ok: false, reply });

export function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

/** Gateway checks, in the order the platform applies them. Returns the caller or the error reply. */
export function authenticate(ctx: RequestContext, tokens: TokenAuthority): Outcome<Caller> {
  const authorization = header(ctx, 'authorization');
  if (!authorization) return fail(gatewayError(403, '403010', 'Oauth token is missing.'));
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
  const token = bearer ? tokens.check(bearer[1]!) : { ok: false as const };
  if (!token.ok) return fail(gatewayError(401, '401013', 'Oauth token is not valid'));
  const apiKey = header(ctx, 'x-api-key');
  if (!apiKey) return fail(gatewayError(403, '403000', 'Api Key is required'));
  if (apiKey !== token.clientId) return fail(gatewayError(403, '403003', 'Api Key is invalid'));
  const orgId = header(ctx, 'x-gw-ims-org-id');
  if (!orgId) return fail(gatewayError(400, '400003', 'Missing header'));
  const sandboxName = header(ctx, 'x-sandbox-name');
  if (!sandboxName) {
    return fail(flowError('2105', 400, 'The header x-sandbox-name is missing in the request.', ctx.requestId));
  }
  const tooLong = scopeHeaderProblem('x-gw-ims-org-id', orgId) ?? scopeHeaderProblem('x-sandbox-name', sandboxName);
  if (tooLong) return fail(flowError('1100', 400, tooLong, ctx.requestId));
  return { ok: true, value: { clientId: token.clientId, scope: { orgId, sandboxName } } };
}

export function isJsonContentType(ctx: RequestContext): boolean {
  const type = header(ctx, 'content-type');
  return type !== undefined && type.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** Reads and parses a JSON object body, or returns the FLOW error for an empty / invalid / non-object body. */
export async function readJsonObject(ctx: RequestContext): Promise<Outcome<Record<string, unknown>>> {
  const text = await readBody(ctx.req);
  if (text.trim() === '') return fail(flowError('1405', 400, 'The request body is empty.', ctx.requestId));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return fail(flowError('1100', 400, `The request body is not valid JSON: ${reason}`, ctx.requestId));
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return fail(flowError('1100', 400, 'The request body must be a JSON object.', ctx.requestId));
  }
  const tooDeep = bodyLimitProblem(parsed);
  if (tooDeep) return fail(flowError('1100', 400, tooDeep, ctx.requestId));
  return { ok: true, value: parsed as Record<string, unknown> };
}

/** Opaque continuation token: the offset of the next item, wrapped so clients do not build it themselves. */
function encodeContinuation(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset }), 'utf8').toString('base64url');
}

function decodeContinuation(token: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    return typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 ? parsed.o : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A list answer with the platform's query parameters applied to `all`: `property` filters, `limit` with an opaque
 * `continuationToken` and `_links.next.href` (`linkPath` + query, relative to the service root), `count=true`.
 */
export function listReply(
  ctx: RequestContext,
  resource: FilterableResource,
  all: ReadonlyArray<Record<string, unknown>>,
  linkPath: string,
): Reply {
  const params = ctx.url.searchParams;
  const filters: PropertyFilter[] = [];
  for (const raw of params.getAll('property')) {
    const parsed = parsePropertyFilter(resource, raw);
    if (isFilterError(parsed)) return flowError(parsed.code, 400, parsed.message, ctx.requestId);
    filters.push(parsed);
  }
  const limitText = params.get('limit');
  const limit = limitText === null ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    return flowError('1451', 400, `Invalid query parameter limit='${limitText}': use a positive integer.`, ctx.requestId);
  }
  const countOnly = params.get('count') === 'true';
  if (countOnly && limit !== undefined) {
    return flowError('1401', 400, 'The query parameters limit and count cannot be used together.', ctx.requestId);
  }
  const tokenText = params.get('continuationToken');
  const offset = tokenText === null ? 0 : decodeContinuation(tokenText);
  if (offset === undefined) {
    return flowError('1451', 400, 'Invalid query parameter continuationToken.', ctx.requestId);
  }

  const selected = filters.length
    ? all.filter((spec) => filters.every((f) => matchesFilter(spec, f)))
    : all;
  if (countOnly) return json(200, { count: selected.length });
  const end = limit === undefined ? selected.length : Math.min(selected.length, offset + limit);
  const body: Record<string, unknown> = { items: selected.slice(offset, end) };
  if (end < selected.length) {
    // Same shape as the platform's other list endpoints: a path relative to the Flow Service root.
    const next = new URLSearchParams();
    for (const raw of params.getAll('property')) next.append('property', raw);
    if (limit !== undefined) next.set('limit', String(limit));
    next.set('continuationToken', encodeContinuation(end));
    body._links = { next: { href: `${linkPath}?${next.toString()}` } };
  }
  return json(200, body);
}

export class SpecRoutes {
  constructor(
    private readonly store: SpecStore,
    private readonly tokens: TokenAuthority,
  ) {}

  /** Handles a path under the Flow Service root; `undefined` when the path is not a spec route. */
  async handle(ctx: RequestContext, subPath: string): Promise<Reply | undefined> {
    const route = SPEC_KIND_LIST.find((k) => subPath === k.emulatorRoute || subPath.startsWith(`${k.emulatorRoute}/`));
    if (!route) return undefined;
    const rest = subPath.slice(route.emulatorRoute.length);
    if (rest !== '' && !/^\/[^/]+$/.test(rest)) return undefined;
    const resource: SpecResourceName = route.resource;
    const id = rest === '' ? undefined : decodeURIComponent(rest.slice(1));
    const allowed = id === undefined ? ['GET', 'POST'] : ['GET', 'PUT'];
    if (!allowed.includes(ctx.method)) {
      return json(405, { error_code: '405000', message: `Method ${ctx.method} is not allowed on ${resource}${id ? '/{id}' : ''}.` }, { allow: allowed.join(', ') });
    }
    const auth = authenticate(ctx, this.tokens);
    if (!auth.ok) return auth.reply;
    const caller = auth.value;
    if ((ctx.method === 'POST' || ctx.method === 'PUT') && !isJsonContentType(ctx)) return contentTypeError();

    if (ctx.method === 'GET' && id === undefined) return this.withLoadWarning(caller, resource, await this.list(ctx, caller, resource));
    if (ctx.method === 'GET') return this.get(ctx, caller, resource, id!);
    const body = await readJsonObject(ctx);
    if (!body.ok) return body.reply;
    if (ctx.method === 'POST') return this.create(ctx, caller, resource, body.value);
    return this.update(ctx, caller, resource, id!, body.value);
  }

  /** A list of a sandbox whose files were partly quarantined on load says so in a `Warning` header. */
  private async withLoadWarning(caller: Caller, resource: SpecResourceName, reply: Reply): Promise<Reply> {
    const warning = reply.status === 200 ? await this.store.loadWarning(caller.scope, resource) : undefined;
    return warning ? { ...reply, headers: { ...reply.headers, warning } } : reply;
  }

  private notFound(ctx: RequestContext, resource: SpecResourceName, id: string): Reply {
    const kind = kindInfoOfResource(resource).label;
    return flowError('1101', 404, `Resource not found: no ${kind} with id '${id}' in this sandbox.`, ctx.requestId, {
      resourceId: id,
      resourceType: resource,
    });
  }

  private async get(ctx: RequestContext, caller: Caller, resource: SpecResourceName, id: string): Promise<Reply> {
    const spec = await this.store.get(caller.scope, resource, id);
    return spec ? json(200, { items: [spec] }) : this.notFound(ctx, resource, id);
  }

  private async list(ctx: RequestContext, caller: Caller, resource: SpecResourceName): Promise<Reply> {
    return listReply(ctx, resource, await this.store.list(caller.scope, resource), `/${resource}`);
  }

  private async create(
    ctx: RequestContext,
    caller: Caller,
    resource: SpecResourceName,
    body: Record<string, unknown>,
  ): Promise<Reply> {
    const problem = validateSpecBody(resource, body);
    if (problem) return flowError(problem.code, 400, problem.message, ctx.requestId, { resourceType: resource });
    const spec = await this.store.create(caller.scope, resource, body, caller.clientId);
    const host = ctx.req.headers.host ?? 'localhost';
    return json(201, spec, { location: `http://${host}${FLOW_SERVICE_ROOT}/${resource}/${spec.id}` });
  }

  private async update(
    ctx: RequestContext,
    caller: Caller,
    resource: SpecResourceName,
    id: string,
    body: Record<string, unknown>,
  ): Promise<Reply> {
    if (body.id !== undefined && body.id !== id) {
      return flowError(
        '1100',
        400,
        `The id in the body ('${String(body.id)}') does not match the id in the URL ('${id}').`,
        ctx.requestId,
        { resourceId: id, resourceType: resource },
      );
    }
    const problem = validateSpecBody(resource, body);
    if (problem) {
      return flowError(problem.code, 400, problem.message, ctx.requestId, { resourceId: id, resourceType: resource });
    }
    const spec = await this.store.replace(caller.scope, resource, id, body, caller.clientId);
    return spec ? json(200, spec) : this.notFound(ctx, resource, id);
  }
}

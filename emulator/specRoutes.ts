/**
 * The Flow Service spec endpoints: `GET/POST /connectionSpecs`, `GET/PUT /connectionSpecs/{id}` and the same
 * for `/flowSpecs`, behind the gateway checks (token, api key, org, sandbox, content type) in the platform's order.
 */
import { kindInfoOfResource, SPEC_KIND_LIST } from '../core/spec/kinds';
import { FLOW_SERVICE_PATH, flowResourcePath } from '../core/api/flowResources';
import { baseUrl, contentTypeError, flowError, gatewayError, json, readBody, type Reply, type RequestContext } from './http';
import type { TokenAuthority } from './ims';
import { listReply } from './listing';
import { platformConnectionSpec, platformConnectionSpecs, readOnlyMessage } from './platformSpecs';
import type { SpecStore } from './store';
import type { Scope, SpecResourceName } from './types';
import { validateSpecBody } from './validation';
import { bodyLimitProblem, scopeHeaderProblem } from './limits';

/** The Flow Service root below the emulator's URL (the same path as the platform's). */
export const FLOW_SERVICE_ROOT = FLOW_SERVICE_PATH;

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

/**
 * Reads and parses a JSON body, or returns the FLOW error for an empty (1405, with `emptyAdvice` when the caller
 * has an example to give) or invalid (1100) one. The one body reader of the emulator's JSON routes.
 */
export async function readJsonBody(ctx: RequestContext, emptyAdvice = ''): Promise<Outcome<unknown>> {
  const text = await readBody(ctx.req);
  if (text.trim() === '') return fail(flowError('1405', 400, `The request body is empty${emptyAdvice ? `: ${emptyAdvice}` : '.'}`, ctx.requestId));
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return fail(flowError('1100', 400, `The request body is not valid JSON: ${reason}`, ctx.requestId));
  }
}

/** Reads and parses a JSON object body, or returns the FLOW error for an empty / invalid / non-object body. */
export async function readJsonObject(ctx: RequestContext): Promise<Outcome<Record<string, unknown>>> {
  const body = await readJsonBody(ctx);
  if (!body.ok) return body;
  const parsed = body.value;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return fail(flowError('1100', 400, 'The request body must be a JSON object.', ctx.requestId));
  }
  const tooDeep = bodyLimitProblem(parsed);
  if (tooDeep) return fail(flowError('1100', 400, tooDeep, ctx.requestId));
  return { ok: true, value: parsed as Record<string, unknown> };
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
    // `POST /flowSpecs/search` is not imitated: left to the 404 naming it.
    if (id === 'search' && ctx.method === 'POST') return undefined;
    const platform = id !== undefined && resource === 'connectionSpecs' ? platformConnectionSpec(id) : undefined;
    if (platform && ctx.method !== 'GET') {
      return json(405, { error_code: '405000', message: readOnlyMessage(platform, ctx.method) }, { allow: 'GET' });
    }
    const allowed = id === undefined ? ['GET', 'POST'] : ['GET', 'PUT'];
    if (!allowed.includes(ctx.method)) {
      const why = id === undefined
        ? `list with GET, create with POST`
        : `specs have no ${ctx.method} on the platform: change one with a full PUT of its body`;
      return json(405, { error_code: '405000', message: `Method ${ctx.method} is not allowed on ${resource}${id ? '/{id}' : ''}: ${why}.` }, { allow: allowed.join(', ') });
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
    const spec = (resource === 'connectionSpecs' ? platformConnectionSpec(id) : undefined) ?? (await this.store.get(caller.scope, resource, id));
    return spec ? json(200, { items: [spec] }) : this.notFound(ctx, resource, id);
  }

  private async list(ctx: RequestContext, caller: Caller, resource: SpecResourceName): Promise<Reply> {
    const stored = await this.store.list(caller.scope, resource);
    // The platform's own connection specs are in every sandbox's list, as on the platform.
    return listReply(ctx, resource, resource === 'connectionSpecs' ? [...platformConnectionSpecs(), ...stored] : stored);
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
    return json(201, spec, { location: `${baseUrl(ctx)}${flowResourcePath(resource, spec.id)}` });
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

/**
 * The streaming inlet: `POST /collection/{inletId}` on the emulator stands in for the platform's streaming
 * endpoint (`options.inletUrl` of a streaming flow). It takes one JSON event or an array of them, counts them in
 * the flow's runs and keeps them like batch records. Events nested deeper than 100 levels or larger than 1 MB are
 * refused (400) before anything is stored. The inlet id encodes the sandbox and the flow, so it keeps
 * working after a restart; like a webhook target it needs no token.
 */
import { randomUUID } from 'node:crypto';
import { contentTypeError, flowError, json, readBody, type Reply, type RequestContext } from '../http';
import { isJsonContentType } from '../specRoutes';
import type { Scope } from '../types';
import { eventLimitProblem } from '../limits';
import { badRequest, isObject } from './descriptor';
import type { FlowResourceStore } from './resourceStore';
import type { RunService } from './runs';

export const INLET_ROOT = '/collection';

/** The inlet URL of a streaming flow on the emulator reachable at `baseUrl`. */
export function inletUrl(baseUrl: string, scope: Scope, flowId: string): string {
  const id = Buffer.from(JSON.stringify([scope.orgId, scope.sandboxName, flowId]), 'utf8').toString('base64url');
  return `${baseUrl}${INLET_ROOT}/${id}`;
}

function decodeInlet(id: string): { scope: Scope; flowId: string } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 3 || parsed.some((part) => typeof part !== 'string')) return undefined;
    const [orgId, sandboxName, flowId] = parsed as [string, string, string];
    return { scope: { orgId, sandboxName }, flowId };
  } catch {
    return undefined;
  }
}

/** Handles a request under `/collection`; `undefined` when the path is not an inlet. */
export async function handleInlet(ctx: RequestContext, store: FlowResourceStore, runs: RunService): Promise<Reply | undefined> {
  const match = /^\/collection\/([A-Za-z0-9_-]+)$/.exec(ctx.path);
  if (!match) return undefined;
  if (ctx.method !== 'POST') return json(405, { error_code: '405000', message: 'Send events with POST.' }, { allow: 'POST' });
  const target = decodeInlet(match[1]!);
  const flow = target ? await store.get(target.scope, 'flows', target.flowId) : undefined;
  if (!target || !flow) {
    return flowError('1101', 404, 'Resource not found: no streaming flow has this inlet. Read the inlet URL from options.inletUrl of GET /flows/{id}.', ctx.requestId);
  }
  if (flow.state === 'disabled') return badRequest(ctx, `The flow ${flow.id} is disabled: enable it (PATCH /flows/${flow.id} with /state "enabled") before sending events.`);
  if (!isJsonContentType(ctx)) return contentTypeError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readBody(ctx.req));
  } catch (err) {
    return badRequest(ctx, `The event is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const events = Array.isArray(parsed) ? parsed : [parsed];
  if (events.length === 0 || !events.every(isObject)) {
    return badRequest(ctx, 'Send one JSON object per event, or an array of JSON objects.');
  }
  // Every event is checked before any is stored: one the store could not write or serve would break the flow's run.
  for (const [index, event] of events.entries()) {
    const problem = eventLimitProblem(event, index);
    if (problem) return badRequest(ctx, `${problem} Nothing from this request was stored.`);
  }
  await runs.recordEvents(target.scope, flow, events);
  return json(200, { inletId: match[1], xactionId: randomUUID(), receivedTimeMs: Date.now(), eventCount: events.length });
}

/**
 * `/runs`: list (`?property=flowId==…`), get, `POST` for an on-demand run of a flow scheduled `once`, and
 * `GET /runs/{id}/records` (an emulator extension: the records the run read, as they would have been ingested).
 */
import { flowResourcePath } from '../../core/api/flowResources';
import { baseUrl, flowError, json, type Reply, type RequestContext } from '../http';
import type { Caller } from '../specRoutes';
import { badRequest, isObject, tableResource, type ResourceDescriptor, type ResourceServices } from './descriptor';
import { publicView } from './resourceStore';
import type { RunService } from './runs';

export const runs: ResourceDescriptor = {
  ...tableResource('runs'),
  async prepareCreate(ctx) {
    return { ok: false, reply: badRequest(ctx, 'Runs are created by POST /runs with {"flowId": "…"}.') };
  },
  view: publicView,
};

/** Epoch seconds or milliseconds → milliseconds. */
function toMs(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return undefined;
  return number < 1e12 ? number * 1000 : number;
}

const DAY_MS = 86_400_000;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The window of an on-demand run. `params` (all optional): `windowStartTime`, `windowEndTime` (default now) and
 * `startTime`, in epoch seconds or ms. Without `windowStartTime` the window starts at the flow's `startTime`, or,
 * while that is still ahead, one day before the window's end. Answers a message naming the cause when `params` is
 * not usable.
 */
export function runWindow(params: unknown, flowStartTime: unknown, now: number): { start: number; end: number } | string {
  const given = params === undefined || params === null ? {} : params;
  if (!isObject(given)) {
    return 'The field \'params\' must be an object such as {"windowStartTime": 1700000000, "windowEndTime": 1700003600} (epoch seconds or ms); leave it out to read from the flow\'s startTime until now.';
  }
  for (const field of ['startTime', 'windowStartTime', 'windowEndTime']) {
    if (given[field] !== undefined && toMs(given[field]) === undefined) return `params.${field} must be a time in epoch seconds or milliseconds (got ${JSON.stringify(given[field])}).`;
  }
  const end = toMs(given.windowEndTime) ?? now;
  const start = toMs(given.windowStartTime);
  if (start === undefined) {
    const flowStart = toMs(flowStartTime);
    return { start: flowStart !== undefined && flowStart <= end ? flowStart : end - DAY_MS, end };
  }
  if (start > end) {
    const endText = given.windowEndTime === undefined ? `now (${iso(end)}; params.windowEndTime is absent)` : `params.windowEndTime (${iso(end)})`;
    return `params.windowStartTime (${iso(start)}) is after ${endText}: the window must start before it ends. Swap them, or send an earlier windowStartTime.`;
  }
  return { start, end };
}

/** `POST /runs {flowId, params?: {startTime, windowStartTime, windowEndTime}}`. */
export function createRunRoute(service: RunService) {
  return async (ctx: RequestContext, caller: Caller, body: Record<string, unknown>, services: ResourceServices): Promise<Reply> => {
    if (typeof body.flowId !== 'string' || body.flowId === '') return badRequest(ctx, "Missing field 'flowId': the flow to run.", '1455', 'runs');
    const flow = await services.store.get(caller.scope, 'flows', body.flowId);
    if (!flow) return badRequest(ctx, `Flow not found: no flow '${body.flowId}' in this sandbox (GET /flows lists them).`, '1430', 'runs');
    if (flow.state === 'disabled') return badRequest(ctx, `The flow ${flow.id} is disabled: enable it before running it.`, '1444', 'runs');
    const schedule = flow.scheduleParams as { frequency?: unknown; startTime?: unknown } | undefined;
    if (schedule?.frequency !== 'once') {
      const why = schedule ? `it runs every ${String((schedule as { interval?: unknown }).interval)} ${String(schedule.frequency)}(s) on its own` : 'it is a streaming flow (send events to its inletUrl)';
      return badRequest(ctx, `On-demand runs need a flow scheduled once (scheduleParams.frequency "once"); flow ${flow.id} cannot be run this way: ${why}.`, '1427', 'runs');
    }
    const window = runWindow(body.params, schedule.startTime, Date.now());
    if (typeof window === 'string') return badRequest(ctx, window, '1100', 'runs');
    const run = await service.startRun(caller.scope, flow, window, 'onDemand', { backfill: true });
    return json(201, { id: run.id, etag: run.etag }, { location: `${baseUrl(ctx)}${flowResourcePath('runs', run.id)}` });
  };
}

/** `GET /runs/{id}/records`. */
export async function runRecordsRoute(ctx: RequestContext, caller: Caller, id: string, services: ResourceServices): Promise<Reply> {
  const run = await services.store.get(caller.scope, 'runs', id);
  if (!run) return flowError('1101', 404, `Resource not found: no run with id '${id}' in this sandbox.`, ctx.requestId, { resourceId: id, resourceType: 'runs' });
  const kept = await services.store.get(caller.scope, 'runRecords', id);
  return json(200, {
    runId: id,
    flowId: run.flowId,
    recordCount: Number(kept?.recordCount ?? 0),
    truncated: Boolean(kept?.truncated),
    items: (kept?.records as unknown[] | undefined) ?? [],
  });
}

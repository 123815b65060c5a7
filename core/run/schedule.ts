/**
 * Scheduling: which window a run reads.
 * Standard `scheduleParams` add `scheduleStartParamName` / `scheduleEndParamName` to every request's query, each
 * bound formatted by its `*ParamFormat`. `type: "ADVANCE"` instead yields a schedule query: the `incremental` (or,
 * on request, `backfill`) expression with `{START_TIME}` and `{END_TIME}` replaced by the bounds formatted by
 * `paramFormat`; the request builder puts it wherever `{SCHEDULE_QUERY}` appears.
 */
import { DEFAULT_DATE_FORMAT, formatDate } from './dateFormat';
import { ATTRIBUTES, SpecError, stringOf, type JsonObject } from './specModel';

export interface ScheduleWindow {
  start: Date;
  end: Date;
}

/** What the schedule adds to the requests. */
export interface SchedulePlan {
  /** Query parameters added to every request (standard form). */
  query: Record<string, string>;
  /** The text that replaces `{SCHEDULE_QUERY}` (ADVANCE form). */
  scheduleQuery?: string;
}

const WHERE = `${ATTRIBUTES}.scheduleParams`;

/** The default window: the 24 hours before `now`. */
export function defaultWindow(now: Date): ScheduleWindow {
  return { start: new Date(now.getTime() - 24 * 3600_000), end: now };
}

/** Plans the schedule part of the requests for `window`. */
export function planSchedule(params: JsonObject | undefined, window: ScheduleWindow, backfill: boolean): SchedulePlan {
  if (!params) return { query: {} };
  if (typeof params.type === 'string' && params.type.toUpperCase() === 'ADVANCE') {
    const key = backfill ? 'backfill' : 'incremental';
    const expression = stringOf(params[key]);
    if (expression === undefined) {
      throw new SpecError(`ADVANCE scheduling needs an "${key}" expression to run ${backfill ? 'a backfill' : 'incrementally'}`, `${WHERE}.${key}`);
    }
    const format = stringOf(params.paramFormat) ?? DEFAULT_DATE_FORMAT;
    const scheduleQuery = expression
      .split('{START_TIME}').join(formatDate(window.start, format))
      .split('{END_TIME}').join(formatDate(window.end, format));
    return { query: {}, scheduleQuery };
  }
  const query: Record<string, string> = {};
  const startName = stringOf(params.scheduleStartParamName);
  const endName = stringOf(params.scheduleEndParamName);
  if (startName) query[startName] = formatDate(window.start, stringOf(params.scheduleStartParamFormat) ?? DEFAULT_DATE_FORMAT);
  if (endName) query[endName] = formatDate(window.end, stringOf(params.scheduleEndParamFormat) ?? DEFAULT_DATE_FORMAT);
  return { query };
}

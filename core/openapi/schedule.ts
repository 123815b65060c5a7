/**
 * `scheduleParams` from an operation's date filters: a start and an end filter (`updated_since`/`updated_before`,
 * `filter[since]`/`filter[until]`, `updated_at[gte]`/`updated_at[lte]`…) → the standard form with their names and
 * date formats; a start filter alone → ADVANCE scheduling that sends the window's start in that parameter
 * (`{SCHEDULE_QUERY}`), the epoch for a backfill; none → the form for a source without time filters (ADVANCE with
 * nothing substituted), which the validator reports as an information (SSDK309).
 */
import type { ApiDescription, JsonObject } from './document';
import type { Operation, OperationParameter } from './operations';
import { schemaType } from './schemaWalk';

export interface ScheduleMapping {
  scheduleParams: JsonObject;
  queryParams: Record<string, string>;
  usedParameters: string[];
  note?: string;
}

const START_WORDS = new Set(['since', 'after', 'from', 'start', 'min', 'gte', 'gt', 'begin', 'newer']);
const END_WORDS = new Set(['before', 'until', 'to', 'end', 'max', 'lte', 'lt', 'older']);
/** Names that are time filters even without a date format. */
const KNOWN_FILTERS = new Set(['since', 'until', 'updatedsince', 'updatedafter', 'updatedbefore', 'modifiedsince',
  'modifiedafter', 'modifiedbefore', 'changedsince', 'changedbefore', 'createdafter', 'createdbefore', 'startdate',
  'enddate', 'starttime', 'endtime', 'updatedatmin', 'updatedatmax', 'datefrom', 'dateto', 'fromdate', 'todate']);
const CHANGE_WORDS = new Set(['updated', 'modified', 'changed', 'lastmodified']);

export const DATE_TIME_FORMAT = 'yyyy-MM-ddTHH:mm:ssZ';
const DATE_FORMAT = 'yyyy-MM-dd';

/** `updated_at[gte]` → `updated at gte`, `updatedAfter` → `updated after`. */
function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

function isDateFilter(api: ApiDescription, p: OperationParameter): boolean {
  if (p.in !== 'query') return false;
  const type = schemaType(api, p.schema);
  if (type !== undefined && type !== 'string') return false;
  const format = String(p.schema.format ?? '');
  return format === 'date-time' || format === 'date' || KNOWN_FILTERS.has(wordsOf(p.name).join(''));
}

const formatOf = (p: OperationParameter) => (p.schema.format === 'date' ? DATE_FORMAT : DATE_TIME_FORMAT);

/** Prefer filters on the change time (`updated_…`) over the creation time: a schedule wants what changed. */
const byChangeFirst = (a: OperationParameter, b: OperationParameter) =>
  Number(wordsOf(b.name).some((w) => CHANGE_WORDS.has(w))) - Number(wordsOf(a.name).some((w) => CHANGE_WORDS.has(w)));

export function inferSchedule(api: ApiDescription, op: Operation): ScheduleMapping {
  const filters = op.parameters.filter((p) => isDateFilter(api, p));
  const starts = filters.filter((p) => wordsOf(p.name).some((w) => START_WORDS.has(w)) && !wordsOf(p.name).some((w) => END_WORDS.has(w))).sort(byChangeFirst);
  const ends = filters.filter((p) => wordsOf(p.name).some((w) => END_WORDS.has(w)) && !wordsOf(p.name).some((w) => START_WORDS.has(w))).sort(byChangeFirst);
  const start = starts[0];
  if (start && ends.length > 0) {
    // The end filter on the same field as the start (updated_since → updated_before), else the first.
    const field = wordsOf(start.name).filter((w) => !START_WORDS.has(w)).join(' ');
    const end = ends.find((e) => wordsOf(e.name).filter((w) => !END_WORDS.has(w)).join(' ') === field) ?? ends[0];
    return {
      scheduleParams: {
        scheduleStartParamName: start.name, scheduleEndParamName: end.name,
        scheduleStartParamFormat: formatOf(start), scheduleEndParamFormat: formatOf(end),
      },
      queryParams: {},
      usedParameters: [start.name, end.name],
      note: `each run's window is sent as \`${start.name}\` and \`${end.name}\`, formatted ${formatOf(start)}: check the format against a preview`,
    };
  }
  if (start) {
    const format = formatOf(start);
    return {
      scheduleParams: { type: 'ADVANCE', paramFormat: format, incremental: '{START_TIME}', backfill: format === DATE_FORMAT ? '1970-01-01' : '1970-01-01T00:00:00Z' },
      queryParams: { [start.name]: '{SCHEDULE_QUERY}' },
      usedParameters: [start.name],
      note: `the operation has a start filter (\`${start.name}\`) but no end filter: each run sends its window's start there (a backfill sends 1970-01-01): check against a preview`,
    };
  }
  return {
    scheduleParams: { type: 'ADVANCE', paramFormat: DATE_TIME_FORMAT, incremental: 'no time filter', backfill: 'no time filter' },
    queryParams: {},
    usedParameters: [],
  };
}

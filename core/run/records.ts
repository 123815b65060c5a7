/**
 * Records of one page: the array at `contentPath`, each element optionally exploded through `explodeEntityPath`
 * (a path relative to the record; each element of that nested array becomes a record), then `skipAttributes`,
 * `keepAttributes` and `overrideWrapperAttribute` applied.
 *
 * With an `explodeEntityPath` the exploded elements get the explode block's skip/keep/wrapper and the content
 * block's are not applied (its attributes describe the outer record, which is not emitted).
 */
import { compilePath, selectAll } from './jsonPath';
import { ATTRIBUTES, isObject, type RecordPathSpec } from './specModel';

/** What one page held. */
export interface PageRecords {
  records: unknown[];
  /** Records found at `contentPath`, before explode (what a short-page check compares with the page size). */
  contentCount: number;
  /** `contentPath` selected nothing, or only a scalar (no array of records there). */
  contentPathMissed: boolean;
  /** An explode path was given and found no array in any record of this page. */
  explodeMissed: boolean;
}

/** The records at a path: a selected array gives its elements; selected objects are records themselves. */
function recordsAt(data: unknown, spec: RecordPathSpec, specPath: string): { values: unknown[]; missed: boolean } {
  const selected = selectAll(compilePath(spec.path, specPath), data);
  if (selected.length === 1 && Array.isArray(selected[0])) return { values: selected[0], missed: false };
  const values: unknown[] = [];
  for (const value of selected) {
    if (Array.isArray(value)) values.push(...value);
    else if (isObject(value)) values.push(value);
  }
  return { values, missed: values.length === 0 && !selected.some(Array.isArray) };
}

/** Applies skip, keep and the wrapper name to one record. */
export function shapeRecord(record: unknown, spec: RecordPathSpec): unknown {
  let out = record;
  if (isObject(record) && (spec.skipAttributes.length || spec.keepAttributes.length)) {
    const keep = spec.keepAttributes.length ? new Set(spec.keepAttributes) : undefined;
    const skip = new Set(spec.skipAttributes);
    const shaped: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (skip.has(key) || (keep && !keep.has(key))) continue;
      shaped[key] = value;
    }
    out = shaped;
  }
  return spec.overrideWrapperAttribute ? { [spec.overrideWrapperAttribute]: out } : out;
}

/** Extracts the records of a parsed page body. */
export function extractRecords(body: unknown, content: RecordPathSpec, explode?: RecordPathSpec): PageRecords {
  const found = recordsAt(body, content, `${ATTRIBUTES}.contentPath`);
  if (!explode) {
    const noShaping = !content.skipAttributes.length && !content.keepAttributes.length && !content.overrideWrapperAttribute;
    return {
      records: noShaping ? found.values : found.values.map((r) => shapeRecord(r, content)),
      contentCount: found.values.length,
      contentPathMissed: found.missed,
      explodeMissed: false,
    };
  }
  const records: unknown[] = [];
  let anyExplodeArray = false;
  for (const outer of found.values) {
    const inner = recordsAt(outer, explode, `${ATTRIBUTES}.explodeEntityPath`);
    if (!inner.missed) anyExplodeArray = true;
    for (const value of inner.values) records.push(shapeRecord(value, explode));
  }
  return {
    records,
    contentCount: found.values.length,
    contentPathMissed: found.missed,
    explodeMissed: found.values.length > 0 && !anyExplodeArray,
  };
}

/**
 * Records as a table (CLI text output, the preview panel): one column per field, nested objects flattened one level
 * with dotted names (`member.id`, the usual shape under `overrideWrapperAttribute`), other values as compact JSON.
 */

export interface RecordsTable {
  columns: string[];
  rows: string[][];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cellText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Flattens one record into column → cell text. A record that is not an object is one column named `value`. */
function flatten(record: unknown): Map<string, string> {
  const cells = new Map<string, string>();
  if (!isPlainObject(record)) {
    cells.set('value', cellText(record));
    return cells;
  }
  for (const [key, value] of Object.entries(record)) {
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      for (const [inner, innerValue] of Object.entries(value)) cells.set(`${key}.${inner}`, cellText(innerValue));
    } else {
      cells.set(key, cellText(value));
    }
  }
  return cells;
}

/** The first `maxRows` records as a table; columns in order of first appearance. */
export function recordsTable(records: readonly unknown[], maxRows = records.length): RecordsTable {
  const flat = records.slice(0, maxRows).map(flatten);
  const columns: string[] = [];
  const known = new Set<string>();
  for (const cells of flat) for (const key of cells.keys()) if (!known.has(key)) { known.add(key); columns.push(key); }
  return { columns, rows: flat.map((cells) => columns.map((c) => cells.get(c) ?? '')) };
}

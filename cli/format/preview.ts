/** `sources-sdk preview` output: the JSON document, or a readable summary with the first records as a table. */
import type { RunResult } from '../../core/run';
import { describeFix } from '../../core/run/specFix';
import { recordsTable } from '../../core/run/table';

/** The JSON output: `{ requests, records, recordCount, schema, warnings, error?, stopReason? }` (requests without bodies). */
export function previewJson(result: RunResult): string {
  const requests = result.requests.map(({ method, url, status, durationMs, recordCount }) => ({ method, url, status, durationMs, recordCount }));
  return JSON.stringify({
    requests, records: result.records, recordCount: result.recordCount, schema: result.schema, warnings: result.warnings,
    ...(result.error ? { error: result.error } : {}),
    ...(result.stopReason ? { stopReason: result.stopReason } : {}),
  }, null, 2);
}

function fit(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat.padEnd(width);
}

/** A fixed-width table of at most `maxColumns` columns, each at most `maxWidth` characters. */
function table(records: readonly unknown[], maxRows: number, maxColumns = 8, maxWidth = 24): string[] {
  const { columns, rows } = recordsTable(records, maxRows);
  if (columns.length === 0) return [];
  const shown = columns.slice(0, maxColumns);
  const widths = shown.map((c, i) => Math.min(maxWidth, Math.max(c.length, ...rows.map((r) => r[i].length))));
  const line = (cells: string[]) => cells.map((cell, i) => fit(cell, widths[i])).join('  ').trimEnd();
  const out = [line(shown), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(r.slice(0, shown.length)))];
  if (columns.length > shown.length) out.push(`(${columns.length - shown.length} more columns: --format json shows everything)`);
  return out;
}

/** Schema properties as `name type[/format]` pairs on one line; a single wrapper object is looked through. */
function schemaLine(schema: object, prefix = ''): string | undefined {
  const properties = (schema as { properties?: Record<string, { type?: unknown; format?: string; properties?: object }> }).properties;
  if (!properties) return undefined;
  const names = Object.keys(properties);
  if (names.length === 1 && properties[names[0]].properties) return schemaLine(properties[names[0]], `${prefix}${names[0]}.`);
  const required = new Set((schema as { required?: string[] }).required ?? []);
  return Object.entries(properties)
    .map(([name, p]) => `${prefix}${name}${required.has(name) ? '' : '?'} ${Array.isArray(p.type) ? p.type.join('|') : String(p.type ?? 'any')}${p.format ? `/${p.format}` : ''}`)
    .join(', ');
}

/** The text output (stdout). The error, if any, is printed by the command on stderr. */
export function previewText(result: RunResult, rows = 10): string {
  const out: string[] = [];
  for (const r of result.requests) {
    out.push(`${r.method} ${r.url}  ${r.status || 'no answer'}  ${Math.round(r.durationMs)} ms${r.recordCount !== undefined ? `  ${r.recordCount} record${r.recordCount === 1 ? '' : 's'}` : ''}`);
  }
  const kept = result.records.length < result.recordCount ? ` (${result.records.length} kept)` : '';
  const stopped = result.stopReason ? ` (stopped: ${result.stopReason})` : '';
  out.push('', `${result.recordCount} record${result.recordCount === 1 ? '' : 's'}${kept} from ${result.requests.length} request${result.requests.length === 1 ? '' : 's'}${stopped}`);
  for (const w of result.warnings) {
    out.push(`warning ${w.code}${w.specPath ? ` (${w.specPath})` : ''}: ${w.message}`);
    if (w.fix) out.push(`  fix: ${describeFix(w.fix)}`);
  }
  if (result.records.length) {
    out.push('', `First ${Math.min(rows, result.records.length)} record${result.records.length === 1 ? '' : 's'}:`, ...table(result.records, rows));
  }
  const schema = schemaLine(result.schema);
  if (schema) out.push('', `Schema: ${schema}`);
  return out.join('\n');
}

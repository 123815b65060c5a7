/**
 * The plain model the Preview Source panel renders, and the messages between the panel and the extension. Built
 * here, from a `RunResult`, so the webview only draws what it is given (no logic, no secrets: everything in a
 * `RunResult` is already redacted).
 */
import { recordsTable, type RecordsTable } from './table';
import type { RunError, RunResult, RunWarning } from './types';

export interface PreviewExchange {
  title: string;
  method: string;
  url: string;
  status: number;
  durationMs: number;
  recordCount?: number;
  requestHeaders?: Record<string, string>;
  requestBody?: string;
  responseHeaders?: Record<string, string>;
  /** Pretty-printed when JSON. */
  responseBody?: string;
  responseBodyTruncated?: boolean;
}

export interface PreviewModel {
  title: string;
  summary: string;
  exchanges: PreviewExchange[];
  table: RecordsTable;
  /** Rows in `table` vs records kept. */
  tableNote?: string;
  schemaText: string;
  warnings: RunWarning[];
  error?: RunError;
}

/** Panel → extension. */
export type PanelMessage =
  | { type: 'ready' }
  | { type: 'revealSpecPath'; specPath: string }
  | { type: 'rerun'; askAgain?: boolean };

/** Extension → panel. */
export type ExtensionMessage =
  | { type: 'model'; model: PreviewModel }
  | { type: 'running'; text: string };

function pretty(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Builds the panel model of a run (`maxRows` records in the table). */
export function buildPreviewModel(result: RunResult, title: string, maxRows = 200): PreviewModel {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const kept = result.records.length < result.recordCount ? ` (${result.records.length} kept)` : '';
  const table = recordsTable(result.records, maxRows);
  return {
    title,
    summary: `${plural(result.recordCount, 'record')}${kept} from ${plural(result.requests.length, 'request')}` +
      (result.stopReason ? ` (stopped: ${result.stopReason})` : '') +
      (result.warnings.length ? `, ${plural(result.warnings.length, 'warning')}` : '') + (result.error ? ', stopped by an error' : ''),
    exchanges: result.requests.map((r, i) => ({
      title: `${i + 1}. ${r.method} ${r.url} → ${r.status || 'no answer'} (${Math.round(r.durationMs)} ms${r.recordCount !== undefined ? `, ${plural(r.recordCount, 'record')}` : ''})`,
      method: r.method, url: r.url, status: r.status, durationMs: r.durationMs, recordCount: r.recordCount,
      requestHeaders: r.detail?.requestHeaders,
      requestBody: pretty(r.detail?.requestBody),
      responseHeaders: r.detail?.responseHeaders,
      responseBody: r.detail?.responseBodyTruncated ? r.detail.responseBody : pretty(r.detail?.responseBody),
      responseBodyTruncated: r.detail?.responseBodyTruncated,
    })),
    table,
    tableNote: result.records.length > table.rows.length ? `First ${table.rows.length} of ${result.records.length} kept records` : undefined,
    schemaText: JSON.stringify(result.schema, null, 2),
    warnings: result.warnings,
    ...(result.error ? { error: result.error } : {}),
  };
}

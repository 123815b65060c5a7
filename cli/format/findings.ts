/**
 * The CLI's flat view of engine diagnostics: 1-based positions and severity names, shared by every output format.
 */
import type { Diagnostic } from 'vscode-json-languageservice';
import type { SeverityName } from '../../core/analysis/types';

/** One diagnostic of one file, positions 1-based (as editors and SARIF count). */
export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: SeverityName;
  code: string;
  message: string;
}

const SEVERITY_NAMES: Record<number, SeverityName> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** Flattens one file's diagnostics, sorted by position. */
export function toFindings(file: string, diagnostics: readonly Diagnostic[]): Finding[] {
  return diagnostics
    .map((d) => ({
      file,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity: SEVERITY_NAMES[d.severity ?? 1] ?? 'error',
      code: String(d.code ?? ''),
      message: typeof d.message === 'string' ? d.message : d.message.value,
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

/** Counts per severity, for the summary line. */
export function countBySeverity(findings: readonly Finding[]): Record<SeverityName, number> {
  const counts: Record<SeverityName, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

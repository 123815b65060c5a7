/**
 * One row of the rule table, written next to the code that reports it: each rule file exports its rows
 * (`Rule.table`), and core/analysis/codes.ts gathers them into the table docs/diagnostics.md is rendered from.
 * A leaf module (no imports of rules), so any layer can declare its rows without an import cycle.
 */
import type { AdobeDocPage } from '../spec/adobeDocs';
import type { RuleInfo, SeverityName } from './types';

/** A rule-table row plus the advice shown in the docs. */
export interface RuleDoc extends RuleInfo {
  /** What the author should do, in the imperative. */
  action: string;
}

/** A table row: stable code, severity, short title, advice and (when there is one) the Adobe page it comes from. */
export function row(code: string, severity: SeverityName, title: string, action: string, docs?: AdobeDocPage): RuleDoc {
  return docs ? { code, severity, title, action, docs } : { code, severity, title, action };
}

/** LSP DiagnosticSeverity number for a severity name (Error=1 … Hint=4). */
export function severityNumber(severity: SeverityName): 1 | 2 | 3 | 4 {
  switch (severity) {
    case 'error': return 1;
    case 'warning': return 2;
    case 'info': return 3;
    default: return 4;
  }
}

/** The codes a rule reports: its own rows' and the ones it shares with another layer (`alsoReports`). */
export function ruleCodes(rule: { readonly table: readonly RuleDoc[]; readonly alsoReports?: readonly string[] }): string[] {
  return [...rule.table.map((info) => info.code), ...(rule.alsoReports ?? [])];
}

/** A lookup from code to row over some tables (each layer severities its own findings from its own rows). */
export function rowsByCode(...tables: ReadonlyArray<readonly RuleDoc[]>): ReadonlyMap<string, RuleDoc> {
  return new Map(tables.flat().map((info) => [info.code, info]));
}

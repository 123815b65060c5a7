/** `--format json`: an array of findings `{file, line, column, endLine, endColumn, severity, code, message}`. */
import type { Finding } from './findings';

/** Renders findings as a pretty JSON array. */
export function formatJson(findings: readonly Finding[]): string {
  return JSON.stringify(findings.map(({ file, line, column, endLine, endColumn, severity, code, message }) =>
    ({ file, line, column, endLine, endColumn, severity, code, message })), null, 2);
}

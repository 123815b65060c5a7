/** `--format text`: one `file:line:col severity code message` line per finding (the classic compiler format). */
import type { Finding } from './findings';

/** Renders findings as lines (no trailing newline when empty). */
export function formatText(findings: readonly Finding[]): string {
  return findings
    .map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message.replace(/\s*\n\s*/g, ' ')}`)
    .join('\n');
}

// `npm run docs`: regenerates the generated documentation (docs/diagnostics.md from core/analysis/codes.ts).
// test/unit/rules/docs.test.ts fails when the committed file differs from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDiagnosticsTable } from '../core/analysis/codes';

const target = join(__dirname, '..', 'docs', 'diagnostics.md');
const rendered = renderDiagnosticsTable();
let current = '';
try { current = readFileSync(target, 'utf8'); } catch { /* first time */ }
if (current === rendered) {
  console.log('docs/diagnostics.md is up to date');
} else {
  writeFileSync(target, rendered);
  console.log('docs/diagnostics.md regenerated');
}

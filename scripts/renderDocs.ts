// `npm run docs`: regenerates the generated documentation (docs/diagnostics.md from core/analysis/codes.ts, the
// flow-resources table of docs/emulator.md from core/api/flowResources.ts, and the limits table of docs/preview.md,
// docs/emulator.md and docs/submission.md from emulator/limitsTable.ts).
// test/unit/rules/docs.test.ts, test/unit/flowResources.test.ts and test/unit/limitsTable.test.ts fail when the
// committed files differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDiagnosticsTable } from '../core/analysis/codes';
import { renderFlowResourcesTable, replaceGenerated } from '../emulator/docsTables';
import { LIMITS_TABLE_PAGES, renderLimitsTable } from '../emulator/limitsTable';

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

/** Writes the generated sections of one page (`page` relative to the repository root). */
function renderSections(page: string, sections: Array<[name: string, content: string]>): void {
  const file = join(__dirname, '..', page);
  const text = readFileSync(file, 'utf8');
  const rendered = sections.reduce((doc, [name, content]) => replaceGenerated(doc, name, content, page), text);
  if (rendered === text) {
    console.log(`${page} is up to date`);
  } else {
    writeFileSync(file, rendered);
    console.log(`${page} regenerated`);
  }
}

const limits = renderLimitsTable();
for (const page of LIMITS_TABLE_PAGES) {
  const sections: Array<[string, string]> = [['limits', limits]];
  if (page === 'docs/emulator.md') sections.unshift(['flow-resources', renderFlowResourcesTable()]);
  renderSections(page, sections);
}

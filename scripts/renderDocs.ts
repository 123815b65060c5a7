// `npm run docs`: regenerates what is generated — from the rule files, the rule list core/analysis/rules/registry.ts
// (scripts/ruleRegistry.ts) and docs/diagnostics.md (the rows each rule declares, gathered by core/analysis/codes.ts);
// from core/api/flowResources.ts, the flow-resources table of docs/emulator.md; from emulator/limitsTable.ts, the
// limits table of docs/preview.md, docs/emulator.md and docs/submission.md. test/unit/rules/ruleRows.test.ts,
// test/unit/rules/docs.test.ts, test/unit/flowResources.test.ts and test/unit/limitsTable.test.ts fail when a
// committed file differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderFlowResourcesTable, replaceGenerated } from '../emulator/docsTables';
import { LIMITS_TABLE_PAGES, renderLimitsTable } from '../emulator/limitsTable';
import { renderRuleRegistry, RULES_DIR } from './ruleRegistry';

/** Writes `rendered` to `target` when it differs; says which. */
function update(target: string, label: string, rendered: string): void {
  let current = '';
  try { current = readFileSync(target, 'utf8'); } catch { /* first time */ }
  if (current === rendered) {
    console.log(`${label} is up to date`);
  } else {
    writeFileSync(target, rendered);
    console.log(`${label} regenerated`);
  }
}

/** Writes the generated sections of one page (`page` relative to the repository root). */
function renderSections(page: string, sections: Array<[name: string, content: string]>): void {
  const file = join(__dirname, '..', page);
  const text = readFileSync(file, 'utf8');
  update(file, page, sections.reduce((doc, [name, content]) => replaceGenerated(doc, name, content, page), text));
}

async function main(): Promise<void> {
  // The registry first: the diagnostics table is gathered from the rules it lists (imported after it is written).
  update(join(RULES_DIR, 'registry.ts'), 'core/analysis/rules/registry.ts', renderRuleRegistry());
  const { renderDiagnosticsTable } = await import('../core/analysis/codes');
  update(join(__dirname, '..', 'docs', 'diagnostics.md'), 'docs/diagnostics.md', renderDiagnosticsTable());
  const limits = renderLimitsTable();
  for (const page of LIMITS_TABLE_PAGES) {
    const sections: Array<[string, string]> = [['limits', limits]];
    if (page === 'docs/emulator.md') sections.unshift(['flow-resources', renderFlowResourcesTable()]);
    renderSections(page, sections);
  }
}

void main();

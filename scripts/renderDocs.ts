// `npm run docs`: regenerates what is generated — from the rule files, the rule list core/analysis/rules/registry.ts
// (scripts/ruleRegistry.ts) and docs/diagnostics.md (the rows each rule declares, gathered by core/analysis/codes.ts);
// from core/api/flowResources.ts, the flow-resources table of docs/emulator.md. test/unit/rules/ruleRows.test.ts,
// test/unit/rules/docs.test.ts and test/unit/flowResources.test.ts fail when a committed file differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderFlowResourcesTable, replaceGenerated } from '../emulator/docsTables';
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

async function main(): Promise<void> {
  // The registry first: the diagnostics table is gathered from the rules it lists (imported after it is written).
  update(join(RULES_DIR, 'registry.ts'), 'core/analysis/rules/registry.ts', renderRuleRegistry());
  const { renderDiagnosticsTable } = await import('../core/analysis/codes');
  update(join(__dirname, '..', 'docs', 'diagnostics.md'), 'docs/diagnostics.md', renderDiagnosticsTable());
  const emulatorDoc = join(__dirname, '..', 'docs', 'emulator.md');
  update(emulatorDoc, 'docs/emulator.md', replaceGenerated(readFileSync(emulatorDoc, 'utf8'), 'flow-resources', renderFlowResourcesTable()));
}

void main();

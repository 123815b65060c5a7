// `npm run docs`: regenerates the generated documentation (docs/diagnostics.md from core/analysis/codes.ts, and the
// flow-resources table of docs/emulator.md from core/api/flowResources.ts).
// test/unit/rules/docs.test.ts and test/unit/flowResources.test.ts fail when the committed files differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDiagnosticsTable } from '../core/analysis/codes';
import { renderFlowResourcesTable, replaceGenerated } from '../emulator/docsTables';

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

const emulatorDoc = join(__dirname, '..', 'docs', 'emulator.md');
const emulatorText = readFileSync(emulatorDoc, 'utf8');
const emulatorRendered = replaceGenerated(emulatorText, 'flow-resources', renderFlowResourcesTable());
if (emulatorRendered === emulatorText) {
  console.log('docs/emulator.md is up to date');
} else {
  writeFileSync(emulatorDoc, emulatorRendered);
  console.log('docs/emulator.md regenerated');
}

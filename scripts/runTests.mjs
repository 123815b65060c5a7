// Runs every *.test.ts under test/unit, test/lsp, test/emulator and test/hardening with node's test runner (via tsx),
// then prints one line "N passed, N failed". Usage: node scripts/runTests.mjs [folder or file ...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test/unit', 'test/lsp', 'test/emulator', 'test/hardening'];

function collect(path, out) {
  let stat;
  try { stat = statSync(path); } catch { return out; }
  if (stat.isFile()) { if (path.endsWith('.test.ts')) out.push(path); return out; }
  for (const entry of readdirSync(path).sort()) collect(join(path, entry), out);
  return out;
}

const files = roots.flatMap((root) => collect(root, []));
if (files.length === 0) {
  console.error(`no test files found under ${roots.join(', ')}`);
  process.exit(1);
}
const tallyFile = join(mkdtempSync(join(tmpdir(), 'ssdk-tests-')), 'tally.json');
const result = spawnSync(process.execPath, [
  '--import', 'tsx',
  '--test',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/countingReporter.mjs', `--test-reporter-destination=${join(tallyFile + '.txt')}`,
  ...files,
], { stdio: 'inherit', env: { ...process.env, SOURCES_SDK_RUNNER_TALLY: tallyFile } });

let tally = { passed: 0, failed: 0 };
try { tally = JSON.parse(readFileSync(tallyFile, 'utf8')); } catch { /* runner crashed before reporting */ }
if (result.status !== 0 && tally.failed === 0) tally.failed = 1; // a crash counts as a failure
console.log(`${tally.passed} passed, ${tally.failed} failed`);
// CI collects each suite's tally to print one grand total.
if (process.env.SOURCES_SDK_TALLY_FILE) writeFileSync(process.env.SOURCES_SDK_TALLY_FILE, JSON.stringify(tally));
process.exit(result.status === 0 && tally.passed > 0 ? 0 : 1);

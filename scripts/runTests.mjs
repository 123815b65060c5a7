// Runs every *.test.ts under test/unit, test/lsp, test/emulator and test/hardening with node's test runner (via tsx),
// then prints one line "N passed, N failed". Usage: node scripts/runTests.mjs [folder or file ...]
//
// Each test file gets its own TMPDIR under one folder for the run (scripts/testTmpdir.mjs); a test file whose folder
// is not empty afterwards counts as a failure, naming the file and what it left, and the run's folder is removed.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { tmpFolderName } from './testTmpdirName.mjs';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test/unit', 'test/lsp', 'test/emulator', 'test/hardening'];

function collect(path, out) {
  let stat;
  try { stat = statSync(path); } catch { return out; }
  if (stat.isFile()) { if (path.endsWith('.test.ts')) out.push(path); return out; }
  for (const entry of readdirSync(path).sort()) collect(join(path, entry), out);
  return out;
}

/** Test files whose own temporary folder is not empty, with what each left (a few names, then a count). */
function leftovers(parent, testFiles) {
  const found = [];
  for (const file of testFiles) {
    let entries = [];
    try { entries = readdirSync(join(parent, tmpFolderName(resolve(file)))).sort(); } catch { /* never started */ }
    if (entries.length) found.push({ file, entries });
  }
  return found;
}

const files = roots.flatMap((root) => collect(root, []));
if (files.length === 0) {
  console.error(`no test files found under ${roots.join(', ')}`);
  process.exit(1);
}
const runDir = mkdtempSync(join(tmpdir(), 'ssdk-tests-'));
const tmpParent = join(runDir, 'tmp');
const tallyFile = join(runDir, 'tally.json');
const env = { ...process.env, SOURCES_SDK_RUNNER_TALLY: tallyFile, SOURCES_SDK_TEST_TMP_PARENT: tmpParent };
// Started from inside a test (the runner's own test does that), node would otherwise act as a child, not a runner.
delete env.NODE_TEST_CONTEXT;
const result = spawnSync(process.execPath, [
  '--import', 'tsx',
  '--import', new URL('./testTmpdir.mjs', import.meta.url).href,
  '--test',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/countingReporter.mjs', `--test-reporter-destination=${join(tallyFile + '.txt')}`,
  ...files,
], { stdio: 'inherit', env });

let tally = { passed: 0, failed: 0 };
try { tally = JSON.parse(readFileSync(tallyFile, 'utf8')); } catch { /* runner crashed before reporting */ }
if (result.status !== 0 && tally.failed === 0) tally.failed = 1; // a crash counts as a failure
const leaks = leftovers(tmpParent, files);
for (const { file, entries } of leaks) {
  const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? ` and ${entries.length - 5} more` : '');
  console.error(`✖ ${file} left temporary files behind: ${shown} (remove what a test creates, in after()/finally)`);
}
tally.failed += leaks.length;
rmSync(runDir, { recursive: true, force: true });
console.log(`${tally.passed} passed, ${tally.failed} failed`);
// CI collects each suite's tally to print one grand total.
if (process.env.SOURCES_SDK_TALLY_FILE) writeFileSync(process.env.SOURCES_SDK_TALLY_FILE, JSON.stringify(tally));
process.exit(result.status === 0 && tally.failed === 0 && tally.passed > 0 ? 0 : 1);

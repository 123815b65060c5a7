// Runs every *.test.ts under test/unit, test/lsp, test/emulator and test/hardening with node's test runner (via tsx),
// several files at once, then prints one line "N passed, N failed".
// Usage: node scripts/runTests.mjs [--count-assertions] [--concurrency N] [folder or file ...]
//
// The first line says how many files run, how many at a time, and roughly how long the run takes (the last full run
// on this machine, kept in .cache/test-times.json with each file's time; the slowest files start first).
// Each test file gets its own TMPDIR under one folder for the run (scripts/testTmpdir.cjs); a test file whose folder
// is not empty afterwards counts as a failure, naming the file and what it left, and the run's folder is removed.
// --count-assertions also prints how many node:assert calls the files executed (scripts/countAssertions.cjs).
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readdirSync, readFileSync, mkdtempSync, mkdirSync, writeFileSync, rmSync, renameSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { tmpFolderName } from './testTmpdirName.cjs';
import { collectTestFiles, DEFAULT_ROOTS } from './testFiles.mjs';

/**
 * Files run at once. Most test files wait on child processes, sockets and the file system for part of their time, so
 * one more than the cores keeps two cores busy (docs/testing.md has the measurements).
 */
const DEFAULT_CONCURRENCY = availableParallelism() + 1;
/** What a full run takes on two idle cores (docs/testing.md has the measurements). */
const TYPICAL_FULL_RUN = 'about 3 minutes on two idle cores, longer on a busy machine';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TIMES_FILE = join(ROOT, '.cache', 'test-times.json');

const args = process.argv.slice(2);
const countAssertions = take('--count-assertions');
const concurrency = Number(takeValue('--concurrency') ?? process.env.SOURCES_SDK_TEST_CONCURRENCY ?? DEFAULT_CONCURRENCY);
const fullRun = args.length === 0;
const roots = fullRun ? DEFAULT_ROOTS : args;

function take(flag) {
  const at = args.indexOf(flag);
  if (at < 0) return false;
  args.splice(at, 1);
  return true;
}
function takeValue(flag) {
  const at = args.indexOf(flag);
  return at < 0 ? undefined : args.splice(at, 2)[1];
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

function readTimes() {
  try { return JSON.parse(readFileSync(TIMES_FILE, 'utf8')); } catch { return { files: {} }; }
}

const minutes = (ms) => `${Math.floor(ms / 60000)}m${String(Math.round((ms % 60000) / 1000)).padStart(2, '0')}s`;

const times = readTimes();
// Slowest first (by the time each file's tests took last time), so a long file does not start last and run alone.
const files = collectTestFiles(roots)
  .map((file, index) => ({ file, index, ms: times.files?.[relative(ROOT, resolve(file))] ?? 0 }))
  .sort((a, b) => b.ms - a.ms || a.index - b.index)
  .map(({ file }) => file);
if (files.length === 0) {
  console.error(`no test files found under ${roots.join(', ')}`);
  process.exit(1);
}
if (!(concurrency >= 1)) {
  console.error('--concurrency (or SOURCES_SDK_TEST_CONCURRENCY) must be a positive number');
  process.exit(2);
}
const expected = fullRun
  ? `; takes ${TYPICAL_FULL_RUN}${times.lastFullRun ? ` (the last full run here: ${minutes(times.lastFullRun.ms)})` : ''}`
  : '';
console.log(`running ${files.length} test file${files.length === 1 ? '' : 's'}, ${Math.min(concurrency, files.length)} at a time${expected}; the last line says "N passed, N failed"`);

const started = Date.now();
const runDir = mkdtempSync(join(tmpdir(), 'ssdk-tests-'));
const tmpParent = join(runDir, 'tmp');
const tallyFile = join(runDir, 'tally.json');
const assertionDir = join(runDir, 'assertions');
mkdirSync(assertionDir);
const env = { ...process.env, SOURCES_SDK_RUNNER_TALLY: tallyFile, SOURCES_SDK_TEST_TMP_PARENT: tmpParent };
if (countAssertions) env.SOURCES_SDK_ASSERTION_COUNT_DIR = assertionDir;
// Started from inside a test (the runner's own test does that), node would otherwise act as a child, not a runner.
delete env.NODE_TEST_CONTEXT;
// `npm test` (and test:pack, test:editors) build dist/ right before: the tests that spawn the CLI use that bundle
// instead of bundling it again in each file's process (test/emulator/helpers/cliEmulator.ts).
if (/^npm run build && /.test(process.env.npm_lifecycle_script ?? '')) env.SOURCES_SDK_TEST_CLI = join(ROOT, 'dist', 'cli.js');
else delete env.SOURCES_SDK_TEST_CLI;
const result = spawnSync(process.execPath, [
  // tsx's CommonJS hook only: the test files and the code they load are CommonJS; the ESM hook's loader thread would
  // cost every file's process a few hundred milliseconds.
  '--require', 'tsx/cjs',
  '--require', fileURLToPath(new URL('./testTmpdir.cjs', import.meta.url)),
  ...(countAssertions ? ['--require', fileURLToPath(new URL('./countAssertions.cjs', import.meta.url))] : []),
  '--test', `--test-concurrency=${concurrency}`,
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/countingReporter.mjs', `--test-reporter-destination=${join(tallyFile + '.txt')}`,
  ...files,
], { stdio: 'inherit', env });
const elapsed = Date.now() - started;

let tally = { passed: 0, failed: 0 };
try { tally = JSON.parse(readFileSync(tallyFile, 'utf8')); } catch { /* runner crashed before reporting */ }
if (result.status !== 0 && tally.failed === 0) tally.failed = 1; // a crash counts as a failure
const leaks = leftovers(tmpParent, files);
for (const { file, entries } of leaks) {
  const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? ` and ${entries.length - 5} more` : '');
  console.error(`✖ ${file} left temporary files behind: ${shown} (remove what a test creates, in after()/finally)`);
}
tally.failed += leaks.length;
if (countAssertions) {
  const counts = readdirSync(assertionDir).map((name) => JSON.parse(readFileSync(join(assertionDir, name), 'utf8')).assertions);
  console.log(`${counts.reduce((a, b) => a + b, 0)} assertions executed in ${counts.length} test files`);
}
rmSync(runDir, { recursive: true, force: true });

// Each file's time (the sum of its top-level tests) orders the next run; a full run's wall time is the next estimate.
if (tally.fileMs) {
  const next = { files: { ...times.files }, lastFullRun: times.lastFullRun };
  for (const [file, ms] of Object.entries(tally.fileMs)) next.files[relative(ROOT, file)] = Math.round(ms);
  if (fullRun && tally.failed === 0) next.lastFullRun = { ms: elapsed, files: files.length, concurrency, at: new Date().toISOString() };
  try {
    mkdirSync(join(ROOT, '.cache'), { recursive: true });
    writeFileSync(`${TIMES_FILE}.tmp`, JSON.stringify(next, null, 1));
    renameSync(`${TIMES_FILE}.tmp`, TIMES_FILE);
  } catch { /* a read-only checkout: the next run starts in file order */ }
}
console.log(`took ${minutes(elapsed)}`);
console.log(`${tally.passed} passed, ${tally.failed} failed`);
// CI collects each suite's tally to print one grand total.
if (process.env.SOURCES_SDK_TALLY_FILE) writeFileSync(process.env.SOURCES_SDK_TALLY_FILE, JSON.stringify({ passed: tally.passed, failed: tally.failed }));
process.exit(result.status === 0 && tally.failed === 0 && tally.passed > 0 ? 0 : 1);

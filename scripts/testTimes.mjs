// Times each test file of `npm test` on its own: wall time, CPU time (user + sys of the file's process and every
// process it waited for, from GNU time when /usr/bin/time exists) and the assertions it executed, slowest first, with
// totals. For finding what makes the suite slow (docs/testing.md). Runs the files one after another, after a build.
// Usage: node scripts/testTimes.mjs [--json out.json] [folder or file ...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { collectTestFiles, DEFAULT_ROOTS } from './testFiles.mjs';
import { tmpFolderName } from './testTmpdirName.cjs';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonOut = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : undefined;
const files = collectTestFiles(args.length ? args : DEFAULT_ROOTS);
const runDir = mkdtempSync(join(tmpdir(), 'ssdk-times-'));
const counts = join(runDir, 'assertions');
mkdirSync(counts);
const gnuTime = existsSync('/usr/bin/time');
const rows = [];
for (const file of files) {
  const tally = join(runDir, 'tally.json');
  const env = { ...process.env, SOURCES_SDK_RUNNER_TALLY: tally, SOURCES_SDK_TEST_TMP_PARENT: join(runDir, 'tmp'), SOURCES_SDK_ASSERTION_COUNT_DIR: counts };
  delete env.NODE_TEST_CONTEXT;
  const node = [process.execPath, '--require', 'tsx/cjs', '--require', './scripts/testTmpdir.cjs', '--require', './scripts/countAssertions.cjs',
    '--test', '--test-reporter=./scripts/countingReporter.mjs', '--test-reporter-destination=/dev/null', file];
  const timesFile = join(runDir, 'time.txt');
  const started = process.hrtime.bigint();
  const result = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', timesFile, ...node], { stdio: ['ignore', 'ignore', 'inherit'], env })
    : spawnSync(node[0], node.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], env });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = gnuTime ? readFileSync(timesFile, 'utf8').trim().split('\n').at(-1).split(' ').reduce((a, b) => a + Number(b), 0) : NaN;
  let t = { passed: 0, failed: 1 };
  try { t = JSON.parse(readFileSync(tally, 'utf8')); } catch { /* crashed */ }
  let assertions = 0;
  try { assertions = JSON.parse(readFileSync(join(counts, `${tmpFolderName(resolve(file))}.json`), 'utf8')).assertions; } catch { /* none */ }
  rows.push({ file, wall, cpu, passed: t.passed, failed: t.failed, assertions, status: result.status });
  console.error(`${wall.toFixed(1).padStart(6)}s wall ${cpu.toFixed(1).padStart(6)}s cpu ${String(t.passed).padStart(4)} tests ${String(assertions).padStart(5)} assertions  ${file}${t.failed ? `  (${t.failed} FAILED)` : ''}`);
}
rmSync(runDir, { recursive: true, force: true });
rows.sort((a, b) => b.wall - a.wall);
const sum = (key) => rows.reduce((a, r) => a + r[key], 0);
console.log('\nslowest files (wall s, cpu s, tests, assertions):');
for (const r of rows.slice(0, 25)) console.log(`${r.wall.toFixed(1).padStart(6)} ${r.cpu.toFixed(1).padStart(6)} ${String(r.passed).padStart(4)} ${String(r.assertions).padStart(5)}  ${r.file}`);
console.log(`\n${rows.length} files: ${sum('wall').toFixed(0)} s wall, ${sum('cpu').toFixed(0)} s cpu, ${sum('passed')} tests passed, ${sum('failed')} failed, ${sum('assertions')} assertions`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows, null, 1));

/**
 * `npm test`'s runner (scripts/runTests.mjs) fails a test file that leaves anything in its temporary folder, names
 * the file and the leftovers, and removes the run's own folders. Runs the runner on two fixture test files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

test('a test file that leaves a temporary folder fails the run; one that cleans up does not', () => {
  // The inner run gets a temporary folder of its own (node and tsx keep caches there), removed afterwards.
  const innerTmp = mkdtempSync(join(tmpdir(), 'ssdk-runner-'));
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: innerTmp, TMP: innerTmp, TEMP: innerTmp };
  delete env.SOURCES_SDK_TALLY_FILE; // the inner run must not overwrite CI's tally for this suite
  delete env.NODE_TEST_CONTEXT;
  try {
    const run = spawnSync(process.execPath, ['scripts/runTests.mjs', 'test/fixtures/runner'], { cwd: ROOT, env, encoding: 'utf8' });
    assert.equal(run.status, 1, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stderr, /test\/fixtures\/runner\/leavesTempFolder\.test\.ts left temporary files behind: ssdk-forgotten-\w+/);
    assert.doesNotMatch(run.stderr, /cleansUp\.test\.ts left/);
    // Both fixture tests pass; the leak is the one failure.
    assert.match(run.stdout.trim().split('\n').at(-1) ?? '', /^2 passed, 1 failed$/);
    // The runner removed its own folder, the leak included: no ssdk-* folder is left in the inner temporary folder.
    assert.deepEqual(readdirSync(innerTmp).filter((name) => name.startsWith('ssdk-')), []);
  } finally {
    rmSync(innerTmp, { recursive: true, force: true });
  }
});

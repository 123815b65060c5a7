// Preloaded (`--require`) into every test file's process by scripts/runTests.mjs: points TMPDIR at a folder of that
// test file's own under the run's parent folder, so the runner can tell afterwards which file left what behind.
// Processes a test spawns inherit the same TMPDIR, so their leftovers are charged to the file that spawned them.
const { mkdirSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { tmpFolderName } = require('./testTmpdirName.cjs');

const parent = process.env.SOURCES_SDK_TEST_TMP_PARENT;
const testFile = process.argv[1];
// Only the test runner's child processes (node sets NODE_TEST_CONTEXT for them), and only once: a process spawned by
// a test already has a TMPDIR under the parent and keeps it.
if (parent && testFile && process.env.NODE_TEST_CONTEXT && !(process.env.TMPDIR ?? '').startsWith(parent)) {
  const dir = join(parent, tmpFolderName(resolve(testFile)));
  mkdirSync(dir, { recursive: true });
  process.env.TMPDIR = dir;
  process.env.TMP = dir;
  process.env.TEMP = dir;
}

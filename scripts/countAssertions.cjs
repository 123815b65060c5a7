// Preloaded (`--require`) into every test file's process by `node scripts/runTests.mjs --count-assertions` (and by
// scripts/testTimes.mjs): counts the calls to node:assert/strict's methods (`assert.equal(…)`, `assert.ok(…)`, …) the file
// makes, and writes the count to a file of its own under SOURCES_SDK_ASSERTION_COUNT_DIR when the process exits. The
// runner adds them up, so a change to the suite can show that no assertion was dropped (docs/testing.md).
//
// Opt-in because a wrapped `assert.ok(value)` without a message would describe the wrapper's line, not the test's.
const { writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { tmpFolderName } = require('./testTmpdirName.cjs');

const dir = process.env.SOURCES_SDK_ASSERTION_COUNT_DIR;
const testFile = process.argv[1];
if (dir && testFile && process.env.NODE_TEST_CONTEXT) {
  // Only node:assert/strict (every test imports it): node:assert's own `match` compares itself with `assert.match` to
  // tell match from doesNotMatch, so the loose module's functions must stay as they are.
  const strict = require('node:assert/strict');
  let count = 0;
  for (const name of Object.keys(strict)) {
    const original = strict[name];
    if (typeof original !== 'function' || name === 'AssertionError' || name === 'strict' || name === 'CallTracker') continue;
    strict[name] = function counted(...args) {
      count++;
      return original.apply(this, args);
    };
  }
  process.once('exit', () => {
    writeFileSync(join(dir, `${tmpFolderName(resolve(testFile))}.json`), JSON.stringify({ file: testFile, assertions: count }));
  });
}

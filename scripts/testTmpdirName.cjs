// The name of a test file's own temporary folder (scripts/testTmpdir.cjs creates it, scripts/runTests.mjs checks it).
// CommonJS: the runner preloads its users with --require, so the test files load through tsx's CommonJS hook alone.
const { relative } = require('node:path');

/** `test/unit/foo.test.ts` (absolute or relative to the working folder) → `test_unit_foo.test.ts`. */
function tmpFolderName(testFile) {
  return relative(process.cwd(), testFile).replace(/[^A-Za-z0-9.-]+/g, '_');
}

module.exports = { tmpFolderName };

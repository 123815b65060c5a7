// The name of a test file's own temporary folder (scripts/testTmpdir.mjs creates it, scripts/runTests.mjs checks it).
import { relative } from 'node:path';

/** `test/unit/foo.test.ts` (absolute or relative to the working folder) → `test_unit_foo.test.ts`. */
export function tmpFolderName(testFile) {
  return relative(process.cwd(), testFile).replace(/[^A-Za-z0-9.-]+/g, '_');
}

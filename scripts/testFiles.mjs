// The test files of `npm test` (scripts/runTests.mjs, scripts/testTimes.mjs): every *.test.ts under the given folders.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The folders `npm test` runs when given none. */
export const DEFAULT_ROOTS = ['test/unit', 'test/lsp', 'test/emulator', 'test/hardening'];

/** Every `*.test.ts` file under `roots` (files or folders), in sorted order per folder. */
export function collectTestFiles(roots) {
  const out = [];
  const visit = (path) => {
    let stat;
    try { stat = statSync(path); } catch { return; }
    if (stat.isFile()) { if (path.endsWith('.test.ts')) out.push(path); return; }
    for (const entry of readdirSync(path).sort()) visit(join(path, entry));
  };
  for (const root of roots) visit(root);
  return out;
}

/**
 * Temporary folders that remove themselves: `npm test` fails a test file that leaves anything in the temporary
 * directory (scripts/runTests.mjs), so every folder a test makes is created through one of these.
 */
import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Returns a maker of temporary folders (`ssdk-<prefix>XXXXXX` under the temporary directory) that are all removed
 * after the enclosing suite, or after the whole file when called at top level. Call it at module or `describe` level,
 * never inside a test.
 */
export function tempFolders(): (prefix: string) => string {
  const made: string[] = [];
  after(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(join(tmpdir(), `ssdk-${prefix}`));
    made.push(dir);
    return dir;
  };
}

/** A temporary folder kept for the life of the process (a per-process build cache), removed when it exits. */
export function processTempFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ssdk-${prefix}`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

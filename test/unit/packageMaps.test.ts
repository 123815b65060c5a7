/**
 * `npm run package` leaves no stale source maps in dist/: the production build writes none, so the development
 * build's maps would describe code that is gone (scripts/package.mjs `buildForPackaging`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolders } from '../helpers/tempFolders';

const ROOT = join(__dirname, '..', '..');
const tempFolder = tempFolders();

interface PackageModule {
  buildForPackaging(options: { root: string }): string[];
}

test('the production build for packaging removes every source map left in dist/, and keeps the bundles', async () => {
  const { buildForPackaging } = await import(join(ROOT, 'scripts', 'package.mjs')) as PackageModule;
  const root = tempFolder('package-');
  // A stand-in for esbuild.mjs: a production build rewrites the bundles without maps, as the real one does.
  writeFileSync(join(root, 'esbuild.mjs'), [
    "import { writeFileSync } from 'node:fs';",
    "if (!process.argv.includes('--production')) process.exit(3);",
    "for (const file of ['dist/extension.js', 'dist/browser/server.js']) writeFileSync(file, '// production\\n');",
  ].join('\n'));
  mkdirSync(join(root, 'dist', 'browser'), { recursive: true });
  mkdirSync(join(root, 'dist', 'test', 'vscode'), { recursive: true });
  // What a development build left behind.
  for (const file of ['extension.js.map', 'browser/server.js.map', 'test/vscode/index.js.map']) writeFileSync(join(root, 'dist', file), '{}');

  const removed = buildForPackaging({ root });

  assert.deepEqual(removed.sort(), ['dist/browser/server.js.map', 'dist/extension.js.map', 'dist/test/vscode/index.js.map']);
  for (const file of removed) assert.equal(existsSync(join(root, file)), false, file);
  assert.ok(existsSync(join(root, 'dist', 'extension.js')));
  assert.ok(existsSync(join(root, 'dist', 'browser', 'server.js')));
});

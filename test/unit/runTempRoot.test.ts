/**
 * The in-editor runners (test:vscode, test:web, test:ui) keep everything their processes put in the temporary
 * directory inside one folder per run and remove it (scripts/codeServer/runTempRoot.mjs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface RunTempRootModule {
  createRunTempRoot(prefix: string): { root: string; remove(): void };
}

test('what a started process leaves in the temporary directory lands in the run folder and goes with it', async () => {
  const { createRunTempRoot } = await import(join(ROOT, 'scripts', 'codeServer', 'runTempRoot.mjs')) as RunTempRootModule;
  const tmpBefore = process.env.TMPDIR;
  const outerTmp = tmpdir();
  const run = createRunTempRoot('ssdk-runroot-');
  let left: string;
  try {
    assert.ok(run.root.startsWith(outerTmp), 'the run folder is in the temporary directory');
    // A child (as code-server or Chromium would be) creates a folder in its temporary directory and forgets it.
    left = execFileSync(process.execPath, ['-e',
      "const fs = require('fs'), os = require('os'), path = require('path'); process.stdout.write(fs.mkdtempSync(path.join(os.tmpdir(), 'left-')))"],
    { encoding: 'utf8' });
    assert.ok(left.startsWith(run.root), `${left} is inside ${run.root}`);
  } finally {
    run.remove();
  }
  assert.equal(existsSync(left), false);
  assert.equal(existsSync(run.root), false);
  assert.equal(process.env.TMPDIR, tmpBefore, 'TMPDIR is restored');
});

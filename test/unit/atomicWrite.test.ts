/**
 * The one atomic-write helper (core/files/atomicWrite.ts) that links.json, `pull` and the emulator's storage use:
 * a file is replaced whole or not at all, and no temp file is left behind, also when the write fails.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitStagedFile, isTempFileName, stageFile, writeFileAtomically } from '../../core/files/atomicWrite';
import { tempFolders } from '../helpers/tempFolders';

const tempFolder = tempFolders();

describe('atomic writes', () => {
  test('creates the folder and the file, then replaces the file whole; no temp file is left', async () => {
    const dir = tempFolder('atomic-');
    const file = join(dir, 'nested', 'links.json');
    await writeFileAtomically(file, '{"a":1}\n');
    assert.equal(readFileSync(file, 'utf8'), '{"a":1}\n');
    await writeFileAtomically(file, '{"b":2}\n', { durable: true });
    assert.equal(readFileSync(file, 'utf8'), '{"b":2}\n');
    assert.deepEqual(readdirSync(join(dir, 'nested')), ['links.json']);
  });

  test('a staged file is not visible under its name until it is committed, and is recognised as a temp file', async () => {
    const dir = tempFolder('atomic-');
    const file = join(dir, 'spec.json');
    writeFileSync(file, 'old\n');
    const temp = await stageFile(file, 'new\n');
    assert.equal(readFileSync(file, 'utf8'), 'old\n', 'readers still see the old file');
    assert.ok(isTempFileName(temp.slice(dir.length + 1)), temp);
    assert.ok(!isTempFileName('spec.json'));
    await commitStagedFile(temp, file);
    assert.equal(readFileSync(file, 'utf8'), 'new\n');
    assert.deepEqual(readdirSync(dir), ['spec.json']);
  });

  test('a failed write keeps the old content and removes its temp file', async () => {
    const dir = tempFolder('atomic-');
    // A folder where the file should go: the rename over it fails.
    const target = join(dir, 'taken');
    mkdirSync(join(target, 'inside'), { recursive: true });
    await assert.rejects(writeFileAtomically(target, 'text\n'));
    assert.deepEqual(readdirSync(dir), ['taken'], 'no temp file left');
    assert.ok(statSync(target).isDirectory());
  });

  test('a mode is set when the file is created (a key is never readable by others)', async () => {
    const file = join(tempFolder('atomic-'), '.secrets.key');
    await writeFileAtomically(file, 'key\n', { durable: true, mode: 0o600 });
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });
});

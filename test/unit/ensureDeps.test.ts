/**
 * scripts/ensureDeps.mjs (prestart/pretest) decides when `npm start` / `npm test` must install dependencies first.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type InstallReason = (root: string) => string | undefined;
type RecordInstall = (root: string) => void;

describe('npm start / npm test install what they need', () => {
  let root: string;
  let installReason: InstallReason;
  let recordInstall: RecordInstall;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ssdk-ensuredeps-'));
    const script: string = join(__dirname, '..', '..', 'scripts', 'ensureDeps.mjs'); // a plain .mjs: no types to import
    ({ installReason, recordInstall } = await import(script) as { installReason: InstallReason; recordInstall: RecordInstall });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('a fresh clone (no node_modules) needs an install', () => {
    writeFileSync(join(root, 'package-lock.json'), '{}');
    assert.equal(installReason(root), 'node_modules is missing');
  });

  test('node_modules installed after the lockfile was written is used as is', () => {
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    writeFileSync(join(root, 'node_modules', '.package-lock.json'), '{}');
    utimesSync(join(root, 'package-lock.json'), new Date(1_000_000), new Date(1_000_000));
    assert.equal(installReason(root), undefined);
  });

  test('a lockfile newer than node_modules (after a pull) needs an install', () => {
    utimesSync(join(root, 'node_modules', '.package-lock.json'), new Date(1_000_000), new Date(1_000_000));
    utimesSync(join(root, 'package-lock.json'), new Date(2_000_000), new Date(2_000_000));
    assert.equal(installReason(root), 'package-lock.json is newer than node_modules');
  });

  test('a checkout that only re-dates an unchanged lockfile does not reinstall; a changed one does', () => {
    recordInstall(root);
    utimesSync(join(root, 'package-lock.json'), new Date(3_000_000), new Date(3_000_000));
    assert.equal(installReason(root), undefined);
    writeFileSync(join(root, 'package-lock.json'), '{"changed": true}');
    assert.equal(installReason(root), 'package-lock.json is newer than node_modules');
  });
});

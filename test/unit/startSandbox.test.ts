/**
 * `npm start`'s sandbox (scripts/sandbox.mjs): a scratch copy of examples/ recreated each run in a git-ignored folder,
 * so edits there leave `git status` clean; fixed default ports, reused when free, the next one when taken.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
interface SandboxModule {
  prepareSandbox(projectRoot: string): string;
  firstFreePort(preferred: number, host?: string): Promise<number>;
  DEFAULT_EMULATOR_PORT: number;
  DEFAULT_CODE_SERVER_PORT: number;
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

describe('npm start sandbox', () => {
  let sandbox: SandboxModule;
  let clone: string;
  before(async () => {
    const script: string = join(ROOT, 'scripts', 'sandbox.mjs'); // a plain .mjs: no types to import
    sandbox = await import(script) as SandboxModule;
    // A miniature clone: the repository's real .gitignore and examples/, committed.
    clone = mkdtempSync(join(tmpdir(), 'ssdk-start-'));
    cpSync(join(ROOT, 'examples'), join(clone, 'examples'), { recursive: true });
    writeFileSync(join(clone, '.gitignore'), readFileSync(join(ROOT, '.gitignore')));
    git(clone, 'init', '-q');
    git(clone, 'add', '-A');
    git(clone, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'fixture');
  });
  after(() => rmSync(clone, { recursive: true, force: true }));

  test('two runs with edits in the sandbox leave git status clean, and each run starts from examples/ again', () => {
    const first = sandbox.prepareSandbox(clone);
    const file = join(first, 'broken-connectionSpec.json');
    const original = readFileSync(join(clone, 'examples', 'broken-connectionSpec.json'), 'utf8');
    writeFileSync(file, '{ "edited": true }');
    mkdirSync(join(first, 'new-folder'));
    assert.equal(git(clone, 'status', '--porcelain', '--untracked-files=all'), '');
    const second = sandbox.prepareSandbox(clone);
    assert.equal(second, first);
    assert.equal(readFileSync(join(second, 'broken-connectionSpec.json'), 'utf8'), original, 'the edit is gone: a fresh copy');
    assert.equal(git(clone, 'status', '--porcelain', '--untracked-files=all'), '');
    assert.equal(readFileSync(join(clone, 'examples', 'broken-connectionSpec.json'), 'utf8'), original, 'examples/ untouched');
  });

  test('a free default port is reused; a taken one moves to the next free port', async () => {
    assert.equal(sandbox.DEFAULT_EMULATOR_PORT, 4141);
    assert.equal(sandbox.DEFAULT_CODE_SERVER_PORT, 4180);
    // An ephemeral port stands in for the default (the real defaults may be in use by another run on this machine).
    const probe: Server = createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
    const taken = await sandbox.firstFreePort(port);
    assert.ok(taken > port, `port ${port} is taken: the next free one (${taken})`);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    assert.equal(await sandbox.firstFreePort(port), port, 'free again: the same port');
  });
});

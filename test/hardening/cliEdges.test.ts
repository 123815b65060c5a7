// Issue 7, defect 7 and the CLI's small ones: `validate` on an unreadable subfolder skipped it and exited 0;
// `validate … | head` died with an EPIPE stack trace; `-o` onto a FIFO hung and onto a symlink replaced the link;
// a URL with user:pw@ was treated as a network failure that echoed the password; `--host 0.0.0.0` was accepted
// silently. Every case runs the freshly bundled CLI in a child process.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledCliPath, spawnCliEmulator, type CliEmulator } from '../emulator/helpers/cliEmulator';
import { cliProcess, waitFor, cliEnv } from '../emulator/helpers/runCli';
import { resolveOutputTarget } from '../../cli/outputTarget';
import { globWalk } from '../../cli/commands/unreadable';

const VALID = readFileSync(join(__dirname, '..', 'fixtures', 'valid', 'acme-crm-connectionSpec.json'), 'utf8');
const REST = '6499120c-0b15-42dc-936e-847ea3c24d72';
const isRoot = process.getuid?.() === 0;

describe('CLI edges', () => {
  let dir: string;
  let emulator: CliEmulator;
  let env: Record<string, string>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'h7-cli-'));
    emulator = await spawnCliEmulator(['--port', '0', '--quiet']);
    env = cliEnv(emulator.url, { clientId: 'h7-client', clientSecret: 'h7-secret', orgId: 'H7TEST@AdobeOrg' });
  });
  after(async () => {
    emulator.child.kill('SIGTERM');
    await emulator.exited;
    try { chmodSync(join(dir, 'specs', 'locked'), 0o755); } catch { /* not created */ }
    rmSync(dir, { recursive: true, force: true });
  });

  test('validate: an unreadable folder below the argument is exit 2 naming it', async () => {
    const specs = join(dir, 'specs');
    mkdirSync(specs);
    writeFileSync(join(specs, 'acme-connectionSpec.json'), VALID);
    symlinkSync('loop', join(specs, 'loop')); // a link to itself: unreadable for root too (ELOOP)
    if (!isRoot) {
      mkdirSync(join(specs, 'locked'));
      writeFileSync(join(specs, 'locked', 'hidden-connectionSpec.json'), VALID);
      chmodSync(join(specs, 'locked'), 0);
    }
    const run = await cliProcess(['validate', 'specs'], {}, dir);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /specs\/loop: cannot read \(ELOOP\)/);
    if (!isRoot) assert.match(run.stderr, /specs\/locked: cannot read \(EACCES\)/);
    assert.match(run.stderr, /1 file checked/, 'the readable spec is still checked');
  });

  test('validate with a glob: a folder the pattern would enter but cannot read is exit 2 naming it; one it would not enter is no error', async () => {
    const globbed = join(dir, 'globbed');
    mkdirSync(join(globbed, 'nested'), { recursive: true });
    writeFileSync(join(globbed, 'acme-connectionSpec.json'), VALID);
    writeFileSync(join(globbed, 'nested', 'other-connectionSpec.json'), VALID);
    symlinkSync('loop', join(globbed, 'nested', 'loop')); // unreadable for root too (ELOOP)
    if (!isRoot) {
      mkdirSync(join(globbed, 'locked'));
      writeFileSync(join(globbed, 'locked', 'hidden-connectionSpec.json'), VALID);
      chmodSync(join(globbed, 'locked'), 0);
    }
    try {
      const deep = await cliProcess(['validate', 'globbed/**/*.json'], {}, dir);
      assert.equal(deep.code, 2, deep.stderr);
      assert.match(deep.stderr, /globbed\/nested\/loop: cannot read \(ELOOP\)/);
      if (!isRoot) assert.match(deep.stderr, /globbed\/locked: cannot read \(EACCES\)/);
      assert.match(deep.stderr, /2 files checked/, 'the readable specs are still checked');
      // `globbed/*.json` reads only globbed/ itself: what lies deeper is not its business.
      const shallow = await cliProcess(['validate', 'globbed/*.json'], {}, dir);
      assert.equal(shallow.code, 0, shallow.stderr);
      assert.doesNotMatch(shallow.stderr, /cannot read/);
    } finally {
      if (!isRoot) chmodSync(join(globbed, 'locked'), 0o755);
    }
  });

  test('globWalk: where a pattern starts reading and how many folder levels it enters', () => {
    const dynamic = (segment: string) => /[*?[\]{}()!]/.test(segment);
    assert.deepEqual(globWalk('specs/**/*.json', dynamic), { base: 'specs', maxDepth: Infinity });
    assert.deepEqual(globWalk('specs/*.json', dynamic), { base: 'specs', maxDepth: 0 });
    assert.deepEqual(globWalk('specs/*/x.json', dynamic), { base: 'specs', maxDepth: 1 });
    assert.deepEqual(globWalk('*.json', dynamic), { base: '.', maxDepth: 0 });
    assert.deepEqual(globWalk('/abs/dir/**', dynamic), { base: '/abs/dir', maxDepth: Infinity });
  });

  test('validate | head: a closed stdout ends the run quietly, no EPIPE stack trace', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    for (let i = 0; i < 40; i++) writeFileSync(join(broken, `b${i}-connectionSpec.json`), VALID.replace('"name":', '"nmae": 1, "name":'));
    const child = spawn(process.execPath, [await bundledCliPath(), 'validate', 'broken'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.destroy(); // like `| head` exiting before the first line
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.doesNotMatch(stderr, /EPIPE|at .*\(.*:\d+:\d+\)/, stderr);
    assert.ok(code === 0 || code === 1, `exit ${code}`);
  });

  test('-o refuses FIFOs, devices and folders always, and symlinks unless --force (which writes through them)', async () => {
    const fifo = join(dir, 'pipe.json');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    assert.deepEqual(await resolveOutputTarget(fifo, 'pipe.json', true), { ok: false, message: 'pipe.json is a named pipe (FIFO); -o writes regular files only' });
    assert.match((await resolveOutputTarget('/dev/null', '/dev/null', true) as { message: string }).message, /is a device/);
    assert.match((await resolveOutputTarget(dir, 'here', true) as { message: string }).message, /is a folder/);
    const run = await cliProcess(['pull', 'flow-spec', REST, '-o', 'pipe.json'], env, dir);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /named pipe/);

    writeFileSync(join(dir, 'real-flowSpec.json'), '{}\n');
    symlinkSync('real-flowSpec.json', join(dir, 'link-flowSpec.json'));
    const refused = await cliProcess(['pull', 'flow-spec', REST, '-o', 'link-flowSpec.json'], env, dir);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /link-flowSpec\.json is a symbolic link; not written \(use --force/);
    assert.ok(lstatSync(join(dir, 'link-flowSpec.json')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'real-flowSpec.json'), 'utf8'), '{}\n');
    const forced = await cliProcess(['pull', 'flow-spec', REST, '-o', 'link-flowSpec.json', '--force'], env, dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok(lstatSync(join(dir, 'link-flowSpec.json')).isSymbolicLink(), 'the link is still a link');
    assert.equal(JSON.parse(readFileSync(join(dir, 'real-flowSpec.json'), 'utf8')).name, 'RestStorageToAEP');
  });

  test('a URL with user:password@ is a configuration error (exit 2) that never echoes them', async () => {
    writeFileSync(join(dir, 'cred-connectionSpec.json'), VALID);
    for (const variable of ['SOURCES_SDK_PLATFORM_URL', 'SOURCES_SDK_IMS_URL']) {
      const url = emulator.url.replace('http://', 'http://someone:hunter2@');
      const run = await cliProcess(['push', 'cred-connectionSpec.json'], { ...env, [variable]: url }, dir);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.doesNotMatch(run.stdout + run.stderr, /hunter2|someone/);
      assert.match(run.stderr, /contains a user name or password/);
    }
  });

  test('emulator: a non-loopback --host needs --allow-remote, and then warns', async () => {
    const refused = await cliProcess(['emulator', '--host', '0.0.0.0', '--port', '0'], {}, dir);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /not a loopback address.*--allow-remote/s);
    const child = spawn(process.execPath, [await bundledCliPath(), 'emulator', '--host', '0.0.0.0', '--port', '0', '--allow-remote', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    try {
      await waitFor(() => /listening on/.test(stdout) && /warning: listening on 0\.0\.0\.0/.test(stderr), 'the listening line and the warning');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});

/**
 * The CLI's seam to its process (cli/io.ts): `main(argv, io)` writes only through `io`, reads only `io.env`, leaves
 * the test process's exit code alone, and test/helpers/cliInProcess.ts puts the working folder back after each run.
 * The in-process CLI tests rest on these.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../cli/cli';
import type { CliIO } from '../../cli/io';
import { TOOL_VERSION } from '../../core/version';
import { cliInProcess } from '../helpers/cliInProcess';
import { tempFolders } from '../helpers/tempFolders';

const tempFolder = tempFolders();

function capture(env: NodeJS.ProcessEnv = {}): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => { io.stdout += text; },
    err: (text: string) => { io.stderr += text; },
    env,
    cwd: process.cwd(),
  };
  return io;
}

const exitCodeBefore = process.exitCode;
after(() => assert.equal(process.exitCode, exitCodeBefore, 'no in-process run set this process\'s exit code'));

test('--version and --help are written to io, exit 0', async () => {
  const version = capture();
  assert.equal(await main(['--version'], version), 0);
  assert.equal(version.stdout.trim(), TOOL_VERSION);
  const help = capture();
  assert.equal(await main(['--help'], help), 0);
  assert.match(help.stdout, /^Usage: sources-sdk /m);
  assert.match(help.stdout, /validate/);
});

test('a failing command returns its code without setting the process exit code', async () => {
  const io = capture();
  assert.equal(await main(['validate', 'no-such-connectionSpec.json'], io), 2);
  assert.match(io.stderr, /no-such-connectionSpec\.json: no such file or directory/);
  assert.equal(io.stdout, '');
  assert.equal(process.exitCode, exitCodeBefore);
  const usage = capture();
  assert.equal(await main(['no-such-command'], usage), 2);
  assert.match(usage.stderr, /unknown command/);
});

test('the environment is io.env only: a variable of this process is not seen', async () => {
  const dir = tempFolder('inproc-env-');
  writeFileSync(join(dir, 'env-connectionSpec.json'), JSON.stringify({
    authSpec: [{ name: 'Key', type: 'KeyBased', spec: { type: 'object', properties: { apiKey: { type: 'string', format: 'password' } } } }],
    sourceSpec: { attributes: { urlParams: { path: 'http://127.0.0.1:9/x', method: 'GET' } } },
  }));
  process.env.SSDK_IN_PROCESS_ONLY_HERE = 'visible to the process, not to the CLI';
  try {
    const run = await cliInProcess(['preview', 'env-connectionSpec.json', '--auth', 'Key', '--set-env', 'apiKey=SSDK_IN_PROCESS_ONLY_HERE'], {}, dir);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /SSDK_IN_PROCESS_ONLY_HERE is not set/);
  } finally {
    delete process.env.SSDK_IN_PROCESS_ONLY_HERE;
  }
});

test('the working folder is the run\'s while it runs and this process\'s afterwards, also after a failure', async () => {
  const before = process.cwd();
  const dir = realpathSync(tempFolder('inproc-cwd-'));
  writeFileSync(join(dir, 'here-connectionSpec.json'), '{ "name": ');
  const run = await cliInProcess(['validate', 'here-connectionSpec.json'], {}, dir);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stdout, /^here-connectionSpec\.json:1:\d+ error SSDK00\d/m, 'a path relative to the run\'s folder, shown relative to it');
  assert.equal(process.cwd(), before);
  await assert.rejects(cliInProcess(['validate', 'x.json'], {}, join(dir, 'missing-folder')), /ENOENT/);
  assert.equal(process.cwd(), before);
});

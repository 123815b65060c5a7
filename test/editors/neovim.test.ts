/**
 * The shipped Neovim set-up (editors/neovim/sources-sdk.lua) drives the language server from headless Neovim (Debian's
 * `neovim`, 0.7.2 on the CI machine): the spec gets its filetype, diagnostics arrive (an unresolved placeholder error,
 * the `http: //` typo warning), completion after `${` lists the declared parameters, and the typo's quick fix applied
 * through Neovim's LSP client repairs the line and clears the diagnostic. The Lua file is used as a user copies it:
 * its default command `sources-sdk-language-server --stdio` is found on PATH (here a shim running dist/server.js, as
 * the npm package's bin does). `npm run test:editors`, run by .ci/run; it fails (never skips) without nvim.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { tempFolders } from '../helpers/tempFolders';

const tempFolder = tempFolders();
const ROOT = join(__dirname, '..', '..');
const SETUP = join(ROOT, 'editors', 'neovim', 'sources-sdk.lua');
const DRIVER = join(__dirname, 'nvimDriver.lua');

interface DriverResult {
  version: { major: number; minor: number; patch: number };
  steps: string[];
  error?: string;
  filetype?: string;
  clients?: number;
  client_name?: string;
  diagnostics?: Array<{ code: string; message: string; line: number; source: string; severity: number }>;
  completion?: string[];
  actions?: string[];
  fixed?: string;
  cleared?: boolean;
}

/** Runs headless Neovim with the shipped set-up and the driver; resolves with what the driver recorded. */
function runNeovim(spec: string, home: string, bin: string): Promise<DriverResult> {
  const resultFile = join(home, 'result.json');
  const env = {
    PATH: [bin, process.env.PATH ?? ''].join(delimiter),
    HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'), XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache'),
    SSDK_SPEC: spec, SSDK_RESULT: resultFile,
  };
  // --clean: no user config or plugins; the set-up file is sourced as plugin/ would, then `filetype on` as startup does.
  const args = ['--headless', '--clean', '-n', '--cmd', `luafile ${SETUP}`, '-c', `luafile ${DRIVER}`];
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', args, { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (!existsSync(resultFile)) return reject(new Error(`nvim exited (${code}) without a result:\n${output}`));
      resolve(JSON.parse(readFileSync(resultFile, 'utf8')) as DriverResult);
    });
  });
}

describe('Neovim with editors/neovim/sources-sdk.lua', () => {
  let result: DriverResult;

  before(async () => {
    const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.equal(nvim.status, 0, 'nvim is installed (CI: apt-get install neovim; see .ci/run)');
    assert.ok(existsSync(join(ROOT, 'dist', 'server.js')), 'dist/server.js exists (run node esbuild.mjs)');
    const home = tempFolder('nvim-');
    const bin = join(home, 'bin');
    mkdirSync(join(home, 'specs', '.git'), { recursive: true });
    mkdirSync(bin);
    const shim = join(bin, 'sources-sdk-language-server');
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist', 'server.js')}" "$@"\n`);
    chmodSync(shim, 0o755);
    const spec = join(home, 'specs', 'acme-crm-connectionSpec.json');
    copyFileSync(join(ROOT, 'examples', 'acme-crm-connectionSpec.json'), spec);
    const text = readFileSync(spec, 'utf8')
      .replace('"$schema": "http://json-schema.org/draft-07/schema#"', '"$schema": "http: //json-schema.org/draft-07/schema#"')
      .replace('"path": "/v2/segments/${segmentId}/contacts"', '"path": "/v2/segments/${segmentId}/${listId}/contacts"');
    writeFileSync(spec, text);
    result = await runNeovim(spec, home, bin);
    assert.equal(result.error, undefined, JSON.stringify(result, null, 1));
  });

  test('the spec gets its filetype and one sources_sdk client', () => {
    assert.ok(result.version.major === 0 && result.version.minor >= 7, `Neovim ${JSON.stringify(result.version)}`);
    assert.equal(result.filetype, 'sources-sdk-connection-spec');
    assert.equal(result.clients, 1);
    assert.equal(result.client_name, 'sources_sdk');
  });

  test('diagnostics: the unresolved placeholder error and the http: // typo warning, from sources-sdk', () => {
    const codes = result.diagnostics!.map((d) => d.code);
    assert.ok(codes.includes('SSDK101'), JSON.stringify(result.diagnostics));
    assert.ok(codes.includes('SSDK703'), JSON.stringify(result.diagnostics));
    const unresolved = result.diagnostics!.find((d) => d.code === 'SSDK101')!;
    assert.match(unresolved.message, /listId/);
    assert.equal(unresolved.severity, 1, 'an error');
    assert.ok(result.diagnostics!.every((d) => d.source === 'sources-sdk'));
  });

  test('completion after ${ lists the declared parameters', () => {
    for (const name of ['segmentId', 'host', 'clientId']) assert.ok(result.completion!.includes(name), `${name} in ${JSON.stringify(result.completion)}`);
  });

  test('the typo quick fix repairs the line and the warning goes away', () => {
    assert.ok(result.actions!.length > 0);
    assert.equal(result.fixed!.trim(), '"$schema": "http://json-schema.org/draft-07/schema#",');
    assert.equal(result.cleared, true);
    assert.deepEqual(result.steps, ['open', 'diagnostics', 'client', 'completion', 'quick fix']);
  });
});

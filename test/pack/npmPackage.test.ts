/**
 * The CLI as an installable package (issue 23 point 1): `npm pack` holds exactly the CLI, the language server, the
 * schemas, the docs its SARIF links point to, README, CHANGELOG, LICENSE and package.json, packed under 1.5 MB; the
 * tarball installs into a fresh folder with `npm install <tgz>`, where `npx sources-sdk --version` and `validate`
 * work (exit codes and output checked) and `dist/server.js --stdio` starts.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolders } from '../helpers/tempFolders';
import { installTarball, npm, packRepository, ROOT, type PackedTarball } from '../helpers/packedCli';

const tempFolder = tempFolders();
/** The packed size the docs promise (issue 23: under 1.5 MB). */
const MAX_PACKED_BYTES = 1.5 * 1000 * 1000;
const EXPECTED_FILES = [
  'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/server.js', 'docs/diagnostics.md', 'package.json',
  'schemas/connection-spec.schema.json', 'schemas/flow-spec.schema.json',
];

describe('the npm package', () => {
  let tarball: PackedTarball;
  let project: string;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js exists (run node esbuild.mjs)');
    tarball = packRepository(tempFolder('npm-pack-'));
    project = tempFolder('npm-install-');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'ci-job', version: '1.0.0', private: true }));
    installTarball(tarball.path, project);
  });

  test('holds exactly the CLI, the server, the schemas, the SARIF docs and the package texts, under 1.5 MB', () => {
    assert.deepEqual(tarball.files.map((f) => f.path).sort(), EXPECTED_FILES);
    assert.ok(tarball.size < MAX_PACKED_BYTES, `packed ${tarball.size} bytes`);
    assert.ok(readFileSync(join(ROOT, 'docs', 'install.md'), 'utf8').includes('under 1.5 MB'), 'docs/install.md states the size');
  });

  test('package.json: the bin, the files list, and a package that cannot be published by accident', () => {
    assert.deepEqual(pkg.bin, { 'sources-sdk': './dist/cli.js', 'sources-sdk-language-server': './dist/server.js' });
    assert.ok(pkg.files.includes('dist/cli.js') && pkg.files.includes('dist/server.js'));
    assert.equal(pkg.private, true, 'see docs/install.md: publishing is a deliberate release step');
    assert.equal(pkg.scripts.prepack, 'node scripts/package.mjs --build-only');
  });

  test('npx sources-sdk --version prints the package version, exit 0', () => {
    const result = npm(['--no-install', 'sources-sdk', '--version'], project, 'npx');
    assert.equal(result.stdout.trim(), pkg.version);
  });

  test('the installed sources-sdk validates: exit 0 on a valid spec, 1 with the error on a broken one, 2 on a bad path', () => {
    copyFileSync(join(ROOT, 'examples', 'acme-crm-connectionSpec.json'), join(project, 'acme-crm-connectionSpec.json'));
    copyFileSync(join(ROOT, 'examples', 'broken-connectionSpec.json'), join(project, 'broken-connectionSpec.json'));
    const bin = join(project, 'node_modules', '.bin', 'sources-sdk');
    const run = (args: string[]) => spawnSync(bin, args, { cwd: project, encoding: 'utf8' });
    let result = run(['validate', 'acme-crm-connectionSpec.json']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /1 file checked: 0 errors/);
    result = run(['validate', 'broken-connectionSpec.json', '--format', 'sarif']);
    assert.equal(result.status, 1, result.stderr);
    const sarif = JSON.parse(result.stdout);
    assert.ok(sarif.runs[0].results.some((r: { level: string }) => r.level === 'error'));
    // The SARIF links point at the diagnostics page inside the installed package.
    assert.match(sarif.runs[0].tool.driver.informationUri, /node_modules\/sources-sdk-tools\/docs\/diagnostics\.md$/);
    result = run(['validate', 'no-such-file.json']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /no-such-file\.json/);
  });

  test('the installed sources-sdk-language-server answers initialize over stdio', async () => {
    // The bin editors start (docs/editors.md): linked by npm, runnable without `node` in front.
    const server = spawn(join(project, 'node_modules', '.bin', 'sources-sdk-language-server'), ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    const answer = new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('"id":1')) resolve(out);
      });
      server.on('exit', (code) => reject(new Error(`server exited (${code}) before answering`)));
    });
    server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    try {
      assert.match(await answer, /"serverInfo":\{"name":"[^"]+","version":"0\.\d+\.\d+"\}/);
    } finally {
      server.kill();
    }
  });
});

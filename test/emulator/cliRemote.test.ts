/**
 * The CLI end to end: `sources-sdk emulator --port 0` in a child process, then `push`, `diff`, `register`, `pull`
 * as child processes configured only through SOURCES_SDK_* variables.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnCliEmulator, type CliEmulator } from './helpers/cliEmulator';
import { cli, cliEnv, cliProcess } from './helpers/runCli';
import { validConnectionSpec as sampleConnectionSpec } from '../unit/fakes/specFixtures';
import { tempFolders } from '../helpers/tempFolders';

const tempFolder = tempFolders();

const REST = '6499120c-0b15-42dc-936e-847ea3c24d72';

describe('sources-sdk pull/push/diff/register against `sources-sdk emulator`', () => {
  let emulator: CliEmulator;
  let env: Record<string, string>;
  let dir: string;
  before(async () => {
    emulator = await spawnCliEmulator(['--port', '0']);
    env = cliEnv(emulator.url, { clientId: 'cli-test-client', clientSecret: 'cli-test-secret', orgId: 'CLITEST@AdobeOrg' });
    dir = tempFolder('cli-remote-');
  });
  after(async () => {
    emulator.child.kill('SIGTERM');
    await emulator.exited;
  });

  test('missing configuration → exit 2 naming the variable', async () => {
    const run = await cli(['push', 'x-connectionSpec.json'], { ...env, SOURCES_SDK_CLIENT_SECRET: undefined }, dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /SOURCES_SDK_CLIENT_SECRET/);
  });

  test('a non-Adobe platform URL is refused (exit 2)', async () => {
    writeFileSync(join(dir, 'lonely-connectionSpec.json'), JSON.stringify(sampleConnectionSpec('Lonely')));
    const run = await cli(['diff', 'lonely-connectionSpec.json'], { ...env, SOURCES_SDK_PLATFORM_URL: 'https://example.com' }, dir);
    assert.equal(run.code, 2);
    assert.match(run.stdout + run.stderr, /Refusing to send credentials to https:\/\/example\.com/);
  });

  test('push many → diff → register → conflict → --force → pull', async () => {
    const files = Array.from({ length: 12 }, (_, i) => `s${i}-connectionSpec.json`);
    files.forEach((f, i) => writeFileSync(join(dir, f), `${JSON.stringify(sampleConnectionSpec(`CLI source ${i}`), null, 2)}\n`));
    const pushed = await cli(['push', ...files, '--concurrency', '4'], env, dir);
    assert.equal(pushed.code, 0, pushed.stderr + pushed.stdout);
    assert.equal(pushed.stdout.match(/^created /gm)?.length, 12);
    assert.match(pushed.stderr, /12 created/);
    const links = JSON.parse(readFileSync(join(dir, '.sources-sdk/links.json'), 'utf8'));
    const linked = links.environments["local|CLITEST@AdobeOrg|prod"];
    assert.equal(Object.keys(linked).length, 12);
    const firstId = linked['s0-connectionSpec.json'].remoteId as string;

    const same = await cli(['diff', ...files], env, dir);
    assert.equal(same.code, 0, same.stdout + same.stderr);
    assert.equal(same.stdout.match(/^same /gm)?.length, 12);

    // SSDK820 (linked, registered in no flow spec) on every pushed file; a successful register clears it on s0 only.
    const unregistered = async () => {
      const run = await cli(['validate', '.', '--format', 'json'], env, dir);
      return (JSON.parse(run.stdout) as Array<{ file: string; code: string }>).filter((f) => f.code === 'SSDK820').map((f) => f.file).sort();
    };
    assert.deepEqual(await unregistered(), [...files].sort());
    const reg = await cli(['register', 's0-connectionSpec.json'], env, dir);
    assert.equal(reg.code, 0, reg.stderr);
    assert.match(reg.stdout, new RegExp(`registered ${firstId} in RestStorageToAEP \\(${REST}\\).*none removed`));
    assert.deepEqual(await unregistered(), files.filter((f) => f !== 's0-connectionSpec.json').sort());
    const flow = await cli(['pull', 'flow-spec', REST], env, dir);
    const ids = JSON.parse(flow.stdout).sourceConnectionSpecIds as string[];
    assert.ok(ids.includes('4e98f16f-87d6-4ef0-bdc6-7a2b0fe76e62') && ids.includes(firstId));
    assert.equal(JSON.parse(flow.stdout).id, undefined, 'pulled files are authoring form');
    const again = await cli(['register', firstId], env, dir);
    assert.match(again.stdout, /already registered/);

    // Change s1 "behind the CLI's back" via a pull to another file + push with --force, then edit locally.
    const s1 = join(dir, 's1-connectionSpec.json');
    const other = tempFolder('cli-other-');
    writeFileSync(join(other, 's1-connectionSpec.json'), JSON.stringify({ ...sampleConnectionSpec('CLI source 1'), description: 'changed elsewhere' }));
    const elsewhere = await cli(['push', 's1-connectionSpec.json', '--adopt'], env, other);
    assert.equal(elsewhere.code, 0, elsewhere.stdout);
    writeFileSync(s1, JSON.stringify({ ...sampleConnectionSpec('CLI source 1'), description: 'mine' }));
    const differs = await cli(['diff', 's1-connectionSpec.json', '--unified'], env, dir);
    assert.equal(differs.code, 1);
    assert.match(differs.stdout, /differs\s+s1-connectionSpec\.json: 1 change: description changed \[remote changed since last sync\]/);
    assert.match(differs.stdout, /^-.*changed elsewhere/m);
    assert.match(differs.stdout, /^\+.*"mine"/m);
    const refused = await cli(['push', 's1-connectionSpec.json'], env, dir);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /remote spec .* changed since the last sync.*sources-sdk diff.*--force/);
    const forced = await cli(['push', 's1-connectionSpec.json', '--force'], env, dir);
    assert.equal(forced.code, 0, forced.stdout);
    assert.match(forced.stdout, /^updated /m);

    // pull -o refuses to overwrite a different file, works with --force, leaves no temp files.
    const s2 = join(dir, 's2-connectionSpec.json');
    writeFileSync(s2, '{"name": "CLI source 2", "local": true}\n');
    const s2Id = linked['s2-connectionSpec.json'].remoteId as string;
    const noClobber = await cli(['pull', 'connection-spec', s2Id, '-o', 's2-connectionSpec.json'], env, dir);
    assert.equal(noClobber.code, 1);
    assert.match(noClobber.stderr, /exists and differs.*--force/);
    assert.match(readFileSync(s2, 'utf8'), /"local": true/);
    const clobber = await cli(['pull', 'connection-spec', 'CLI source 2', '-o', 's2-connectionSpec.json', '--force'], env, dir);
    assert.equal(clobber.code, 0, clobber.stderr);
    assert.equal(JSON.parse(readFileSync(s2, 'utf8')).name, 'CLI source 2');
    assert.equal(readdirSync(dir).filter((f) => f.startsWith('.tmp-')).length, 0, 'no temp file of the atomic write is left');
  });

  test('a failed pull leaves no file behind', async () => {
    const run = await cli(['pull', 'connection-spec', '00000000-0000-4000-8000-000000000000', '-o', 'ghost-connectionSpec.json'], env, dir);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /FLOW-\d+-404/);
    assert.equal(existsSync(join(dir, 'ghost-connectionSpec.json')), false);
  });

  test('push refuses files with validation errors unless --no-validate', async () => {
    writeFileSync(join(dir, 'broken-connectionSpec.json'), JSON.stringify({ name: 'Broken', providerId: 'x', authSpec: 'not an array' }));
    const run = await cli(['push', 'broken-connectionSpec.json'], env, dir);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /refused\s+broken-connectionSpec\.json: \d+ validation error/);
  });

  test('usage errors exit 2', async () => {
    const run = await cli(['pull', 'widget-spec', 'x'], env, dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown spec kind "widget-spec"/);
  });

  test('a spec saved with a byte order mark and CRLF line ends pushes, then diffs as the same', async () => {
    const text = `\uFEFF${JSON.stringify(sampleConnectionSpec('Windows saved'), null, 2).replace(/\n/g, '\r\n')}\r\n`;
    writeFileSync(join(dir, 'bom-connectionSpec.json'), text);
    const pushed = await cli(['push', 'bom-connectionSpec.json'], env, dir);
    assert.equal(pushed.code, 0, pushed.stdout + pushed.stderr);
    assert.match(pushed.stdout, /^created\s+bom-connectionSpec\.json/m);
    const compared = await cli(['diff', 'bom-connectionSpec.json'], env, dir);
    assert.equal(compared.code, 0, compared.stdout + compared.stderr);
    assert.match(compared.stdout, /^same\s+bom-connectionSpec\.json/m);
  });

  test('two push processes at once in one workspace keep both links', async () => {
    const workspace = tempFolder('cli-parallel-');
    const groups = [0, 1].map((g) => Array.from({ length: 6 }, (_, i) => `p${g}-${i}-connectionSpec.json`));
    groups.flat().forEach((f) => writeFileSync(join(workspace, f), JSON.stringify(sampleConnectionSpec(`Parallel ${f}`), null, 2)));
    const runs = await Promise.all(groups.map((files) => cliProcess(['push', ...files], env, workspace)));
    for (const run of runs) assert.equal(run.code, 0, run.stdout + run.stderr);
    const links = JSON.parse(readFileSync(join(workspace, '.sources-sdk/links.json'), 'utf8'));
    assert.equal(Object.keys(links.environments["local|CLITEST@AdobeOrg|prod"]).length, 12);
  });

  test('pull over a copy that differs only in CRLF line ends and a BOM (git autocrlf) is not a conflict', async () => {
    writeFileSync(join(dir, 'crlf-connectionSpec.json'), JSON.stringify(sampleConnectionSpec('CRLF copy'), null, 2));
    const pushed = await cli(['push', 'crlf-connectionSpec.json'], env, dir);
    assert.equal(pushed.code, 0, pushed.stdout + pushed.stderr);
    const target = join(dir, 'crlf-pulled-connectionSpec.json');
    const first = await cli(['pull', 'connection-spec', 'CRLF copy', '-o', 'crlf-pulled-connectionSpec.json'], env, dir);
    assert.equal(first.code, 0, first.stderr);
    const windowsCopy = `\uFEFF${readFileSync(target, 'utf8').replace(/\n/g, '\r\n')}`;
    writeFileSync(target, windowsCopy);
    const again = await cli(['pull', 'connection-spec', 'CRLF copy', '-o', 'crlf-pulled-connectionSpec.json'], env, dir);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(readFileSync(target, 'utf8'), windowsCopy, 'the same content is left as the user saved it');
  });
});

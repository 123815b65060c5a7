import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledCliPath, spawnCliEmulator } from './helpers/cliEmulator';
import { sampleConnectionSpec, TEST_ORG_ID } from './helpers/emulator';
import type { LooseJson } from '../helpers/looseJson';
import { tempFolders } from '../helpers/tempFolders';

const tempFolder = tempFolders();

async function token(url: string, id: string, secret: string): Promise<Response> {
  return fetch(`${url}/ims/token/v3`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret }).toString(),
  });
}

describe('sources-sdk emulator (CLI)', () => {
  test('prints exactly the listening line, honours credentials, faults and --seed-dir, exits 0 on SIGINT', async () => {
    const seedDir = tempFolder('seed-');
    try {
      mkdirSync(join(seedDir, 'nested'));
      writeFileSync(join(seedDir, 'nested', 'acme-connectionSpec.json'), JSON.stringify(sampleConnectionSpec('Seeded from dir')));
      writeFileSync(join(seedDir, 'settings.json'), JSON.stringify({ 'sourcesSdk.environments': [] }));
      const emu = await spawnCliEmulator([
        '--client-id', 'cli-id',
        '--client-secret', 'cli-secret',
        '--fault', '503:times=1:path=/flowSpecs',
        '--seed-dir', seedDir,
      ]);
      try {
        assert.match(emu.stdout(), /^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
        assert.equal((await token(emu.url, 'cli-id', 'wrong')).status, 401);
        const ok = await token(emu.url, 'cli-id', 'cli-secret');
        assert.equal(ok.status, 200);
        const accessToken = ((await ok.json()) as LooseJson).access_token as string;
        const headers = { authorization: `Bearer ${accessToken}`, 'x-api-key': 'cli-id', 'x-gw-ims-org-id': TEST_ORG_ID, 'x-sandbox-name': 'prod' };
        const base = `${emu.url}/data/foundation/flowservice`;
        assert.equal((await fetch(`${base}/flowSpecs`, { headers })).status, 503);
        assert.equal((await fetch(`${base}/flowSpecs`, { headers })).status, 200);
        const specs = (await (await fetch(`${base}/connectionSpecs`, { headers })).json()) as LooseJson;
        assert.deepEqual(specs.items.map((s: LooseJson) => s.name), ['datalake', 'Seeded from dir'], 'the platform\'s data lake spec, then the seed');
        assert.match(emu.stderr(), /seeding 1 connection spec\(s\) and 0 flow spec\(s\)/);
        assert.match(emu.stderr(), /GET \/data\/foundation\/flowservice\/flowSpecs 503 /);
        assert.ok(!emu.stderr().includes(accessToken), 'tokens never reach the log');
      } finally {
        emu.child.kill('SIGINT');
      }
      const exit = await emu.exited;
      assert.equal(exit.code, 0);
    } finally {
      rmSync(seedDir, { recursive: true, force: true });
    }
  });

  test('usage errors exit 2: bad port, bad fault, id without secret', async () => {
    const cli = await bundledCliPath();
    const env = { ...process.env };
    delete env.SOURCES_SDK_EMULATOR_CLIENT_SECRET;
    for (const args of [['--port', 'abc'], ['--fault', '418'], ['--client-id', 'only-id']]) {
      const result = spawnSync(process.execPath, [cli, 'emulator', ...args], { encoding: 'utf8', timeout: 15000, env });
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /sources-sdk emulator: /);
    }
  });

  test('a port already in use exits 2 saying so; a seed file with a byte order mark is read', async () => {
    const seedDir = tempFolder('seed-bom-');
    writeFileSync(join(seedDir, 'bom-connectionSpec.json'), `\uFEFF${JSON.stringify(sampleConnectionSpec('Seeded with BOM'))}`);
    const first = await spawnCliEmulator(['--port', '0', '--seed-dir', seedDir]);
    try {
      assert.match(first.stderr(), /seeding 1 connection spec\(s\)/);
      const cli = await bundledCliPath();
      const port = new URL(first.url).port;
      const second = spawnSync(process.execPath, [cli, 'emulator', '--port', port], { encoding: 'utf8', timeout: 15000 });
      assert.equal(second.status, 2, second.stderr);
      assert.equal(second.stdout, '');
      assert.match(second.stderr, new RegExp(`sources-sdk emulator: port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      first.child.kill('SIGINT');
      await first.exited;
    }
  });
});

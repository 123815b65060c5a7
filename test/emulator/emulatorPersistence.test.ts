import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEmulator, sampleConnectionSpec, withEmulator, TEST_ORG_ID } from './helpers/emulator';
import { spawnCliEmulator } from './helpers/cliEmulator';
import type { LooseJson } from '../helpers/looseJson';

const REST_ID = '6499120c-0b15-42dc-936e-847ea3c24d72';

function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'ssdk-emu-data-'));
}

/** Every file under `dir`, recursively. */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? allFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('emulator persistence', () => {
  test('a restart on the same data folder keeps created and updated specs, including edited seeds', async () => {
    const dataDir = tempDataDir();
    try {
      const first = await startTestEmulator({ dataDir });
      const created = await first.create('connectionSpecs', sampleConnectionSpec('Survives restart'));
      const inDev = await first.create('connectionSpecs', sampleConnectionSpec('Dev survives'), { sandbox: 'dev' });
      const rest = (await first.call('GET', `/flowSpecs/${REST_ID}`)).body.items[0];
      const updated = await first.call('PUT', `/flowSpecs/${REST_ID}`, {
        body: { ...rest, sourceConnectionSpecIds: [...rest.sourceConnectionSpecIds, created.id] },
      });
      assert.equal(updated.status, 200);
      await first.close();

      await withEmulator({ dataDir }, async (second) => {
        const again = await second.call('GET', `/connectionSpecs/${created.id}`);
        assert.equal(again.status, 200);
        assert.deepEqual(again.body.items[0], created);
        assert.equal((await second.call('GET', `/connectionSpecs/${inDev.id}`, { sandbox: 'dev' })).status, 200);
        const restAgain = (await second.call('GET', `/flowSpecs/${REST_ID}`)).body.items[0];
        assert.deepEqual(restAgain, updated.body, 'the edited seed is not re-seeded over');
        // New writes after a restart still get later timestamps than anything stored.
        const later = await second.call('PUT', `/connectionSpecs/${created.id}`, { body: sampleConnectionSpec('Renamed') });
        assert.ok(later.body.updatedAt > updated.body.updatedAt);
      });
      for (const file of allFiles(dataDir)) {
        assert.ok(!file.includes('.tmp-'), `no temp files left: ${file}`);
        if (!file.endsWith('.key')) JSON.parse(readFileSync(file, 'utf8')); // keys (the token signing key) are not JSON
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('without a data folder nothing is written and a restart starts fresh', async () => {
    const first = await startTestEmulator();
    const created = await first.create('connectionSpecs', sampleConnectionSpec('Ephemeral'));
    await first.close();
    await withEmulator({}, async (second) => {
      assert.equal((await second.call('GET', `/connectionSpecs/${created.id}`)).status, 404);
    });
  });

  test('kill -9 during a burst of writes loses no acknowledged create', async () => {
    const dataDir = tempDataDir();
    try {
      const first = await spawnCliEmulator(['--data', dataDir, '--port', '0', '--quiet']);
      const tokenFor = async (url: string) => {
        const response = await fetch(`${url}/ims/token/v3`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=client_credentials&client_id=kill-test&client_secret=s',
        });
        return ((await response.json()) as LooseJson).access_token as string;
      };
      const headers = (token: string) => ({
        authorization: `Bearer ${token}`,
        'x-api-key': 'kill-test',
        'x-gw-ims-org-id': TEST_ORG_ID,
        'x-sandbox-name': 'prod',
        'content-type': 'application/json',
      });
      const token = await tokenFor(first.url);
      const acknowledged: string[] = [];
      let attempted = 0;
      let failures = 0;
      // Eight writers keep creating until the process dies under them.
      const writer = async (n: number) => {
        for (;;) {
          attempted++;
          try {
            const response = await fetch(`${first.url}/data/foundation/flowservice/connectionSpecs`, {
              method: 'POST',
              headers: headers(token),
              body: JSON.stringify(sampleConnectionSpec(`Burst ${n}-${attempted}`)),
            });
            if (response.status !== 201) throw new Error(`status ${response.status}`);
            acknowledged.push(((await response.json()) as LooseJson).id);
          } catch {
            failures++;
            return; // the server is gone
          }
        }
      };
      const writers = Array.from({ length: 8 }, (_, n) => writer(n));
      // Kill once a good number of writes were acknowledged, while the others are still in flight.
      const deadline = Date.now() + 20000;
      while (acknowledged.length < 150 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
      assert.ok(acknowledged.length >= 150, 'writes were acknowledged before the kill');
      first.child.kill('SIGKILL');
      await Promise.all(writers);
      const exit = await first.exited;
      assert.equal(exit.signal, 'SIGKILL');
      assert.ok(failures > 0, 'some requests were cut off by the kill');

      const files = allFiles(dataDir).filter((f) => !f.includes('.tmp-') && !f.endsWith('.key'));
      for (const file of files) JSON.parse(readFileSync(file, 'utf8')); // every stored file is complete JSON

      const second = await spawnCliEmulator(['--data', dataDir, '--port', '0', '--quiet']);
      try {
        const token2 = await tokenFor(second.url);
        const ids = new Set<string>();
        let href: string | undefined = '/connectionSpecs?limit=500';
        while (href) {
          const response = await fetch(`${second.url}/data/foundation/flowservice${href}`, { headers: headers(token2) });
          assert.equal(response.status, 200);
          const page = (await response.json()) as LooseJson;
          for (const item of page.items) ids.add(item.id);
          href = page._links?.next?.href;
        }
        const lost = acknowledged.filter((id) => !ids.has(id));
        assert.deepEqual(lost, [], `acknowledged ${acknowledged.length}, found ${ids.size}`);
        assert.equal(readdirSync(dataDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).length, 1, 'one org folder');
      } finally {
        second.child.kill('SIGTERM');
        const clean = await second.exited;
        assert.equal(clean.code, 0, 'SIGTERM closes cleanly with exit code 0');
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

// Issue 7, defect 8: two processes pushing the same unlinked file both created it (4 rounds of 10), leaving two remote
// specs with one name. Now a push holds the file's lock across lookup, create and link, so the second process sees
// the first one's link and reports `unchanged`. Real CLI processes against a real emulator process.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { findSpecsByName } from '../../core/api/nameLookup';
import { spawnCliEmulator, type CliEmulator } from '../emulator/helpers/cliEmulator';
import { cliProcess, cliEnv } from '../emulator/helpers/runCli';
import { validConnectionSpec } from '../unit/fakes/specFixtures';

describe('no duplicate create across processes', () => {
  let emulator: CliEmulator;
  let env: Record<string, string>;
  const roots: string[] = [];
  before(async () => {
    emulator = await spawnCliEmulator(['--port', '0']);
    env = cliEnv(emulator.url, { clientId: 'race-client', clientSecret: 'race-secret', orgId: 'RACE@AdobeOrg' }, {
      SOURCES_SDK_SANDBOX: 'dev',
    });
  });
  after(async () => {
    emulator.child.kill('SIGTERM');
    await emulator.exited;
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  test('pushes of one unlinked file from several processes at once create it once; the others see the link', async () => {
    const client = createFlowServiceClient({
      environment: { name: 'check', platformUrl: emulator.url, imsUrl: emulator.url, orgId: 'RACE@AdobeOrg', clientId: 'race-client', sandbox: 'dev', scopes: ['openid'] },
      clientSecret: 'race-secret',
    });
    for (let round = 0; round < 4; round++) {
      const root = mkdtempSync(join(tmpdir(), 'push-race-'));
      roots.push(root);
      // Round 3 uses a name the property filter cannot express (a comma): the lookup must still be exact.
      const name = round === 3 ? `Race, round ${round}` : `Race round ${round}`;
      writeFileSync(join(root, 'race-connectionSpec.json'), `${JSON.stringify(validConnectionSpec(name), null, 2)}\n`);
      const runs = await Promise.all(Array.from({ length: 4 }, () => cliProcess(['push', 'race-connectionSpec.json'], env, root)));
      for (const run of runs) assert.equal(run.code, 0, run.stdout + run.stderr);
      const words = runs.map((run) => run.stdout.trim().split(/\s+/)[0]).sort();
      assert.deepEqual(words, ['created', 'unchanged', 'unchanged', 'unchanged'], runs.map((r) => r.stdout).join(''));
      const remotes = await findSpecsByName(client, 'connectionSpecs', name);
      assert.equal(remotes.length, 1, `round ${round}: ${remotes.length} remote specs named "${name}"`);
      const links = JSON.parse(readFileSync(join(root, '.sources-sdk', 'links.json'), 'utf8'));
      assert.equal(links.environments['local|RACE@AdobeOrg|dev']['race-connectionSpec.json'].remoteId, remotes[0]!.id);
    }
  });
});

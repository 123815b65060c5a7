/**
 * `sources-sdk test` end to end: the bundled CLI walks the chain against `sources-sdk emulator` (a child process)
 * whose runs read the fake source. Exit 0 only when the first run succeeded and read at least one record.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnCliEmulator, type CliEmulator } from './helpers/cliEmulator';
import { cli, cliEnv } from './helpers/runCli';
import { chainSpec } from './helpers/chain';
import { FAKE_CREDENTIALS, FAKE_TOTALS, startFakeSource, type FakeSource } from '../helpers/fakeSource';
import type { LooseJson } from '../helpers/looseJson';

describe('sources-sdk test against `sources-sdk emulator` and the fake source', () => {
  let emulator: CliEmulator;
  let source: FakeSource;
  let env: Record<string, string>;
  let dir: string;
  before(async () => {
    source = await startFakeSource();
    emulator = await spawnCliEmulator(['--port', '0']);
    env = cliEnv(emulator.url, { clientId: 'cli-test-client', clientSecret: 'cli-test-secret', orgId: 'CLICHAIN@AdobeOrg' }, {
      SOURCE_PASSWORD: FAKE_CREDENTIALS.password,
    });
    dir = mkdtempSync(join(tmpdir(), 'cli-chain-'));
    writeFileSync(join(dir, 'chain-connectionSpec.json'), `${JSON.stringify(chainSpec(source.url, 'CLI chain source'), null, 2)}\n`);
    const empty = chainSpec(source.url, 'CLI empty source') as LooseJson;
    empty.sourceSpec.attributes.contentPath = '$.nothing';
    writeFileSync(join(dir, 'empty-connectionSpec.json'), `${JSON.stringify(empty, null, 2)}\n`);
  });
  after(async () => {
    emulator.child.kill('SIGTERM');
    await emulator.exited;
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the chain succeeds: exit 0, every step shown, the run read every record, no secret printed', async () => {
    const run = await cli(['test', 'chain-connectionSpec.json', '--auth', 'Basic Authentication', '--set', `username=${FAKE_CREDENTIALS.username}`, '--set-env', 'password=SOURCE_PASSWORD', '--set', 'listId=L-9'], env, dir);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    for (const step of [/connection spec \S+ created/, /registered in flow spec RestStorageToAEP/, /base connection \S+ created/, /explore previewed 3 record/, /source connection/, /target connection/, /flow \S+ created/]) {
      assert.match(run.stdout, step);
    }
    assert.match(run.stdout, new RegExp(`succeeded: ${FAKE_TOTALS.auth} record\\(s\\)`));
    assert.match(run.stdout, /"email":"user1@example.test"/);
    assert.ok(!(run.stdout + run.stderr).includes(FAKE_CREDENTIALS.password));
    assert.match(source.requestsTo('/basic/items').at(-1)!.url, /list=L-9/);

    // Again: the spec is unchanged and already registered; the chain still runs.
    const again = await cli(['test', 'chain-connectionSpec.json', '--set', `username=${FAKE_CREDENTIALS.username}`, '--set-env', 'password=SOURCE_PASSWORD', '--set', 'listId=L-9', '--auth', 'basicauthentication', '--format', 'json'], env, dir);
    assert.equal(again.code, 0, again.stderr);
    const result = JSON.parse(again.stdout);
    assert.equal(result.status, 'success');
    assert.equal(result.recordCount, FAKE_TOTALS.auth);
    assert.equal(result.records.length, FAKE_TOTALS.auth);
  });

  test('a run the source refuses exits 1 with its error; a password on the command line is warned about', async () => {
    const run = await cli(['test', 'chain-connectionSpec.json', '--auth', 'Basic Authentication', '--set', `username=${FAKE_CREDENTIALS.username}`, '--set', 'password=wrong-pass-77', '--set', 'listId=L'], env, dir);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /password is a secret; pass it with --set-env/);
    // Explore, the step before the flow, already reads the source: its refusal stops the chain.
    assert.match(run.stderr, /Reading the source failed \(the source answered HTTP 401\): .*Invalid username or password\. Check the base connection's credentials/);
    assert.ok(!(run.stdout + run.stderr).includes('wrong-pass-77'));
  });

  test('a run that reads no record exits 1; refusals and usage errors say what to do', async () => {
    const empty = await cli(['test', 'empty-connectionSpec.json', '--set', `username=${FAKE_CREDENTIALS.username}`, '--set-env', 'password=SOURCE_PASSWORD', '--set', 'listId=L', '--auth', 'Basic Authentication'], env, dir);
    assert.equal(empty.code, 1, empty.stdout + empty.stderr);
    assert.match(empty.stderr, /read no record/);

    const missingValue = await cli(['test', 'chain-connectionSpec.json', '--auth', 'Basic Authentication', '--set', `username=${FAKE_CREDENTIALS.username}`, '--set-env', 'password=SOURCE_PASSWORD'], env, dir);
    assert.equal(missingValue.code, 1);
    assert.match(missingValue.stderr, /listId/);

    const badAuth = await cli(['test', 'chain-connectionSpec.json', '--auth', 'Digest'], env, dir);
    assert.equal(badAuth.code, 2);
    assert.match(badAuth.stderr, /--auth "Digest" is not an auth spec.*"Basic Authentication"/);
    const noAuth = await cli(['test', 'chain-connectionSpec.json'], env, dir);
    assert.equal(noAuth.code, 2);
    assert.match(noAuth.stderr, /choose an auth spec with --auth/);
    const noEnv = await cli(['test', 'chain-connectionSpec.json', '--auth', 'Basic Authentication', '--set-env', 'password=NOT_SET_ANYWHERE'], env, dir);
    assert.equal(noEnv.code, 2);
    assert.match(noEnv.stderr, /NOT_SET_ANYWHERE is not set/);
  });
});

/**
 * `sources-sdk promote` (the bundled CLI in a child process, configured by SOURCES_SDK_* variables) between two
 * sandboxes of one emulator: the diff before any change, create and update in the target, the conflict refusal and
 * --force, the production confirmation (refused without --yes where nobody can type; typed at a terminal), exit
 * codes as `push`, and refused registrations (promote and `register`) printed as file:line:column.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../../cli/remote/context';
import { runPromote } from '../../cli/remote/promote';
import { REST_STORAGE_TO_AEP_ID } from '../../core/spec/wellKnownIds';
import { cli, cliEnv } from './helpers/runCli';
import { startTestEmulator, type TestEmulator } from './helpers/emulator';
import { validConnectionSpec } from '../unit/fakes/specFixtures';

const ORG = 'PROMOTE@AdobeOrg';

describe('sources-sdk promote between two emulator sandboxes', () => {
  let emu: TestEmulator;
  let env: Record<string, string>;
  let dir: string;
  before(async () => {
    emu = await startTestEmulator();
    env = cliEnv(emu.url, { clientId: 'promote-client', clientSecret: 'promote-secret', orgId: ORG }, {
      SOURCES_SDK_SANDBOX: 'dev',
    });
    dir = mkdtempSync(join(tmpdir(), 'cli-promote-'));
  });
  after(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (file: string, spec: Record<string, unknown>) => writeFileSync(join(dir, file), `${JSON.stringify(spec, null, 2)}\n`);
  const links = () => JSON.parse(readFileSync(join(dir, '.sources-sdk/links.json'), 'utf8')).environments as Record<string, Record<string, { remoteId: string }>>;
  const inSandbox = async (sandbox: string, id: string) => (await emu.call('GET', `/connectionSpecs/${id}`, { sandbox, orgId: ORG })).body.items?.[0];

  test('create then update in the target: the diff first, then the change, the link and the registration', async () => {
    write('orders-connectionSpec.json', validConnectionSpec('CLI promoted orders'));
    const pushed = await cli(['push', 'orders-connectionSpec.json'], env, dir);
    assert.equal(pushed.code, 0, pushed.stdout + pushed.stderr);

    const dry = await cli(['promote', 'orders-connectionSpec.json', '--from-sandbox', 'dev', '--to-sandbox', 'stage', '--dry-run'], env, dir);
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    assert.match(dry.stdout, /^target: create \(a new spec\)$/m);
    assert.match(dry.stdout, /^\+\s+"name": "CLI promoted orders",$/m);
    assert.match(dry.stdout, new RegExp(`flow spec: register in RestStorageToAEP \\(${REST_STORAGE_TO_AEP_ID}\\), chosen by default-for-type`));
    assert.match(dry.stderr, /dry run: nothing was changed/);
    assert.equal(links()[`local|${ORG}|stage`], undefined, 'a dry run records nothing');

    const run = await cli(['promote', 'orders-connectionSpec.json', '--from-sandbox', 'dev', '--to-sandbox', 'stage'], env, dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const diffAt = run.stdout.indexOf('+  "name": "CLI promoted orders"');
    const createdAt = run.stdout.search(/^created /m);
    assert.ok(diffAt >= 0 && createdAt > diffAt, `the diff comes before the change:\n${run.stdout}`);
    const stageId = links()[`local|${ORG}|stage`]['orders-connectionSpec.json'].remoteId;
    assert.match(run.stdout, new RegExp(`^created   orders-connectionSpec\\.json → ${stageId} in local\\|${ORG.replace('@', '@')}\\|stage$`, 'm'));
    assert.match(run.stdout, new RegExp(`^registered ${stageId} in RestStorageToAEP`, 'm'));
    assert.equal((await inSandbox('stage', stageId)).name, 'CLI promoted orders');

    write('orders-connectionSpec.json', validConnectionSpec('CLI promoted orders', { description: 'version two' }));
    const unsent = await cli(['promote', 'orders-connectionSpec.json', '--to-sandbox', 'stage', '--dry-run'], env, dir);
    assert.match(unsent.stdout, /^note: orders-connectionSpec\.json differs from the copy in the source \(1 change: description added\): that copy is promoted, not the file; push the file/m);
    assert.equal((await cli(['push', 'orders-connectionSpec.json'], env, dir)).code, 0);
    const update = await cli(['promote', 'orders-connectionSpec.json', '--to-sandbox', 'stage'], env, dir);
    assert.equal(update.code, 0, update.stdout + update.stderr);
    assert.match(update.stdout, /^\+\s+"description": "version two",?$/m);
    assert.match(update.stdout, new RegExp(`^updated   orders-connectionSpec\\.json → ${stageId}`, 'm'));
    assert.match(update.stdout, /^already registered in RestStorageToAEP/m);
  });

  test('a conflict in the target is refused (exit 1, nothing sent) until --force', async () => {
    write('conflict-connectionSpec.json', validConnectionSpec('CLI conflict'));
    assert.equal((await cli(['push', 'conflict-connectionSpec.json'], env, dir)).code, 0);
    assert.equal((await cli(['promote', 'conflict-connectionSpec.json', '--to-sandbox', 'stage'], env, dir)).code, 0);
    const stageId = links()[`local|${ORG}|stage`]['conflict-connectionSpec.json'].remoteId;
    const put = await emu.call('PUT', `/connectionSpecs/${stageId}`, { sandbox: 'stage', orgId: ORG, body: validConnectionSpec('CLI conflict', { description: 'edited in stage' }) });
    assert.equal(put.status, 200, put.text);
    write('conflict-connectionSpec.json', validConnectionSpec('CLI conflict', { description: 'from dev' }));
    assert.equal((await cli(['push', 'conflict-connectionSpec.json'], env, dir)).code, 0);

    const refused = await cli(['promote', 'conflict-connectionSpec.json', '--to-sandbox', 'stage'], env, dir);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stdout, /^refused {3}conflict-connectionSpec\.json: the remote spec .* changed since the last sync.*promote --force to overwrite it/m);
    assert.match(refused.stdout, /--dry-run` to compare/);
    assert.equal((await inSandbox('stage', stageId)).description, 'edited in stage');
    const forced = await cli(['promote', 'conflict-connectionSpec.json', '--to-sandbox', 'stage', '--force'], env, dir);
    assert.equal(forced.code, 0, forced.stdout + forced.stderr);
    assert.equal((await inSandbox('stage', stageId)).description, 'from dev');
  });

  test('a production target needs --yes where nobody can type; usage errors exit 2', async () => {
    write('prod-connectionSpec.json', validConnectionSpec('CLI to prod'));
    assert.equal((await cli(['push', 'prod-connectionSpec.json'], env, dir)).code, 0);
    const refused = await cli(['promote', 'prod-connectionSpec.json', '--to-sandbox', 'prod'], env, dir);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stdout, /production sandbox "prod" needs confirmation: .* --yes/);
    assert.equal(links()[`local|${ORG}|prod`], undefined, 'nothing was promoted');
    const confirmed = await cli(['promote', 'prod-connectionSpec.json', '--to-sandbox', 'prod', '--yes'], env, dir);
    assert.equal(confirmed.code, 0, confirmed.stdout + confirmed.stderr);
    assert.ok(links()[`local|${ORG}|prod`]['prod-connectionSpec.json'].remoteId);

    const noTarget = await cli(['promote', 'prod-connectionSpec.json'], env, dir);
    assert.equal(noTarget.code, 2);
    assert.match(noTarget.stderr, /--to-sandbox/);
    const same = await cli(['promote', 'prod-connectionSpec.json', '--from-sandbox', 'stage', '--to-sandbox', 'Stage'], env, dir);
    assert.equal(same.code, 2, same.stdout + same.stderr);
    assert.match(same.stdout, /same sandbox/);
    const missing = await cli(['promote', 'nowhere-connectionSpec.json', '--to-sandbox', 'stage'], env, dir);
    assert.equal(missing.code, 2, missing.stdout + missing.stderr);
  });

  test('at a terminal, the production sandbox name must be typed', async () => {
    write('typed-connectionSpec.json', validConnectionSpec('CLI typed'));
    assert.equal((await cli(['push', 'typed-connectionSpec.json'], env, dir)).code, 0);
    const questions: string[] = [];
    let out = '';
    const io = (answer: string): CliIO => ({
      out: (text) => { out += text; }, err: (text) => { out += text; }, env, cwd: dir,
      ask: async (question) => { questions.push(question); return answer; },
    });
    assert.equal(await runPromote('typed-connectionSpec.json', { toSandbox: 'prod' }, io('dev')), 1, out);
    assert.match(out, /not "prod": nothing was changed/);
    assert.match(questions[0] ?? '', /prod is a production sandbox\. Type its name/);
    out = '';
    assert.equal(await runPromote('typed-connectionSpec.json', { toSandbox: 'prod' }, io(' prod ')), 0, out);
    assert.match(out, /^created {3}typed-connectionSpec\.json/m);
  });

  test('a refused registration is printed at the flow spec file linked in the target, else the spec file', async () => {
    write('refused-connectionSpec.json', validConnectionSpec('CLI refused registration'));
    assert.equal((await cli(['push', 'refused-connectionSpec.json'], env, dir)).code, 0);
    const message = 'Invalid spec ID at sourceConnectionSpecIds[2]: the connection spec cannot be added to this flow spec';
    const refuse = (times: number) => emu.emulator.setFaults([{ kind: 'refuse', code: '1413', message, times, match: { method: 'PUT', path: '/flowSpecs/*' } }]);
    try {
      refuse(1);
      const unplaced = await cli(['promote', 'refused-connectionSpec.json', '--to-sandbox', 'stage'], env, dir);
      assert.equal(unplaced.code, 1, unplaced.stdout + unplaced.stderr);
      assert.match(unplaced.stdout, /^failed {4}refused-connectionSpec\.json: .* was created in the target .*registering it in flow spec RestStorageToAEP/m);
      assert.match(unplaced.stderr, /^refused-connectionSpec\.json:1:1: error: .*Invalid spec ID/m);

      // With the target's flow spec pulled (and so linked), the refusal lands on the field it names.
      const pulled = await cli(['pull', 'flow-spec', REST_STORAGE_TO_AEP_ID, '-o', 'rest-flowSpec.json', '--sandbox', 'stage'], env, dir);
      assert.equal(pulled.code, 0, pulled.stderr);
      const flowText = readFileSync(join(dir, 'rest-flowSpec.json'), 'utf8');
      const lines = flowText.split('\n');
      const idsLine = lines.findIndex((l) => l.includes('"sourceConnectionSpecIds"'));
      const thirdId = idsLine + 3;
      refuse(1);
      const placed = await cli(['register', 'refused-connectionSpec.json', '--sandbox', 'stage'], env, dir);
      assert.equal(placed.code, 1, placed.stdout + placed.stderr);
      const column = lines[thirdId].indexOf('"') + 1;
      assert.match(placed.stderr, new RegExp(`^rest-flowSpec\\.json:${thirdId + 1}:${column}: error: .*Invalid spec ID`, 'm'));
    } finally {
      emu.emulator.setFaults([]);
    }
  });
});

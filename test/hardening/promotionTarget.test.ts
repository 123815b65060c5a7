/**
 * Promotion's target, hardened: a change made to the target while `sources-sdk promote` waits for the production
 * sandbox's name to be typed is refused like a change made before planning (the remote copy is re-checked after the
 * confirmation, before the write), and every sandbox whose name contains `prod` is production (`production`,
 * `prod.eu`, `prod1`), so promoting into it needs that confirmation. The CLI runs in-process against a real emulator.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIO } from '../../cli/remote/context';
import { runPromote } from '../../cli/remote/promote';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { isProductionSandbox } from '../../core/config/environments';
import { FileLinkStore } from '../../core/sync/links';
import { pushSpec } from '../../core/sync/push';
import { startTestEmulator, type TestEmulator } from '../emulator/helpers/emulator';
import { cliEnv } from '../emulator/helpers/runCli';
import { tempFolders } from '../helpers/tempFolders';
import { validConnectionSpec } from '../unit/fakes/specFixtures';

const ORG = 'PROMOTE-HARDENING@AdobeOrg';
const CREDENTIALS = { clientId: 'harden-client', clientSecret: 'harden-secret', orgId: ORG };

describe('promotion re-checks the target and knows production by name', () => {
  const temp = tempFolders();
  let emu: TestEmulator;
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    emu = await startTestEmulator({ clientId: CREDENTIALS.clientId, clientSecret: CREDENTIALS.clientSecret });
    env = cliEnv(emu.url, CREDENTIALS, { SOURCES_SDK_SANDBOX: 'dev' });
    dir = temp('promote-target-');
  });
  after(() => emu.close());

  /** Writes the file and uploads it to `dev` (links it there), as an author does before promoting. */
  async function uploadToDev(file: string, spec: Record<string, unknown>): Promise<void> {
    const text = `${JSON.stringify(spec, null, 2)}\n`;
    writeFileSync(join(dir, file), text);
    const client = createFlowServiceClient({ environment: emu.environment({ orgId: ORG, clientId: CREDENTIALS.clientId, sandbox: 'dev' }), clientSecret: CREDENTIALS.clientSecret });
    await pushSpec({ client, filePath: join(dir, file), text, links: new FileLinkStore(dir) });
  }

  /** In-process CLI output; `ask` answers the production question (undefined: nobody at a terminal). */
  function io(ask?: (question: string) => Promise<string | undefined>): CliIO & { text(): string } {
    let out = '';
    return { out: (t) => { out += t; }, err: (t) => { out += t; }, env, cwd: dir, ...(ask ? { ask } : {}), text: () => out };
  }

  const targetId = (sandbox: string, file: string): string => {
    const links = JSON.parse(readFileSync(join(dir, '.sources-sdk', 'links.json'), 'utf8')) as { environments: Record<string, Record<string, { remoteId: string }>> };
    return links.environments[`local|${ORG}|${sandbox}`]![file]!.remoteId;
  };
  const inSandbox = async (sandbox: string, id: string) => (await emu.call('GET', `/connectionSpecs/${id}`, { sandbox, orgId: ORG })).body.items?.[0];

  test('a PUT to the target while the CLI waits for "prod" to be typed is refused, not overwritten', async () => {
    const file = 'meanwhile-connectionSpec.json';
    await uploadToDev(file, validConnectionSpec('Promoted meanwhile'));
    const first = io(async () => 'prod');
    assert.equal(await runPromote(file, { toSandbox: 'prod' }, first), 0, first.text());
    const prodId = targetId('prod', file);

    await uploadToDev(file, validConnectionSpec('Promoted meanwhile', { description: 'version two from dev' }));
    let questions = 0;
    const second = io(async () => {
      questions++;
      // A colleague edits production after the plan (and its diff) was shown, before the name is typed.
      const put = await emu.call('PUT', `/connectionSpecs/${prodId}`, {
        sandbox: 'prod', orgId: ORG, body: validConnectionSpec('Promoted meanwhile', { description: 'hotfix made in prod meanwhile' }),
      });
      assert.equal(put.status, 200, put.text);
      return 'prod';
    });
    const code = await runPromote(file, { toSandbox: 'prod' }, second);
    assert.equal(questions, 1, 'the production question was asked');
    assert.equal(code, 1, second.text());
    assert.match(second.text(), /^refused {3}meanwhile-connectionSpec\.json: the target changed while this promotion waited for confirmation, and nothing was sent: the remote spec .* changed since the last sync/m);
    assert.doesNotMatch(second.text(), /^updated /m);
    assert.equal((await inSandbox('prod', prodId)).description, 'hotfix made in prod meanwhile', 'the change made meanwhile is kept');
  });

  test('a change to an unlinked same-named target while waiting is refused too, even with --adopt', async () => {
    const file = 'adopt-connectionSpec.json';
    await uploadToDev(file, validConnectionSpec('Adopted meanwhile', { description: 'from dev' }));
    const existing = await emu.create('connectionSpecs', validConnectionSpec('Adopted meanwhile', { description: 'already in prod' }), { sandbox: 'prod', orgId: ORG });
    const run = io(async () => {
      const put = await emu.call('PUT', `/connectionSpecs/${existing.id}`, {
        sandbox: 'prod', orgId: ORG, body: validConnectionSpec('Adopted meanwhile', { description: 'changed while waiting' }),
      });
      assert.equal(put.status, 200, put.text);
      return 'prod';
    });
    assert.equal(await runPromote(file, { toSandbox: 'prod', adopt: true }, run), 1, run.text());
    assert.match(run.text(), /^refused {3}adopt-connectionSpec\.json: .*changed in the target while this promotion waited/m);
    assert.equal((await inSandbox('prod', String(existing.id))).description, 'changed while waiting');
  });

  test('production, prod.eu and prod1 are production sandboxes: promoting into one needs its name', async () => {
    for (const name of ['production', 'prod.eu', 'prod1', 'EU-Prod']) assert.equal(isProductionSandbox(name), true, name);
    for (const name of ['dev', 'stage', 'qa']) assert.equal(isProductionSandbox(name), false, name);
    const file = 'named-connectionSpec.json';
    await uploadToDev(file, validConnectionSpec('Named production'));
    for (const sandbox of ['production', 'prod.eu', 'prod1']) {
      const nobody = io();
      assert.equal(await runPromote(file, { toSandbox: sandbox }, nobody), 1, nobody.text());
      assert.match(nobody.text(), new RegExp(`production sandbox "${sandbox.replace('.', '\\.')}" needs confirmation`));
      const asked: string[] = [];
      const typed = io(async (question) => { asked.push(question); return sandbox; });
      assert.equal(await runPromote(file, { toSandbox: sandbox }, typed), 0, typed.text());
      assert.match(asked[0] ?? '', new RegExp(`^${sandbox.replace('.', '\\.')} is a production sandbox`));
    }
  });
});

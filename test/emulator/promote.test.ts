/**
 * Promotion between two sandboxes of one real emulator (issue 12 point 4): core's plan/apply with the real client
 * and a links file on disk: create in the target, update, a conflict in the target refused (and overwritten only
 * when allowed), registration in the target's flow spec by each rule, a refused registration kept apart from the
 * copy that succeeded. The sandboxes are `dev` (source) and `stage` / `prod` (targets).
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { FlowServiceError } from '../../core/api/errors';
import type { FlowServiceClient } from '../../core/api/types';
import { isBodyRefusal } from '../../core/refusals/locate';
import { environmentKey, FileLinkStore } from '../../core/sync/links';
import { formatSpecFile } from '../../core/sync/normalize';
import { isProductionSandbox } from '../../core/config/environments';
import { applyPromotion, planPromotion, PromotionRegistrationFailed } from '../../core/sync/promote';
import { pushSpec, PushRefused } from '../../core/sync/push';
import { REST_STORAGE_TO_AEP_ID } from '../../core/spec/wellKnownIds';
import { startTestEmulator, TEST_CLIENT_SECRET, type TestEmulator } from './helpers/emulator';
import { validConnectionSpec } from '../unit/fakes/specFixtures';

const FAST_RETRY = { maxAttempts: 1 };

describe('promotion between sandboxes (core, real emulator)', () => {
  let emu: TestEmulator;
  let dir: string;
  let links: FileLinkStore;
  let dev: FlowServiceClient;
  let stage: FlowServiceClient;
  let counter = 0;
  const client = (sandbox: string) => createFlowServiceClient({ environment: emu.environment({ sandbox }), clientSecret: TEST_CLIENT_SECRET, retry: FAST_RETRY });

  before(async () => {
    emu = await startTestEmulator();
    dev = client('dev');
    stage = client('stage');
  });
  after(async () => {
    await emu.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'promote-core-'));
    links = new FileLinkStore(dir);
  });
  const cleanup = () => rmSync(dir, { recursive: true, force: true });

  /** Writes a spec file and pushes it to dev (linking it there); returns its path and text. */
  async function inDev(extra: Record<string, unknown> = {}): Promise<{ file: string; text: string; id: string }> {
    const file = join(dir, `promo${++counter}-connectionSpec.json`);
    const text = formatSpecFile(validConnectionSpec(`Promoted source ${counter}`, extra));
    writeFileSync(file, text);
    const pushed = await pushSpec({ client: dev, filePath: file, text, links });
    return { file, text, id: pushed.remote.id };
  }

  test('create in the target, link recorded there, registered in the same-id flow spec of the target', async () => {
    try {
      const { file, text, id: devId } = await inDev();
      const plan = await planPromotion({ from: dev, to: stage, filePath: file, text, links });
      assert.equal(plan.push.reason, 'create');
      assert.equal(plan.sourceFoundBy, 'link');
      assert.equal(plan.source.id, devId);
      assert.match(plan.diff, /^\+\s+"name": "Promoted source/m, 'the diff shows what the target will hold');
      assert.equal(plan.production, false);
      assert.deepEqual(plan.registration.map((t) => [t.flowSpec.id, t.rule]), [[REST_STORAGE_TO_AEP_ID, 'default-for-type']],
        'not registered in dev: the flow spec of its type');
      const result = await applyPromotion(plan, { to: stage, links });
      assert.equal(result.push.action, 'created');
      assert.notEqual(result.push.remote.id, devId);
      const link = await links.get(environmentKey(stage.environment), file);
      assert.equal(link?.remoteId, result.push.remote.id);
      assert.equal((await links.get(environmentKey(dev.environment), file))?.remoteId, devId, 'the source link is untouched');
      const flow = await stage.get('flowSpecs', REST_STORAGE_TO_AEP_ID);
      assert.ok((flow.sourceConnectionSpecIds as string[]).includes(result.push.remote.id));
      assert.deepEqual(result.registrations.map((r) => r.changed), [true]);
      const devFlow = await dev.get('flowSpecs', REST_STORAGE_TO_AEP_ID);
      assert.ok(!(devFlow.sourceConnectionSpecIds as string[]).includes(result.push.remote.id), 'dev flow spec unchanged');
    } finally {
      cleanup();
    }
  });

  test('update in the target after the source changed; registration already there changes nothing', async () => {
    try {
      const { file, text } = await inDev();
      const first = await applyPromotion(await planPromotion({ from: dev, to: stage, filePath: file, text, links }), { to: stage, links });
      const changed = formatSpecFile(validConnectionSpec(`Promoted source ${counter}`, { description: 'second version' }));
      writeFileSync(file, changed);
      await pushSpec({ client: dev, filePath: file, text: changed, links });
      const plan = await planPromotion({ from: dev, to: stage, filePath: file, text: changed, links });
      assert.equal(plan.push.reason, 'update');
      assert.match(plan.push.comparison?.summary ?? '', /1 change: description added/);
      assert.match(plan.diff, /^\+.*second version/m);
      assert.equal(plan.registration[0]?.alreadyRegistered, true);
      const result = await applyPromotion(plan, { to: stage, links });
      assert.equal(result.push.action, 'updated');
      assert.equal(result.push.remote.id, first.push.remote.id);
      assert.equal((await stage.get('connectionSpecs', first.push.remote.id)).description, 'second version');
      assert.deepEqual(result.registrations.map((r) => r.changed), [false]);
      const again = await planPromotion({ from: dev, to: stage, filePath: file, text: changed, links });
      assert.equal(again.push.reason, 'unchanged');
      assert.equal(again.diff, '');
      assert.equal(again.fileDiffers, undefined, 'the file is the source\'s copy');
      // An edit not uploaded to the source: the plan says the file differs from what is promoted.
      const edited = formatSpecFile(validConnectionSpec(`Promoted source ${counter}`, { description: 'third version, local only' }));
      const unsent = await planPromotion({ from: dev, to: stage, filePath: file, text: edited, links });
      assert.equal(unsent.fileDiffers?.summary, '1 change: description changed');
      assert.equal(unsent.push.reason, 'unchanged', 'what is promoted is still the source\'s copy');
    } finally {
      cleanup();
    }
  });

  test('a target changed since the last sync there is refused unless overwriting is allowed', async () => {
    try {
      const { file, text } = await inDev();
      const first = await applyPromotion(await planPromotion({ from: dev, to: stage, filePath: file, text, links }), { to: stage, links });
      const targetId = first.push.remote.id;
      // Someone edits the stage copy directly.
      const put = await emu.call('PUT', `/connectionSpecs/${targetId}`, { sandbox: 'stage', body: validConnectionSpec(`Promoted source ${counter}`, { description: 'edited in stage' }) });
      assert.equal(put.status, 200, put.text);
      const changed = formatSpecFile(validConnectionSpec(`Promoted source ${counter}`, { description: 'from dev' }));
      await pushSpec({ client: dev, filePath: file, text: changed, links });
      const plan = await planPromotion({ from: dev, to: stage, filePath: file, text: changed, links });
      assert.equal(plan.push.reason, 'remote-changed');
      assert.equal(plan.push.needs, 'overwrite');
      await assert.rejects(applyPromotion(plan, { to: stage, links }), (err: unknown) => err instanceof PushRefused && err.kind === 'conflict');
      assert.equal((await stage.get('connectionSpecs', targetId)).description, 'edited in stage', 'nothing sent');
      const forced = await applyPromotion(plan, { to: stage, links, decisions: ['overwrite'] });
      assert.equal(forced.push.action, 'updated');
      assert.equal((await stage.get('connectionSpecs', targetId)).description, 'from dev');
    } finally {
      cleanup();
    }
  });

  test('registered in dev: the target flow spec is the one with the same id, else the same name; or the one given', async () => {
    try {
      const { file, text, id } = await inDev();
      // A custom flow spec in each sandbox with the same name but different ids; dev's lists the spec.
      const custom = { name: 'Partner flow', providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a', sourceConnectionSpecIds: [] as string[] };
      const devFlow = await emu.create('flowSpecs', { ...custom, sourceConnectionSpecIds: [id] }, { sandbox: 'dev' });
      const stageFlow = await emu.create('flowSpecs', custom, { sandbox: 'stage' });
      assert.notEqual(devFlow.id, stageFlow.id);
      const plan = await planPromotion({ from: dev, to: stage, filePath: file, text, links });
      assert.deepEqual(plan.registration.map((t) => [t.flowSpec.id, t.rule, t.sourceFlowSpecId]), [[stageFlow.id, 'same-name', devFlow.id]]);
      const result = await applyPromotion(plan, { to: stage, links });
      const after = await stage.get('flowSpecs', stageFlow.id as string);
      assert.deepEqual(after.sourceConnectionSpecIds, [result.push.remote.id]);

      const given = await planPromotion({ from: dev, to: stage, filePath: file, text, links, flowSpec: 'RestStorageToAEP' });
      assert.deepEqual(given.registration.map((t) => [t.flowSpec.id, t.rule]), [[REST_STORAGE_TO_AEP_ID, 'given']]);

      const orphan = { name: 'Only in dev', providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a', sourceConnectionSpecIds: [id] };
      await emu.create('flowSpecs', orphan, { sandbox: 'dev' });
      await assert.rejects(planPromotion({ from: dev, to: stage, filePath: file, text, links }),
        (err: unknown) => err instanceof FlowServiceError && err.kind === 'config' && /Only in dev/.test(err.message) && /Nothing was sent/.test(err.message));
    } finally {
      cleanup();
    }
  });

  test('found by exact name when the file is not linked in the source; same sandbox refused', async () => {
    try {
      const name = `Unlinked ${++counter}`;
      await emu.create('connectionSpecs', validConnectionSpec(name), { sandbox: 'dev' });
      const file = join(dir, 'unlinked-connectionSpec.json');
      const text = formatSpecFile(validConnectionSpec(name, { description: 'local edits are not what is promoted' }));
      writeFileSync(file, text);
      const plan = await planPromotion({ from: dev, to: stage, filePath: file, text, links });
      assert.equal(plan.sourceFoundBy, 'name');
      assert.doesNotMatch(plan.sourceText, /local edits/, 'the source sandbox\'s copy is promoted, not the file');
      await assert.rejects(planPromotion({ from: dev, to: client('DEV'), filePath: file, text, links }),
        (err: unknown) => err instanceof FlowServiceError && err.kind === 'config' && /same sandbox/.test(err.message));
    } finally {
      cleanup();
    }
  });

  test('a production target is flagged; a refused registration leaves the copy created and linked', async () => {
    try {
      assert.ok(isProductionSandbox('prod') && isProductionSandbox('PROD-eu') && !isProductionSandbox('dev') && !isProductionSandbox('stage'));
      const prodClient = client('prod');
      const { file, text } = await inDev();
      const plan = await planPromotion({ from: dev, to: prodClient, filePath: file, text, links });
      assert.equal(plan.production, true);
      assert.equal(plan.targetSandbox, 'prod');
      emu.emulator.setFaults([{ kind: 'refuse', code: '1413', message: 'Invalid spec ID at sourceConnectionSpecIds[2]: not allowed in this flow spec', times: 1, match: { method: 'PUT', path: '/flowSpecs/*' } }]);
      const err = await applyPromotion(plan, { to: prodClient, links }).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof PromotionRegistrationFailed, String(err));
      assert.ok(isBodyRefusal(err.cause), 'the cause is the Flow Service refusal, for placing it in a file');
      assert.equal(err.pushed.action, 'created');
      assert.equal((await links.get(environmentKey(prodClient.environment), file))?.remoteId, err.pushed.remote.id);
    } finally {
      emu.emulator.setFaults([]);
      cleanup();
    }
  });
});

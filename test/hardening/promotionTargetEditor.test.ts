/**
 * Promotion's target, hardened, in the editor (issue 18 items 3 and 13; the CLI side is promotionTarget.test.ts): a
 * change made to the production target while *Promote Spec…*'s modal waits for its answer is refused like a change
 * made before planning, and nothing is overwritten; a sandbox whose name contains `prod` is production. The real
 * extension code runs through the fake `vscode` of test/unit/clientHarness against a real emulator; the modal's
 * answer is given only after a colleague's PUT reached the target, so the re-check after the confirmation decides.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { toAuthoringForm } from '../../core/sync/normalize';
import { startTestEmulator, type TestEmulator } from '../emulator/helpers/emulator';
import { tempFolders } from '../helpers/tempFolders';
import { validConnectionSpec } from '../unit/fakes/specFixtures';
import { commands, defaultSettings, fakeExtensionContext, installFakeVscode, state, Uri } from '../unit/clientHarness/fakeVscode';

installFakeVscode();
// Loaded after the fake is installed, so the client's `require('vscode')` gets it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require('../../client/extension') as typeof import('../../client/extension');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LOCAL_EMULATOR_CLIENT_ID, LOCAL_EMULATOR_CLIENT_SECRET, LOCAL_EMULATOR_NAME, LOCAL_EMULATOR_ORG_ID } = require('../../client/environments') as typeof import('../../client/environments');

type Prompt = { kind: string; message: string; items: string[] };
type Responder = (prompt: Prompt) => string | undefined | Promise<string | undefined>;
interface PromoteResult { outcome: string; action?: string; id?: string; plan?: string; reason?: string }

const FILE = 'meanwhile-editor-connectionSpec.json';
const DEV = { environment: LOCAL_EMULATOR_NAME, sandbox: 'dev' };
const PROD = { environment: LOCAL_EMULATOR_NAME, sandbox: 'prod' };

describe('Promote Spec… re-checks the target after its modal is answered', () => {
  const temp = tempFolders();
  let emu: TestEmulator;
  let workspace: string;
  let context: ReturnType<typeof fakeExtensionContext>;
  let api: ReturnType<typeof extension.activate>;
  const prompts: Prompt[] = [];
  let answer: Responder = () => undefined;

  before(async () => {
    emu = await startTestEmulator({ clientId: LOCAL_EMULATOR_CLIENT_ID, clientSecret: LOCAL_EMULATOR_CLIENT_SECRET });
    process.env.SOURCES_SDK_EMULATOR_URL = emu.url;
    workspace = temp('promote-editor-');
    state.workspaceRoot = workspace;
    state.defaults = { ...defaultSettings(), 'sourcesSdk.activeEnvironment': LOCAL_EMULATOR_NAME, 'sourcesSdk.localEmulator.sandbox': 'dev' };
    context = fakeExtensionContext(temp('promote-editor-storage-'));
    api = extension.activate(context as never);
    await api.ready;
    api.testing!.setPromptResponder((prompt) => {
      if (prompt.kind === 'notification') return undefined;
      prompts.push(prompt);
      return answer(prompt);
    });
  });
  after(async () => {
    for (const d of context?.subscriptions ?? []) d.dispose();
    await extension.deactivate();
    delete process.env.SOURCES_SDK_EMULATOR_URL;
    await emu?.close();
  });

  const prod = () => createFlowServiceClient({
    environment: emu.environment({ name: 'colleague', orgId: LOCAL_EMULATOR_ORG_ID, clientId: LOCAL_EMULATOR_CLIENT_ID, sandbox: 'prod' }),
    clientSecret: LOCAL_EMULATOR_CLIENT_SECRET,
  });

  /** Writes the file and uploads it to dev, as an author does before promoting. */
  async function uploadToDev(description: string): Promise<void> {
    const path = join(workspace, FILE);
    writeFileSync(path, `${JSON.stringify(validConnectionSpec('Promoted from the editor', { description }), null, 2)}\n`);
    state.documents = state.documents.filter((d) => d.uri.fsPath !== path);
    const uploaded = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path), { confirm: true }) as { outcome: string };
    assert.equal(uploaded.outcome, 'done', JSON.stringify(uploaded));
  }
  const promote = async (args: object): Promise<PromoteResult> => {
    prompts.length = 0;
    return await commands.executeCommand('sourcesSdk.promoteSpec', Uri.file(join(workspace, FILE)), args) as PromoteResult;
  };

  test('a PUT to production while the modal waits is refused, not overwritten; promoted again, it asks to Overwrite', async () => {
    await uploadToDev('version one');
    answer = () => undefined;
    const first = await promote({ from: DEV, to: PROD, confirmSandbox: 'prod' });
    assert.equal(first.outcome, 'done', JSON.stringify(first));
    assert.equal(first.action, 'created');
    const prodId = first.id!;

    await uploadToDev('version two');
    let putStatus = 0;
    answer = async (prompt) => {
      if (prompt.kind !== 'message') return undefined;
      // A colleague hot-fixes production after the diff was shown, before the modal is answered.
      const current = toAuthoringForm(await prod().get('connectionSpecs', prodId));
      await prod().update('connectionSpecs', prodId, { ...current, description: 'hotfix made in prod meanwhile' });
      putStatus = 200;
      return prompt.items.find((item) => /^Promote to prod$/.test(item));
    };
    const refused = await promote({ from: DEV, to: PROD });
    assert.equal(putStatus, 200, 'the change was made while the modal waited');
    assert.equal(prompts.filter((p) => p.kind === 'message').length, 1, JSON.stringify(prompts));
    assert.match(prompts[0]!.message, /PRODUCTION sandbox "prod"/);
    assert.equal(refused.outcome, 'refused', JSON.stringify(refused));
    assert.equal(refused.plan, 'remote-changed');
    assert.match(refused.reason ?? '', /^The target changed while this promotion waited for confirmation, and nothing was sent: the remote spec .* changed since the last sync .*overwriting it needs confirmation/);
    assert.equal((await prod().get('connectionSpecs', prodId)).description, 'hotfix made in prod meanwhile', 'the change made meanwhile is kept');

    // Promoted again, the change is now one made before planning: the modal asks to overwrite it.
    answer = () => undefined;
    const asked = await promote({ from: DEV, to: PROD });
    assert.equal(asked.outcome, 'refused', JSON.stringify(asked));
    assert.equal(asked.plan, 'remote-changed');
    assert.match(prompts[0]?.message ?? '', /changed since your last sync there/);
    assert.ok(prompts[0]?.items.some((item) => /Overwrite/.test(item)), JSON.stringify(prompts[0]));
    assert.equal((await prod().get('connectionSpecs', prodId)).description, 'hotfix made in prod meanwhile');
  });

  test('production, prod.eu and prod1 are production sandboxes in the editor too: the modal names them, a plain confirm does not answer it', async () => {
    for (const sandbox of ['production', 'prod.eu', 'prod1']) {
      answer = () => undefined;
      const result = await promote({ from: DEV, to: { environment: LOCAL_EMULATOR_NAME, sandbox }, confirm: true });
      assert.equal(result.outcome, 'cancelled', `${sandbox}: ${JSON.stringify(result)}`);
      const modal = prompts.find((p) => p.kind === 'message');
      assert.match(modal?.message ?? '', new RegExp(`the PRODUCTION sandbox "${sandbox.replace('.', '\\.')}"`), JSON.stringify(prompts));
      assert.deepEqual(modal?.items, [`Promote to ${sandbox}`]);
    }
  });
});

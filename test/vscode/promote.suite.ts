// Promote Spec… and Compare Across Sandboxes… against the emulator the runner started, between sandboxes of the
// built-in environment (`dev`, the default, and `stage` / `prod` picked as "another sandbox"): the questions answered
// by the test responder, the diff open before the modal, create then update in the target with its registration, a
// conflict in the target refused until Overwrite, and the production modal naming the sandbox.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import type { FlowServiceClient } from '../../core/api/types';
import { formatSpecFile, toAuthoringForm } from '../../core/sync/normalize';
import { FileLinkStore } from '../../core/sync/links';
import { recordSync } from '../../core/sync/push';
import { startEmulator, type RunningEmulator } from '../../emulator/emulator';
import { LOCAL_EMULATOR_CLIENT_ID, LOCAL_EMULATOR_NAME, LOCAL_EMULATOR_ORG_ID } from '../../client/environments';
import { notifications, activateExtension, closeAllEditors, ExtensionTestApi, Prompt, waitFor, waitForDiagnostics, workspaceRoot, workspaceUri } from './helpers';

interface PromoteResult { outcome: string; action?: string; id?: string; plan?: string; registeredIn?: string[]; reason?: string; production?: boolean }
interface CompareAcrossResult { outcome: string; same?: boolean; summary?: string; fromId?: string; toId?: string; leftUri?: string; rightUri?: string }
interface UploadResult { action: string; id?: string }

const REST_STORAGE_TO_AEP = '6499120c-0b15-42dc-936e-847ea3c24d72';
const DEV = { environment: LOCAL_EMULATOR_NAME, sandbox: 'dev' };
const STAGE = { environment: LOCAL_EMULATOR_NAME, sandbox: 'stage' };
const PROD = { environment: LOCAL_EMULATOR_NAME, sandbox: 'prod' };

/** A client of the test's own on the emulator: changes through it happen behind the extension's back. */
function directClient(sandbox: string): FlowServiceClient {
  const url = (process.env.SOURCES_SDK_EMULATOR_URL ?? '').replace(/\/$/, '');
  assert.ok(url, 'the runner passes SOURCES_SDK_EMULATOR_URL');
  return createFlowServiceClient({
    environment: { name: 'direct', platformUrl: url, imsUrl: url, orgId: LOCAL_EMULATOR_ORG_ID, clientId: LOCAL_EMULATOR_CLIENT_ID, sandbox, scopes: ['openid'] },
    clientSecret: 'in-editor-direct-secret',
  });
}

/** Writes a spec file from the umbrella example with another name and description. */
function writeSpec(fileName: string, name: string, description: string): vscode.Uri {
  const spec = JSON.parse(fs.readFileSync(workspaceUri('umbrella-inventory-connectionSpec.json').fsPath, 'utf8')) as Record<string, unknown>;
  const uri = workspaceUri(fileName);
  fs.writeFileSync(uri.fsPath, `${JSON.stringify({ ...spec, name, description }, null, 2)}\n`);
  return uri;
}

/** True when a diff editor whose title contains `text` is open. */
function diffOpen(text: string): boolean {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs)
    .some((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.label.includes(text));
}

export function definePromoteTests(): void {
  describe('Promote Spec… and Compare Across Sandboxes…', function () {
    let extension: ExtensionTestApi;
    const prompts: Prompt[] = [];
    /** Per prompt: whether the promotion diff was already open when it was asked. */
    const diffShownAtPrompt: boolean[] = [];
    const fileName = 'promote-demo-connectionSpec.json';
    const specName = 'promote-demo';
    let uri: vscode.Uri;
    let stageId: string;

    /**
     * Answers the prompts in order: a RegExp picks the first matching item (quick pick, modal button; none matching
     * dismisses), a string is typed into an input box. Prompts beyond the list are dismissed.
     */
    const respond = (...answers: Array<RegExp | string>) => {
      prompts.length = 0;
      diffShownAtPrompt.length = 0;
      extension.testing!.setPromptResponder((prompt) => {
        // Notifications (the result said afterwards) are not questions: recorded apart, answered by nobody.
        if (prompt.kind === 'notification') {
          notifications.push(prompt);
          return undefined;
        }
        prompts.push(prompt);
        diffShownAtPrompt.push(diffOpen('after promotion'));
        const answer = answers.shift();
        if (answer === undefined) return undefined;
        if (typeof answer === 'string') return prompt.kind === 'input' ? answer : undefined;
        return prompt.items.find((item) => answer.test(item));
      });
    };
    /**
     * Rewrites the spec's description on disk and uploads it to dev, once an open copy of the document shows the new
     * text (the upload reads the open document; VS Code reloads it from disk on its own schedule).
     */
    const rewrite = async (description: string) => {
      writeSpec(fileName, specName, description);
      await waitFor(`the open document to show "${description}"`, () => {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        return !open || open.getText().includes(description);
      });
      const uploaded = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', uri, { confirm: true });
      assert.equal(uploaded.action, 'updated', JSON.stringify(uploaded));
    };
    const promote = (args: object) => vscode.commands.executeCommand<PromoteResult>('sourcesSdk.promoteSpec', uri, args);

    before(async function () {
      extension = await activateExtension();
      await vscode.commands.executeCommand('sourcesSdk.startEmulator');
      uri = writeSpec(fileName, specName, 'Promotion demo, first version.');
      const uploaded = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', uri, { confirm: true });
      assert.equal(uploaded.action, 'created', JSON.stringify(uploaded));
    });
    beforeEach(() => {
      prompts.length = 0;
      diffShownAtPrompt.length = 0;
    });
    afterEach(() => extension.testing!.setPromptResponder(undefined));
    after(async () => {
      await closeAllEditors();
      fs.rmSync(uri.fsPath, { force: true });
    });

    it('promotes to another sandbox picked in the palette flow: diff first, modal, create, link, registration', async () => {
      respond(new RegExp(`^${LOCAL_EMULATOR_NAME} · dev$`), /Another sandbox/, new RegExp(`^${LOCAL_EMULATOR_NAME}$`), 'stage', /^Promote$/);
      const result = await promote({});
      assert.equal(result.outcome, 'done', JSON.stringify(result));
      assert.equal(result.action, 'created');
      assert.deepEqual(prompts.map((p) => p.kind), ['quickPick', 'quickPick', 'quickPick', 'input', 'message'], JSON.stringify(prompts));
      const modal = prompts[4];
      assert.match(modal.message, /^Promote promote-demo from Local emulator\/dev to Local emulator\/stage \(create it\)\?$/);
      assert.match(modal.detail ?? '', /registered in flow spec RestStorageToAEP/);
      assert.equal(diffShownAtPrompt[4], true, 'the diff was open before the question');
      stageId = result.id!;
      const stage = directClient('stage');
      assert.equal((await stage.get('connectionSpecs', stageId)).description, 'Promotion demo, first version.');
      assert.ok(((await stage.get('flowSpecs', REST_STORAGE_TO_AEP)).sourceConnectionSpecIds as string[]).includes(stageId));
      assert.deepEqual(result.registeredIn, [REST_STORAGE_TO_AEP]);
      const links = JSON.parse(fs.readFileSync(workspaceUri('.sources-sdk/links.json').fsPath, 'utf8'));
      assert.equal(links.environments[`local|${LOCAL_EMULATOR_ORG_ID}|stage`][fileName].remoteId, stageId);
    });

    it('compares the copies of two sandboxes side by side, read-only', async () => {
      const same = await vscode.commands.executeCommand<CompareAcrossResult>('sourcesSdk.compareAcrossSandboxes', uri, { from: DEV, to: STAGE });
      assert.equal(same.outcome, 'done', JSON.stringify(same));
      assert.equal(same.same, true);
      assert.equal(same.toId, stageId);
      // The dev copy changes: the compare shows it, both sides are read-only remote documents.
      await rewrite('Promotion demo, second version.');
      respond(new RegExp(`^${LOCAL_EMULATOR_NAME} · dev$`), /Another sandbox/, new RegExp(`^${LOCAL_EMULATOR_NAME}$`), 'stage');
      const different = await vscode.commands.executeCommand<CompareAcrossResult>('sourcesSdk.compareAcrossSandboxes', uri);
      assert.equal(different.outcome, 'done', JSON.stringify(different));
      assert.equal(different.same, false);
      assert.match(different.summary ?? '', /description changed/);
      assert.ok(diffOpen('Local emulator/dev ↔ Local emulator/stage'), 'the diff editor is open');
      for (const side of [different.leftUri, different.rightUri]) assert.equal(vscode.Uri.parse(side ?? '').scheme, 'sources-sdk-remote');
      const right = await vscode.workspace.openTextDocument(vscode.Uri.parse(different.rightUri ?? ''));
      assert.match(right.getText(), /first version/);
    });

    it('updates the target; a change made in the target since the last sync is refused until Overwrite', async () => {
      respond(/^Promote$/);
      const updated = await promote({ from: DEV, to: STAGE });
      assert.equal(updated.outcome, 'done', JSON.stringify(updated));
      assert.equal(updated.action, 'updated');
      assert.equal(updated.id, stageId);

      const stage = directClient('stage');
      const current = toAuthoringForm(await stage.get('connectionSpecs', stageId));
      await stage.update('connectionSpecs', stageId, { ...current, description: 'Edited in stage.' });
      await rewrite('Promotion demo, third version.');

      respond(/^never$/);
      const refused = await promote({ from: DEV, to: STAGE, confirm: true });
      assert.equal(refused.outcome, 'refused', JSON.stringify(refused));
      assert.equal(refused.plan, 'remote-changed');
      assert.match(prompts[0]?.message ?? '', /changed since your last sync there/);
      assert.deepEqual(prompts[0]?.items, ['Overwrite']);
      assert.equal((await stage.get('connectionSpecs', stageId)).description, 'Edited in stage.', 'nothing was sent');

      respond(/^Overwrite$/);
      const overwritten = await promote({ from: DEV, to: STAGE });
      assert.equal(overwritten.outcome, 'done', JSON.stringify(overwritten));
      assert.equal((await stage.get('connectionSpecs', stageId)).description, 'Promotion demo, third version.');
    });

    it('names the production sandbox in the modal; confirm alone does not answer it, its name does', async () => {
      respond(/^never$/);
      const cancelled = await promote({ from: DEV, to: PROD, confirm: true });
      assert.equal(cancelled.outcome, 'cancelled', JSON.stringify(cancelled));
      assert.equal(prompts.length, 1, JSON.stringify(prompts));
      assert.match(prompts[0].message, /to the PRODUCTION sandbox "prod" of Local emulator/);
      assert.deepEqual(prompts[0].items, ['Promote to prod']);
      const prod = directClient('prod');
      assert.deepEqual(await prod.list('connectionSpecs', { property: [`name==${specName}`] }), [], 'nothing reached prod');

      respond(/^Promote to prod$/);
      const created = await promote({ from: DEV, to: PROD });
      assert.equal(created.outcome, 'done', JSON.stringify(created));
      assert.equal(created.production, true);
      assert.equal((await prod.get('connectionSpecs', created.id ?? '')).description, 'Promotion demo, third version.');

      await rewrite('Promotion demo, fourth version.');
      respond();
      const byName = await promote({ from: DEV, to: PROD, confirmSandbox: 'prod' });
      assert.equal(byName.outcome, 'done', JSON.stringify(byName));
      assert.equal(byName.action, 'updated');
      assert.equal(prompts.length, 0, 'the sandbox name answered the question');
    });

    it('offers targets directly: the source left out, the last target first, the sandboxes linked before', async () => {
      respond(new RegExp(`^${LOCAL_EMULATOR_NAME} · dev$`));
      const dismissed = await promote({});
      assert.equal(dismissed.outcome, 'cancelled', JSON.stringify(dismissed));
      assert.deepEqual(prompts.map((p) => p.kind), ['quickPick', 'quickPick']);
      const targets = prompts[1].items;
      assert.ok(!targets.includes(`${LOCAL_EMULATOR_NAME} · dev`), `the source is not a target: ${JSON.stringify(targets)}`);
      assert.equal(targets[0], `${LOCAL_EMULATOR_NAME} · stage`, 'the last target (picked in the palette flow above) first');
      assert.ok(targets.includes(`${LOCAL_EMULATOR_NAME} · prod`), 'a sandbox the file is linked in is offered directly');
      assert.match(targets[targets.length - 1], /Another sandbox/);

      // Picked directly, no environment pick or typing; then remembered as the last target.
      respond(new RegExp(`^${LOCAL_EMULATOR_NAME} · stage$`), new RegExp(`^${LOCAL_EMULATOR_NAME} · prod$`));
      const toProd = await promote({});
      assert.equal(toProd.outcome, 'cancelled', 'the production modal, dismissed');
      assert.deepEqual(prompts.map((p) => p.kind), ['quickPick', 'quickPick', 'message']);
      assert.ok(!prompts[1].items.includes(`${LOCAL_EMULATOR_NAME} · stage`), 'stage is the source now');
      respond(new RegExp(`^${LOCAL_EMULATOR_NAME} · dev$`));
      await promote({});
      assert.equal(prompts[1].items[0], `${LOCAL_EMULATOR_NAME} · prod`, 'the last target is remembered');
    });

    it('says when the open file differs from the source\'s copy; "Upload to … First" sends it, then promotes it', async () => {
      writeSpec(fileName, specName, 'Promotion demo, edited but not uploaded.');
      await waitFor('the open document to show the edit', () => {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        return !open || open.getText().includes('edited but not uploaded');
      });
      respond(/^Upload to Local emulator\/dev First$/, /^Promote$/);
      const result = await promote({ from: DEV, to: STAGE });
      assert.equal(result.outcome, 'done', JSON.stringify(result));
      assert.equal(result.action, 'updated');
      assert.deepEqual(prompts.map((p) => p.kind), ['message', 'message'], JSON.stringify(prompts));
      assert.match(prompts[0].detail ?? '', /^Your open file differs from the copy in Local emulator\/dev \(1 change: description changed\): the copy in Local emulator\/dev is promoted, not your file\./);
      assert.deepEqual(prompts[0].items, ['Promote', 'Upload to Local emulator/dev First']);
      assert.doesNotMatch(prompts[1].detail ?? '', /differs/, 'asked again once the file is the source\'s copy');
      assert.equal((await directClient('dev').get('connectionSpecs', (await directClient('dev').list('connectionSpecs', { property: [`name==${specName}`] }))[0]!.id)).description,
        'Promotion demo, edited but not uploaded.', 'uploaded to the source');
      assert.equal((await directClient('stage').get('connectionSpecs', stageId)).description, 'Promotion demo, edited but not uploaded.', 'and promoted');
    });

    it('refuses the same sandbox on both sides', async () => {
      respond();
      const same = await vscode.commands.executeCommand<CompareAcrossResult>('sourcesSdk.compareAcrossSandboxes', uri, { from: DEV, to: DEV });
      assert.equal(same.outcome, 'refused', JSON.stringify(same));
      const promoted = await promote({ from: STAGE, to: { environment: LOCAL_EMULATOR_NAME, sandbox: 'Stage' }, confirm: true });
      assert.equal(promoted.outcome, 'refused', JSON.stringify(promoted));
      assert.match(promoted.reason ?? '', /same sandbox/);
    });
  });

  describe('a registration the Flow Service refuses, placed in the editor', function () {
    // An emulator of the test's own, in this extension host, so that a refusal can be injected for the registration.
    let emulator: RunningEmulator;
    let extension: ExtensionTestApi;
    const ENV = 'Refusing emulator';
    const ORG = 'REFUSING@AdobeOrg';
    const message = 'Invalid spec ID at sourceConnectionSpecIds[2]: the connection spec cannot be added to this flow spec';
    const files: vscode.Uri[] = [];
    const refusals = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Flow Service');

    before(async function () {
      extension = await activateExtension();
      emulator = await startEmulator({ port: 0 });
      await vscode.workspace.getConfiguration('sourcesSdk').update('environments', [
        { name: ENV, platform: emulator.url, orgId: ORG, clientId: 'in-editor-refusal', sandbox: 'dev' },
      ], vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('sourcesSdk.setClientSecret', ENV, 'in-editor-refusal-secret');
      extension.testing!.setPromptResponder(() => undefined);
    });
    after(async () => {
      extension.testing!.setPromptResponder(undefined);
      emulator.setFaults([]);
      await vscode.commands.executeCommand('sourcesSdk.setClientSecret', ENV, '');
      await vscode.workspace.getConfiguration('sourcesSdk').update('environments', undefined, vscode.ConfigurationTarget.Global);
      await closeAllEditors();
      for (const uri of files) fs.rmSync(uri.fsPath, { force: true });
      await emulator.close();
    });

    const client = (sandbox: string) => createFlowServiceClient({
      environment: { name: 'direct', platformUrl: emulator.url, imsUrl: emulator.url, orgId: ORG, clientId: 'in-editor-refusal', sandbox, scopes: ['openid'] },
      clientSecret: 'direct',
    });
    /** A spec file whose spec exists in dev (found there by its name). */
    const specInDev = async (fileName: string, name: string): Promise<vscode.Uri> => {
      const uri = writeSpec(fileName, name, 'Refused registration demo.');
      files.push(uri);
      await client('dev').create('connectionSpecs', JSON.parse(fs.readFileSync(uri.fsPath, 'utf8')) as Record<string, unknown>);
      return uri;
    };
    const promoteRefused = async (uri: vscode.Uri) => {
      emulator.setFaults([{ kind: 'refuse', code: '1413', message, times: 1, match: { method: 'PUT', path: '/flowSpecs/*' } }]);
      const result = await vscode.commands.executeCommand<PromoteResult>('sourcesSdk.promoteSpec', uri,
        { from: { environment: ENV }, to: { environment: ENV, sandbox: 'stage' }, confirm: true });
      assert.equal(result.outcome, 'failed', JSON.stringify(result));
      assert.equal(result.action, 'created', 'the copy was made before the registration was refused');
      return result;
    };

    it('goes on the first line of the spec file when no flow spec file is linked', async () => {
      const uri = await specInDev('refused-one-connectionSpec.json', 'refused-one');
      await promoteRefused(uri);
      await waitForDiagnostics(uri, (all) => all.some((d) => d.source === 'Flow Service'));
      const [diagnostic] = refusals(uri);
      assert.match(diagnostic.message, /Invalid spec ID/);
      assert.equal(diagnostic.range.start.line, 0);
      assert.equal(refusals(uri).length, 1);
    });

    it('goes on the field it names in the flow spec file linked in the target', async () => {
      const flowUri = workspaceUri('refusing-rest-flowSpec.json');
      files.push(flowUri);
      const stage = client('stage');
      const flow = await stage.get('flowSpecs', REST_STORAGE_TO_AEP);
      const flowText = formatSpecFile(toAuthoringForm(flow));
      fs.writeFileSync(flowUri.fsPath, flowText);
      await recordSync(new FileLinkStore(workspaceRoot()), stage, flowUri.fsPath, 'flowSpecs', flow);
      const uri = await specInDev('refused-two-connectionSpec.json', 'refused-two');
      await promoteRefused(uri);
      await waitForDiagnostics(flowUri, (all) => all.some((d) => d.source === 'Flow Service'));
      const [diagnostic] = refusals(flowUri);
      const lines = flowText.split('\n');
      const third = lines.findIndex((line) => line.includes('"sourceConnectionSpecIds"')) + 3;
      assert.match(diagnostic.message, /Invalid spec ID/);
      assert.equal(diagnostic.range.start.line, third, `${diagnostic.range.start.line}: ${lines[diagnostic.range.start.line]}`);
      assert.equal(diagnostic.code, 'FLOW-1413-400');
      assert.equal(refusals(uri).length, 0, 'the spec file gets nothing when the flow spec file is there');
    });
  });
}

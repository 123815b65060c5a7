// Fetch, upload, compare and register against the local emulator the runner started (SOURCES_SDK_EMULATOR_URL).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  answerPromptsWith, notifications, Prompt, activateExtension, closeAllEditors, ExtensionTestApi, openWorkspaceFile, ourDiagnostics, waitForDiagnostics, workspaceUri,
} from './helpers';

interface UploadResult { outcome: string; action: string; id?: string; reason?: string }
interface FetchResult { action: string; uri?: string; id?: string; error?: string }
interface CompareResult { outcome: string; same: boolean; summary: string; id?: string }
interface RegisterResult { outcome: string; changed: boolean; flowSpecId?: string; alreadyRegistered?: boolean; refused?: boolean; cancelled?: boolean; error?: string }

const REST_STORAGE_TO_AEP = '6499120c-0b15-42dc-936e-847ea3c24d72';

export function defineRemoteTests(): void {
  describe('remote commands against the local emulator', function () {
    let extension: ExtensionTestApi;
    let uploadedId: string;
    const prompts: Prompt[] = [];
    const answerWith = (...answers: RegExp[]) => answerPromptsWith(extension, prompts, ...answers);

    before(async function () {
      extension = await activateExtension();
      const configured = process.env.SOURCES_SDK_EMULATOR_URL;
      assert.ok(configured, 'the runner passes SOURCES_SDK_EMULATOR_URL');
      const started = await vscode.commands.executeCommand<{ outcome: string; url: string; external: boolean }>('sourcesSdk.startEmulator');
      assert.equal(started.outcome, 'done');
      assert.equal(started.url.replace(/\/$/, ''), configured.replace(/\/$/, ''));
      assert.equal(started.external, true);
    });
    beforeEach(() => { prompts.length = 0; });
    afterEach(() => { extension.testing!.setPromptResponder(undefined); });
    after(closeAllEditors);

    it('refuses to upload a spec that has errors', async () => {
      const document = await openWorkspaceFile('broken-connectionSpec.json');
      await waitForDiagnostics(document.uri, (all) => ourDiagnostics(all).some((d) => d.severity === vscode.DiagnosticSeverity.Error));
      notifications.length = 0;
      answerWith(/^Show Problems$/);
      const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', document.uri, { confirm: true });
      assert.equal(result.action, 'refused', JSON.stringify(result));
      assert.equal(result.outcome, 'refused');
      // The notification lists the first errors as "line N: message", one stop at the end, and offers Show Problems.
      const refusal = notifications.find((n) => n.message.startsWith('Upload refused: '));
      assert.ok(refusal, JSON.stringify(notifications));
      assert.equal(refusal.level, 'warning');
      assert.match(refusal.message, /^Upload refused: broken-connectionSpec\.json has \d+ errors? — line \d+: [^;]+(; line \d+: [^;]+)*( \(and \d+ more\))?[.?!] Fix (them|it), then upload again\.$/);
      assert.doesNotMatch(refusal.message, /[.;:,]\s*[.;:,)]|\.\./, 'no doubled punctuation');
      assert.deepEqual(refusal.items, ['Show Problems']);
    });

    it('asks before creating a new remote spec, and Cancel creates nothing', async () => {
      const document = await openWorkspaceFile('umbrella-inventory-connectionSpec.json');
      await waitForDiagnostics(document.uri, (all) => !ourDiagnostics(all).some((d) => d.severity === vscode.DiagnosticSeverity.Error));
      answerWith(/^cancel$/i);
      const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', document.uri);
      assert.equal(result.action, 'cancelled', JSON.stringify(result));
      assert.equal(result.outcome, 'cancelled');
      assert.ok(prompts.some((p) => p.kind === 'message'), 'a confirmation was shown');
    });

    it('uploads (creates) a valid connection spec', async () => {
      const document = await openWorkspaceFile('umbrella-inventory-connectionSpec.json');
      const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', document.uri, { confirm: true });
      assert.equal(result.action, 'created', JSON.stringify(result));
      assert.equal(result.outcome, 'done');
      assert.ok(result.id, 'the server assigned an id');
      uploadedId = result.id;
    });

    it('reports unchanged when uploading the same content again', async () => {
      const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', workspaceUri('umbrella-inventory-connectionSpec.json'), { confirm: true });
      assert.equal(result.action, 'unchanged', JSON.stringify(result));
      assert.equal(result.id, uploadedId);
    });

    it('compares with the remote spec: same, then different after a local edit', async () => {
      const uri = workspaceUri('umbrella-inventory-connectionSpec.json');
      const same = await vscode.commands.executeCommand<CompareResult>('sourcesSdk.compareWithRemote', uri);
      assert.equal(same.same, true, JSON.stringify(same));
      assert.equal(same.outcome, 'done');
      const document = await openWorkspaceFile('umbrella-inventory-connectionSpec.json');
      const edit = new vscode.WorkspaceEdit();
      const text = document.getText();
      const start = text.indexOf('Inventory items of the fictitious Umbrella warehouse.');
      assert.ok(start > 0);
      edit.replace(uri, new vscode.Range(document.positionAt(start), document.positionAt(start + 'Inventory items'.length)), 'Stock levels');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(await document.save());
      const different = await vscode.commands.executeCommand<CompareResult>('sourcesSdk.compareWithRemote', uri);
      assert.equal(different.same, false, JSON.stringify(different));
      assert.match(different.summary, /description/);
    });

    it('updates the remote spec after the modal confirmation', async () => {
      answerWith(/update|upload|yes|ok|continue/i);
      const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', workspaceUri('umbrella-inventory-connectionSpec.json'));
      assert.equal(result.action, 'updated', JSON.stringify(result));
      assert.equal(result.id, uploadedId);
      assert.ok(prompts.some((p) => p.kind === 'message'), 'the update was confirmed through a modal');
      const again = await vscode.commands.executeCommand<CompareResult>('sourcesSdk.compareWithRemote', workspaceUri('umbrella-inventory-connectionSpec.json'));
      assert.equal(again.same, true, JSON.stringify(again));
    });

    it('fetches the spec read-only in authoring form', async () => {
      const result = await vscode.commands.executeCommand<FetchResult>('sourcesSdk.fetchConnectionSpec', { id: uploadedId, mode: 'open' });
      assert.equal(result.action, 'opened', JSON.stringify(result));
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri ?? ''));
      const spec = JSON.parse(document.getText()) as Record<string, unknown>;
      assert.equal(spec.name, 'umbrella-inventory');
      assert.equal(spec.id, undefined, 'server-managed fields are removed');
      assert.equal(spec.createdAt, undefined);
    });

    it('fetches into the workspace, then asks before overwriting a changed file', async () => {
      const target = workspaceUri('fetched-connectionSpec.json');
      const saved = await vscode.commands.executeCommand<FetchResult>('sourcesSdk.fetchConnectionSpec', { id: uploadedId, mode: 'save', targetUri: target });
      assert.equal(saved.action, 'saved', JSON.stringify(saved));
      const written = fs.readFileSync(target.fsPath, 'utf8');
      assert.equal((JSON.parse(written) as { name: string }).name, 'umbrella-inventory');

      const changed = written.replace('Stock levels', 'Edited locally');
      fs.writeFileSync(target.fsPath, changed);
      answerWith(/^cancel$/i);
      const cancelled = await vscode.commands.executeCommand<FetchResult>('sourcesSdk.fetchConnectionSpec', { id: uploadedId, mode: 'save', targetUri: target });
      assert.equal(cancelled.action, 'cancelled', JSON.stringify(cancelled));
      assert.ok(prompts.some((p) => p.items.some((item) => /overwrite/i.test(item))), 'Overwrite was offered');
      assert.equal(fs.readFileSync(target.fsPath, 'utf8'), changed, 'a cancelled fetch writes nothing');

      const overwritten = await vscode.commands.executeCommand<FetchResult>('sourcesSdk.fetchConnectionSpec', { id: uploadedId, mode: 'save', targetUri: target, overwrite: true });
      assert.equal(overwritten.action, 'saved', JSON.stringify(overwritten));
      assert.doesNotMatch(fs.readFileSync(target.fsPath, 'utf8'), /Edited locally/);
    });

    it('lists remote specs in a quick pick when fetching without an id', async () => {
      answerWith(/umbrella-inventory/);
      const result = await vscode.commands.executeCommand<FetchResult>('sourcesSdk.fetchConnectionSpec', { mode: 'open' });
      assert.equal(result.action, 'opened', JSON.stringify(result));
      assert.equal(result.id, uploadedId);
    });

    it('registers the uploaded spec in RestStorageToAEP once', async () => {
      const first = await vscode.commands.executeCommand<RegisterResult>('sourcesSdk.registerInFlowSpec', { connectionSpecId: uploadedId, confirm: true });
      assert.equal(first.changed, true, JSON.stringify(first));
      assert.equal(first.outcome, 'done');
      assert.equal(first.flowSpecId, REST_STORAGE_TO_AEP);
      const second = await vscode.commands.executeCommand<RegisterResult>('sourcesSdk.registerInFlowSpec', { connectionSpecId: uploadedId, confirm: true });
      assert.equal(second.changed, false, JSON.stringify(second));
      assert.equal(second.alreadyRegistered, true);
      assert.equal(second.outcome, 'done', 'already registered is not a failure');
      const flowSpec = await vscode.commands.executeCommand<FetchResult>('sourcesSdk.fetchFlowSpec', { id: REST_STORAGE_TO_AEP, mode: 'open' });
      const text = (await vscode.workspace.openTextDocument(vscode.Uri.parse(flowSpec.uri ?? ''))).getText();
      assert.equal(text.split(uploadedId).length - 1, 1, 'the id is listed exactly once');
    });
  });
}

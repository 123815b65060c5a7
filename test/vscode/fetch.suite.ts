// Fetch lands in the workspace (issue 14 point 3), in a real VS Code against the emulator the runner started: the
// palette's "where does it go" question (Save to workspace / Open read-only), the tree's fetch action, and Save As of
// a read-only remote document. Each test removes the files it creates.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  activateExtension, answerPromptsWith, closeAllEditors, ExtensionTestApi, FLOW_SPEC_LANGUAGE, openWorkspaceFile, Prompt, waitFor, workspaceRoot,
  workspaceUri,
} from './helpers';

interface FetchResult { outcome: string; action: string; uri?: string; id?: string; error?: string }

const REST_STORAGE_TO_AEP = '6499120c-0b15-42dc-936e-847ea3c24d72';
const SAVED_NAME = 'RestStorageToAEP-flowSpec.json';
const GENERIC_STREAMING_AEP = 'e77fde5a-22a8-11ed-861d-0242ac120002';
const STREAMING_NAME = 'GenericStreamingAEP-flowSpec.json';

/** The link records of links.json for `relativePath` (any environment). */
function linkedIds(relativePath: string): string[] {
  const file = path.join(workspaceRoot(), '.sources-sdk', 'links.json');
  if (!fs.existsSync(file)) return [];
  const links = JSON.parse(fs.readFileSync(file, 'utf8')) as { environments: Record<string, Record<string, { remoteId: string }>> };
  return Object.values(links.environments).flatMap((files) => (files[relativePath] ? [files[relativePath].remoteId] : []));
}

/**
 * Removes a file or folder the test created (through VS Code, so that it forgets its model of the file too), and the
 * links recorded for it (so that the next test starts unlinked).
 */
async function removeCreated(uri: vscode.Uri): Promise<void> {
  if (fs.existsSync(uri.fsPath)) await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
  const file = path.join(workspaceRoot(), '.sources-sdk', 'links.json');
  if (!fs.existsSync(file)) return;
  const relative = path.relative(workspaceRoot(), uri.fsPath).split(path.sep).join('/');
  const links = JSON.parse(fs.readFileSync(file, 'utf8')) as { environments: Record<string, Record<string, unknown>> };
  for (const files of Object.values(links.environments)) {
    for (const key of Object.keys(files)) if (key === relative || key.startsWith(`${relative}/`)) delete files[key];
  }
  fs.writeFileSync(file, `${JSON.stringify(links, null, 2)}\n`);
}

export function defineFetchTests(): void {
  describe('fetch lands in the workspace', function () {
    let extension: ExtensionTestApi;
    const prompts: Prompt[] = [];
    const created: vscode.Uri[] = [];
    const answerWith = (...answers: RegExp[]) => answerPromptsWith(extension, prompts, ...answers);

    before(async function () {
      extension = await activateExtension();
      await vscode.commands.executeCommand('sourcesSdk.startEmulator');
    });
    beforeEach(async () => {
      prompts.length = 0;
      await closeAllEditors();
    });
    afterEach(async () => {
      extension.testing!.setPromptResponder(undefined);
      await closeAllEditors();
      for (const uri of created.splice(0)) await removeCreated(uri);
    });

    it('from the palette: "Save to workspace" writes <name>-flowSpec.json, opens it as a flow spec, links it and says so', async () => {
      const target = workspaceUri(SAVED_NAME);
      created.push(target);
      answerWith(/^RestStorageToAEP — /, /^Save to workspace$/);
      const result = await vscode.commands.executeCommand<FetchResult>('sourcesSdk.fetchFlowSpec');
      assert.equal(result.outcome, 'done', JSON.stringify(result));
      assert.equal(result.action, 'saved');
      assert.equal(vscode.Uri.parse(result.uri ?? '').fsPath, target.fsPath);

      const where = prompts.find((p) => /Where should RestStorageToAEP go/.test(p.message));
      assert.deepEqual(where?.items, ['Save to workspace', 'Choose folder…', 'Open read-only'], JSON.stringify(prompts));
      assert.match(fs.readFileSync(target.fsPath, 'utf8'), /"name": "RestStorageToAEP"/);
      const editor = await waitFor('the saved file in the active editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === target.fsPath && vscode.window.activeTextEditor);
      assert.equal(editor.document.languageId, FLOW_SPEC_LANGUAGE);
      assert.deepEqual(linkedIds(SAVED_NAME), [REST_STORAGE_TO_AEP]);
      const notification = prompts.find((p) => p.kind === 'notification');
      assert.equal(notification?.message, `Saved RestStorageToAEP to ${SAVED_NAME}`);
      assert.deepEqual(notification?.items, ['Open']);
    });

    it('from the palette: the default folder is the one of the active spec editor', async () => {
      const folder = workspaceUri('fetch-here');
      created.push(folder);
      fs.mkdirSync(folder.fsPath, { recursive: true });
      fs.writeFileSync(path.join(folder.fsPath, 'mine-flowSpec.json'), '{\n  "name": "mine"\n}\n');
      await openWorkspaceFile('fetch-here/mine-flowSpec.json');
      answerWith(/^Save to workspace$/);
      const result = await vscode.commands.executeCommand<FetchResult>('sourcesSdk.fetchFlowSpec', { id: REST_STORAGE_TO_AEP });
      assert.equal(result.outcome, 'done', JSON.stringify(result));
      assert.equal(vscode.Uri.parse(result.uri ?? '').fsPath, path.join(folder.fsPath, SAVED_NAME));
      assert.deepEqual(linkedIds(`fetch-here/${SAVED_NAME}`), [REST_STORAGE_TO_AEP]);
    });

    it('from the palette: "Choose folder…" saves into the folder picked (the picker answered by the test seam)', async () => {
      const folder = workspaceUri('chosen');
      created.push(folder);
      fs.mkdirSync(folder.fsPath, { recursive: true });
      extension.testing!.setPromptResponder((prompt) => {
        prompts.push(prompt);
        if (prompt.kind === 'folder') return folder.toString();
        return prompt.items.find((item) => item === 'Choose folder…');
      });
      const result = await vscode.commands.executeCommand<FetchResult>('sourcesSdk.fetchFlowSpec', { id: REST_STORAGE_TO_AEP });
      assert.equal(result.outcome, 'done', JSON.stringify(result));
      const target = path.join(folder.fsPath, SAVED_NAME);
      assert.equal(vscode.Uri.parse(result.uri ?? '').fsPath, target);
      assert.equal(prompts.find((p) => p.kind === 'folder')?.message, `Folder to save ${SAVED_NAME} in`);
      assert.ok(fs.existsSync(target));
      assert.deepEqual(linkedIds(`chosen/${SAVED_NAME}`), [REST_STORAGE_TO_AEP]);
      assert.equal(prompts.find((p) => p.kind === 'notification')?.message, `Saved RestStorageToAEP to chosen/${SAVED_NAME}`);
    });

    it('from the palette: "Open read-only" opens a read-only flow spec document named like a spec file', async () => {
      answerWith(/^Open read-only$/);
      const result = await vscode.commands.executeCommand<FetchResult>('sourcesSdk.fetchFlowSpec', { id: REST_STORAGE_TO_AEP });
      assert.equal(result.outcome, 'done', JSON.stringify(result));
      assert.equal(result.action, 'opened');
      const uri = vscode.Uri.parse(result.uri ?? '');
      assert.equal(uri.scheme, 'sources-sdk-remote');
      assert.equal(path.posix.basename(uri.path), SAVED_NAME, 'Save As proposes this name');
      const editor = await waitFor('the remote document in the active editor', () => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() && vscode.window.activeTextEditor);
      assert.equal(editor.document.languageId, FLOW_SPEC_LANGUAGE);
      // A content provider's document: VS Code shows it in a read-only editor and has no file system to save it to.
      assert.notEqual(vscode.workspace.fs.isWritableFileSystem(uri.scheme), true);
      assert.equal(fs.existsSync(workspaceUri(SAVED_NAME).fsPath), false, 'nothing written');
      assert.equal(prompts.filter((p) => p.kind === 'notification').length, 0);
    });

    it('from the tree: the fetch action saves without asking, opens the file as a spec and says so', async () => {
      const target = workspaceUri(SAVED_NAME);
      created.push(target);
      answerWith();
      // What the view passes to its inline (and context menu) fetch action: the item's node.
      const node = { type: 'spec', resource: 'flowSpecs', id: REST_STORAGE_TO_AEP, name: 'RestStorageToAEP' };
      const result = await vscode.commands.executeCommand<FetchResult>('sourcesSdk.fetchFlowSpec', node);
      assert.equal(result.outcome, 'done', JSON.stringify(result));
      assert.equal(result.action, 'saved');
      assert.deepEqual(prompts.map((p) => p.kind), ['notification'], 'no question; one notification');
      assert.equal(prompts[0].message, `Saved RestStorageToAEP to ${SAVED_NAME}`);
      const editor = await waitFor('the saved file in the active editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === target.fsPath && vscode.window.activeTextEditor);
      assert.equal(editor.document.languageId, FLOW_SPEC_LANGUAGE);
      assert.deepEqual(linkedIds(SAVED_NAME), [REST_STORAGE_TO_AEP]);
      const tree = await extension.api.flowServiceTree();
      const flowSpecs = tree[0].children.find((group) => group.label === 'Flow specs');
      const row = flowSpecs?.children.find((item) => item.description === REST_STORAGE_TO_AEP);
      assert.equal(row?.contextValue, 'remoteSpec.flowSpecs.linked', 'the tree shows it linked (compare offered)');
    });

    it('Save As of a read-only remote document proposes the spec file name, links the file and makes it a spec', async () => {
      // GenericStreamingAEP: a file name no other test creates (VS Code keeps its model of a file deleted behind it, and
      // a Save As onto such a model reports success without writing).
      const target = workspaceUri(STREAMING_NAME);
      created.push(target);
      await openWorkspaceFile('rest-flowSpec.json'); // Save As proposes the folder of the last active file
      answerWith();
      const opened = await vscode.commands.executeCommand<FetchResult>('sourcesSdk.fetchFlowSpec', { id: GENERIC_STREAMING_AEP, mode: 'open' });
      const remoteUri = vscode.Uri.parse(opened.uri ?? '');
      await waitFor('the remote document to be active', () => vscode.window.activeTextEditor?.document.uri.toString() === remoteUri.toString());
      // Save As shows VS Code's own file dialog (a quick input in code-server) pre-filled with the proposed path;
      // accepting it as proposed is what a user pressing Enter does.
      const saving = vscode.workspace.saveAs(remoteUri);
      const savedUri = await waitFor('the file dialog to save the proposed file', async () => {
        if (fs.existsSync(target.fsPath)) return target;
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return undefined;
      });
      assert.equal((await saving)?.fsPath, savedUri.fsPath, 'saved under the proposed name in the workspace');
      await waitFor('the saved file to be linked', () => linkedIds(STREAMING_NAME).includes(GENERIC_STREAMING_AEP));
      const document = await vscode.workspace.openTextDocument(target);
      assert.equal(document.languageId, FLOW_SPEC_LANGUAGE);
      await waitFor('the notification', () => prompts.some((p) => p.kind === 'notification'));
      assert.match(prompts.find((p) => p.kind === 'notification')?.message ?? '', new RegExp(`Saved GenericStreamingAEP to ${STREAMING_NAME}; it is linked`));
    });
  });
}

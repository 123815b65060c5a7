// What a user meets around the remote commands: the CodeLens line, the Flow Service tree, a prod sandbox's
// confirmation and status bar look, a conflict with a change made behind the extension's back, and a fetch over
// unsaved edits. Runs against the emulator the runner started (SOURCES_SDK_EMULATOR_URL).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import type { FlowServiceClient } from '../../core/api/types';
import {
  activateExtension, answerPromptsWith, closeAllEditors, ExtensionTestApi, openWorkspaceFile, Prompt, TreeRow, waitFor, workspaceUri,
} from './helpers';

interface UploadResult { outcome: string; action: string; id?: string; reason?: string }
interface FetchResult { action: string; uri?: string; id?: string }

const REST_STORAGE_TO_AEP = '6499120c-0b15-42dc-936e-847ea3c24d72';
const GENERIC_STREAMING_AEP = 'e77fde5a-22a8-11ed-861d-0242ac120002';
const PROD_ENVIRONMENT = 'Emulator prod';
const PROD_ORG = 'INEDITOR@AdobeOrg';

function emulatorUrl(): string {
  const url = process.env.SOURCES_SDK_EMULATOR_URL;
  assert.ok(url, 'the runner passes SOURCES_SDK_EMULATOR_URL');
  return url.replace(/\/$/, '');
}

/** A Flow Service client of the test's own: changes made through it happen behind the extension's back. */
function directClient(sandbox: string, orgId: string): FlowServiceClient {
  const url = emulatorUrl();
  return createFlowServiceClient({
    environment: { name: 'direct', platformUrl: url, imsUrl: url, orgId, clientId: 'in-editor-direct', sandbox, scopes: ['openid'] },
    clientSecret: 'in-editor-direct-secret',
  });
}

/** Writes a copy of the umbrella example (as it is now: other suites edit it) with other fields; returns its URI. */
function writeSpecCopy(fileName: string, changes: Record<string, unknown>): vscode.Uri {
  const spec = JSON.parse(fs.readFileSync(workspaceUri('umbrella-inventory-connectionSpec.json').fsPath, 'utf8')) as Record<string, unknown>;
  const uri = workspaceUri(fileName);
  fs.writeFileSync(uri.fsPath, `${JSON.stringify({ ...spec, ...changes }, null, 2)}\n`);
  return uri;
}

function child(rows: TreeRow[], label: string): TreeRow {
  const found = rows.find((row) => row.label === label);
  assert.ok(found, `tree row "${label}" among ${JSON.stringify(rows.map((row) => row.label))}`);
  return found;
}

export function defineUserFlowTests(): void {
  describe('user flows around the remote commands', function () {
    let extension: ExtensionTestApi;
    const prompts: Prompt[] = [];
    const answerWith = (...answers: RegExp[]) => answerPromptsWith(extension, prompts, ...answers);

    before(async function () {
      extension = await activateExtension();
      await vscode.commands.executeCommand('sourcesSdk.startEmulator');
    });
    beforeEach(() => { prompts.length = 0; });
    afterEach(() => { extension.testing!.setPromptResponder(undefined); });
    after(closeAllEditors);

    it('puts Upload · Compare with Remote · Register in Flow Spec · Preview Source atop a connection spec, without Register on a flow spec', async () => {
      const connectionSpec = await openWorkspaceFile('initech-orders-connectionSpec.json');
      await waitFor('the connection spec language', () => connectionSpec.languageId === 'sources-sdk-connection-spec');
      const lenses = await waitFor('the CodeLens line', async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', connectionSpec.uri);
        return found.length > 0 && found;
      });
      assert.deepEqual(lenses.map((lens) => lens.command?.title), ['Upload', 'Compare with Remote', 'Register in Flow Spec', 'Preview Source']);
      assert.deepEqual(lenses.map((lens) => lens.command?.command), ['sourcesSdk.uploadSpec', 'sourcesSdk.compareWithRemote', 'sourcesSdk.registerInFlowSpec', 'sourcesSdk.previewSource']);
      assert.ok(lenses.every((lens) => lens.range.start.line === 0), 'one line, atop the file');
      assert.equal(String(lenses[0].command?.arguments?.[0]), connectionSpec.uri.toString(), 'the lens acts on its own file');

      const flowSpec = await openWorkspaceFile('rest-flowSpec.json');
      await waitFor('the flow spec language', () => flowSpec.languageId === 'sources-sdk-flow-spec');
      const flowLenses = await waitFor('the flow spec CodeLens line', async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', flowSpec.uri);
        return found.length > 0 && found;
      });
      assert.deepEqual(flowLenses.map((lens) => lens.command?.title), ['Upload', 'Compare with Remote']);
    });

    it('lists the seeded flow specs in the Flow Service tree under the active environment', async () => {
      const rows = await extension.api.flowServiceTree();
      assert.equal(rows.length, 1, 'one root: the active environment');
      assert.equal(rows[0].label, 'Local emulator');
      assert.equal(rows[0].description, 'sandbox dev');
      const flowSpecs = child(rows[0].children, 'Flow specs').children;
      assert.equal(child(flowSpecs, 'RestStorageToAEP').description, REST_STORAGE_TO_AEP);
      assert.equal(child(flowSpecs, 'GenericStreamingAEP').description, GENERIC_STREAMING_AEP);
      assert.ok(flowSpecs.every((row) => row.contextValue?.startsWith('remoteSpec.flowSpecs')), JSON.stringify(flowSpecs));
      const connectionSpecs = child(rows[0].children, 'Connection specs').children;
      assert.ok(connectionSpecs.every((row) => row.contextValue?.startsWith('remoteSpec.connectionSpecs')), JSON.stringify(connectionSpecs));
      // A name the row may cut is read whole in the tooltip, with the id.
      assert.equal(child(flowSpecs, 'RestStorageToAEP').tooltip, `RestStorageToAEP\nflow spec ${REST_STORAGE_TO_AEP}`);
      const specRows = [...flowSpecs, ...connectionSpecs].filter((row) => row.contextValue?.startsWith('remoteSpec.'));
      assert.ok(specRows.every((row) => row.tooltip?.startsWith(`${row.label}\n`) && row.tooltip.includes(String(row.description))), JSON.stringify(specRows));
      assert.match(rows[0].tooltip ?? '', /^Local emulator\nsandbox dev\nhttp:\/\/127\.0\.0\.1:\d+$/);
    });

    describe('an environment whose sandbox is prod', () => {
      before(async () => {
        await vscode.workspace.getConfiguration('sourcesSdk').update('environments', [
          { name: PROD_ENVIRONMENT, platform: emulatorUrl(), orgId: PROD_ORG, clientId: 'in-editor-test', sandbox: 'prod' },
        ], vscode.ConfigurationTarget.Global);
        const stored = await vscode.commands.executeCommand<{ outcome: string; stored: boolean }>('sourcesSdk.setClientSecret', PROD_ENVIRONMENT, 'in-editor-secret');
        assert.deepEqual({ outcome: stored.outcome, stored: stored.stored }, { outcome: 'done', stored: true });
        const selected = await vscode.commands.executeCommand<{ outcome: string; name: string }>('sourcesSdk.selectEnvironment', PROD_ENVIRONMENT);
        assert.equal(selected.name, PROD_ENVIRONMENT);
        assert.equal(selected.outcome, 'done');
      });
      after(async () => {
        await vscode.commands.executeCommand('sourcesSdk.selectEnvironment', 'Local emulator');
        await vscode.commands.executeCommand('sourcesSdk.setClientSecret', PROD_ENVIRONMENT, '');
        await vscode.workspace.getConfiguration('sourcesSdk').update('environments', undefined, vscode.ConfigurationTarget.Global);
      });

      it('shows the prod look in the status bar', async () => {
        const text = await waitFor('the status bar to name the prod environment', () => {
          const current = extension.api.statusBarText();
          return current.includes(PROD_ENVIRONMENT) && current;
        });
        assert.match(text, /^\$\(warning\) Emulator prod · prod$/);
        assert.equal(extension.api.statusBarBackground(), 'statusBarItem.warningBackground');
      });

      it('asks before creating in prod, naming the sandbox; Cancel creates nothing, Create creates it in prod only', async () => {
        const uri = writeSpecCopy('prod-demo-connectionSpec.json', { name: 'prod-demo' });
        const prod = directClient('prod', PROD_ORG);
        answerWith(/^never$/);
        const cancelled = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', uri);
        assert.equal(cancelled.action, 'cancelled', JSON.stringify(cancelled));
        assert.equal(prompts.length, 1, JSON.stringify(prompts));
        assert.match(prompts[0].message, /PRODUCTION sandbox "prod"/);
        assert.deepEqual(prompts[0].items, ['Create']);
        assert.deepEqual(await prod.list('connectionSpecs', { property: ['name==prod-demo'] }), [], 'nothing was created');

        answerWith(/^Create$/);
        const created = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', uri);
        assert.equal(created.action, 'created', JSON.stringify(created));
        assert.equal((await prod.get('connectionSpecs', created.id ?? '')).name, 'prod-demo');
        const dev = directClient('dev', PROD_ORG);
        assert.deepEqual(await dev.list('connectionSpecs', { property: ['name==prod-demo'] }), [], 'the dev sandbox is untouched');
      });
    });

    describe('a remote changed behind the extension\'s back', () => {
      const fileName = 'conflict-demo-connectionSpec.json';
      let uri: vscode.Uri;
      let remoteId: string;
      const direct = () => directClient('dev', 'LOCAL@AdobeOrg');

      before(async () => {
        uri = writeSpecCopy(fileName, { name: 'conflict-demo', description: 'As first uploaded.' });
        const created = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', uri, { confirm: true });
        assert.equal(created.action, 'created', JSON.stringify(created));
        remoteId = created.id ?? '';
        const body = JSON.parse(fs.readFileSync(uri.fsPath, 'utf8')) as Record<string, unknown>;
        await direct().update('connectionSpecs', remoteId, { ...body, description: 'Changed behind your back.' });
        writeSpecCopy(fileName, { name: 'conflict-demo', description: 'Edited locally.' });
      });

      it('asks Compare / Overwrite / Take Remote / Cancel first and only, and Cancel changes nothing', async () => {
        answerWith(/^Update$/);
        const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', uri);
        assert.equal(result.action, 'cancelled', JSON.stringify(result));
        assert.equal(prompts.length, 1, `one question: ${JSON.stringify(prompts)}`);
        const conflict = prompts[0];
        assert.match(conflict.message, /changed since your last sync/);
        assert.deepEqual(conflict.items, ['Compare', 'Overwrite', 'Take Remote']);
        assert.equal((await direct().get('connectionSpecs', remoteId)).description, 'Changed behind your back.');
        assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /Edited locally/, 'the local file is untouched');
      });

      it('Compare opens the diff of the remote and the file, and still writes nothing', async () => {
        await closeAllEditors();
        answerWith(/^Compare$/);
        const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', uri);
        assert.equal(result.action, 'cancelled', JSON.stringify(result));
        const diffs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => tab.input)
          .filter((input): input is vscode.TabInputTextDiff => input instanceof vscode.TabInputTextDiff);
        assert.ok(diffs.some((input) => input.original.scheme === 'sources-sdk-remote' && input.modified.toString() === uri.toString()),
          `a remote ↔ local diff is open: ${JSON.stringify(diffs.map((d) => [d.original.toString(), d.modified.toString()]))}`);
        assert.equal((await direct().get('connectionSpecs', remoteId)).description, 'Changed behind your back.');
      });

      it('Overwrite replaces the remote with the file', async () => {
        answerWith(/^Overwrite$/);
        const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', uri);
        assert.equal(result.action, 'updated', JSON.stringify(result));
        assert.equal((await direct().get('connectionSpecs', remoteId)).description, 'Edited locally.');
      });

      it('a fetch over the file with unsaved edits asks, and Cancel keeps the edits', async () => {
        const document = await openWorkspaceFile(fileName);
        const edit = new vscode.WorkspaceEdit();
        edit.insert(uri, document.positionAt(document.getText().indexOf('Edited locally')), 'Unsaved: ');
        assert.ok(await vscode.workspace.applyEdit(edit));
        assert.equal(document.isDirty, true);
        const onDisk = fs.readFileSync(uri.fsPath, 'utf8');

        answerWith(/^never$/);
        const result = await vscode.commands.executeCommand<FetchResult>('sourcesSdk.fetchConnectionSpec', { id: remoteId, mode: 'save', targetUri: uri });
        assert.equal(result.action, 'cancelled', JSON.stringify(result));
        assert.equal(prompts.length, 1, JSON.stringify(prompts));
        assert.match(prompts[0].message, /unsaved changes/);
        assert.deepEqual(prompts[0].items, ['Overwrite', 'Compare']);
        assert.equal(document.isDirty, true, 'the edits are still unsaved in the editor');
        assert.match(document.getText(), /Unsaved: Edited locally/);
        assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), onDisk, 'nothing written to disk');
        await vscode.commands.executeCommand('workbench.action.files.revert');
      });
    });

    describe('Take Remote', () => {
      const fileName = 'take-remote-demo-connectionSpec.json';
      const direct = () => directClient('dev', 'LOCAL@AdobeOrg');
      const linkOf = () => {
        const links = JSON.parse(fs.readFileSync(workspaceUri('.sources-sdk/links.json').fsPath, 'utf8')) as { environments: Record<string, Record<string, { remoteId: string; updatedAt?: number; syncedAt: string }>> };
        return links.environments['local|LOCAL@AdobeOrg|dev']?.[fileName];
      };
      after(async () => {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === workspaceUri(fileName).toString());
        if (open?.isDirty) {
          await vscode.window.showTextDocument(open);
          await vscode.commands.executeCommand('workbench.action.files.revert');
        }
        await closeAllEditors();
        fs.rmSync(workspaceUri(fileName).fsPath, { force: true });
      });

      it('replaces the file\'s text with the remote copy in one undoable edit and updates the link', async () => {
        const uri = writeSpecCopy(fileName, { name: 'take-remote-demo', description: 'Mine, as uploaded.' });
        const created = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', uri, { confirm: true });
        assert.equal(created.action, 'created', JSON.stringify(created));
        const before = linkOf();
        const body = JSON.parse(fs.readFileSync(uri.fsPath, 'utf8')) as Record<string, unknown>;
        await direct().update('connectionSpecs', created.id!, { ...body, description: 'A colleague\'s version.' });
        const remote = await direct().get('connectionSpecs', created.id!);

        const document = await openWorkspaceFile(fileName);
        const mine = document.getText();
        answerWith(/^Take Remote$/);
        const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', uri);
        assert.equal(result.action, 'took-remote', JSON.stringify(result));
        assert.equal(result.outcome, 'done');
        assert.equal(prompts.length, 1, `the conflict is the only question: ${JSON.stringify(prompts)}`);
        assert.deepEqual(prompts[0].items, ['Compare', 'Overwrite', 'Take Remote']);
        assert.match(document.getText(), /"description": "A colleague's version\."/);
        assert.deepEqual(JSON.parse(document.getText()), { ...body, description: 'A colleague\'s version.' }, 'the remote copy, in the file\'s key order');
        assert.equal(document.isDirty, true, 'left unsaved, for the author to look at');
        assert.equal((await direct().get('connectionSpecs', created.id!)).description, 'A colleague\'s version.', 'nothing uploaded');
        const after = linkOf();
        assert.equal(after?.remoteId, created.id);
        assert.equal(after?.updatedAt, remote.updatedAt, 'the link records the remote state taken in');
        assert.notEqual(after?.syncedAt, before?.syncedAt);

        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('undo');
        await waitFor('Undo to bring the text back', () => document.getText() === mine);
        assert.match(document.getText(), /Mine, as uploaded/);
      });
    });
  });
}

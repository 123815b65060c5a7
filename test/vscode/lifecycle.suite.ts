// The upload gate, the language server's lifecycle and the status bar's visibility, in a real VS Code.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { activateExtension, closeAllEditors, CONNECTION_SPEC_LANGUAGE, ExtensionTestApi, openWorkspaceFile, waitFor, workspaceUri } from './helpers';

interface UploadResult { outcome: string; action: string; id?: string; reason?: string }

/** A fresh copy of a workspace spec under a new file name and spec name (so uploads never collide across tests). */
function copySpec(from: string, to: string, name: string): void {
  const spec = JSON.parse(fs.readFileSync(workspaceUri(from).fsPath, 'utf8')) as Record<string, unknown>;
  spec.name = name;
  fs.writeFileSync(workspaceUri(to).fsPath, JSON.stringify(spec, null, 2) + '\n');
}

/** Replaces `"method": "GET"` by an invalid method in the open editor (unsaved), returning the edited text. */
async function breakMethod(document: vscode.TextDocument): Promise<void> {
  const text = document.getText();
  const at = text.indexOf('"GET"');
  assert.ok(at >= 0, 'the spec has a "GET" method to break');
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + 5)), '"GETT"');
  assert.ok(await vscode.workspace.applyEdit(edit));
}

export function defineLifecycleTests(): void {
  describe('upload gate, language server lifecycle, status bar', () => {
    let extension: ExtensionTestApi;
    const created: string[] = [];
    before(async () => { extension = await activateExtension(); });
    after(async () => {
      await closeAllEditors();
      for (const file of created) fs.rmSync(workspaceUri(file).fsPath, { force: true });
    });

    it('refuses an upload made right after an edit that breaks the spec (no stale diagnostics)', async () => {
      created.push('gate-race-connectionSpec.json');
      copySpec('umbrella-inventory-connectionSpec.json', 'gate-race-connectionSpec.json', `gate race ${Date.now()}`);
      const document = await openWorkspaceFile('gate-race-connectionSpec.json');
      await waitFor('the language server to run', () => extension.api.languageClientState() === 'running');
      await breakMethod(document);
      // No waiting for diagnostics: the editor still shows the clean version's (none), the gate must not trust them.
      const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', document.uri, { confirm: true, saveFirst: true });
      assert.equal(result.action, 'refused', JSON.stringify(result));
      assert.equal(result.outcome, 'refused');
      assert.match(result.reason ?? '', /1 error|errors/);
      assert.match(result.reason ?? '', /line \d+: /);
    });

    it('checks a content-detected spec (plain .json) before uploading it', async () => {
      created.push('gate-detected.json');
      copySpec('globex-tickets.json', 'gate-detected.json', `gate detected ${Date.now()}`);
      const broken = fs.readFileSync(workspaceUri('gate-detected.json').fsPath, 'utf8').replace('"GET"', '"GETT"');
      assert.ok(broken.includes('"GETT"'), 'the fixture has a GET method to break');
      fs.writeFileSync(workspaceUri('gate-detected.json').fsPath, broken);
      const document = await openWorkspaceFile('gate-detected.json');
      await waitFor('content detection', () =>
        vscode.workspace.textDocuments.find((d) => d.uri.toString() === document.uri.toString())?.languageId === CONNECTION_SPEC_LANGUAGE);
      const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', document.uri, { confirm: true });
      assert.equal(result.action, 'refused', JSON.stringify(result));
      assert.match(result.reason ?? '', /gate-detected\.json has 1 error|gate-detected\.json has \d+ errors/);
    });

    it('Restart Language Server stops the server and starts a fresh one', async () => {
      await openWorkspaceFile('acme-crm-connectionSpec.json');
      const result = await vscode.commands.executeCommand<{ restarted: boolean }>('sourcesSdk.restartLanguageServer');
      assert.deepEqual(result, { outcome: 'done', restarted: true });
      assert.equal(extension.api.languageClientState(), 'running');
    });

    it('shows the status bar item only while a spec editor or the Flow Service view is visible', async () => {
      await openWorkspaceFile('acme-crm-connectionSpec.json');
      await waitFor('the status bar item with a spec editor', () => extension.api.statusBarVisible());
      await closeAllEditors();
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await waitFor('the status bar item to hide without a spec editor', () => !extension.api.statusBarVisible());
      await vscode.commands.executeCommand('sourcesSdk.flowService.focus');
      await waitFor('the status bar item with the Flow Service view', () => extension.api.statusBarVisible());
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    });
  });
}

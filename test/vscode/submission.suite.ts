// Issue 12 in the editor: Flow Service refusals at their place (own diagnostic collection, cleared by the next
// successful upload) and the Preview Source Card and Forms command.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { activateExtension, closeAllEditors, openWorkspaceFile, waitFor, waitForDiagnostics, workspaceUri } from './helpers';

interface UploadResult { outcome: string; action: string; id?: string; reason?: string }
interface CardResult { outcome: string; opened: boolean; preview?: { card: { label: { text: string }; category: { display: string } }; forms: Array<{ title: string; fields: Array<{ name: string; control: string }> }> } }

const FILE = 'refused-category-connectionSpec.json';

export function defineSubmissionTests(): void {
  describe('submission helpers', () => {
    before(async () => {
      await activateExtension();
      const spec = JSON.parse(fs.readFileSync(workspaceUri('acme-crm-connectionSpec.json').fsPath, 'utf8'));
      spec.name = 'refused-category-source';
      spec.sourceSpec.attributes.uiAttributes.category = { key: 'spaceships' };
      fs.writeFileSync(workspaceUri(FILE).fsPath, `${JSON.stringify(spec, null, 2)}\n`);
    });
    after(async () => {
      await closeAllEditors();
      fs.rmSync(workspaceUri(FILE).fsPath, { force: true });
    });

    it('a 4xx refusal naming a field becomes a diagnostic on that field; the next successful upload clears it', async () => {
      const started = await vscode.commands.executeCommand<{ url: string }>('sourcesSdk.startEmulator');
      assert.ok(started.url);
      const document = await openWorkspaceFile(FILE);
      const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', document.uri, { confirm: true });
      assert.equal(result.action, 'error', JSON.stringify(result));
      assert.equal(result.outcome, 'failed');
      const refused = await waitForDiagnostics(document.uri, (all) => all.some((d) => d.source === 'Flow Service'));
      const diagnostic = refused.find((d) => d.source === 'Flow Service')!;
      const line = document.getText().split('\n').findIndex((l) => l.includes('"spaceships"'));
      assert.equal(diagnostic.range.start.line, line, diagnostic.message);
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.match(diagnostic.message, /spaceships/);

      const editor = vscode.window.activeTextEditor!;
      const index = document.getText().indexOf('"spaceships"');
      await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(index), document.positionAt(index + 12)), '"crm"'));
      const fixed = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', document.uri, { confirm: true, saveFirst: true });
      assert.equal(fixed.action, 'created', JSON.stringify(fixed));
      await waitForDiagnostics(document.uri, (all) => !all.some((d) => d.source === 'Flow Service'));
    });

    it('Preview Source Card and Forms opens beside the spec and follows edits', async () => {
      const document = await openWorkspaceFile('acme-crm-connectionSpec.json');
      const first = await vscode.commands.executeCommand<CardResult>('sourcesSdk.previewCard', document.uri);
      assert.equal(first.opened, true);
      assert.equal(first.outcome, 'done');
      assert.equal(first.preview?.card.category.display, 'CRM');
      assert.ok(first.preview?.forms.some((f) => f.title === 'Connect account: Basic Authentication'));
      assert.ok(first.preview?.forms.find((f) => f.title.includes('Basic'))?.fields.some((f) => f.name === 'password' && f.control === 'password'));
      await waitFor('the preview tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('Card and Forms')));
      const editor = await vscode.window.showTextDocument(document);
      const index = document.getText().indexOf('"key": "crm"');
      await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(index), document.positionAt(index + 12)), '"key": "payments"'));
      const second = await vscode.commands.executeCommand<CardResult>('sourcesSdk.previewCard', document.uri);
      assert.equal(second.preview?.card.category.display, 'Payments');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('Preview Source Card and Forms refuses a flow spec with a clear reason', async () => {
      const result = await vscode.commands.executeCommand<CardResult & { reason?: string }>('sourcesSdk.previewCard', workspaceUri('rest-flowSpec.json'));
      assert.equal(result.opened, false);
      assert.equal(result.outcome, 'refused');
      assert.match(result.reason ?? '', /rest-flowSpec\.json is not a connection spec/);
    });
  });
}

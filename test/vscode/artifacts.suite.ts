// The artifacts folder in the editor: its plain-text and SVG files get our diagnostics (open or not), edits are
// checked before saving, and the language client claims only artifact files, never every .txt file.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARTIFACT_DOCUMENT_SELECTOR } from '../../client/artifactsSelector';
import {
  activateExtension, closeAllEditors, describeDiagnostic, diagnosticCode, openWorkspaceFile, ourDiagnostics,
  waitForDiagnostics, workspaceUri,
} from './helpers';

const FOLDER = path.join('Sources', 'acme', 'Artifacts');

function codesOf(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return ourDiagnostics(diagnostics).map(diagnosticCode).sort();
}

export function defineArtifactTests(): void {
  describe('artifacts folder', () => {
    before(async () => {
      await activateExtension();
      const folder = workspaceUri(FOLDER).fsPath;
      fs.mkdirSync(folder, { recursive: true });
      const spec = fs.readFileSync(workspaceUri('acme-crm-connectionSpec.json').fsPath, 'utf8');
      fs.writeFileSync(path.join(folder, 'acme-connectionSpec.json'), spec);
      fs.writeFileSync(path.join(folder, 'acme-category.txt'), 'crm\n');
      fs.writeFileSync(path.join(folder, 'acme-description.txt'), 'Contacts from Acme CRM.\n');
      fs.writeFileSync(path.join(folder, 'acme-label.txt'), 'Acme\nCRM\n');
      fs.writeFileSync(path.join(folder, 'acme-icon.svg'),
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">\n  <script>alert(1)</script>\n</svg>\n');
      fs.writeFileSync(workspaceUri('meeting-notes.txt').fsPath, '');
    });
    after(async () => {
      await closeAllEditors();
      fs.rmSync(workspaceUri('Sources').fsPath, { recursive: true, force: true });
      fs.rmSync(workspaceUri('meeting-notes.txt').fsPath, { force: true });
    });

    it('puts diagnostics on the open label file and on the closed icon of the same folder', async () => {
      const label = await openWorkspaceFile(path.join(FOLDER, 'acme-label.txt'));
      assert.equal(label.languageId, 'plaintext', 'the file keeps its own language');
      const labelDiagnostics = await waitForDiagnostics(label.uri, (all) => codesOf(all).includes('SSDK807'));
      assert.equal(ourDiagnostics(labelDiagnostics).find((d) => diagnosticCode(d) === 'SSDK807')?.range.start.line, 1);
      const iconUri = workspaceUri(path.join(FOLDER, 'acme-icon.svg'));
      const icon = await waitForDiagnostics(iconUri, (all) => codesOf(all).includes('SSDK810'));
      const unsafe = ourDiagnostics(icon).find((d) => diagnosticCode(d) === 'SSDK810')!;
      assert.equal(unsafe.severity, vscode.DiagnosticSeverity.Error, describeDiagnostic(unsafe));
      assert.equal(unsafe.range.start.line, 1);
    });

    it('checks an unsaved edit: a one-line label clears SSDK807', async () => {
      const label = await openWorkspaceFile(path.join(FOLDER, 'acme-label.txt'));
      const editor = vscode.window.activeTextEditor!;
      await editor.edit((edit) => edit.replace(new vscode.Range(0, 0, label.lineCount, 0), 'Acme CRM\n'));
      await waitForDiagnostics(label.uri, (all) => !codesOf(all).includes('SSDK807'));
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('the language client claims artifact files only, not every .txt file', async () => {
      const notes = await vscode.workspace.openTextDocument(workspaceUri('meeting-notes.txt'));
      const label = await vscode.workspace.openTextDocument(workspaceUri(path.join(FOLDER, 'acme-label.txt')));
      const icon = await vscode.workspace.openTextDocument(workspaceUri(path.join(FOLDER, 'acme-icon.svg')));
      assert.equal(vscode.languages.match(ARTIFACT_DOCUMENT_SELECTOR, notes), 0, 'meeting-notes.txt is not ours');
      assert.ok(vscode.languages.match(ARTIFACT_DOCUMENT_SELECTOR, label) > 0, 'the label file is');
      assert.ok(vscode.languages.match(ARTIFACT_DOCUMENT_SELECTOR, icon) > 0, 'the icon is');
    });
  });
}

// Language features through VS Code's own provider commands: diagnostics, completion, hover, quick fix, rename.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  activateExtension, closeAllEditors, describeDiagnostic, diagnosticCode, EXTENSION_ID, hoverTextAfter, openWorkspaceFile, ourDiagnostics,
  positionAfter, waitFor, waitForDiagnostics, workspaceUri,
} from './helpers';

const PAGINATION_TYPES = ['OFFSET', 'POINTER', 'CONTINUATION_TOKEN', 'PAGE', 'NONE'];

function unquote(label: string | vscode.CompletionItemLabel): string {
  const text = typeof label === 'string' ? label : label.label;
  return text.replace(/^"|"$/g, '');
}

export function defineLanguageFeatureTests(): void {
  describe('language features', () => {
    before(async () => { await activateExtension(); });
    afterEach(async () => { await vscode.commands.executeCommand('workbench.action.files.revert'); });
    after(closeAllEditors);

    it('shows our diagnostics on a broken spec and none from the built-in JSON extension', async () => {
      const document = await openWorkspaceFile('broken-connectionSpec.json');
      const diagnostics = await waitForDiagnostics(document.uri, (all) => ourDiagnostics(all).length > 0);
      const foreign = diagnostics.filter((d) => d.source !== 'sources-sdk');
      assert.deepEqual(foreign.map(describeDiagnostic), [], 'only the Sources SDK server reports on spec files');
      assert.ok(ourDiagnostics(diagnostics).some((d) => d.severity === vscode.DiagnosticSeverity.Error),
        `an error for the unknown pagination type; got ${diagnostics.map(describeDiagnostic).join('; ')}`);
    });

    it('validates a spec detected by content exactly once (no duplicate squiggles from the JSON extension)', async () => {
      // A plain .json with a comment: the JSON extension would flag the comment if it still owned the file.
      const specText = fs.readFileSync(workspaceUri('globex-tickets.json').fsPath, 'utf8').replace('{', '{\n  // exported by hand\n');
      const specUri = workspaceUri('detected-with-comment.json');
      fs.writeFileSync(specUri.fsPath, specText);
      const controlUri = workspaceUri('control-with-comment.json');
      fs.writeFileSync(controlUri.fsPath, '{\n  // not a spec\n  "a": 1\n}\n');

      const spec = await openWorkspaceFile('detected-with-comment.json');
      const ours = await waitForDiagnostics(spec.uri, (all) => ourDiagnostics(all).length > 0);
      assert.ok(ours.length > 0);
      // The control file proves the JSON extension is active and has caught up with files opened before it.
      await openWorkspaceFile('control-with-comment.json');
      const control = await waitForDiagnostics(controlUri, (all) => all.length > 0);
      const jsonSources = new Set(control.map((d) => d.source));
      const duplicates = vscode.languages.getDiagnostics(spec.uri).filter((d) => d.source !== 'sources-sdk');
      assert.deepEqual(duplicates.map(describeDiagnostic), [], `no diagnostics from ${[...jsonSources].join(', ')} on the spec`);
    });

    it('completes the five pagination types at paginationParams.type', async () => {
      const document = await openWorkspaceFile('acme-crm-connectionSpec.json');
      const position = positionAfter(document, '"paginationParams": {\n        "type": "');
      const list = await waitFor('pagination type completions', async () => {
        const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
        const labels = result.items.map((item) => unquote(item.label));
        return PAGINATION_TYPES.every((type) => labels.includes(type)) ? labels : undefined;
      });
      for (const type of PAGINATION_TYPES) assert.ok(list.includes(type), `${type} offered; got ${list.join(', ')}`);
    });

    it('shows hover text for a spec key', async () => {
      const document = await openWorkspaceFile('acme-crm-connectionSpec.json');
      const text = await hoverTextAfter(document, '"paginationP');
      assert.match(text, /page through the API/i, 'the schema description of paginationParams');
    });

    it('shows hover text for a placeholder naming where it is defined', async () => {
      const document = await openWorkspaceFile('acme-crm-connectionSpec.json');
      const text = await hoverTextAfter(document, '${segm');
      assert.match(text, /segmentId/);
    });

    it('applies a quick fix and its diagnostic goes away', async () => {
      const document = await openWorkspaceFile('initech-orders-connectionSpec.json');
      const isSpellingDiagnostic = (d: vscode.Diagnostic): boolean => d.source === 'sources-sdk' && /offsetName|offSetName/.test(d.message);
      const [target] = (await waitForDiagnostics(document.uri, (all) => all.some(isSpellingDiagnostic))).filter(isSpellingDiagnostic);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, target.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((action) => action.edit && /offSetName/.test(action.title)) ?? actions.find((action) => action.edit);
      assert.ok(fix?.edit, `a quick fix for "${target.message}"; got ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(document.getText(), /"offSetName"/);
      await waitForDiagnostics(document.uri, (all) => !all.some(isSpellingDiagnostic));
    });

    it('renames a placeholder together with its definition', async () => {
      const document = await openWorkspaceFile('acme-crm-connectionSpec.json');
      const position = positionAfter(document, '${segm');
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, position, 'segmentKey');
      assert.ok(edit && edit.size > 0, 'the rename produced edits');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const text = document.getText();
      assert.match(text, /\$\{segmentKey\}/);
      assert.match(text, /"segmentKey"\s*:/);
      assert.doesNotMatch(text, /segmentId/);
      // A consistent rename leaves no unresolved-placeholder diagnostic behind.
      const after = await waitForDiagnostics(document.uri, (all) => !all.some((d) => /segment/i.test(d.message)));
      assert.deepEqual(ourDiagnostics(after).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(describeDiagnostic), []);
    });

    it('the newcomer\'s slip: "{" typed over a selected property shows one problem, at that line', async () => {
      // The example spec as a new user has it; selecting "method": "GET" on its line 88 and typing "{" makes the
      // editor wrap the selection in braces (autoSurround), which used to flood Problems with 13 findings.
      const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
      const example = fs.readFileSync(path.join(extension.extensionPath, 'examples', 'acme-crm-connectionSpec.json'), 'utf8');
      const uri = workspaceUri('newcomer-connectionSpec.json');
      // Its own name, so the workspace does not hold two specs of one name (SSDK821) while it is open.
      fs.writeFileSync(uri.fsPath, example.replace('"acme-crm-contacts"', '"newcomer-contacts"'));
      try {
        await typeBraceOverProperty(uri);
      } finally {
        await vscode.commands.executeCommand('workbench.action.files.revert');
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        fs.rmSync(uri.fsPath, { force: true });
      }
    });
  });
}

/** Opens the copy at `uri`, selects `"method": "GET"` on line 88, types "{" and checks the one new problem. */
async function typeBraceOverProperty(uri: vscode.Uri): Promise<void> {
  const document = await openWorkspaceFile(path.basename(uri.fsPath));
  const before = await waitForDiagnostics(uri, (all) => ourDiagnostics(all).length > 0);
  const line = 87;
  const text = document.lineAt(line).text;
  const start = text.indexOf('"method": "GET"');
  assert.ok(start > 0, `line 88 holds the method: ${text}`);
  const editor = vscode.window.activeTextEditor!;
  editor.selection = new vscode.Selection(line, start, line, start + '"method": "GET"'.length);
  await vscode.commands.executeCommand('type', { text: '{' });
  assert.equal(document.lineAt(line).text.trim(), '{"method": "GET"}', 'the editor wrapped the selection');
  const key = (d: vscode.Diagnostic) => `${diagnosticCode(d)} ${d.range.start.line} ${d.message}`;
  const known = new Set(ourDiagnostics(before).map(key));
  const after = await waitForDiagnostics(uri, (all) => ourDiagnostics(all).some((d) => diagnosticCode(d) === 'SSDK001'));
  const added = ourDiagnostics(after).filter((d) => !known.has(key(d)));
  assert.equal(added.length, 1, `one new problem; got ${added.map(describeDiagnostic).join('; ')}`);
  assert.equal(added[0].range.start.line, line, describeDiagnostic(added[0]));
  assert.equal(ourDiagnostics(after).length, ourDiagnostics(before).length + 1, 'nothing else appears or goes away');
}

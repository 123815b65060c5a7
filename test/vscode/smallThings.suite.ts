// Small things a user noticed (issue 14, point 7): no CodeLens on an empty spec file, a spec created from a snippet
// indents as the editor settings say, and the environment picker's *Add Environment…*.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  activateExtension, answerPromptsWith, closeAllEditors, ExtensionTestApi, openWorkspaceFile, Prompt, waitFor, workspaceUri,
} from './helpers';

const CONNECTION_SPEC = 'sources-sdk-connection-spec';

interface AddEnvironmentResult { outcome: string; action?: string; name?: string }

/** Leading whitespace of every indented line of `text`. */
function indents(text: string): string[] {
  return text.split('\n').map((line) => /^\s*/.exec(line)![0]).filter((indent) => indent.length > 0);
}

export function defineSmallThingsTests(): void {
  describe('small things a user noticed', function () {
    let extension: ExtensionTestApi;
    const prompts: Prompt[] = [];

    before(async () => { extension = await activateExtension(); });
    beforeEach(() => { prompts.length = 0; });
    afterEach(() => { extension.testing!.setPromptResponder(undefined); });
    after(closeAllEditors);

    it('shows no CodeLens on an empty spec file, and the line once it has text', async () => {
      const uri = workspaceUri('empty-lens-connectionSpec.json');
      fs.writeFileSync(uri.fsPath, '');
      try {
        const document = await openWorkspaceFile('empty-lens-connectionSpec.json');
        await waitFor('the connection spec language', () => document.languageId === CONNECTION_SPEC);
        const lensesNow = () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
        assert.deepEqual(await lensesNow(), [], 'an empty file has nothing to upload or compare');
        const edit = new vscode.WorkspaceEdit();
        edit.insert(uri, new vscode.Position(0, 0), '{\n}\n');
        assert.ok(await vscode.workspace.applyEdit(edit));
        const lenses = await waitFor('the CodeLens line after typing', async () => { const found = await lensesNow(); return found.length > 0 && found; });
        assert.equal(lenses[0].command?.title, 'Upload');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      } finally {
        fs.rmSync(uri.fsPath, { force: true });
      }
    });

    describe('a spec created from a snippet', () => {
      const editorSettings = () => vscode.workspace.getConfiguration('editor', { languageId: CONNECTION_SPEC });
      const setIndentation = async (insertSpaces: boolean, tabSize: number) => {
        await editorSettings().update('insertSpaces', insertSpaces, vscode.ConfigurationTarget.Global, true);
        await editorSettings().update('tabSize', tabSize, vscode.ConfigurationTarget.Global, true);
        await editorSettings().update('detectIndentation', false, vscode.ConfigurationTarget.Global, true);
      };
      after(async () => {
        for (const key of ['insertSpaces', 'tabSize', 'detectIndentation']) {
          await editorSettings().update(key, undefined, vscode.ConfigurationTarget.Global, true);
        }
      });

      /** What *New Connection Spec* of the walkthrough opens (an untitled connection spec), filled from a snippet. */
      async function newSpecFromSnippet(): Promise<string> {
        const document = await vscode.workspace.openTextDocument({ language: CONNECTION_SPEC, content: '' });
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: CONNECTION_SPEC, name: 'Batch connection spec (BasicAuthentication)' });
        const text = await waitFor('the snippet in the new file', () => document.getText().includes('"authSpec"') && document.getText());
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        return text;
      }

      it('indents with as many spaces as the editor settings say', async () => {
        await setIndentation(true, 3);
        const used = indents(await newSpecFromSnippet());
        assert.ok(used.length > 10, 'the snippet has indented lines');
        assert.deepEqual(used.filter((indent) => !/^( {3})+$/.test(indent)), [], 'every indent is a multiple of 3 spaces');
      });

      it('indents with tabs when the editor settings say so', async () => {
        await setIndentation(false, 4);
        const used = indents(await newSpecFromSnippet());
        assert.deepEqual(used.filter((indent) => !/^\t+$/.test(indent)), [], 'every indent is tabs');
      });
    });

    describe('the environment picker', () => {
      let previous: unknown;
      const config = () => vscode.workspace.getConfiguration('sourcesSdk');
      beforeEach(() => { previous = config().inspect('environments')?.globalValue; });
      afterEach(async () => {
        await config().update('environments', previous, vscode.ConfigurationTarget.Global);
        await closeAllEditors();
      });

      it('offers Add Environment…, which adds a template entry to the user setting and opens settings.json at it', async () => {
        const activeBefore = config().inspect<string>('activeEnvironment')?.globalValue;
        answerPromptsWith(extension, prompts, /^Add Environment…$/);
        const result = await vscode.commands.executeCommand<AddEnvironmentResult>('sourcesSdk.selectEnvironment');
        assert.equal(result.outcome, 'done', JSON.stringify(result));
        assert.equal(result.action, 'addedTemplate');
        assert.ok(prompts[0]?.items.includes('Local emulator') && prompts[0].items.at(-1) === 'Add Environment…', JSON.stringify(prompts[0]));
        const entries = config().inspect<Array<Record<string, unknown>>>('environments')?.globalValue ?? [];
        const added = entries.find((entry) => entry.name === result.name);
        assert.ok(added, `the user setting holds "${result.name}": ${JSON.stringify(entries)}`);
        assert.equal(added.orgId, 'YOUR_ORG_ID@AdobeOrg');
        const editor = await waitFor('settings.json in the editor', () => {
          const active = vscode.window.activeTextEditor;
          return active && /settings\.json$/.test(active.document.uri.path) && active;
        });
        assert.equal(editor.document.getText(editor.selection), result.name, 'the new entry\'s name is selected, ready to type over');
        assert.equal(config().inspect<string>('activeEnvironment')?.globalValue, activeBefore, 'the active environment did not change');
      });
    });
  });
}

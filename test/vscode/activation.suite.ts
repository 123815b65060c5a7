// Activation and language identification, in a real VS Code.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  activateExtension, CONNECTION_SPEC_LANGUAGE, EXTENSION_ID, FLOW_SPEC_LANGUAGE, openWorkspaceFile, waitFor, workspaceUri,
} from './helpers';

export function defineActivationTests(): void {
  describe('activation and language ids', () => {
    it('prints the VS Code version under test', () => {
      console.log(`VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.appHost}), Node ${process.version}`);
      assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    });

    it('activates when a connection spec is opened and reports ready', async () => {
      await openWorkspaceFile('acme-crm-connectionSpec.json');
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is installed`);
      // Opening the spec is what should activate the extension; we only wait for it, we do not call activate().
      await waitFor('the extension to activate after opening a spec', () => extension.isActive);
      const exports = await activateExtension();
      // The language server starts with the first spec document (not at activation): wait for it.
      await waitFor('the language server to start for the open spec', () => exports.api.languageClientState() === 'running');
    });

    it('assigns the connection-spec language id by file name', async () => {
      const document = await openWorkspaceFile('acme-crm-connectionSpec.json');
      assert.equal(document.languageId, CONNECTION_SPEC_LANGUAGE);
    });

    it('assigns the flow-spec language id by file name', async () => {
      const document = await openWorkspaceFile('rest-flowSpec.json');
      assert.equal(document.languageId, FLOW_SPEC_LANGUAGE);
    });

    it('assigns the connection-spec language id by content to a plain .json that is clearly a spec', async () => {
      await activateExtension();
      const document = await openWorkspaceFile('globex-tickets.json');
      // Content detection switches the language after opening; wait for the switch.
      const languageId = await waitFor('content detection to switch the language id', () => {
        const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === document.uri.toString());
        return current && current.languageId === CONNECTION_SPEC_LANGUAGE ? current.languageId : undefined;
      });
      assert.equal(languageId, CONNECTION_SPEC_LANGUAGE);
    });

    it('leaves an ordinary .json file to the built-in JSON support', async () => {
      await activateExtension();
      const document = await openWorkspaceFile('settings-not-a-spec.json');
      // Open a spec-looking .json afterwards and wait for it to switch: content detection has then seen both files.
      const laterSpec = workspaceUri('opened-later.json');
      fs.copyFileSync(workspaceUri('globex-tickets.json').fsPath, laterSpec.fsPath);
      await openWorkspaceFile('opened-later.json');
      await waitFor('content detection of opened-later.json', () =>
        vscode.workspace.textDocuments.some((d) => d.uri.toString() === laterSpec.toString() && d.languageId === CONNECTION_SPEC_LANGUAGE));
      assert.equal(document.languageId, 'json');
    });
  });
}

// Runs in a launch where the extension comes from the installed VSIX (the development extension is an empty host).
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { activateExtension, EXTENSION_ID, openWorkspaceFile, ourDiagnostics, waitForDiagnostics } from './helpers';

export function definePackagedTests(): void {
  describe('packaged extension (installed from the VSIX)', () => {
    it('is the installed copy, not the development folder', () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is installed`);
      const extensionsDir = process.env.SOURCES_SDK_EXPECTED_EXTENSIONS_DIR;
      assert.ok(extensionsDir, 'the runner names the extensions folder');
      assert.ok(path.resolve(extension.extensionPath).startsWith(path.resolve(extensionsDir)), `${extension.extensionPath} lies under ${extensionsDir}`);
    });

    it('exports no test seam: nothing can lift the trust gate or answer prompts', async () => {
      const exports = await activateExtension();
      assert.equal(exports.testing, undefined, 'the installed extension runs in production mode: no testing seams');
      const reachable = new Set<string>();
      for (let o: object | null = exports.api; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
        for (const key of Object.getOwnPropertyNames(o)) reachable.add(key);
      }
      for (const key of Object.keys(exports)) reachable.add(key);
      const seams = [...reachable].filter((key) => /prompt|respond|trust|override/i.test(key));
      assert.deepEqual(seams, [], `seams reachable from the exported API: ${seams.join(', ')}`);
    });

    it('activates and validates a spec', async () => {
      const document = await openWorkspaceFile('broken-connectionSpec.json');
      await activateExtension();
      const diagnostics = await waitForDiagnostics(document.uri, (all) => ourDiagnostics(all).length > 0);
      assert.ok(ourDiagnostics(diagnostics).some((d) => d.severity === vscode.DiagnosticSeverity.Error));
    });
  });
}

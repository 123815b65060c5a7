// Runs in a separate code-server launch WITHOUT --disable-workspace-trust: the folder opens in Restricted Mode.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { activateExtension, openWorkspaceFile, ourDiagnostics, waitForDiagnostics } from './helpers';

interface UploadResult { outcome: string; action: string; reason?: string }

export function defineTrustTests(): void {
  describe('untrusted workspace (restricted mode)', () => {
    it('really is untrusted', () => {
      assert.equal(vscode.workspace.isTrusted, false);
    });

    it('still validates specs', async () => {
      const document = await openWorkspaceFile('broken-connectionSpec.json');
      await activateExtension();
      await waitForDiagnostics(document.uri, (all) => ourDiagnostics(all).length > 0);
    });

    it('refuses to upload', async () => {
      await activateExtension();
      const document = await openWorkspaceFile('umbrella-inventory-connectionSpec.json');
      const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', document.uri, { confirm: true });
      assert.equal(result.action, 'refused', JSON.stringify(result));
      assert.equal(result.outcome, 'refused');
    });

    it('refuses to register in a flow spec', async () => {
      await activateExtension();
      const result = await vscode.commands.executeCommand<{ outcome: string; refused?: boolean; changed: boolean }>('sourcesSdk.registerInFlowSpec',
        { connectionSpecId: '00000000-0000-4000-8000-000000000000', confirm: true });
      assert.equal(result.refused, true, JSON.stringify(result));
      assert.equal(result.outcome, 'refused');
      assert.equal(result.changed, false);
    });
  });
}

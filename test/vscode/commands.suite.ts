// Contributed commands, the status bar environment and the untrusted-workspace refusal path.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { activateExtension, closeAllEditors, EXTENSION_ID, ExtensionTestApi, openWorkspaceFile } from './helpers';

interface UploadResult { outcome: string; action: string; id?: string; reason?: string }

export function defineCommandTests(): void {
  describe('commands and status bar', () => {
    let extension: ExtensionTestApi;
    before(async () => { extension = await activateExtension(); });
    afterEach(() => {
      extension.testing!.setPromptResponder(undefined);
      extension.testing!.setUntrustedOverride(undefined);
    });
    after(closeAllEditors);

    it('registers every command contributed in package.json', async () => {
      const packageJson = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { commands?: { command: string }[] } };
      const contributed = (packageJson.contributes?.commands ?? []).map((c) => c.command);
      assert.ok(contributed.length >= 10, `package.json contributes the commands (found ${contributed.length})`);
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = contributed.filter((id) => !registered.has(id));
      assert.deepEqual(missing, [], 'contributed but not registered');
    });

    it('links the walkthrough steps to commands that exist', async () => {
      const packageJson = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { walkthroughs?: { steps: { description: string }[] }[] } };
      const steps = (packageJson.contributes?.walkthroughs ?? []).flatMap((walkthrough) => walkthrough.steps);
      assert.ok(steps.length >= 3, 'a walkthrough with at least three steps');
      const linked = steps.flatMap((step) => [...step.description.matchAll(/\(command:([\w.]+)/g)].map((match) => match[1]));
      assert.ok(linked.some((id) => id.startsWith('sourcesSdk.')), `the steps link to our commands: ${linked.join(', ')}`);
      const registered = new Set(await vscode.commands.getCommands(false));
      assert.deepEqual(linked.filter((id) => !registered.has(id)), [], 'walkthrough links to unknown commands');
    });

    it('shows the active environment in the status bar', () => {
      const environment = extension.api.activeEnvironment();
      assert.equal(environment.name, 'Local emulator');
      assert.ok(environment.isLocalEmulator);
      const text = extension.api.statusBarText();
      assert.ok(text.includes(environment.name), `status bar "${text}" names the environment`);
      assert.ok(text.includes(environment.sandbox), `status bar "${text}" names the sandbox`);
    });

    it('offers the environments in a quick pick when none is given', async () => {
      const prompts: { kind: string; items: string[] }[] = [];
      extension.testing!.setPromptResponder((prompt) => { prompts.push(prompt); return 'Local emulator'; });
      const result = await vscode.commands.executeCommand<{ outcome: string; name?: string; cancelled?: boolean }>('sourcesSdk.selectEnvironment');
      assert.equal(result.outcome, 'done');
      assert.equal(result.name, 'Local emulator');
      const quickPick = prompts.find((p) => p.kind === 'quickPick');
      assert.ok(quickPick, 'a quick pick was shown');
      assert.ok(quickPick.items.some((item) => item.includes('Local emulator')), `items: ${quickPick.items.join(', ')}`);
    });

    it('answers every small command with the result contract (refresh, log, an unknown environment)', async () => {
      assert.deepEqual(await vscode.commands.executeCommand('sourcesSdk.refreshFlowService'), { outcome: 'done', refreshed: true });
      assert.deepEqual(await vscode.commands.executeCommand('sourcesSdk.showLog'), { outcome: 'done', shown: true });
      // Not a rejection: an environment that does not exist is a failed command with the reason.
      const unknown = await vscode.commands.executeCommand<{ outcome: string; error?: string }>('sourcesSdk.selectEnvironment', 'No such environment');
      assert.equal(unknown.outcome, 'failed', JSON.stringify(unknown));
      assert.match(unknown.error ?? '', /No environment named "No such environment"/);
      assert.equal(extension.api.activeEnvironment().name, 'Local emulator', 'the active environment is unchanged');
    });

    it('refuses to upload in an untrusted workspace', async () => {
      const document = await openWorkspaceFile('umbrella-inventory-connectionSpec.json');
      extension.testing!.setUntrustedOverride(true);
      const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', document.uri, { confirm: true });
      assert.equal(result.action, 'refused', JSON.stringify(result));
      assert.equal(result.outcome, 'refused');
      assert.equal(result.reason, 'Uploading is disabled in an untrusted workspace: trust the workspace to use it.');
    });

    it('refuses to register in a flow spec in an untrusted workspace', async () => {
      extension.testing!.setUntrustedOverride(true);
      const result = await vscode.commands.executeCommand<{ outcome: string; refused?: boolean; changed: boolean }>('sourcesSdk.registerInFlowSpec',
        { connectionSpecId: '00000000-0000-4000-8000-000000000000', confirm: true });
      assert.equal(result.refused, true, JSON.stringify(result));
      assert.equal(result.outcome, 'refused');
      assert.equal(result.changed, false);
    });
  });
}

// Issue 14's conflict safety across emulator restarts, in the real editor: link a file, change the remote behind
// the extension's back, restart the emulator on another port (and once on the same), upload. The conflict question
// must come first (and be the only one), and nothing is overwritten without Overwrite. The emulator here is the
// test's own (same data folder across restarts), reached through the user setting sourcesSdk.localEmulator.url,
// so the built-in "Local emulator" environment sees a new port exactly as after an `npm start` restart.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import type { FlowServiceClient } from '../../core/api/types';
import { toAuthoringForm } from '../../core/sync/normalize';
import { startEmulator, type RunningEmulator } from '../../emulator/emulator';
import { LOCAL_EMULATOR_CLIENT_ID, LOCAL_EMULATOR_CLIENT_SECRET, LOCAL_EMULATOR_ORG_ID } from '../../client/environments';
import { activateExtension, answerPromptsWith, ExtensionTestApi, Prompt, workspaceUri } from './helpers';

interface UploadResult { outcome: string; action: string; id?: string; reason?: string }

const FILE = 'restart-demo-connectionSpec.json';

export function defineRestartConflictTests(): void {
  describe('conflict first, across emulator restarts', function () {
    let extension: ExtensionTestApi;
    const prompts: Prompt[] = [];
    let dataDir: string;
    let emulator: RunningEmulator | undefined;
    let remoteId = '';
    let uri: vscode.Uri;
    const answerWith = (...answers: RegExp[]) => answerPromptsWith(extension, prompts, ...answers);

    async function start(port: number): Promise<RunningEmulator> {
      const started = await startEmulator({
        port, host: '127.0.0.1', dataDir, clientId: LOCAL_EMULATOR_CLIENT_ID, clientSecret: LOCAL_EMULATOR_CLIENT_SECRET, seed: true,
      });
      await vscode.workspace.getConfiguration('sourcesSdk').update('localEmulator.url', started.url, vscode.ConfigurationTarget.Global);
      return started;
    }

    function direct(): FlowServiceClient {
      assert.ok(emulator);
      return createFlowServiceClient({
        environment: { name: 'direct', platformUrl: emulator.url, imsUrl: emulator.url, orgId: LOCAL_EMULATOR_ORG_ID, clientId: LOCAL_EMULATOR_CLIENT_ID, sandbox: 'dev', scopes: ['openid'] },
        clientSecret: LOCAL_EMULATOR_CLIENT_SECRET,
      });
    }

    /** Writes the file behind the editor's back, then waits (bounded) until an open copy shows it, as a user would. */
    async function writeLocal(description: string): Promise<void> {
      const base = JSON.parse(fs.readFileSync(workspaceUri('umbrella-inventory-connectionSpec.json').fsPath, 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(uri.fsPath, `${JSON.stringify({ ...base, name: 'restart-demo', description }, null, 2)}\n`);
      const deadline = Date.now() + 20_000;
      const open = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      while (open() && !open()!.getText().includes(description) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const document = open();
      if (document) assert.ok(document.getText().includes(description), 'the open editor shows the file written on disk');
    }

    async function changeRemoteBehindTheBack(description: string): Promise<void> {
      const remote = await direct().get('connectionSpecs', remoteId);
      await direct().update('connectionSpecs', remoteId, { ...toAuthoringForm(remote), description });
    }

    /** Uploads with every question dismissed, then checks the conflict was the first and only question. */
    async function uploadExpectingConflictFirst(remoteDescription: string): Promise<void> {
      prompts.length = 0;
      answerWith(/^never$/);
      const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', uri);
      assert.equal(result.action, 'cancelled', JSON.stringify(result));
      assert.equal(prompts.length, 1, `exactly one question: ${JSON.stringify(prompts)}`);
      assert.match(prompts[0].message, /changed since your last sync/);
      assert.deepEqual(prompts[0].items, ['Compare', 'Overwrite', 'Take Remote']);
      assert.match(String(prompts[0].detail), /Remote: changed since your last sync[\s\S]*Your file: also changed[\s\S]*Differences: 1 change: description changed/);
      assert.equal((await direct().get('connectionSpecs', remoteId)).description, remoteDescription, 'nothing overwritten without Overwrite');
    }

    async function overwrite(expected: string): Promise<void> {
      prompts.length = 0;
      answerWith(/^Overwrite$/);
      const result = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', uri);
      assert.equal(result.action, 'updated', JSON.stringify(result));
      assert.equal(result.id, remoteId, 'the linked remote, not a new one');
      assert.equal((await direct().get('connectionSpecs', remoteId)).description, expected);
    }

    before(async function () {
      extension = await activateExtension();
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssdk-restart-'));
      uri = workspaceUri(FILE);
      emulator = await start(0);
      await writeLocal('As first uploaded.');
      const created = await vscode.commands.executeCommand<UploadResult>('sourcesSdk.uploadSpec', uri, { confirm: true });
      assert.equal(created.action, 'created', JSON.stringify(created));
      remoteId = created.id ?? '';
    });

    after(async () => {
      extension.testing!.setPromptResponder(undefined);
      await vscode.workspace.getConfiguration('sourcesSdk').update('localEmulator.url', undefined, vscode.ConfigurationTarget.Global);
      await emulator?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(uri.fsPath, { force: true });
    });

    it('after a restart on another port, the conflict question comes first and Cancel overwrites nothing', async () => {
      await changeRemoteBehindTheBack('Changed behind your back.');
      await writeLocal('Edited locally.');
      const oldUrl = emulator!.url;
      // The new one starts while the old one still holds its port, so the port certainly changes.
      const restarted = await start(0);
      await emulator!.close();
      emulator = restarted;
      assert.notEqual(emulator.url, oldUrl);
      await uploadExpectingConflictFirst('Changed behind your back.');
      await overwrite('Edited locally.');
    });

    it('after a restart on the same port, the same: conflict first, nothing overwritten without Overwrite', async () => {
      await changeRemoteBehindTheBack('Changed again elsewhere.');
      await writeLocal('Edited locally again.');
      const port = Number(new URL(emulator!.url).port);
      await emulator!.close();
      emulator = await start(port);
      assert.equal(Number(new URL(emulator.url).port), port);
      await uploadExpectingConflictFirst('Changed again elsewhere.');
      await overwrite('Edited locally again.');
    });
  });
}

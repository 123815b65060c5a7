// *Test Source in Emulator* in a real VS Code: the chain for an open connection spec against the runner's emulator,
// whose run reads a fake source started here; values are asked once (the password in a password box), then
// remembered; the Flow Service tree shows the flow and its run with the record count.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { activateExtension, closeAllEditors, ExtensionTestApi, notifications, Prompt, TreeRow, workspaceUri } from './helpers';
import { FAKE_CREDENTIALS, FAKE_TOTALS, startFakeSource, type FakeSource } from '../helpers/fakeSource';
import { chainSpec } from '../emulator/helpers/chain';

interface TestSourceResult { outcome: string; action: string; status?: string; recordCount?: number; records?: unknown[]; flowId?: string; runId?: string; reason?: string; uri?: string }

const FILE = 'in-editor-chain-connectionSpec.json';

export function defineTestSourceTests(): void {
  describe('Test Source in Emulator', function () {
    let extension: ExtensionTestApi;
    let source: FakeSource;
    const prompts: Prompt[] = [];
    const answers: Record<string, string> = { username: FAKE_CREDENTIALS.username, password: FAKE_CREDENTIALS.password, listId: 'L-editor' };

    before(async function () {
      extension = await activateExtension();
      source = await startFakeSource();
      fs.writeFileSync(workspaceUri(FILE).fsPath, `${JSON.stringify(chainSpec(source.url, 'In-editor chain source'), null, 2)}\n`);
      extension.testing!.setPromptResponder((prompt) => {
        (prompt.kind === 'notification' ? notifications : prompts).push(prompt);
        if (prompt.kind !== 'input') return undefined;
        const name = /^(\w+)/.exec(prompt.message)?.[1];
        return name ? answers[name] : undefined;
      });
    });
    after(async () => {
      extension.testing!.setPromptResponder(undefined);
      await closeAllEditors();
      await source.close();
      fs.rmSync(workspaceUri(FILE).fsPath, { force: true });
      fs.rmSync(workspaceUri('.sources-sdk/links.json').fsPath, { force: true });
    });

    it('walks the chain for the open spec and shows the first run with the records it read', async () => {
      const document = await vscode.workspace.openTextDocument(workspaceUri(FILE));
      await vscode.window.showTextDocument(document);
      const dirty = () => vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()).sort();
      const dirtyBefore = dirty();
      const result = await vscode.commands.executeCommand<TestSourceResult>('sourcesSdk.testSourceInEmulator', undefined, { authSpecName: 'Basic Authentication' });
      assert.equal(result.action, 'tested', JSON.stringify(result));
      assert.equal(result.outcome, 'done');
      assert.equal(result.status, 'success', result.reason);
      assert.equal(result.recordCount, FAKE_TOTALS.auth);
      assert.ok(notifications.some((n) => n.level === 'info' && n.message.includes(`the first run read ${FAKE_TOTALS.auth} record(s)`)), JSON.stringify(notifications));
      assert.deepEqual((result.records as Array<{ id: number }>).map((r) => r.id), [1, 2, 3]);
      assert.match(source.requestsTo('/basic/items').at(-1)!.url, /list=L-editor/);

      const asked = prompts.filter((p) => p.kind === 'input').map((p) => /^(\w+)/.exec(p.message)?.[1]);
      assert.deepEqual(asked.sort(), ['listId', 'password', 'username']);
      assert.match(prompts.find((p) => p.message.startsWith('password'))!.message, /kept in VS Code's secret storage/);

      assert.ok(result.uri, 'the result document was opened');
      const shown = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.uri)!;
      // A read-only result, not an untitled document that asks to be saved when it is closed.
      assert.equal(shown.uri.scheme, 'sources-sdk-remote');
      assert.equal(shown.isUntitled, false);
      assert.equal(shown.languageId, 'json');
      assert.deepEqual(dirty(), dirtyBefore, 'the command left no dirty document');
      assert.ok(vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === result.uri && !tab.isDirty));
      const body = JSON.parse(shown.getText());
      assert.equal(body.status, 'success');
      assert.equal(body.records.length, FAKE_TOTALS.auth);
      assert.ok(!shown.getText().includes(FAKE_CREDENTIALS.password), 'the result shows no secret');

      // The Flow Service view shows the new flow and its successful run with the record count.
      const rows = await extension.api.flowServiceTree();
      const flows = rows[0].children.find((row: TreeRow) => row.label === 'Flows')!.children;
      const flow = flows.find((row: TreeRow) => (row.description ?? '').includes('last run success') && row.children.some((run) => run.description === `${FAKE_TOTALS.auth} records`));
      assert.ok(flow, JSON.stringify(flows));
      assert.match(flow.children[0].label, /success$/);
      assert.ok(flows.every((row: TreeRow) => row.tooltip?.startsWith(`${row.label}\nflow `)), JSON.stringify(flows));
      const connections = rows[0].children.find((row: TreeRow) => row.label === 'Connections')!.children;
      assert.ok(connections.some((row: TreeRow) => row.label.startsWith('Sources SDK test account')), JSON.stringify(connections));
      assert.ok(connections.every((row: TreeRow) => row.tooltip?.startsWith(`${row.label}\nbase connection `) && row.tooltip.includes(String(row.description).split(' · ').pop() ?? '')),
        JSON.stringify(connections));
    });

    it('asks nothing the second time: plain values and the secret are remembered', async () => {
      prompts.length = 0;
      const result = await vscode.commands.executeCommand<TestSourceResult>('sourcesSdk.testSourceInEmulator', workspaceUri(FILE), { authSpecName: 'Basic Authentication', quiet: true });
      assert.equal(result.status, 'success', result.reason);
      assert.equal(result.recordCount, FAKE_TOTALS.auth);
      assert.deepEqual(prompts, []);
    });

    it('after Preview Source it asks nothing: one value store and one secret rule; Change values… edits the same store', async () => {
      // apiToken has no format: password: the one rule still makes it a secret, for the preview and the test alike.
      const spec = chainSpec(source.url, 'In-editor shared values source') as { authSpec: Array<{ spec: { properties: Record<string, unknown>; required: string[] } }>; sourceSpec: { attributes: Record<string, unknown> } };
      spec.authSpec[0].spec.properties.apiToken = { type: 'string', description: 'A token the spec forgot to mark as a password.' };
      spec.authSpec[0].spec.required.push('apiToken');
      spec.sourceSpec.attributes.headerParams = { 'X-Api-Token': '${apiToken}' };
      const uri = workspaceUri('in-editor-shared-values-connectionSpec.json');
      fs.writeFileSync(uri.fsPath, `${JSON.stringify(spec, null, 2)}\n`);
      answers.apiToken = 'tok-shared-values-secret';
      const inputs = () => prompts.filter((p) => p.kind === 'input');
      try {
        prompts.length = 0;
        const previewed = await vscode.commands.executeCommand<{ outcome: string; recordCount?: number }>('sourcesSdk.previewSource', uri, { authSpecName: 'Basic Authentication' });
        assert.equal(previewed.outcome, 'done', JSON.stringify(previewed));
        assert.equal(previewed.recordCount, FAKE_TOTALS.auth);
        assert.deepEqual(inputs().map((p) => /^(\w+)/.exec(p.message)?.[1]), ['username', 'password', 'apiToken', 'listId']);
        for (const name of ['password', 'apiToken']) assert.match(inputs().find((p) => p.message.startsWith(name))!.message, /kept in VS Code's secret storage/, name);
        assert.doesNotMatch(inputs().find((p) => p.message.startsWith('listId'))!.message, /secret storage/);

        prompts.length = 0;
        const tested = await vscode.commands.executeCommand<TestSourceResult>('sourcesSdk.testSourceInEmulator', uri, { authSpecName: 'Basic Authentication', quiet: true });
        assert.equal(tested.status, 'success', tested.reason);
        assert.deepEqual(inputs(), [], 'Test Source asked nothing after Preview Source');

        // Change values… (Preview Source asking again) edits the one store: Test Source then uses the new value.
        answers.listId = 'L-changed';
        const changed = await vscode.commands.executeCommand<{ outcome: string }>('sourcesSdk.previewSource', uri, { authSpecName: 'Basic Authentication', askAgain: true });
        assert.equal(changed.outcome, 'done');
        prompts.length = 0;
        const again = await vscode.commands.executeCommand<TestSourceResult>('sourcesSdk.testSourceInEmulator', uri, { authSpecName: 'Basic Authentication', quiet: true, force: true });
        assert.equal(again.status, 'success', again.reason);
        assert.deepEqual(inputs(), []);
        assert.match(source.requestsTo('/basic/items').at(-1)!.url, /list=L-changed/);
      } finally {
        answers.listId = 'L-editor';
        fs.rmSync(uri.fsPath, { force: true });
      }
    });

    it('a source that fails stops the chain with its answer, said in the command result', async () => {
      prompts.length = 0;
      const failing = chainSpec(source.url, 'In-editor failing source') as { sourceSpec: { attributes: { urlParams: { path: string } } } };
      failing.sourceSpec.attributes.urlParams.path = '/error/500';
      const uri = workspaceUri('in-editor-failing-connectionSpec.json');
      fs.writeFileSync(uri.fsPath, `${JSON.stringify(failing, null, 2)}\n`);
      try {
        // explore reads the source first: its 500 stops the chain with the source's message.
        const result = await vscode.commands.executeCommand<TestSourceResult>('sourcesSdk.testSourceInEmulator', uri, { authSpecName: 'Basic Authentication', quiet: true, values: answers });
        assert.equal(result.action, 'error');
        assert.equal(result.outcome, 'failed');
        assert.match(result.reason ?? '', /HTTP 500.*Internal failure in the fake source/);
      } finally {
        fs.rmSync(uri.fsPath, { force: true });
      }
    });
  });
}

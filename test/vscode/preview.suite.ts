// Preview Source in the editor: the command runs a connection spec against the fake source (started in this
// extension host on 127.0.0.1:0) and shows requests, records, schema and warnings in the Preview panel.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { locateSpecPath } from '../../core/run/specLocation';
import type { PreviewCommandResult } from '../../client/preview/command';
import { FAKE_CREDENTIALS, FAKE_TOTALS, startFakeSource, type FakeSource } from '../helpers/fakeSource';
import { AUTH, PAGINATION_ATTRIBUTES, previewSpec } from '../helpers/fakeSourceSpecs';
import { activateExtension, closeAllEditors, ExtensionTestApi, Prompt, waitFor, workspaceUri } from './helpers';

type Ran = Extract<PreviewCommandResult, { outcome: 'done' }>;

function ran(result: PreviewCommandResult | undefined): Ran {
  assert.equal(result?.outcome, 'done', `the preview ran: ${JSON.stringify(result)?.slice(0, 300)}`);
  return result as Ran;
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('sourcesSdk.preview'));
}

export function definePreviewTests(): void {
  describe('Preview Source', () => {
    let extension: ExtensionTestApi;
    let source: FakeSource;
    const files: vscode.Uri[] = [];
    const write = (name: string, spec: unknown) => {
      const uri = workspaceUri(name);
      writeFileSync(uri.fsPath, JSON.stringify(spec, null, 2));
      files.push(uri);
      return uri;
    };

    before(async () => {
      extension = await activateExtension();
      source = await startFakeSource();
    });
    afterEach(() => { extension.testing!.setPromptResponder(undefined); });
    after(async () => {
      await closeAllEditors();
      await source.close();
      for (const uri of files) rmSync(uri.fsPath, { force: true });
    });

    it('shows the records, requests, schema and no warnings for an OFFSET spec', async () => {
      const uri = write('fake-offset-connectionSpec.json', previewSpec(source.url, PAGINATION_ATTRIBUTES.OFFSET));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      source.requests.length = 0;
      const result = ran(await vscode.commands.executeCommand<PreviewCommandResult>('sourcesSdk.previewSource', uri, {
        authSpecName: AUTH.key, values: { authKey1: FAKE_CREDENTIALS.apiKey },
        window: { start: '2024-05-01T00:00:00Z', end: '2024-05-03T00:00:00Z' },
      }));
      assert.equal(result.recordCount, FAKE_TOTALS.offset);
      assert.equal(result.requests.length, 5);
      assert.equal(source.requests.length, 5);
      assert.deepEqual(result.warnings, []);
      assert.equal(result.model.table.rows.length, FAKE_TOTALS.offset);
      assert.deepEqual(result.model.table.columns, ['id', 'name', 'email', 'updatedAt', 'active', 'tags']);
      assert.match(result.model.schemaText, /"format": "date-time"/);
      assert.equal(result.model.exchanges.length, 5);
      assert.equal(result.model.exchanges[0].requestHeaders?.['x-api-key'], '[REDACTED]');
      assert.ok(!JSON.stringify(result).includes(FAKE_CREDENTIALS.apiKey), 'no secret in the result or the panel model');
      await waitFor('the Preview panel', () => previewTabs().some((t) => t.label === 'Preview: Fake source preview'));
    });

    it('reports warnings with the spec place they are about', async () => {
      const attributes = { urlParams: { path: '/broken/wrapped', method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' } };
      const uri = write('fake-wrapped-connectionSpec.json', previewSpec(source.url, attributes));
      const result = ran(await vscode.commands.executeCommand<PreviewCommandResult>('sourcesSdk.previewSource', uri, {
        authSpecName: AUTH.key, values: { authKey1: FAKE_CREDENTIALS.apiKey },
      }));
      assert.deepEqual(result.warnings.map((w) => [w.code, w.specPath]), [['content-without-records', 'sourceSpec.attributes.contentPath']]);
      assert.deepEqual(result.model.warnings, result.warnings);
      const document = await vscode.workspace.openTextDocument(uri);
      const place = locateSpecPath(document.getText(), result.warnings[0].specPath!);
      assert.ok(place);
      assert.match(document.getText().slice(place.offset, place.offset + place.length), /^"contentPath": "\$\.items"$/);
    });

    it('asks for the auth spec and its values with the spec\'s descriptions, then remembers them (secret in SecretStorage)', async () => {
      const uri = write('fake-basic-connectionSpec.json', previewSpec(source.url, { urlParams: { path: '/basic/items', method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' } }));
      const prompts: Prompt[] = [];
      extension.testing!.setPromptResponder((prompt) => {
        prompts.push(prompt);
        if (prompt.kind === 'quickPick') return AUTH.basic;
        if (prompt.message.startsWith('username')) return FAKE_CREDENTIALS.username;
        if (prompt.message.startsWith('password')) return FAKE_CREDENTIALS.password;
        return undefined;
      });
      const first = ran(await vscode.commands.executeCommand<PreviewCommandResult>('sourcesSdk.previewSource', uri));
      assert.equal(first.recordCount, FAKE_TOTALS.auth, JSON.stringify(first.error));
      assert.deepEqual(prompts.map((p) => p.kind), ['quickPick', 'input', 'input']);
      assert.deepEqual(prompts[0].items, [AUTH.basic, AUTH.oauth, AUTH.key]);
      assert.match(prompts[1].message, /^username — User name of the API account\.$/);
      assert.match(prompts[2].message, /^password — Password of the API account\. \(kept in VS Code's secret storage\)$/);

      prompts.length = 0;
      const again = ran(await vscode.commands.executeCommand<PreviewCommandResult>('sourcesSdk.previewSource', uri));
      assert.equal(again.recordCount, FAKE_TOTALS.auth);
      assert.deepEqual(prompts, [], 'the remembered auth spec and values are used without asking');
    });

    it('shows the source\'s error answer', async () => {
      const uri = write('fake-error-connectionSpec.json', previewSpec(source.url, { urlParams: { path: '/error/500', method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' } }));
      const result = ran(await vscode.commands.executeCommand<PreviewCommandResult>('sourcesSdk.previewSource', uri, {
        authSpecName: AUTH.key, values: { authKey1: FAKE_CREDENTIALS.apiKey },
      }));
      assert.equal(result.error?.status, 500);
      assert.equal(result.outcome, 'done', 'the source answered: the preview shows its error');
      assert.match(result.model.error?.message ?? '', /Internal failure in the fake source/);
    });
  });
}

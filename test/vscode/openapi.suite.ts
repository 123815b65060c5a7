// New Connection Spec from OpenAPI… through its quick picks (description, then list operation), the spec opened with
// its guesses as information, Preview Source offered at once and run against a fake of the described API (started
// in this extension host on 127.0.0.1:0); and a preview warning's fix applied as a quick fix, then previewed again.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NewFromOpenApiResult } from '../../client/commands/newFromOpenApi';
import type { PreviewCommandResult } from '../../client/preview/command';
import { startFakeApi, type FakeApi } from '../helpers/fakeApi';
import { FAKE_CREDENTIALS, startFakeSource, type FakeSource } from '../helpers/fakeSource';
import { AUTH, previewSpec } from '../helpers/fakeSourceSpecs';
import { activateExtension, closeAllEditors, ExtensionTestApi, Prompt, waitFor, workspaceRoot, workspaceUri } from './helpers';

/** Our description of a small CRM (as test/fixtures/openapi/crm-contacts.oas30.yaml), served by `server`. */
function crmDescription(server: string): string {
  return [
    'openapi: 3.0.3',
    'info: { title: Northwind CRM, version: 1.4.0 }',
    `servers: [{ url: '${server}/api' }]`,
    'security: [{ basicAuth: [] }]',
    'paths:',
    '  /contacts:',
    '    get:',
    '      operationId: listContacts',
    '      summary: List contacts',
    '      parameters:',
    '        - { name: offset, in: query, schema: { type: integer, minimum: 0 } }',
    '        - { name: limit, in: query, schema: { type: integer, maximum: 3 } }',
    '        - { name: updated_since, in: query, schema: { type: string, format: date-time } }',
    '        - { name: updated_before, in: query, schema: { type: string, format: date-time } }',
    '        - { name: q, in: query, schema: { type: string } }',
    '      responses:',
    "        '200':",
    '          description: A page of contacts.',
    '          content:',
    '            application/json:',
    '              schema:',
    '                type: object',
    '                properties:',
    "                  contacts: { type: array, items: { $ref: '#/components/schemas/Contact' } }",
    '                  has_more: { type: boolean }',
    '  /contacts/{id}:',
    '    get:',
    '      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]',
    "      responses: { '200': { description: One., content: { application/json: { schema: { $ref: '#/components/schemas/Contact' } } } } }",
    'components:',
    '  securitySchemes: { basicAuth: { type: http, scheme: basic } }',
    '  schemas:',
    '    Contact: { type: object, properties: { id: { type: integer }, name: { type: string } } }',
    '',
  ].join('\n');
}

export function defineOpenApiTests(): void {
  describe('New Connection Spec from OpenAPI…', () => {
    let extension: ExtensionTestApi;
    let fake: FakeApi;
    const folder = join(workspaceRoot(), 'apis');

    before(async () => {
      extension = await activateExtension();
      fake = await startFakeApi({
        path: '/api/contacts', records: ['contacts'], paging: { kind: 'offset', offset: 'offset', limit: 'limit', hasMore: ['has_more'] },
        credentials: [{ headers: { authorization: `Basic ${Buffer.from('ada:pw-1!').toString('base64')}` } }], dates: ['updated_since', 'updated_before'],
      });
      mkdirSync(folder, { recursive: true });
      // Our description, served by this machine: the fixture with the fake as its server.
      writeFileSync(join(folder, 'crm-openapi.yaml'), crmDescription(fake.url));
    });
    afterEach(() => extension.testing!.setPromptResponder(undefined));
    after(async () => {
      await closeAllEditors();
      await fake.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('picks the description and the list operation, opens the spec with its guesses, and previews it when asked', async () => {
      const prompts: Prompt[] = [];
      extension.testing!.setPromptResponder((prompt) => {
        prompts.push(prompt);
        if (prompt.kind === 'quickPick' && prompt.items.includes('apis/crm-openapi.yaml')) return 'apis/crm-openapi.yaml';
        if (prompt.kind === 'quickPick') return 'GET /contacts';
        if (prompt.kind === 'notification' && prompt.items.includes('Preview Source')) return 'Preview Source';
        if (prompt.kind === 'input' && prompt.message.startsWith('username')) return 'ada';
        if (prompt.kind === 'input' && prompt.message.startsWith('password')) return 'pw-1!';
        return undefined;
      });
      const result = await vscode.commands.executeCommand<NewFromOpenApiResult>('sourcesSdk.newFromOpenApi');
      assert.equal(result.outcome, 'done', JSON.stringify(result));
      const specUri = workspaceUri('apis/Northwind-CRM-connectionSpec.json');
      assert.equal(result.uri, specUri.toString());
      assert.equal(result.guesses, 6);

      const picks = prompts.filter((p) => p.kind === 'quickPick');
      assert.ok(picks[0].items.includes('apis/crm-openapi.yaml'), picks[0].items.join());
      assert.ok(!picks[0].items.some((i) => i.endsWith('-connectionSpec.json')), 'specs are not offered as descriptions');
      assert.deepEqual(picks[1].items, ['GET /contacts'], 'only list operations are offered');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), specUri.toString());
      assert.equal(vscode.window.activeTextEditor?.document.languageId, 'sources-sdk-connection-spec');
      const offer = prompts.find((p) => p.kind === 'notification' && p.items.includes('Preview Source'));
      assert.match(offer?.message ?? '', /Created apis\/Northwind-CRM-connectionSpec\.json from GET \/contacts: 6 guesses to check/);

      // The guesses are information findings of the language server, read from the guesses file beside the spec.
      const guesses = await waitFor('the guesses as information', () => {
        const found = vscode.languages.getDiagnostics(specUri).filter((d) => d.code === 'SSDK530');
        return found.length === 6 ? found : undefined;
      });
      assert.ok(guesses.every((d) => d.severity === vscode.DiagnosticSeverity.Information));
      assert.ok(!vscode.languages.getDiagnostics(specUri).some((d) => d.severity === vscode.DiagnosticSeverity.Error));

      // Preview Source, offered at once, read the 7 records through the generated pagination.
      await waitFor('the preview to read every page', () => fake.requests.length >= 3);
      assert.deepEqual(fake.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('offset')), ['0', '3', '6']);
      assert.ok(prompts.some((p) => p.kind === 'input' && p.message.startsWith('password')), 'the preview asked for the password');
    });

    it('from the explorer: an existing spec is replaced only when the user says so', async () => {
      const description = workspaceUri('apis/crm-openapi.yaml');
      const specUri = workspaceUri('apis/Northwind-CRM-connectionSpec.json');
      writeFileSync(specUri.fsPath, '{"name": "my own work"}\n');
      const prompts: Prompt[] = [];
      extension.testing!.setPromptResponder((prompt) => { prompts.push(prompt); return prompt.kind === 'quickPick' ? 'GET /contacts' : undefined; });
      const kept = await vscode.commands.executeCommand<NewFromOpenApiResult>('sourcesSdk.newFromOpenApi', description, [description]);
      assert.equal(kept.outcome, 'cancelled', JSON.stringify(kept));
      assert.match(prompts.find((p) => p.kind === 'message')?.message ?? '', /Northwind-CRM-connectionSpec\.json already exists\. Replace it/);
      assert.equal(readFileSync(specUri.fsPath, 'utf8'), '{"name": "my own work"}\n');

      extension.testing!.setPromptResponder((prompt) => (prompt.kind === 'message' ? 'Replace' : undefined));
      const replaced = await vscode.commands.executeCommand<NewFromOpenApiResult>('sourcesSdk.newFromOpenApi', description, { operation: 'listContacts' });
      assert.equal(replaced.outcome, 'done', JSON.stringify(replaced));
      assert.equal(JSON.parse(readFileSync(specUri.fsPath, 'utf8')).name, 'Northwind CRM contacts');
    });
  });

  describe('Preview fixes as quick fixes', () => {
    let source: FakeSource;
    const uri = workspaceUri('fake-fixable-connectionSpec.json');

    before(async () => {
      await activateExtension();
      source = await startFakeSource();
    });
    after(async () => {
      await closeAllEditors();
      await source.close();
      rmSync(uri.fsPath, { force: true });
    });

    it('a contentPath that finds nothing gets the records array as a quick fix; applied, the preview reads the records', async () => {
      writeFileSync(uri.fsPath, JSON.stringify(previewSpec(source.url, { urlParams: { path: '/broken/wrapped', method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' } }), null, 2));
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const options = { authSpecName: AUTH.key, values: { authKey1: FAKE_CREDENTIALS.apiKey } };
      const first = await vscode.commands.executeCommand<PreviewCommandResult>('sourcesSdk.previewSource', uri, options);
      assert.equal(first.outcome, 'done');
      const warning = await waitFor('the preview warning on contentPath', () =>
        vscode.languages.getDiagnostics(uri).find((d) => d.source === 'preview' && d.code === 'content-without-records'));
      assert.equal(document.getText(warning.range), '"contentPath": "$.items"');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, warning.range);
      const fix = actions.find((a) => a.title === 'Set contentPath to $.data.entries');
      assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(document.getText(), /"contentPath": "\$\.data\.entries"/);
      await waitFor('the edit to clear the run\'s warnings', () => !vscode.languages.getDiagnostics(uri).some((d) => d.source === 'preview'));
      await document.save();

      const again = await vscode.commands.executeCommand<PreviewCommandResult>('sourcesSdk.previewSource', uri, options);
      assert.equal(again.outcome, 'done');
      assert.equal((again as Extract<PreviewCommandResult, { outcome: 'done' }>).recordCount, 3);
      assert.deepEqual((again as Extract<PreviewCommandResult, { outcome: 'done' }>).warnings, []);
    });
  });
}

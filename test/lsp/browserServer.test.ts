/**
 * The browser language server bundle (`dist/browser/server.js`) in a real Web Worker of headless Chromium: the
 * same features as over stdio, from the same server/ code (build first: `node esbuild.mjs`; `npm test` does).
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, DocumentSymbol, Hover, WorkspaceEdit } from 'vscode-languageserver/node';
import { WorkerLspClient } from '../web/workerLspClient';
import { assertFormatsMinified } from './lspClient';

const ACME = readFileSync(join(__dirname, '..', 'fixtures', 'valid', 'acme-crm-connectionSpec.json'), 'utf8');
const CONNECTION = 'sources-sdk-connection-spec';
const codes = (list: Array<{ code?: unknown }>) => list.map((d) => String(d.code));

describe('language server in a browser Web Worker', () => {
  let client: WorkerLspClient;

  before(async () => {
    client = await WorkerLspClient.start();
  });
  after(() => client?.close());

  test('initializes with the package version and the same capabilities as the Node server', async () => {
    const init = await client.initialize();
    const version = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
    assert.deepEqual(init.serverInfo, { name: 'sources-sdk-language-server', version });
    for (const key of ['completionProvider', 'hoverProvider', 'codeActionProvider', 'documentSymbolProvider', 'renameProvider', 'documentFormattingProvider']) {
      assert.ok(init.capabilities[key], key);
    }
  });

  test('diagnostics and a quick fix', async () => {
    const uri = 'vscode-test-web://mount/acme-connectionSpec.json';
    const text = ACME.replace('"paginationParams": {', '"paginationParams": {\n        "pageParamNmae": "page",');
    const { diagnostics } = await client.open(uri, CONNECTION, text);
    const unknown = diagnostics.find((d) => d.code === 'SSDK011');
    assert.ok(unknown, codes(diagnostics).join(','));
    assert.ok(diagnostics.every((d) => d.source === 'sources-sdk'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.title.includes('pageParamName'));
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, CONNECTION, 1, text), fix?.edit?.changes?.[uri] ?? []);
    assert.ok(fixed.includes('"pageParamName": "page"'), actions.map((a) => a.title).join(' | '));
  });

  test('completion, hover, symbols, rename and formatting', async () => {
    const uri = 'vscode-test-web://mount/features-connectionSpec.json';
    const text = ACME.replace('"type": "OFFSET"', '"type": ""');
    await client.open(uri, CONNECTION, text);
    const document = TextDocument.create(uri, CONNECTION, 1, text);
    const completion = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri }, position: document.positionAt(text.indexOf('"type": ""') + 9),
    });
    const labels = completion.items.map((i) => i.label.replace(/"/g, ''));
    for (const type of ['OFFSET', 'POINTER', 'CONTINUATION_TOKEN']) assert.ok(labels.includes(type), type);
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri }, position: document.positionAt(text.indexOf('${region}') + 3),
    });
    assert.match(JSON.stringify(hover?.contents), /region/);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.some((s) => s.name === 'authSpec'));
    const rename = await client.request<WorkspaceEdit | null>('textDocument/rename', {
      textDocument: { uri }, position: document.positionAt(text.indexOf('${region}') + 3), newName: 'zone',
    });
    assert.ok(TextDocument.applyEdits(document, rename?.changes?.[uri] ?? []).includes('${zone}'));
    await assertFormatsMinified(client, 'vscode-test-web://mount/minified-connectionSpec.json', CONNECTION, ACME);
  });

  test('a plain json document in a virtual workspace is recognised by content', async () => {
    const { diagnostics } = await client.open('vscode-vfs://github/acme/specs/some.json', 'json', ACME.replace('"GET"', '"GOT"'));
    assert.ok(codes(diagnostics).includes('SSDK012'), codes(diagnostics).join(','));
  });
});

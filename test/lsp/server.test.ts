/**
 * The bundled language server over real stdio JSON-RPC (build first: `node esbuild.mjs`; `npm test` does).
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction, CompletionList, DocumentSymbol, Hover, InitializeResult, WorkspaceEdit,
} from 'vscode-languageserver/node';
import { assertFormatsMinified, SERVER_PATH, TestLspClient } from './lspClient';

const VALID = join(__dirname, '..', 'fixtures', 'valid');
const ACME = readFileSync(join(VALID, 'acme-crm-connectionSpec.json'), 'utf8');
const CONNECTION = 'sources-sdk-connection-spec';
const codes = (list: Array<{ code?: unknown }>) => list.map((d) => String(d.code));

describe('language server over stdio', () => {
  let client: TestLspClient;
  let init: InitializeResult;

  before(async () => {
    assert.ok(existsSync(SERVER_PATH), 'dist/server.js exists (run node esbuild.mjs)');
    client = new TestLspClient();
    init = await client.initialize();
  });
  after(() => client?.kill());

  test('advertises incremental sync and the spec features', () => {
    const caps = init.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual(caps.completionProvider?.triggerCharacters, ['"', ':', '{', '$']);
    for (const key of ['hoverProvider', 'documentSymbolProvider', 'definitionProvider', 'referencesProvider',
      'documentFormattingProvider', 'documentRangeFormattingProvider', 'foldingRangeProvider', 'selectionRangeProvider'] as const) {
      assert.ok(caps[key], key);
    }
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
  });

  test('open → diagnostics; incremental change → new diagnostics; quick fix → clean', async () => {
    const uri = 'file:///lsp/acme-connectionSpec.json';
    const broken = ACME.replace('"paginationParams": {', '"paginationParams": {\n        "pageParamNmae": "page",');
    const opened = await client.open(uri, CONNECTION, broken, 1);
    assert.ok(codes(opened).includes('SSDK011'), codes(opened).join(','));
    assert.ok(opened.every((d) => d.source === 'sources-sdk'));

    // An incremental edit that adds a second problem (a trailing comma).
    let document = TextDocument.create(uri, CONNECTION, 1, broken);
    const endOfName = document.positionAt(broken.indexOf('"acme-crm-contacts",') + '"acme-crm-contacts",'.length);
    const insertion = { range: { start: endOfName, end: endOfName }, text: '\n  "x": [1,],' };
    document = TextDocument.update(document, [insertion], 2);
    const changed = await client.change(uri, 2, [insertion]);
    assert.ok(codes(changed).includes('SSDK003'), codes(changed).join(','));

    // Undo that, then apply the server's did-you-mean quick fix as incremental edits.
    const undoRange = { start: endOfName, end: document.positionAt(document.offsetAt(endOfName) + insertion.text.length) };
    const afterUndo = await client.change(uri, 3, [{ range: undoRange, text: '' }]);
    const unknown = afterUndo.find((d) => d.code === 'SSDK011');
    assert.ok(unknown && !codes(afterUndo).includes('SSDK003'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.title.includes('pageParamName'));
    assert.ok(fix?.edit?.changes?.[uri], actions.map((a) => a.title).join(' | '));
    const edits = fix.edit.changes[uri];
    const fixed = await client.change(uri, 4, [...edits].reverse().map((e) => ({ range: e.range, text: e.newText })));
    assert.ok(!codes(fixed).includes('SSDK011'), codes(fixed).join(','));
  });

  test('a burst of edits ends with the diagnostics of the newest version', async () => {
    const uri = 'file:///lsp/burst-connectionSpec.json';
    await client.open(uri, CONNECTION, ACME, 1);
    const seen: number[] = [];
    const last = client.waitForDiagnostics(uri, (p) => { seen.push(p.version ?? -1); return p.version === 6; });
    for (let version = 2; version <= 6; version++) {
      // Versions 2–5 are clean; only the last one has a trailing comma.
      const text = version === 6 ? ACME.replace('"name": "acme-crm-contacts",', '"name": "acme-crm-contacts",,') : ACME;
      void client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version }, contentChanges: [{ text }],
      });
    }
    const published = await last;
    assert.ok(codes(published.diagnostics).includes('SSDK001'), codes(published.diagnostics).join(','));
    assert.ok(seen.every((v, i) => i === 0 || v >= seen[i - 1]), `versions published in order: ${seen.join(',')}`);
    assert.ok(seen.length <= 5);
  });

  test('completion, hover, symbols, rename and formatting', async () => {
    const uri = 'file:///lsp/features-connectionSpec.json';
    const text = ACME.replace('"type": "OFFSET"', '"type": ""');
    await client.open(uri, CONNECTION, text);
    const document = TextDocument.create(uri, CONNECTION, 1, text);

    const completion = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri }, position: document.positionAt(text.indexOf('"type": ""') + 9),
    });
    const labels = completion.items.map((i) => i.label.replace(/"/g, ''));
    for (const type of ['OFFSET', 'POINTER', 'CONTINUATION_TOKEN', 'PAGE', 'NONE']) assert.ok(labels.includes(type), type);

    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri }, position: document.positionAt(text.indexOf('${region}') + 3),
    });
    assert.match(JSON.stringify(hover?.contents), /region/);

    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const auth = symbols.find((s) => s.name === 'authSpec');
    assert.deepEqual(auth?.children?.map((c) => c.name), ['OAuth2 Refresh Code', 'Basic Authentication']);

    const rename = await client.request<WorkspaceEdit | null>('textDocument/rename', {
      textDocument: { uri }, position: document.positionAt(text.indexOf('${region}') + 3), newName: 'zone',
    });
    const renamed = TextDocument.applyEdits(document, rename?.changes?.[uri] ?? []);
    assert.ok(renamed.includes('${zone}') && !renamed.includes('${region}'));

    await assertFormatsMinified(client, 'file:///lsp/minified-connectionSpec.json', CONNECTION, ACME);
  });

  test('a plain json document is recognised by content; a non-spec json gets no diagnostics', async () => {
    const specUri = 'file:///lsp/some-file.json';
    const detected = await client.open(specUri, 'json', ACME.replace('"GET"', '"GOT"'));
    assert.ok(codes(detected).includes('SSDK012'), codes(detected).join(','));
    const other = await client.open('file:///lsp/package.json', 'json', '{"name": "pkg", "version": 1,}');
    assert.deepEqual(other, []);
  });

  test('sourcesSdk.detectByContent is pulled per document and re-read after a configuration change', async () => {
    const specUri = 'file:///lsp/some-file.json';
    client.settings = { detectByContent: false };
    const off = client.waitForDiagnostics(specUri, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await off).diagnostics, []);
    client.settings = { detectByContent: true };
    const on = client.waitForDiagnostics(specUri, (p) => codes(p.diagnostics).includes('SSDK012'));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.ok((await on).diagnostics.length > 0);
  });

  test('malformed, empty, array, 10 MB, deeply nested and binary documents never kill the server', async () => {
    const cases: Array<[string, string, string[]]> = [
      ['malformed', '{"name": "x", "authSpec": [ {"name": }', ['SSDK001']],
      ['empty', '', ['SSDK005']],
      ['array', '[1, 2, 3]', ['SSDK005']],
      ['huge', `{"data": [${Array(100_000).fill('"' + 'z'.repeat(96) + '"').join(',')}]}`, ['SSDK090']],
      ['deep', '['.repeat(20_000) + ']'.repeat(20_000), ['SSDK090']],
      ['binary', '\u0000\u0001\u0002\ufffd\u007f{"\u0000": \ud800}', ['SSDK001']],
    ];
    for (const [name, text, expected] of cases) {
      const uri = `file:///lsp/${name}-connectionSpec.json`;
      const diagnostics = await client.open(uri, CONNECTION, text);
      for (const code of expected) assert.ok(codes(diagnostics).includes(code), `${name}: ${codes(diagnostics).join(',')}`);
      const position = { line: 0, character: 3 };
      await client.request('textDocument/completion', { textDocument: { uri }, position });
      await client.request('textDocument/hover', { textDocument: { uri }, position });
      await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      await client.request('textDocument/foldingRange', { textDocument: { uri } });
      await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      assert.ok(client.alive, `${name}: server alive`);
    }
    // Still answering afterwards.
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: 'file:///lsp/minified-connectionSpec.json' },
    });
    assert.ok(symbols.length > 0);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = 'file:///lsp/close-connectionSpec.json';
    await client.open(uri, CONNECTION, '[]');
    const cleared = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual((await cleared).diagnostics, []);
  });

  test('shutdown then exit ends the process with code 0', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});

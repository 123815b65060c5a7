// Issue 7, defect 2 and the small LSP ones, over real stdio against dist/server.js: a request before initialize got
// `null` (now -32002), malformed params got a default answer (now -32602 with a plain message), and formatting
// had no bound (the 402 KB document 990 deep killed the server; tabSize 2147483647 hung it).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol, TextEdit } from 'vscode-languageserver/node';
import { SERVER_PATH, TestLspClient } from '../lsp/lspClient';

const CONNECTION = 'sources-sdk-connection-spec';

/** The JSON-RPC error a request was answered with (fails when it succeeded). */
async function rpcError(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  return promise.then(
    (value) => assert.fail(`expected an error, got ${JSON.stringify(value)}`),
    (err: { code: number; message: string }) => err,
  );
}

describe('LSP requests are bounded', () => {
  let client: TestLspClient;
  before(() => {
    assert.ok(existsSync(SERVER_PATH), 'dist/server.js exists (npm test builds it)');
    client = new TestLspClient();
  });
  after(() => client?.kill());

  test('a request before initialize is answered -32002', async () => {
    const err = await rpcError(client.request('textDocument/hover', { textDocument: { uri: 'file:///x-connectionSpec.json' }, position: { line: 0, character: 0 } }));
    assert.equal(err.code, -32002);
    assert.match(err.message, /not initialized/);
    await client.initialize();
  });

  test('malformed params are answered -32602 with a plain message', async () => {
    const uri = 'file:///hardening/params-connectionSpec.json';
    await client.open(uri, CONNECTION, '{"name": "x"}');
    const cases: Array<[string, unknown, RegExp]> = [
      ['textDocument/hover', { textDocument: { uri } }, /position must be an object/],
      ['textDocument/hover', { textDocument: {}, position: { line: 0, character: 0 } }, /textDocument\.uri must be a string/],
      ['textDocument/completion', { textDocument: { uri }, position: { line: -1, character: 0 } }, /non-negative integers/],
      ['textDocument/formatting', { textDocument: { uri }, options: { tabSize: 'wide', insertSpaces: true } }, /options\.tabSize must be a number/],
      ['textDocument/formatting', { textDocument: { uri } }, /options must be an object/],
      ['textDocument/rangeFormatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true }, range: { start: { line: 0 } } }, /range\.start/],
      ['textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 1 }, newName: 42 }, /newName must be a string/],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, /context\.diagnostics/],
      ['textDocument/references', { textDocument: { uri }, position: { line: 0, character: 0 } }, /includeDeclaration/],
      ['textDocument/selectionRange', { textDocument: { uri }, positions: 'all' }, /positions must be an array/],
      ['textDocument/documentSymbol', {}, /textDocument\.uri must be a string/],
    ];
    for (const [method, params, message] of cases) {
      const err = await rpcError(client.request(method, params));
      assert.equal(err.code, -32602, `${method} ${JSON.stringify(params)}`);
      assert.match(err.message, message, method);
    }
    // Well-formed requests on the same document are still served.
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['name']);
  });

  test('tabSize 2147483647 is clamped to 16: the server answers and stays up', async () => {
    const uri = 'file:///hardening/tab-connectionSpec.json';
    const text = '{"name":{"a":1}}';
    await client.open(uri, CONNECTION, text);
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2147483647, insertSpaces: true } });
    const formatted = TextDocument.applyEdits(TextDocument.create(uri, CONNECTION, 1, text), edits);
    assert.equal(formatted, `{\n${' '.repeat(16)}"name": {\n${' '.repeat(32)}"a": 1\n${' '.repeat(16)}}\n}`);
    assert.ok(client.alive);
  });

  test('the 402 KB document 990 deep with 200,000 items: no edit, a logged reason, the server keeps serving', async () => {
    const uri = 'file:///hardening/wide-connectionSpec.json';
    const text = `{"a":${'['.repeat(989)}${'1,'.repeat(199_999)}1${']'.repeat(989)}}`;
    await client.open(uri, CONNECTION, text);
    for (const method of ['textDocument/formatting', 'textDocument/rangeFormatting']) {
      const edits = await client.request<TextEdit[]>(method, {
        textDocument: { uri }, options: { tabSize: 2, insertSpaces: true },
        range: { start: { line: 0, character: 1000 }, end: { line: 0, character: 1100 } },
      });
      assert.deepEqual(edits, [], method);
    }
    assert.ok(client.logs.some((line) => line.includes('Formatting skipped: the result would be larger than') && line.includes(uri)), client.logs.join('\n').slice(-2000));
    assert.ok(client.alive);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///hardening/tab-connectionSpec.json' } });
    assert.deepEqual(symbols.map((s) => s.name), ['name']);
  });
});

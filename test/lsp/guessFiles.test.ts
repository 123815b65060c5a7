/**
 * A generated spec's guesses file through the bundled language server over stdio: each guess is an information
 * (SSDK530) on its place while the value there is the one guessed; *Mark as checked* edits the guesses file, and
 * once that is saved (a file event) the finding is gone; editing the guessed value ends it at once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEdits, type Edit } from 'jsonc-parser';
import type { CodeAction, TextEdit } from 'vscode-languageserver/node';
import { specFilesFromDescription } from '../../core/openapi';
import { tempFolders } from '../helpers/tempFolders';
import { TestLspClient } from './lspClient';

const CRM = join(__dirname, '..', 'fixtures', 'openapi', 'crm-contacts.oas30.yaml');
const temp = tempFolders();

/** The offset of a position in `text` (written with \n line ends). */
function offsetOf(text: string, position: { line: number; character: number }): number {
  return text.split('\n').slice(0, position.line).reduce((n, line) => n + line.length + 1, 0) + position.character;
}

describe('language server: guesses of a generated spec', () => {
  let client: TestLspClient;
  let root: string;
  let specUri: string;
  let specText: string;
  const guessPath = () => join(root, 'crm-connectionSpec.guesses.json');

  before(async () => {
    root = temp('lsp-guesses-');
    const files = specFilesFromDescription(readFileSync(CRM, 'utf8'), 'GET /contacts', 'crm.yaml');
    specText = files.specText;
    writeFileSync(join(root, 'crm-connectionSpec.json'), specText);
    writeFileSync(guessPath(), files.guessText);
    specUri = pathToFileURL(join(root, 'crm-connectionSpec.json')).href;
    client = new TestLspClient();
    await client.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await client.connection.sendNotification('initialized', {});
  });
  after(() => client?.kill());

  test('each guess is an information on its place; Mark as checked removes it from the guesses file', async () => {
    const published = client.waitForDiagnostics(specUri, (p) => p.diagnostics.filter((d) => d.code === 'SSDK530').length === 6);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: specUri, languageId: 'sources-sdk-connection-spec', version: 1, text: specText } });
    const { diagnostics } = await published;
    const paging = diagnostics.find((d) => d.code === 'SSDK530' && /Pagination inferred/.test(d.message))!;
    assert.equal(paging.severity, 3);
    assert.equal(specText.split('\n')[paging.range.start.line].trim(), '"paginationParams": {');
    assert.ok(diagnostics.every((d) => d.severity !== 1 && d.severity !== 2), 'no error or warning');

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: specUri }, range: paging.range, context: { diagnostics: [paging] } });
    const checked = actions.find((a) => a.title.startsWith('Mark as checked'));
    const edits = checked?.edit?.changes?.[pathToFileURL(guessPath()).href] as TextEdit[] | undefined;
    assert.ok(edits?.length, 'an edit of the guesses file');
    // Apply it as the editor would and save: the file watcher tells the server.
    const before = readFileSync(guessPath(), 'utf8');
    const after = applyEdits(before, edits.map((e): Edit => ({ offset: offsetOf(before, e.range.start), length: offsetOf(before, e.range.end) - offsetOf(before, e.range.start), content: e.newText })));
    assert.equal(JSON.parse(after).guesses.length, 5);
    assert.ok(!JSON.parse(after).guesses.some((g: { message: string }) => /Pagination inferred/.test(g.message)));
    writeFileSync(guessPath(), after);
    const cleared = client.waitForDiagnostics(specUri, (p) => p.diagnostics.filter((d) => d.code === 'SSDK530').length === 5);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(guessPath()).href, type: 2 }] });
    assert.ok(!(await cleared).diagnostics.some((d) => /Pagination inferred/.test(d.message)));
  });

  test('changing a guessed value ends its finding: the author decided', async () => {
    const edited = specText.replace('"scheduleStartParamFormat": "yyyy-MM-ddTHH:mm:ssZ"', '"scheduleStartParamFormat": "yyyy-MM-dd"');
    const published = client.waitForDiagnostics(specUri, (p) => p.version === 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: specUri, version: 2 }, contentChanges: [{ text: edited }] });
    const { diagnostics } = await published;
    assert.ok(!diagnostics.some((d) => /window is sent as/.test(d.message)));
    assert.equal(diagnostics.filter((d) => d.code === 'SSDK530').length, 4);
  });
});

/**
 * Completion that knows the auth entry's type and the schedule form, over real stdio (issue 19 point 5): inside an
 * authSpec entry's `spec.properties` the credential properties its `type` expects, as snippets, only those missing;
 * inside `scheduleParams` the keys of the form in use, `type` bringing the whole ADVANCE form. Each accepted item is
 * applied the way an editor does (tab stops left at their defaults) and the result read back.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { useLspClient } from './lspClient';

const LANGUAGE = 'sources-sdk-connection-spec';
const ACME = readFileSync(join(__dirname, '..', '..', 'examples', 'acme-crm-connectionSpec.json'), 'utf8');
const CURSOR = '|';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Snippet text as an editor leaves it when every tab stop keeps its default. */
function expandSnippet(snippet: string): string {
  let out = '';
  let open = 0; // placeholders entered and not yet closed
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length) { out += snippet[++i]; continue; }
    const stop = /^\$(\d+)|^\$\{(\d+):/.exec(snippet.slice(i));
    if (stop) { i += stop[0].length - 1; if (stop[2]) open++; continue; }
    if (c === '}' && open > 0) { open--; continue; }
    out += c;
  }
  return out;
}

/** The spec with a second auth entry of `type` whose `spec` is `spec` (the cursor marked with `|` inside it). */
function withEntry(type: string, spec: string): string {
  return ACME.replace('  "authSpec": [\n', `  "authSpec": [\n    {\n      "name": "Other",\n      "type": "${type}",\n      "spec": ${spec}\n    },\n`);
}

describe('completion for auth entry types and schedule forms', () => {
  const lsp = useLspClient();
  let counter = 0;

  /** Opens `marked` (cursor at `|`) and asks for completion there. */
  async function complete(marked: string): Promise<{ document: TextDocument; items: CompletionItem[]; diagnostics: Diagnostic[] }> {
    const offset = marked.indexOf(CURSOR);
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    const uri = `file:///entry-completion/${++counter}-connectionSpec.json`;
    const diagnostics = await lsp().open(uri, LANGUAGE, text);
    const document = TextDocument.create(uri, LANGUAGE, 1, text);
    const list = await lsp().request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: document.positionAt(offset) });
    return { document, items: Array.isArray(list) ? list : list.items, diagnostics };
  }

  /** The text after accepting `label`: its edit (snippet expanded) and its additional edits. */
  function accept(document: TextDocument, items: CompletionItem[], label: string): string {
    const item = items.find((i) => i.label === label);
    assert.ok(item?.textEdit && 'range' in item.textEdit, `${label} offered with an edit: ${items.map((i) => i.label).join(', ')}`);
    assert.equal(item.insertTextFormat, 2, `${label} is a snippet`);
    const edits: TextEdit[] = [{ range: item.textEdit.range, newText: expandSnippet(item.textEdit.newText) }, ...(item.additionalTextEdits ?? [])];
    return TextDocument.applyEdits(document, edits);
  }

  const entryOf = (text: string): Json => (JSON.parse(text) as Json).authSpec[0];

  test('BasicAuthentication: host, username and password; the password masked; a required one joins `required`', async () => {
    const { document, items, diagnostics } = await complete(withEntry('BasicAuthentication',
      '{\n        "type": "object",\n        "required": ["username"],\n        "properties": {\n          |\n        }\n      }'));
    assert.deepEqual(items.map((i) => i.label), ['host', 'username', 'password']);
    assert.ok(diagnostics.some((d) => d.code === 'SSDK405'), 'before: "username" is required but not declared');
    const password = accept(document, items, 'password');
    assert.deepEqual(entryOf(password).spec.properties.password, { type: 'string', description: 'Password.', format: 'password' });
    assert.deepEqual(entryOf(password).spec.required, ['username', 'password'], 'a required credential is listed in required');
    const username = accept(document, items, 'username');
    assert.deepEqual(entryOf(username).spec.required, ['username'], 'listed once');
    const item = items.find((i) => i.label === 'password');
    assert.equal(item?.insertTextMode, 1, 'inserted as is: the snippet carries its indentation');
    assert.match(item?.textEdit?.newText ?? '', /^"password": \{\n {12}"type": "string",\n {12}"description": "\$\{1:Password\.\}",\n {12}"format": "password"\n {10}\}$/);
    // Once accepted, the property is not offered again and nothing new is reported about it.
    const after = await complete(username.replace('"User name."\n          }', '"User name."\n          },\n          |'));
    assert.deepEqual(after.items.map((i) => i.label), ['host', 'password']);
    assert.ok(!after.diagnostics.some((d) => d.code === 'SSDK405'), after.diagnostics.map((d) => d.message).join('\n'));
  });

  test('OAuth2RefreshCode: only the credentials the entry lacks; expirationDate hidden, tokens masked', async () => {
    const { document, items } = await complete(withEntry('OAuth2RefreshCode',
      '{\n        "type": "object",\n        "properties": {\n          "host": {"type": "string"},\n          "clientId": {"type": "string"},\n          "|"\n        }\n      }'));
    assert.deepEqual(items.map((i) => i.label),
      ['authorizationTestUrl', 'clientSecret', 'accessToken', 'refreshToken', 'expirationDate', 'accessTokenUrl', 'requestParameterOverride']);
    const properties = (label: string) => entryOf(accept(document, items, label)).spec.properties;
    assert.deepEqual(properties('expirationDate').expirationDate,
      { type: 'string', description: 'When the access token expires (managed, not typed by users).', format: 'date', uiAttributes: { hidden: true } });
    assert.equal(properties('accessToken').accessToken.format, 'password');
    assert.equal(properties('refreshToken').refreshToken.format, 'password');
    assert.deepEqual(properties('requestParameterOverride').requestParameterOverride.properties.authenticationMethod, { type: 'string', enum: ['GET', 'POST'] });
    assert.match(String(items.find((i) => i.label === 'accessToken')?.detail), /OAuth2RefreshCode credential \(required\)/);
  });

  test('KeyBased: authKey1 masked with its header; once present, the next further key', async () => {
    const first = await complete(withEntry('KeyBased', '{\n        "type": "object",\n        "properties": {|}\n      }'));
    assert.deepEqual(first.items.map((i) => i.label), ['host', 'authKey1']);
    const key = entryOf(accept(first.document, first.items, 'authKey1')).spec.properties.authKey1;
    assert.deepEqual(key, { type: 'string', description: 'API key.', format: 'password', title: 'API key', restAttributes: { headerParamName: 'X-API-Key' } });
    const further = await complete(withEntry('KeyBased', '{\n        "type": "object",\n        "properties": {\n          "authKey1": {"type": "string", "format": "password"},\n          |\n        }\n      }'));
    assert.deepEqual(further.items.map((i) => i.label), ['host', 'authKey2']);
    assert.equal(entryOf(accept(further.document, further.items, 'authKey2')).spec.properties.authKey2.format, 'password');
  });

  test('nothing offered outside an entry\'s spec.properties or for an unknown type', async () => {
    const unknown = await complete(withEntry('Custom', '{\n        "type": "object",\n        "properties": {|}\n      }'));
    assert.deepEqual(unknown.items.map((i) => i.label), []);
    const source = await complete(ACME.replace('"properties": {\n        "segmentId"', '"properties": {|\n        "segmentId"'));
    assert.ok(!source.items.some((i) => i.label === 'username' || i.label === 'clientSecret'), source.items.map((i) => i.label).join(', '));
  });

  test('scheduleParams of neither form: `type` brings the whole ADVANCE form; in it, incremental brings backfill', async () => {
    const empty = await complete(ACME.replace(/"scheduleParams": \{[^}]*\}/, '"scheduleParams": {\n        |\n      }'));
    const advance = JSON.parse(accept(empty.document, empty.items, 'type')).sourceSpec.attributes.scheduleParams;
    assert.deepEqual(advance, {
      type: 'ADVANCE', paramFormat: 'yyyy-MM-ddTHH:mm:ssK',
      incremental: 'updated_at>{START_TIME} AND updated_at<{END_TIME}', backfill: 'updated_at<{END_TIME}',
    });
    const started = await complete(ACME.replace(/"scheduleParams": \{[^}]*\}/, '"scheduleParams": {\n        "type": "ADVANCE",\n        |\n      }'));
    assert.deepEqual(started.items.map((i) => i.label).sort(), ['backfill', 'incremental', 'paramFormat']);
    const both = JSON.parse(accept(started.document, started.items, 'incremental')).sourceSpec.attributes.scheduleParams;
    assert.deepEqual(Object.keys(both), ['type', 'incremental', 'backfill']);
    const standard = await complete(ACME.replace(/"scheduleParams": \{[^}]*\}/, '"scheduleParams": {\n        "scheduleStartParamName": "since",\n        |\n      }'));
    assert.deepEqual(standard.items.map((i) => i.label), ['scheduleEndParamName', 'scheduleStartParamFormat', 'scheduleEndParamFormat']);
    assert.equal(JSON.parse(accept(standard.document, standard.items, 'scheduleEndParamName')).sourceSpec.attributes.scheduleParams.scheduleEndParamName, 'updated_before');
  });
});

/**
 * Findings a person can trust while typing, over real stdio: one finding per point (the endConditionName case),
 * messages that name what is allowed with a fix that infers the value, completion that knows the pagination type,
 * a pasted Flow Service response recognised as one, and quiet where Adobe's documents are right.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { useLspClient } from './lspClient';

const LANGUAGE = 'sources-sdk-connection-spec';
const ACME = readFileSync(join(__dirname, '..', '..', 'examples', 'acme-crm-connectionSpec.json'), 'utf8');
const problems = (list: Diagnostic[]) => list.filter((d) => (d.severity ?? 1) <= 2);
const listing = (list: Diagnostic[]) => list.map((d) => `${d.range.start.line + 1} ${d.code} ${d.message}`).join('\n');

describe('findings a person can trust', () => {
  const lsp = useLspClient();
  let counter = 0;

  async function open(text: string): Promise<{ uri: string; document: TextDocument; diagnostics: Diagnostic[] }> {
    const uri = `file:///findings/${++counter}-connectionSpec.json`;
    const diagnostics = await lsp().open(uri, LANGUAGE, text);
    return { uri, document: TextDocument.create(uri, LANGUAGE, 1, text), diagnostics };
  }

  async function fixes(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return lsp().request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  }

  function apply(document: TextDocument, action: CodeAction | undefined): string {
    assert.ok(action?.edit?.changes, 'the fix has an edit');
    return TextDocument.applyEdits(document, action.edit.changes[document.uri] as TextEdit[]);
  }

  test('accepting endConditionName in an OFFSET block: exactly one error, and its fix adds the partner', async () => {
    const { uri, document, diagnostics } = await open(ACME.replace('"offSetName": "offset"', '"offSetName": "offset",\n        "endConditionName": ""'));
    assert.equal(problems(diagnostics).length, 1, listing(diagnostics));
    const [error] = problems(diagnostics);
    assert.equal(error.severity, 1);
    assert.equal(document.getText(error.range), '"endConditionName"', 'on the key, not the whole object');
    assert.match(error.message, /"endConditionName" needs "endConditionValue".*Const:false/);
    const fixed = apply(document, (await fixes(uri, error)).find((a) => a.isPreferred));
    assert.equal(JSON.parse(fixed).sourceSpec.attributes.paginationParams.endConditionValue, 'Const:false');
  });

  test('a missing pagination type names the allowed values, and the fix inserts the type the keys imply', async () => {
    const { uri, document, diagnostics } = await open(ACME.replace('"type": "OFFSET",\n', ''));
    const missing = diagnostics.find((d) => /Missing property "type"/.test(d.message));
    assert.ok(missing, listing(diagnostics));
    assert.match(missing.message, /one of "OFFSET", "POINTER", "CONTINUATION_TOKEN", "PAGE", "NONE"/);
    const action = (await fixes(uri, missing)).find((a) => a.isPreferred);
    assert.equal(action?.title, 'Add "type": "OFFSET"');
    assert.equal(JSON.parse(apply(document, action)).sourceSpec.attributes.paginationParams.type, 'OFFSET');
    // pointerPath implies POINTER.
    const pointer = await open(ACME.replace('"type": "OFFSET",', '').replace('"offSetName": "offset"', '"pointerPath": "$.next"'));
    const pointerMissing = pointer.diagnostics.find((d) => /Missing property "type"/.test(d.message));
    assert.ok(pointerMissing && (await fixes(pointer.uri, pointerMissing)).some((a) => a.title === 'Add "type": "POINTER"'), listing(pointer.diagnostics));
  });

  test('an invalid value names the allowed ones, with no period after "Did you mean …?"', async () => {
    const { diagnostics } = await open(ACME.replace('"type": "OFFSET"', '"type": "OFSET"'));
    const invalid = diagnostics.find((d) => d.code === 'SSDK012');
    assert.ok(invalid, listing(diagnostics));
    assert.match(invalid.message, /Use one of: "OFFSET", "POINTER", "CONTINUATION_TOKEN", "PAGE", "NONE"\. Did you mean "OFFSET"\?$/);
  });

  test('template text {pageToken} in a request value gets a fix that declares it and writes ${pageToken}', async () => {
    const text = ACME.replace('"method": "GET"', '"method": "GET",\n        "queryParams": {\n          "page": "{pageToken}"\n        }');
    const { uri, document, diagnostics } = await open(text);
    const template = diagnostics.find((d) => d.code === 'SSDK105');
    assert.ok(template, listing(diagnostics));
    const fixed = JSON.parse(apply(document, (await fixes(uri, template)).find((a) => a.isPreferred)));
    assert.equal(fixed.sourceSpec.attributes.urlParams.queryParams.page, '${pageToken}');
    assert.equal(fixed.sourceSpec.spec.properties.pageToken.type, 'string');
  });

  test('completion in an OFFSET block offers no other type\'s keys; a key with a needed partner inserts both', async () => {
    const text = ACME.replace('"offSetName": "offset"', '"offSetName": "offset",\n        ""');
    const uri = `file:///findings/${++counter}-connectionSpec.json`;
    await lsp().open(uri, LANGUAGE, text);
    const document = TextDocument.create(uri, LANGUAGE, 1, text);
    const position = document.positionAt(text.indexOf('"offSetName": "offset",\n        ""') + '"offSetName": "offset",\n        "'.length);
    const list = await lsp().request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
    const items = Array.isArray(list) ? list : list.items;
    const labels = items.map((i) => i.label);
    for (const other of ['pointerPath', 'continuationTokenPath', 'parameterType', 'parameterName', 'pageParamName', 'initialPageIndex', 'endPageIndex', 'maximumRequest']) {
      assert.ok(!labels.includes(other), `${other} offered: ${labels.join(', ')}`);
    }
    const end = items.find((i) => i.label === 'endConditionName');
    const newText = end?.textEdit && 'newText' in end.textEdit ? end.textEdit.newText : end?.insertText;
    assert.match(String(newText), /^"endConditionName": "\$\{1:\\\$\.hasMore\}",\n {8}"endConditionValue": "\$\{2:Const:false\}"$/);
    assert.equal(end?.insertTextMode, 1, 'inserted as is: the text carries the indentation (an editor would add it again)');
  });

  test('a pasted GET response: one finding, and its fix gives the authoring form', async () => {
    const spec = JSON.parse(ACME) as Record<string, unknown>;
    const response = { items: [{ id: 'f6c0de0c-0a42-4cd9-9139-8768bf2f1b55', createdAt: 1632989135000, updatedAt: 1632989135000,
      createdBy: '{CREATED_BY}', updatedBy: '{CREATED_BY}', createdClient: 'exc_app', updatedClient: 'exc_app', sandboxId: '{SANDBOX_ID}',
      sandboxName: 'prod', imsOrgId: '{ORG_ID}', ...spec }] };
    const { uri, document, diagnostics } = await open(JSON.stringify(response, null, 2));
    assert.deepEqual(diagnostics.map((d) => d.code), ['SSDK525'], listing(diagnostics));
    const fixed = JSON.parse(apply(document, (await fixes(uri, diagnostics[0])).find((a) => a.isPreferred)));
    assert.deepEqual(fixed, spec);
    // Unwrapped, its server-managed fields are one finding (no SSDK105 on their values), removed by one fix.
    const unwrapped = await open(JSON.stringify(response.items[0], null, 2));
    const server = unwrapped.diagnostics.filter((d) => d.code === 'SSDK518');
    assert.equal(server.length, 1, listing(unwrapped.diagnostics));
    assert.ok(!unwrapped.diagnostics.some((d) => d.code === 'SSDK105'), listing(unwrapped.diagnostics));
    assert.deepEqual(JSON.parse(apply(unwrapped.document, (await fixes(unwrapped.uri, server[0])).find((a) => a.isPreferred))), spec);
  });

  test('quiet where Adobe\'s documents are right: meta-schema, $.members, empty bodyParams, one finding per template value', async () => {
    const spec = JSON.parse(ACME);
    spec.sourceSpec.spec.properties.urlParams = { type: 'object', properties: { path: { type: 'string' } } };
    spec.sourceSpec.spec.properties.paginationParams = { type: 'object' };
    spec.sourceSpec.attributes.contentPath = '$.members';
    spec.sourceSpec.attributes.bodyParams = '';
    spec.sourceSpec.attributes.uiAttributes.category.key = '{CATEGORY}';
    spec.sourceSpec.attributes.scheduleParams.scheduleStartParamFormat = '{DATE_FORMAT}';
    const { document, diagnostics } = await open(JSON.stringify(spec, null, 2));
    const codes = diagnostics.map((d) => String(d.code));
    for (const quiet of ['SSDK106', 'SSDK503', 'SSDK506', 'SSDK515', 'SSDK306']) assert.ok(!codes.includes(quiet), `${quiet}:\n${listing(diagnostics)}`);
    for (const template of ['{CATEGORY}', '{DATE_FORMAT}']) {
      const on = diagnostics.filter((d) => document.getText(d.range).includes(template));
      assert.deepEqual(on.map((d) => d.code), ['SSDK105'], `${template}:\n${listing(diagnostics)}`);
    }
  });
});

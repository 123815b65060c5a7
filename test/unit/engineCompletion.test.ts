/** Completion as an author sees it: the order a client shows (sortText), not just the set of items. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument, type CompletionItem } from 'vscode-json-languageservice';
import { SpecEngine } from '../../core/analysis/engine';

const engine = new SpecEngine();

async function shown(marked: string): Promise<CompletionItem[]> {
  const offset = marked.indexOf('|');
  const document = TextDocument.create('file:///c-connectionSpec.json', 'json', 1, marked.replace('|', ''));
  const list = await engine.complete(document, document.positionAt(offset), 'connectionSpec');
  return [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

describe('completion order', () => {
  test('auth types: current types first with descriptions, the legacy one last and deprecated', async () => {
    const items = await shown('{"authSpec": [{"name": "x", "type": "|"}]}');
    assert.deepEqual(items.map((i) => i.label), ['"OAuth2RefreshCode"', '"BasicAuthentication"', '"KeyBased"', '"oAuth2-refresh-code"']);
    assert.ok(items.every((i) => i.documentation), 'every auth type is described');
    assert.deepEqual(items[3].tags, [1]);
  });

  test('a new key in paginationParams: only that type\'s fields, required ones first', async () => {
    const items = await shown('{"sourceSpec": {"attributes": {"paginationParams": {"type": "PAGE", |}}}}');
    assert.deepEqual(items.map((i) => i.label),
      ['limitName', 'limitValue', 'pageParamName', 'initialPageIndex', 'endPageIndex', 'maximumRequest', 'delayRequestMillis']);
    const token = await shown('{"sourceSpec": {"attributes": {"paginationParams": {"type": "CONTINUATION_TOKEN", "parameterType": "QUERYPARAM", "|"}}}}');
    assert.deepEqual(token.map((i) => i.label), ['continuationTokenPath', 'parameterName', 'delayRequestMillis']);
    const offset = await shown('{"sourceSpec": {"attributes": {"paginationParams": {"type": "OFFSET", |}}}}');
    for (const other of ['pointerPath', 'continuationTokenPath', 'parameterType', 'parameterName', 'pageParamName', 'initialPageIndex', 'endPageIndex', 'maximumRequest']) {
      assert.ok(!offset.some((i) => i.label === other), `${other} is not offered in an OFFSET block`);
    }
    assert.equal(offset[offset.length - 1].label, 'offsetName', 'the legacy spelling last');
  });

  test('a key whose partner is needed inserts both, as a snippet with a tab stop for each value', async () => {
    const items = await shown('{"sourceSpec": {"attributes": {"paginationParams": {\n  "type": "OFFSET",\n  "limitName": "limit",\n  "limitValue": 10,\n  |\n}}}}');
    const end = items.find((i) => i.label === 'endConditionName');
    assert.equal(end?.insertTextFormat, 2);
    assert.equal(end?.textEdit && 'range' in end.textEdit ? end.textEdit.newText : undefined,
      '"endConditionName": "${1:\\$.hasMore}",\n  "endConditionValue": "${2:Const:false}"');
    // A partner already present is not inserted again.
    const partnered = await shown('{"sourceSpec": {"attributes": {"paginationParams": {"type": "OFFSET", "endConditionValue": "Const:false", |}}}}');
    assert.equal(partnered.find((i) => i.label === 'endConditionName')?.insertText, '"endConditionName": "${1:\\$.hasMore}"', 'its sample only');
  });

  test('scheduleParams: the keys of the form in use; the start name brings the end name', async () => {
    const standard = await shown('{"sourceSpec": {"attributes": {"scheduleParams": {"scheduleStartParamFormat": "yyyy", |}}}}');
    assert.deepEqual(standard.map((i) => i.label), ['scheduleStartParamName', 'scheduleEndParamName', 'scheduleEndParamFormat']);
    assert.match(String(standard[0].insertText), /"scheduleStartParamName": "\$\{1:updated_since\}",\n"scheduleEndParamName": "\$\{2:updated_before\}"/);
    const advance = await shown('{"sourceSpec": {"attributes": {"scheduleParams": {"type": "ADVANCE", |}}}}');
    assert.deepEqual(advance.map((i) => i.label).sort(), ['backfill', 'incremental', 'paramFormat']);
  });

  test('an auth entry\'s type also sets its usual name when the entry has none', async () => {
    const items = await shown('{"authSpec": [{"type": "|"}]}');
    const basic = items.find((i) => i.label === '"BasicAuthentication"');
    assert.deepEqual(basic?.additionalTextEdits?.map((e) => e.newText), ['"name": "Basic Authentication", ']);
    const named = await shown('{"authSpec": [{"name": "Mine", "type": "|"}]}');
    assert.ok(named.every((i) => !i.additionalTextEdits), 'a named entry keeps its name');
  });

  test('without a pagination type the schema order is kept', async () => {
    const items = await shown('{"sourceSpec": {"attributes": {"scheduleParams": {|}}}}');
    assert.equal(items[0].label, 'type');
    assert.ok(items.every((i) => i.detail === undefined || !i.detail.startsWith('not used')));
  });

  test('the OFFSET completion details explain limitName, limitValue and offSetName without code spans glued together', async () => {
    const offset = (await shown('{"sourceSpec": {"attributes": {"paginationParams": {"type": |}}}}')).find((item) => item.label === '"OFFSET"');
    const documentation = offset?.documentation;
    assert.ok(documentation && typeof documentation === 'object', JSON.stringify(offset));
    assert.equal(documentation.value,
      'Offset paging: each request sends the page size (`limitValue`) in the query parameter named by `limitName` and the offset in the one named by `offSetName`; an optional end condition stops the loop.');
  });
});

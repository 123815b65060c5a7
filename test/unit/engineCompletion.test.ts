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

  test('a new key in paginationParams: that type\'s fields first, the others after and marked', async () => {
    const items = await shown('{"sourceSpec": {"attributes": {"paginationParams": {"type": "PAGE", |}}}}');
    assert.deepEqual(items.slice(0, 7).map((i) => i.label),
      ['limitName', 'limitValue', 'pageParamName', 'initialPageIndex', 'endPageIndex', 'maximumRequest', 'delayRequestMillis']);
    const pointer = items.find((i) => i.label === 'pointerPath');
    assert.equal(pointer?.detail, 'not used by type PAGE');
    assert.equal(items[items.length - 1].label, 'offsetName');
    const token = await shown('{"sourceSpec": {"attributes": {"paginationParams": {"type": "CONTINUATION_TOKEN", "parameterType": "QUERYPARAM", "|"}}}}');
    assert.deepEqual(token.slice(0, 3).map((i) => i.label), ['continuationTokenPath', 'parameterName', 'delayRequestMillis']);
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

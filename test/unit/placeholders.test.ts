import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument, type MarkupContent } from 'vscode-json-languageservice';
import {
  collectPlaceholders, placeholderCompletions, placeholderDefinition, placeholderHover, placeholderReferences,
  placeholderRename, preparePlaceholderRename,
} from '../../core/analysis/placeholderFeatures';
import { scanTokens } from '../../core/analysis/placeholders';
import { analyze, parse, parseMarkers } from './helpers/markers';

const SPEC = `{
  "authSpec": [
    {"name": "Basic Authentication", "type": "BasicAuthentication",
     "spec": {"properties": {"domain": {"type": "string", "description": "Data centre"}}, "required": ["domain"]}},
    {"name": "API Key Authentication", "type": "KeyBased",
     "spec": {"properties": {"domain": {"type": "string"}, "authKey1": {"type": "string", "format": "password"}}}}
  ],
  "sourceSpec": {
    "attributes": {
      "urlParams": {"host": "https://\${domain}.example.com", "path": "/lists/\${listId}/members/\${listId}", "method": "GET"},
      "headerParams": {"X-List": "CURSOR"}
    },
    "spec": {"properties": {"listId": {"type": "string", "description": "List to read"}}, "required": ["listId"]}
  }
}`;

/** The SPEC with `|` placed at the n-th occurrence of `needle` (plus `shift` characters). */
function cursorAt(needle: string, shift = 0, nth = 0): { document: TextDocument; root: ReturnType<typeof parse>['root']; offset: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = SPEC.indexOf(needle, index + 1);
  const marked = SPEC.slice(0, index + shift) + '|' + SPEC.slice(index + shift);
  const { text, cursor } = parseMarkers(marked, { cursor: true });
  const { document, root } = parse(text);
  return { document, root, offset: cursor as number };
}

describe('placeholder table', () => {
  test('collects declarations per site and uses with name offsets', () => {
    const { document, root } = parse(SPEC);
    const table = collectPlaceholders(document, root);
    assert.deepEqual(table.declarations.get('domain')?.map((d) => d.where), ['authSpec:Basic Authentication', 'authSpec:API Key Authentication']);
    assert.deepEqual(table.uses.map((u) => [u.name, SPEC.slice(u.start, u.end)]), [['domain', 'domain'], ['listId', 'listId'], ['listId', 'listId']]);
  });

  test('scanner skips pipeline expressions and finishes on pathological input (its speed is in npm run bench)', () => {
    assert.deepEqual(scanTokens("@{if(x,'{A}','')}/${b}").map((t) => t.name), ['b']);
    assert.deepEqual(scanTokens('{'.repeat(200_000) + '}'), []);
    assert.ok(Array.isArray(scanTokens('${'.repeat(100_000))));
  });
});

describe('placeholder completion', () => {
  test('after "${" lists declared parameters with where they are declared and closes the brace', () => {
    const { text, cursor } = parseMarkers('{"authSpec": [{"name": "Basic Authentication", "spec": {"properties": {"host": {"type": "string"}}}}], "sourceSpec": {"attributes": {"urlParams": {"path": "/x/${|"}}, "spec": {"properties": {"listId": {"type": "string", "description": "List"}}}}}', { cursor: true });
    const { document, root } = parse(text);
    const items = placeholderCompletions(document, root, cursor as number) ?? [];
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [['listId', 'declared in sourceSpec'], ['host', 'declared in Basic Authentication']]);
    const edit = items[0].textEdit as { newText: string; range: unknown };
    assert.equal(edit.newText, 'listId}');
    assert.match((items[0].documentation as MarkupContent).value, /List/);
    const applied = TextDocument.applyEdits(document, [edit as never]);
    assert.ok(applied.includes('"/x/${listId}"'));
  });

  test('a partially typed name inside an existing ${…} is replaced without adding a brace', () => {
    const { document, root, offset } = cursorAt('${listId}', 4);
    const items = placeholderCompletions(document, root, offset) ?? [];
    const edit = items.find((i) => i.label === 'listId')?.textEdit as { newText: string; range: { start: { character: number }; end: { character: number } } };
    assert.equal(edit.newText, 'listId');
    assert.equal(edit.range.end.character - edit.range.start.character, 'listId'.length);
  });

  test('outside a placeholder context returns undefined', () => {
    assert.equal(placeholderCompletions(...args(cursorAt('CURSOR', 3))), undefined);
    assert.equal(placeholderCompletions(...args(cursorAt('"GET"', 2))), undefined);
  });
});

function args(c: { document: TextDocument; root: ReturnType<typeof parse>['root']; offset: number }) {
  return [c.document, c.root, c.offset] as const;
}

describe('placeholder navigation', () => {
  test('hover on a use shows the declarations; on a declaration shows the use count', () => {
    const use = placeholderHover(...args(cursorAt('${domain}', 3)));
    assert.match((use?.contents as MarkupContent).value, /Basic Authentication.*Data centre[\s\S]*API Key Authentication/);
    const declaration = placeholderHover(...args(cursorAt('"listId": {', 2)));
    assert.match((declaration?.contents as MarkupContent).value, /Used 2 times/);
    assert.equal(placeholderHover(...args(cursorAt('CURSOR', 1))), undefined);
  });

  test('definition and references', () => {
    const c = cursorAt('${listId}', 3);
    const definitions = placeholderDefinition(...args(c));
    assert.equal(definitions.length, 1);
    assert.equal(c.document.getText(definitions[0].range), '"listId"');
    assert.equal(placeholderReferences(...args(c), false).length, 2);
    assert.equal(placeholderReferences(...args(c), true).length, 3);
    assert.equal(placeholderDefinition(...args(cursorAt('${domain}', 3))).length, 2);
  });

  test('rename updates declarations, uses and required entries; rejects invalid names', () => {
    const c = cursorAt('${listId}', 3);
    assert.deepEqual(preparePlaceholderRename(...args(c))?.placeholder, 'listId');
    const edit = placeholderRename(...args(c), 'audienceId');
    const renamed = TextDocument.applyEdits(c.document, edit?.changes?.[c.document.uri] ?? []);
    assert.equal(renamed.split('audienceId').length - 1, 4);
    assert.ok(!renamed.includes('listId'));
    assert.deepEqual(analyze(renamed).diagnostics.filter((d) => d.code === 'SSDK101' || d.code === 'SSDK405'), []);
    assert.equal(placeholderRename(...args(c), 'bad name'), undefined);
    const domain = cursorAt('"domain": {', 2);
    const domainEdit = placeholderRename(...args(domain), 'region');
    assert.equal(domainEdit?.changes?.[domain.document.uri].length, 4); // 2 keys, 1 required entry, 1 use
  });
});

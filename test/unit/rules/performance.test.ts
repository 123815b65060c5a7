import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { runRules } from '../../../core/analysis/rules/index';
import { batchSpec, text } from './builders';

/** A ~1 MB connection spec: many declared parameters and uses, some leftovers, and long strings full of braces. */
function largeSpec(): string {
  const spec = batchSpec();
  const properties = spec.sourceSpec.spec.properties;
  const uses: string[] = [];
  for (let i = 0; i < 2500; i++) {
    const leftover = i % 40 === 0 ? ' {REPLACE_ME}' : '';
    properties[`param${i}`] = { type: 'string', title: `Parameter ${i}`, minLength: 1, maxLength: 64,
      description: `Value ${i} that the user enters when creating a source connection; sent in the request path.${leftover}` };
    uses.push(`\${param${i}}`);
  }
  spec.sourceSpec.attributes.urlParams.path = `/v1/\${listId}/${uses.join('/')}`;
  spec.sourceSpec.attributes.headerParams = { 'X-Long': '{'.repeat(200_000) + '}', 'X-Pipe': '@{'.repeat(50_000) };
  spec.description = 'x'.repeat(200_000);
  return text(spec);
}

// Its speed is measured by `npm run bench` (largeRules), not here: a wall-clock bound flakes on a busy machine.
test('runRules on a ~1 MB spec with brace-heavy strings finds every leftover and repeats the same result', () => {
  const body = largeSpec();
  assert.ok(body.length > 900_000, `only ${body.length} characters`);
  const document = TextDocument.create('file:///large.json', 'json', 1, body);
  const root = getLanguageService({}).parseJSONDocument(document).root;
  const first = runRules(document, root, 'connectionSpec');
  const again = runRules(document, root, 'connectionSpec');
  assert.ok(first.length >= 60, `expected leftover findings, got ${first.length}`);
  assert.deepEqual(again.map((d) => [d.code, d.range.start.line, d.range.start.character]),
    first.map((d) => [d.code, d.range.start.line, d.range.start.character]));
});

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

test('runRules on a ~1 MB spec stays well under 50 ms', () => {
  const body = largeSpec();
  assert.ok(body.length > 900_000, `only ${body.length} characters`);
  const document = TextDocument.create('file:///large.json', 'json', 1, body);
  const root = getLanguageService({}).parseJSONDocument(document).root;
  runRules(document, root, 'connectionSpec'); // warm-up: the first run includes JIT compilation
  const timings: number[] = [];
  let count = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    count = runRules(document, root, 'connectionSpec').length;
    timings.push(performance.now() - start);
  }
  // Best of five: the test machine is shared, and the fastest run is the closest estimate of the real cost.
  timings.sort((a, b) => a - b);
  assert.ok(count >= 60, `expected leftover findings, got ${count}`);
  assert.ok(timings[0] < 50, `best ${timings[0].toFixed(1)} ms, median ${timings[2].toFixed(1)} ms`);
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codesOf, parseMarkers, rangesOf } from '../helpers/markers';
import { batchFlowSpec, batchSpec, text } from './builders';

describe('embedded schemas (rule 12)', () => {
  test('SSDK701: $schema near-misses in every embedded schema', () => {
    const { text: body, ranges } = parseMarkers(`{"authSpec": [{"name": "Basic Authentication", "type": "BasicAuthentication",
      "spec": {"$schema": ⟦"http: //json-schema.org/draft-07/schema#"⟧, "type": "object"}}],
      "sourceSpec": {"spec": {"$schema": ⟦"https://json-schema.org/draft-07/schema"⟧, "type": "object"}},
      "exploreSpec": {"requestSpec": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}}}`);
    const { document, diagnostics } = analyze(body);
    assert.deepEqual(rangesOf(document, diagnostics, 'SSDK701'), ranges);
  });

  test('SSDK702: embedded type must be object (flow spec too)', () => {
    const spec = batchFlowSpec();
    spec.scheduleSpec.spec.type = 'array';
    assert.deepEqual(codesOf(analyze(text(spec), 'flowSpec').diagnostics), ['SSDK702']);
    const connection = batchSpec();
    connection.sourceSpec.spec.type = 'string';
    assert.deepEqual(codesOf(analyze(text(connection)).diagnostics), ['SSDK702']);
  });
});

describe('duplicate keys (rule 16)', () => {
  test('SSDK004 on every repeated key, at any depth', () => {
    const { text: body, ranges } = parseMarkers('{"name": "a", "type": "x", ⟦"name"⟧: "b", "attributes": {"k": 1, ⟦"k"⟧: 2, ⟦"k"⟧: 3}}');
    const { document, diagnostics } = analyze(body, 'flowSpec');
    assert.deepEqual(rangesOf(document, diagnostics, 'SSDK004'), ranges);
    assert.equal(diagnostics[0].severity, 1);
  });
});

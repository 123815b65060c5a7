import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codesOf, parseMarkers, rangesOf } from '../helpers/markers';
import { batchFlowSpec, batchSpec, NOTHING_DROPPED, text } from './builders';

describe('embedded schemas', () => {
  test('SSDK701: $schema near-misses in every embedded schema; the documented "http: //" typo is SSDK703 (warning)', () => {
    const { text: body, ranges } = parseMarkers(`{"authSpec": [{"name": "Basic Authentication", "type": "BasicAuthentication",
      "spec": {"$schema": ⟦"http: //json-schema.org/draft-07/schema#"⟧, "type": "object"}}],
      "sourceSpec": {"spec": {"$schema": ⟦"https://json-schema.org/draft-07/schema"⟧, "type": "object"}},
      "exploreSpec": {"requestSpec": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}}}`);
    const { document, diagnostics } = analyze(body);
    assert.deepEqual(rangesOf(document, diagnostics, 'SSDK703'), [ranges[0]]);
    assert.deepEqual(rangesOf(document, diagnostics, 'SSDK701'), [ranges[1]]);
    assert.equal(diagnostics.find((d) => d.code === 'SSDK703')?.severity, 2);
    assert.equal(diagnostics.find((d) => d.code === 'SSDK701')?.severity, 1);
    // Only blanks after "http:" make the documented typo; any other difference stays an error.
    for (const other of ['http:/ /json-schema.org/draft-07/schema#', 'http: //json-schema.org/draft-04/schema#', 'http:  //json-schema.org/draft-07/schema# ']) {
      const spec = batchSpec();
      spec.sourceSpec.spec.$schema = other;
      assert.deepEqual(codesOf(analyze(text(spec)).diagnostics), ['SSDK701'], other);
    }
  });

  test('SSDK702: embedded type must be object (flow spec too)', () => {
    const spec = batchFlowSpec();
    spec.scheduleSpec.spec.type = 'array';
    assert.deepEqual(codesOf(analyze(text(spec), 'flowSpec', NOTHING_DROPPED).diagnostics), ['SSDK702']);
    const connection = batchSpec();
    connection.sourceSpec.spec.type = 'string';
    assert.deepEqual(codesOf(analyze(text(connection)).diagnostics), ['SSDK702']);
  });
});

describe('duplicate keys', () => {
  test('SSDK004 on every repeated key, at any depth', () => {
    const { text: body, ranges } = parseMarkers('{"name": "a", "type": "x", ⟦"name"⟧: "b", "attributes": {"k": 1, ⟦"k"⟧: 2, ⟦"k"⟧: 3}}');
    const { document, diagnostics } = analyze(body, 'flowSpec');
    assert.deepEqual(rangesOf(document, diagnostics, 'SSDK004'), ranges);
    assert.equal(diagnostics[0].severity, 1);
  });
});

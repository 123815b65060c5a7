import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codesOf } from '../helpers/markers';
import { batchFlowSpec, text } from './builders';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function flowWith(change: (spec: Json) => void): string[] {
  const spec = batchFlowSpec();
  change(spec);
  return codesOf(analyze(text(spec), 'flowSpec').diagnostics);
}

describe('flow spec (rules 20, 21, 22)', () => {
  test('SSDK601 / SSDK602: ids are UUIDs without duplicates', () => {
    assert.deepEqual(flowWith((s) => { s.sourceConnectionSpecIds.push('not-a-uuid'); }), ['SSDK601']);
    assert.deepEqual(flowWith((s) => { s.sourceConnectionSpecIds.push(s.sourceConnectionSpecIds[0].toUpperCase()); }), ['SSDK602']);
  });

  test('SSDK603: SDK flow specs target only the Data Lake', () => {
    assert.deepEqual(flowWith((s) => { s.targetConnectionSpecIds.push('4e98f16f-87d6-4ef0-bdc6-7a2b0fe76e62'); }), ['SSDK603']);
    assert.deepEqual(flowWith((s) => { s.id = '9753525b-82c7-4dce-8a9b-5ccfce2b9876'; s.name = 'CloudStorageToAEP'; s.targetConnectionSpecIds = ['4e98f16f-87d6-4ef0-bdc6-7a2b0fe76e62']; }), []);
  });

  test('SSDK604: transformationSpec singular is an error', () => {
    const spec = batchFlowSpec();
    spec.transformationSpec = spec.transformationSpecs;
    delete spec.transformationSpecs;
    const diagnostics = analyze(text(spec), 'flowSpec').diagnostics;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['SSDK604', 1]]);
  });

  test('SSDK605 / SSDK606: scheduleSpec naming and streaming', () => {
    assert.deepEqual(flowWith((s) => { s.scheduleSpec.type = 'Cron'; }), ['SSDK605']);
    assert.deepEqual(flowWith((s) => { s.attributes = { frequency: 'streaming' }; }), ['SSDK606']);
  });

  test('connection-spec rules do not run on flow specs', () => {
    assert.deepEqual(flowWith((s) => { s.sourceSpec = { attributes: { paginationParams: { type: 'NONE', limitName: 'x' } } }; }), []);
  });
});

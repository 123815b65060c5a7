import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codesOf } from '../helpers/markers';
import { batchFlowSpec, text } from './builders';
import type { LooseObject } from '../../helpers/looseJson';

type Json = LooseObject;

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

  test('connection-spec rules do not run on flow specs (only the unknown top-level key is reported)', () => {
    assert.deepEqual(flowWith((s) => { s.sourceSpec = { attributes: { paginationParams: { type: 'NONE', limitName: 'x' } } }; }), ['SSDK011']);
  });
});

describe('flow spec: full-replacement PUT (rule 20) and optionSpec (rule 24)', () => {
  const goodOptions = () => ({ name: 'OptionSpec', spec: { type: 'object', properties: {
    errorDiagnosticsEnabled: { type: 'boolean', default: false },
    partialIngestionPercent: { type: 'number', exclusiveMinimum: 0 } } } });

  test('SSDK609: an empty or missing list in a known flow spec', () => {
    assert.deepEqual(flowWith((s) => { s.sourceConnectionSpecIds = []; }), ['SSDK609']);
    assert.deepEqual(flowWith((s) => { delete s.sourceConnectionSpecIds; }), ['SSDK609']);
    assert.deepEqual(flowWith((s) => { s.id = '9753525b-82c7-4dce-8a9b-5ccfce2b9876'; s.name = 'MyFlow'; s.sourceConnectionSpecIds = []; }), []);
  });

  test('SSDK610: the base id of each known flow spec must stay listed', () => {
    assert.deepEqual(flowWith((s) => { s.sourceConnectionSpecIds.shift(); }), ['SSDK610']);
    assert.deepEqual(flowWith((s) => { s.sourceConnectionSpecIds[0] = s.sourceConnectionSpecIds[0].toUpperCase(); }), []);
    const streaming = (change: (spec: Json) => void) => flowWith((s) => {
      s.id = 'e77fde5a-22a8-11ed-861d-0242ac120002'; s.name = 'GenericStreamingAEP'; delete s.scheduleSpec;
      s.providerId = '521eee4d-8cbe-4906-bb48-fb6bd4450033';
      s.sourceConnectionSpecIds = ['e77fd9d2-22a8-11ed-861d-0242ac120002', 'bc7b00d6-623a-4dfc-9fdb-f1240aeadaec'];
      change(s);
    });
    assert.deepEqual(streaming(() => undefined), []);
    const diagnostics = analyze(text((() => { const s = batchFlowSpec(); s.sourceConnectionSpecIds = ['f6c0de0c-0a42-4cd9-9139-8768bf2f1b55']; return s; })()), 'flowSpec').diagnostics;
    assert.match(String(diagnostics[0].message), /a PUT with this list would remove it/);
    assert.deepEqual(streaming((s) => { s.sourceConnectionSpecIds.shift(); }), ['SSDK610']);
  });

  test('SSDK607 / SSDK608: the two documented options', () => {
    assert.deepEqual(flowWith((s) => { s.optionSpec = goodOptions(); }), []);
    assert.deepEqual(flowWith((s) => { s.optionSpec = goodOptions(); s.optionSpec.spec.properties.partialIngestionPercent.exclusiveMinimum = 1; }), ['SSDK607']);
    assert.deepEqual(flowWith((s) => { s.optionSpec = goodOptions(); s.optionSpec.spec.properties.partialIngestionPercent.type = 'string'; }), ['SSDK607']);
    assert.deepEqual(flowWith((s) => { s.optionSpec = goodOptions(); delete s.optionSpec.spec.properties.partialIngestionPercent.exclusiveMinimum; }), ['SSDK607']);
    assert.deepEqual(flowWith((s) => { s.optionSpec = goodOptions(); s.optionSpec.spec.properties.errorDiagnosticsEnabled.type = 'string'; }), ['SSDK608']);
    assert.deepEqual(flowWith((s) => { s.optionSpec = goodOptions(); delete s.optionSpec.spec.properties.errorDiagnosticsEnabled.default; }), ['SSDK608']);
    assert.deepEqual(flowWith((s) => { s.optionSpec = goodOptions(); delete s.optionSpec.spec.properties.errorDiagnosticsEnabled; }), []);
  });
});

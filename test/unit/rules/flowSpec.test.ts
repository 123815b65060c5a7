import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codesOf } from '../helpers/markers';
import { batchFlowSpec, NOTHING_DROPPED, text } from './builders';
import type { LooseObject } from '../../helpers/looseJson';

type Json = LooseObject;

/** Codes for a changed builder flow spec, its remote copy known to list `remote` (default: nothing it lacks). */
function flowWith(change: (spec: Json) => void, remote: string[] = NOTHING_DROPPED.remote.sourceConnectionSpecIds): string[] {
  const spec = batchFlowSpec();
  change(spec);
  return codesOf(analyze(text(spec), 'flowSpec', { remote: { sourceConnectionSpecIds: remote } }).diagnostics);
}

describe('flow spec ids, transformationSpecs and scheduleSpec', () => {
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
    const diagnostics = analyze(text(spec), 'flowSpec', NOTHING_DROPPED).diagnostics;
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

describe('flow spec: full-replacement PUT and optionSpec', () => {
  const goodOptions = () => ({ name: 'OptionSpec', spec: { type: 'object', properties: {
    errorDiagnosticsEnabled: { type: 'boolean', default: false },
    partialIngestionPercent: { type: 'number', exclusiveMinimum: 0 } } } });

  test('SSDK609: an empty or missing list in a known flow spec', () => {
    assert.deepEqual(flowWith((s) => { s.sourceConnectionSpecIds = []; }), ['SSDK609']);
    assert.deepEqual(flowWith((s) => { delete s.sourceConnectionSpecIds; }), ['SSDK609']);
    assert.deepEqual(flowWith((s) => { s.id = '9753525b-82c7-4dce-8a9b-5ccfce2b9876'; s.name = 'MyFlow'; s.sourceConnectionSpecIds = []; }), []);
  });

  test('SSDK610: with a known remote copy, every id it lists must stay (case-insensitive); the message names them', () => {
    const remote = [...batchFlowSpec().sourceConnectionSpecIds, '2e8580db-6489-4726-96de-e33f5f60295f'];
    assert.deepEqual(flowWith((s) => { s.sourceConnectionSpecIds.push(remote[2]); }, remote), []);
    assert.deepEqual(flowWith((s) => { s.sourceConnectionSpecIds = remote.map((id) => id.toUpperCase()); }, remote), []);
    assert.deepEqual(flowWith(() => undefined, remote), ['SSDK610']);
    const spec = batchFlowSpec();
    spec.sourceConnectionSpecIds = [remote[1]];
    const diagnostics = analyze(text(spec), 'flowSpec', { remote: { sourceConnectionSpecIds: remote } }).diagnostics;
    assert.deepEqual(diagnostics.map((d) => d.code), ['SSDK610']);
    assert.match(String(diagnostics[0].message), new RegExp(`lists "${remote[0]}", "${remote[2]}", missing here`));
    assert.deepEqual(diagnostics[0].data, { ids: [remote[0], remote[2]], id: remote[0] });
  });

  test('SSDK612: without a remote copy it says only that the remote ids must stay, never naming a fixed list', () => {
    for (const ids of [batchFlowSpec().sourceConnectionSpecIds, ['f6c0de0c-0a42-4cd9-9139-8768bf2f1b55']]) {
      const spec = batchFlowSpec();
      spec.sourceConnectionSpecIds = ids;
      const diagnostics = analyze(text(spec), 'flowSpec').diagnostics;
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['SSDK612', 3]]);
      assert.match(String(diagnostics[0].message), /every id present in the remote copy must stay/);
      assert.doesNotMatch(String(diagnostics[0].message), /[0-9a-f]{8}-[0-9a-f]{4}/, 'no id is claimed to be listed');
    }
    const streaming = batchFlowSpec();
    Object.assign(streaming, { id: 'e77fde5a-22a8-11ed-861d-0242ac120002', name: 'GenericStreamingAEP',
      sourceConnectionSpecIds: ['bc7b00d6-623a-4dfc-9fdb-f1240aeadaec'] });
    delete streaming.scheduleSpec;
    assert.deepEqual(codesOf(analyze(text(streaming), 'flowSpec').diagnostics), ['SSDK612']);
    const mine = batchFlowSpec();
    Object.assign(mine, { id: '9753525b-82c7-4dce-8a9b-5ccfce2b9876', name: 'MyFlow' });
    assert.deepEqual(codesOf(analyze(text(mine), 'flowSpec').diagnostics), [], 'only the two SDK flow specs');
  });

  test('SSDK611: the id of one known flow spec under the name of another, both named', () => {
    assert.deepEqual(flowWith((s) => { s.name = 'RestStorageToPlatform'; }), ['SSDK611']);
    const spec = batchFlowSpec();
    spec.name = 'GenericStreamingAEP';
    const [diagnostic] = analyze(text(spec), 'flowSpec', NOTHING_DROPPED).diagnostics;
    assert.equal(diagnostic.code, 'SSDK611');
    assert.equal(diagnostic.severity, 2);
    assert.match(String(diagnostic.message), /RestStorageToAEP's .* "name" is "GenericStreamingAEP"/);
    assert.deepEqual(flowWith((s) => { s.name = 'My own name'; }), [], 'an unknown name is the author\'s choice');
    assert.deepEqual(flowWith((s) => { s.id = '9753525b-82c7-4dce-8a9b-5ccfce2b9876'; s.name = 'RestStorageToAEP'; }), [],
      'an unknown id: nothing to compare');
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

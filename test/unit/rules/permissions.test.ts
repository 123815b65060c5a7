import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codesOf, parseMarkers, rangesOf } from '../helpers/markers';
import { batchFlowSpec, batchSpec, NOTHING_DROPPED, streamingSpec, text } from './builders';
import type { LooseObject } from '../../helpers/looseJson';

type Json = LooseObject;

const batchPermissions = () => ({
  view: [{ '@type': 'lowLevel', name: 'EnterpriseSource', permissions: ['read'] }],
  manage: [{ '@type': 'lowLevel', name: 'EnterpriseSource', permissions: ['write'] }],
});

function connectionCodes(spec: Json): string[] {
  return codesOf(analyze(text(spec)).diagnostics);
}

describe('permissionsInfo', () => {
  test('clean for batch (EnterpriseSource) and streaming (StreamingSource)', () => {
    const batch = batchSpec();
    batch.permissionsInfo = batchPermissions();
    assert.deepEqual(connectionCodes(batch), []);
    assert.deepEqual(connectionCodes(streamingSpec()), []);
    const flow = batchFlowSpec();
    flow.permissionsInfo = batchPermissions();
    assert.deepEqual(codesOf(analyze(text(flow), 'flowSpec', NOTHING_DROPPED).diagnostics), []);
  });

  test('SSDK521: view grants only read, manage only write, on the offending item', () => {
    const { text: body, ranges } = parseMarkers(`{"type": "generic-rest", "permissionsInfo": {
  "view": [{"@type": "lowLevel", "name": "EnterpriseSource", "permissions": ["read", ⟦"write"⟧]}],
  "manage": [{"@type": "lowLevel", "name": "EnterpriseSource", "permissions": [⟦"delete"⟧]}]}}`);
    const { document, diagnostics } = analyze(body);
    assert.deepEqual(rangesOf(document, diagnostics, 'SSDK521'), ranges);
    const moved = diagnostics.find((d) => d.code === 'SSDK521');
    assert.match(String(moved?.message), /"write" belongs in "manage"/);
    assert.equal(moved?.severity, 1);
  });

  test('SSDK522: lowlevel is an info with a hint, anything else a warning', () => {
    const spec = streamingSpec();
    spec.permissionsInfo.view[0]['@type'] = 'lowlevel';
    spec.permissionsInfo.manage[0]['@type'] = 'highLevel';
    const found = analyze(text(spec)).diagnostics.filter((d) => d.code === 'SSDK522');
    assert.deepEqual(found.map((d) => d.severity), [3, 2]);
    assert.deepEqual(found.map((d) => d.data), [{ candidates: ['lowLevel'] }, { candidates: ['lowLevel'] }]);
  });

  test('SSDK523: the resource follows the spec type or the known flow spec', () => {
    const batch = batchSpec();
    batch.permissionsInfo = batchPermissions();
    batch.permissionsInfo.manage[0].name = 'StreamingSource';
    assert.deepEqual(connectionCodes(batch), ['SSDK523']);
    const streaming = streamingSpec();
    streaming.permissionsInfo.view[0].name = 'EnterpriseSource';
    assert.deepEqual(connectionCodes(streaming), ['SSDK523']);
    const flow = batchFlowSpec();
    flow.permissionsInfo = batchPermissions();
    flow.permissionsInfo.view[0].name = 'StreamingSource';
    const diagnostics = analyze(text(flow), 'flowSpec', NOTHING_DROPPED).diagnostics;
    assert.deepEqual(codesOf(diagnostics), ['SSDK523']);
    assert.match(String(diagnostics[0].message), /RestStorageToAEP flow spec is "EnterpriseSource"/);
  });

  test('no resource check when the kind of source is unknown', () => {
    const spec = batchSpec();
    spec.type = 'custom';
    spec.permissionsInfo = batchPermissions();
    spec.permissionsInfo.view[0].name = 'Anything';
    assert.equal(connectionCodes(spec).includes('SSDK523'), false);
  });
});

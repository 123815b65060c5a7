import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codesOf } from '../helpers/markers';
import { batchFlowSpec, batchSpec, NOTHING_DROPPED, text } from './builders';
import { closest } from '../../../core/analysis/schemaDiagnostics';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function renamed(object: Json, from: string, to: string): Json {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k === from ? to : k, v]));
}

describe('keys of another level and near misses in open objects', () => {
  test('SSDK524: spec nested in sourceSpec.attributes (did you mean sourceSpec.spec) and attributes-level queryParams', () => {
    const spec = batchSpec();
    spec.sourceSpec.attributes.spec = spec.sourceSpec.spec;
    spec.sourceSpec.attributes.queryParams = { status: 'active' };
    const { document, diagnostics } = analyze(text(spec));
    const found = diagnostics.filter((d) => d.code === 'SSDK524');
    assert.deepEqual(found.map((d) => document.getText(d.range)), ['"spec"', '"queryParams"']);
    assert.match(String(found[0].message), /did you mean sourceSpec\.spec/);
    assert.match(String(found[1].message), /urlParams\.queryParams/);
  });

  test('SSDK011 with did-you-mean in open objects: sourceSpec.attributes, top-level attributes, flow-spec notification', () => {
    const spec = batchSpec();
    spec.sourceSpec.attributes = renamed(spec.sourceSpec.attributes, 'contentPath', 'contentpath');
    const { diagnostics } = analyze(text(spec));
    const nearMiss = diagnostics.find((d) => d.code === 'SSDK011');
    assert.deepEqual(nearMiss?.data, { candidates: ['contentPath'] });
    const flow = batchFlowSpec();
    flow.attributes.notification = renamed(flow.attributes.notification, 'category', 'categroy');
    const flowFindings = analyze(text(flow), 'flowSpec', NOTHING_DROPPED).diagnostics;
    assert.deepEqual(flowFindings.map((d) => [d.code, d.data]), [['SSDK011', { candidates: ['category'] }]]);
  });

  test('keys far from every documented name in an open object are left alone (open objects carry more)', () => {
    const spec = batchSpec();
    spec.sourceSpec.attributes.schema = { type: 'object' };
    spec.attributes.connectorName = 'x';
    spec.attributes.vendorNotes = 'y';
    assert.deepEqual(codesOf(analyze(text(spec)).diagnostics), []);
  });

  test('did-you-mean accepts a known name with a suffix or prefix word (hostname, hostName → host)', () => {
    assert.deepEqual(closest('hostname', ['host', 'path', 'method'], 3, true), ['host']);
    assert.deepEqual(closest('hostName', ['host', 'path', 'method'], 3, true), ['host']);
    assert.deepEqual(closest('urlParam', ['urlParams', 'contentPath'], 3, true), ['urlParams']);
    assert.deepEqual(closest('id', ['idx'], 3, true), ['idx'], 'short names still need a near-exact match');
    assert.deepEqual(closest('hostnameandmore', ['host'], 3, true), [], 'a long tail is not the same key');
  });
});

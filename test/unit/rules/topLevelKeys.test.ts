import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SpecEngine } from '../../../core/analysis/engine';
import { TextDocument } from 'vscode-json-languageservice';
import { analyze, parseMarkers, rangesOf } from '../helpers/markers';
import { batchFlowSpec, batchSpec, text } from './builders';

function topLevel(body: string, kind: 'connectionSpec' | 'flowSpec' = 'connectionSpec') {
  return analyze(body, kind).diagnostics.filter((d) => d.code === 'SSDK011');
}

describe('unknown top-level keys (SSDK011)', () => {
  test('misspelt sections get did-you-mean candidates, on the key', () => {
    const { text: body, ranges } = parseMarkers(
      '{⟦"sourceSepc"⟧: {}, ⟦"authSpecs"⟧: [], ⟦"exploreSpecs"⟧: {}, ⟦"providerID"⟧: "x", "name": "n"}');
    const { document, diagnostics } = analyze(body);
    assert.deepEqual(rangesOf(document, diagnostics, 'SSDK011'), ranges);
    assert.deepEqual(diagnostics.filter((d) => d.code === 'SSDK011').map((d) => (d.data as { candidates: string[] }).candidates[0]),
      ['sourceSpec', 'authSpec', 'exploreSpec', 'providerId']);
    assert.match(String(diagnostics[0].message), /"sourceSepc" is not a top-level field of a connection spec\. Did you mean "sourceSpec"\?/);
  });

  test('a name already present is not suggested; unrelated names say remove it', () => {
    const spec = batchSpec();
    spec.sourceSpecs = {};
    spec.weather = 'sunny';
    const found = topLevel(text(spec));
    assert.deepEqual(found.map((d) => d.data), [{ candidates: [] }, { candidates: [] }]);
    assert.match(String(found[1].message), /Remove it or check the spelling/);
  });

  test('every documented, OpenAPI-only and server-managed field is known; $schema too', () => {
    const spec = batchSpec();
    Object.assign(spec, { settings: {}, encryptionSpecs: [], targetSpec: {}, entitlementInfo: [], policy: {},
      permissionsInfo: { view: [], manage: [] }, id: 'x', etag: 'y', imsOrgId: 'z', $schema: 'http://json-schema.org/draft-07/schema#' });
    assert.deepEqual(topLevel(text(spec)), []);
    const flow = batchFlowSpec();
    Object.assign(flow, { runSpec: {}, optionSpec: { spec: {} }, type: 'x', description: 'd', createdAt: 1 });
    assert.deepEqual(topLevel(text(flow), 'flowSpec'), []);
  });

  test('flow specs: connection-spec sections are unknown there; transformationSpec keeps its own rule', () => {
    const flow = batchFlowSpec();
    flow.sourceConnectionSpecId = flow.sourceConnectionSpecIds;
    delete flow.sourceConnectionSpecIds;
    flow.transformationSpec = [];
    const found = topLevel(text(flow), 'flowSpec');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].data, { candidates: ['sourceConnectionSpecIds'] });
  });

  test('through the engine: one warning per misspelt key, with the rename fix preferred', async () => {
    const engine = new SpecEngine();
    const spec = batchSpec();
    spec.sourceSepc = spec.sourceSpec;
    delete spec.sourceSpec;
    const document = TextDocument.create('file:///t-connectionSpec.json', 'json', 1, text(spec));
    const diagnostics = await engine.analyze(document, 'connectionSpec');
    const unknown = diagnostics.filter((d) => d.code === 'SSDK011');
    assert.equal(unknown.length, 1);
    assert.equal(unknown[0].severity, 2);
    const [fix] = engine.codeActions(document, unknown[0].range, [unknown[0]]);
    assert.equal(fix.title, 'Rename to "sourceSpec"');
    assert.equal(fix.isPreferred, true);
  });
});

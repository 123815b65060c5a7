import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codesOf, parseMarkers, rangesOf } from '../helpers/markers';
import { batchSpec, streamingSpec, text } from './builders';
import type { LooseObject } from '../../helpers/looseJson';

type Json = LooseObject;

function codes(spec: Json): string[] {
  return codesOf(analyze(text(spec)).diagnostics);
}

function batchWith(change: (spec: Json) => void): string[] {
  const spec = batchSpec();
  change(spec);
  return codes(spec);
}

describe('request shape: JSONPaths, contentPath, method and body, host', () => {
  test('SSDK501 / SSDK503: contentPath forms', () => {
    // The string form Adobe's responses show is accepted; a path without "$" gets one note, not two.
    assert.deepEqual(batchWith((s) => { s.sourceSpec.attributes.contentPath = '$.tasks'; }), []);
    assert.deepEqual(batchWith((s) => { s.sourceSpec.attributes.contentPath = 'tasks'; }), ['SSDK501']);
    assert.deepEqual(batchWith((s) => { s.sourceSpec.attributes.contentPath.path = 'tasks'; }), ['SSDK501']);
    assert.deepEqual(batchWith((s) => { s.sourceSpec.attributes.explodeEntityPath = { path: 'a.b' }; }), ['SSDK501']);
  });

  test('SSDK504: skip and keep overlap', () => {
    assert.deepEqual(batchWith((s) => { s.sourceSpec.attributes.contentPath.keepAttributes = ['_links', 'id']; }), ['SSDK504']);
    assert.deepEqual(batchWith((s) => { s.sourceSpec.attributes.contentPath.keepAttributes = ['id']; }), []);
  });

  test('SSDK505 / SSDK506: method and body (an unknown method is left to the schema enum)', () => {
    assert.deepEqual(batchWith((s) => { s.sourceSpec.attributes.urlParams.method = 'POST'; }), ['SSDK505']);
    assert.deepEqual(batchWith((s) => { s.sourceSpec.attributes.urlParams.method = 'POST'; s.sourceSpec.attributes.bodyParams = { q: 1 }; }), []);
    assert.deepEqual(batchWith((s) => { s.sourceSpec.attributes.bodyParams = { q: 1 }; }), ['SSDK506']);
    assert.deepEqual(batchWith((s) => { s.sourceSpec.attributes.urlParams.method = 'PUT'; }), []);
  });

  test('SSDK520: no host in urlParams nor in every authSpec', () => {
    assert.deepEqual(batchWith((s) => { delete s.sourceSpec.attributes.urlParams.host; }), []);
    assert.deepEqual(batchWith((s) => {
      delete s.sourceSpec.attributes.urlParams.host;
      delete s.authSpec[0].spec.properties.host;
      s.authSpec[0].spec.required = ['username', 'password'];
    }), ['SSDK520']);
  });
});

describe('profile, exploreSpec, uiAttributes, server-managed fields and version', () => {
  test('SSDK508: exploreSpec must be the canonical block; the $schema typo alone is SSDK703', () => {
    assert.deepEqual(batchWith((s) => { s.exploreSpec.name = 'Other'; }), ['SSDK508']);
    assert.deepEqual(batchWith((s) => { s.exploreSpec.responseSpec.$schema = 'http: //json-schema.org/draft-07/schema#'; }), ['SSDK703']);
  });

  test('SSDK510 / SSDK511 / SSDK512: batch profile', () => {
    assert.deepEqual(batchWith((s) => { s.providerId = '521eee4d-8cbe-4906-bb48-fb6bd4450033'; }), ['SSDK510']);
    assert.ok(batchWith((s) => { s.authSpec = []; }).includes('SSDK511'));
    assert.deepEqual(batchWith((s) => { delete s.sourceSpec.attributes.scheduleParams; }), ['SSDK512']);
  });

  test('SSDK509 / SSDK513 / SSDK514: streaming profile', () => {
    const spec = streamingSpec();
    spec.exploreSpec = { type: 'Resource' };
    spec.permissionsInfo.view[0].name = 'EnterpriseSource';
    spec.attributes.category = 'CRM';
    spec.sourceSpec.attributes.urlParams = { path: '/x', method: 'GET' };
    assert.deepEqual(codes(spec), ['SSDK509', 'SSDK513', 'SSDK514', 'SSDK523']);
  });

  test('SSDK515: category keys, with a camelCase candidate for display names', () => {
    const spec = batchSpec();
    spec.sourceSpec.attributes.uiAttributes.category.key = 'marketing automation';
    const [d] = analyze(text(spec)).diagnostics;
    assert.equal(d.code, 'SSDK515');
    assert.deepEqual(d.data, { candidates: ['marketingAutomation'] });
    assert.deepEqual(batchWith((s) => { s.sourceSpec.attributes.uiAttributes.category.key = 'weather'; }), ['SSDK515']);
    assert.deepEqual(batchWith((s) => { s.sourceSpec.attributes.uiAttributes.category.key = 'customerSuccess'; }), []);
  });

  test('SSDK516 / SSDK517: icon/label/description references', () => {
    assert.deepEqual(batchWith((s) => { s.sourceSpec.attributes.uiAttributes.icon = { key: 'a', text: 'b' }; }), ['SSDK516']);
    assert.deepEqual(batchWith((s) => { s.sourceSpec.attributes.uiAttributes.label = {}; }), ['SSDK516']);
    const info = analyze(text((() => { const s = batchSpec(); s.sourceSpec.attributes.uiAttributes.label = { text: 'Tasks' }; return s; })())).diagnostics;
    assert.deepEqual(info.map((d) => [d.code, d.severity]), [['SSDK517', 3]]);
  });

  test('SSDK518: server-managed fields (id allowed in flow specs)', () => {
    assert.deepEqual(batchWith((s) => { s.id = 'abc'; s.createdAt = 1; s.imsOrgId = 'x@AdobeOrg'; }), ['SSDK518']);
    // All of them are one finding, on the first, listing every key for the one quick fix.
    const { document, diagnostics } = analyze(text({ ...batchSpec(), createdBy: 'me', etag: '"1"' }));
    assert.deepEqual(diagnostics.map((d) => document.getText(d.range)), ['"createdBy"']);
    assert.deepEqual((diagnostics[0].data as { keys: string[] }).keys, ['createdBy', 'etag']);
  });

  test('SSDK519: numeric version, located on the number', () => {
    const { text: body, ranges } = parseMarkers('{"name": "x", "version": ⟦1.0⟧}');
    const { document, diagnostics } = analyze(body, 'flowSpec');
    assert.deepEqual(rangesOf(document, diagnostics, 'SSDK519'), ranges);
    assert.deepEqual(diagnostics[0].data, { value: '1.0' });
  });
});

describe('contentPath notes agree', () => {
  test('a string path without "$" gets one note that suggests the JSONPath', () => {
    const spec = batchSpec();
    spec.sourceSpec.attributes.contentPath = 'contacts';
    const messages = analyze(text(spec)).diagnostics.map((d) => String(d.message));
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.ok(messages[0].includes('$.contacts'), messages[0]);
  });

  test('an empty bodyParams with GET sends nothing: no SSDK506', () => {
    for (const empty of ['', {}, null]) {
      const spec = batchSpec();
      spec.sourceSpec.attributes.bodyParams = empty;
      assert.ok(!analyze(text(spec)).diagnostics.some((d) => d.code === 'SSDK506'), JSON.stringify(empty));
    }
    const spec = batchSpec();
    spec.sourceSpec.attributes.bodyParams = { query: 'x' };
    assert.ok(analyze(text(spec)).diagnostics.some((d) => d.code === 'SSDK506'), 'a real body with GET still is');
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument, type CodeAction, type Diagnostic } from 'vscode-json-languageservice';
import { getCodeActions } from '../../core/analysis/codeActions';
import type { SpecKind } from '../../core/analysis/types';
import { analyze, parse, parseMarkers } from './helpers/markers';
import { batchFlowSpec, batchSpec, NOTHING_DROPPED, text } from './rules/builders';

function apply(document: TextDocument, action: CodeAction): string {
  const edits = action.edit?.changes?.[document.uri];
  assert.ok(edits && edits.length > 0, `action "${action.title}" has no edits`);
  return TextDocument.applyEdits(document, edits);
}

/**
 * Runs the rules, takes the first `code` diagnostic, applies its preferred fix and re-runs the rules. Flow specs are
 * analysed with a known remote copy that lists nothing they lack, so the SSDK612 note does not enter every result.
 */
function fix(body: string, code: string, kind: SpecKind = 'connectionSpec'): { text: string; after: Diagnostic[]; action: CodeAction } {
  const context = kind === 'flowSpec' ? NOTHING_DROPPED : undefined;
  const { document, root, diagnostics } = analyze(body, kind, context);
  const diagnostic = diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} before the fix`);
  const actions = getCodeActions(document, root, diagnostic.range, [diagnostic]);
  const action = actions.find((a) => a.isPreferred) ?? actions[0];
  assert.ok(action, `no quick fix for ${code}`);
  assert.equal(action.kind, 'quickfix');
  assert.deepEqual(action.diagnostics, [diagnostic]);
  const fixed = apply(document, action);
  assert.doesNotThrow(() => JSON.parse(fixed), 'the fix must keep the JSON valid');
  return { text: fixed, after: analyze(fixed, kind, context).diagnostics, action };
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

describe('quick fixes', () => {
  test('SSDK703 / SSDK701: the "http: //…" typo and other near misses become the exact draft-07 URI', () => {
    for (const [dialect, code] of [['http: //json-schema.org/draft-07/schema#', 'SSDK703'], ['https://json-schema.org/draft-07/schema', 'SSDK701']]) {
      const spec = batchSpec();
      spec.exploreSpec.responseSpec.$schema = dialect;
      const result = fix(text(spec), code);
      assert.deepEqual(result.after, []);
      assert.ok(result.text.includes('"$schema": "http://json-schema.org/draft-07/schema#"'));
      assert.equal(result.action.isPreferred, true);
    }
  });

  test('SSDK203: offsetName → offSetName', () => {
    const spec = batchSpec();
    spec.sourceSpec.attributes.paginationParams = { type: 'OFFSET', limitName: 'limit', limitValue: 4, offsetName: 'offset' };
    const result = fix(text(spec), 'SSDK203');
    assert.deepEqual(result.after, []);
    assert.equal(JSON.parse(result.text).sourceSpec.attributes.paginationParams.offSetName, 'offset');
  });

  test('SSDK604: transformationSpec → transformationSpecs', () => {
    const spec = batchFlowSpec();
    spec.transformationSpec = spec.transformationSpecs;
    delete spec.transformationSpecs;
    const result = fix(text(spec), 'SSDK604', 'flowSpec');
    assert.deepEqual(result.after, []);
    assert.ok(Array.isArray(JSON.parse(result.text).transformationSpecs));
  });

  test('SSDK103 / SSDK104: {name} and {{name}} → ${name}', () => {
    const spec = batchSpec();
    spec.sourceSpec.attributes.urlParams.path = '/v1/lists/{listId}/tasks';
    const braces = fix(text(spec), 'SSDK103');
    assert.deepEqual(braces.after, []);
    assert.equal(JSON.parse(braces.text).sourceSpec.attributes.urlParams.path, '/v1/lists/${listId}/tasks');
    spec.sourceSpec.attributes.urlParams.path = '/v1/lists/{{listId}}/tasks';
    assert.deepEqual(fix(text(spec), 'SSDK104').after, []);
  });

  test('SSDK101: declares the parameter in existing sourceSpec.spec.properties with matching indentation', () => {
    const spec = batchSpec();
    spec.sourceSpec.attributes.urlParams.path = '/v1/lists/${listId}/tasks/${taskId}';
    const result = fix(text(spec), 'SSDK101');
    assert.deepEqual(result.after, []);
    const declared = JSON.parse(result.text).sourceSpec.spec.properties.taskId;
    assert.equal(declared.type, 'string');
    assert.ok(declared.description.length > 0);
    assert.match(result.text, /\n {8}"taskId": \{\n {10}"type": "string",/);
  });

  test('SSDK101: creates spec and properties when absent', () => {
    const withoutSpec = batchSpec();
    delete withoutSpec.sourceSpec.spec;
    withoutSpec.sourceSpec.attributes.urlParams.path = '/v1/${listId}';
    const created = fix(text(withoutSpec), 'SSDK101');
    assert.deepEqual(created.after, []);
    assert.equal(JSON.parse(created.text).sourceSpec.spec.$schema, 'http://json-schema.org/draft-07/schema#');

    const { text: body } = parseMarkers('{"sourceSpec": {"attributes": {"urlParams": {"path": "/${a}", "method": "GET"}}, "spec": {}}}');
    const empty = fix(body, 'SSDK101');
    assert.deepEqual(codes(empty.after), []);
    assert.deepEqual(Object.keys(JSON.parse(empty.text).sourceSpec.spec.properties), ['a']);
  });

  test('SSDK201: adds the fields the pagination type requires', () => {
    for (const type of ['OFFSET', 'POINTER', 'CONTINUATION_TOKEN', 'PAGE']) {
      const spec = batchSpec();
      spec.sourceSpec.attributes.paginationParams = { type };
      const result = fix(text(spec), 'SSDK201');
      assert.deepEqual(codes(result.after), [], type);
    }
  });

  test('SSDK206: numeric string → number', () => {
    const spec = batchSpec();
    spec.sourceSpec.attributes.paginationParams.limitValue = '100';
    const result = fix(text(spec), 'SSDK206');
    assert.deepEqual(result.after, []);
    assert.equal(JSON.parse(result.text).sourceSpec.attributes.paginationParams.limitValue, 100);
  });

  test('SSDK602 / SSDK004: remove the duplicate id or key, with its comma', () => {
    const flow = batchFlowSpec();
    flow.sourceConnectionSpecIds.push(flow.sourceConnectionSpecIds[0]);
    const ids = fix(text(flow), 'SSDK602', 'flowSpec');
    assert.deepEqual(ids.after, []);
    assert.equal(JSON.parse(ids.text).sourceConnectionSpecIds.length, 2);
    const keys = fix('{"name": "a", "version": "1.0", "name": "b"}', 'SSDK004', 'flowSpec');
    assert.deepEqual(keys.after, []);
    assert.equal(keys.text, '{"name": "a", "version": "1.0"}');
  });

  test('SSDK519: version number → string', () => {
    const result = fix('{\n  "version": 1\n}', 'SSDK519', 'flowSpec');
    assert.deepEqual(result.after, []);
    assert.equal(result.text, '{\n  "version": "1.0"\n}');
  });

  test('SSDK515: category display form → camelCase key', () => {
    const spec = batchSpec();
    spec.sourceSpec.attributes.uiAttributes.category.key = 'Marketing Automation';
    const result = fix(text(spec), 'SSDK515');
    assert.deepEqual(result.after, []);
    assert.equal(JSON.parse(result.text).sourceSpec.attributes.uiAttributes.category.key, 'marketingAutomation');
  });

  test('SSDK011 / SSDK012: one fix per did-you-mean candidate, for keys and values', () => {
    const { text: body, ranges } = parseMarkers('{"sourceSpec": {"attributes": {⟦"urlParam"⟧: {"method": ⟦"GTE"⟧}}}}');
    const { document, root } = parse(body);
    const at = ([start, end]: [number, number]) => ({ start: document.positionAt(start), end: document.positionAt(end) });
    const unknownKey: Diagnostic = { range: at(ranges[0]), message: 'unknown', code: 'SSDK011', source: 'sources-sdk',
      data: { candidates: ['urlParams', 'queryParams'] } };
    const badValue: Diagnostic = { range: at(ranges[1]), message: 'bad', code: 'SSDK012', source: 'sources-sdk', data: { candidates: ['GET'] } };
    const keyFixes = getCodeActions(document, root, unknownKey.range, [unknownKey]);
    assert.deepEqual(keyFixes.map((a) => a.title), ['Rename to "urlParams"', 'Rename to "queryParams"']);
    assert.equal(apply(document, keyFixes[0]), '{"sourceSpec": {"attributes": {"urlParams": {"method": "GTE"}}}}');
    const valueFixes = getCodeActions(document, root, badValue.range, [badValue]);
    assert.equal(valueFixes.length, 1);
    assert.equal(valueFixes[0].isPreferred, true);
    assert.equal(apply(document, valueFixes[0]), '{"sourceSpec": {"attributes": {"urlParam": {"method": "GET"}}}}');
  });

  test('diagnostics outside the requested range or from other sources get no fixes', () => {
    const { document, root, diagnostics } = analyze('{"version": 1, "name": "x"}', 'flowSpec');
    const far = { start: document.positionAt(20), end: document.positionAt(22) };
    assert.deepEqual(getCodeActions(document, root, far, diagnostics), []);
    const foreign = diagnostics.map((d) => ({ ...d, source: 'json' }));
    assert.deepEqual(getCodeActions(document, root, diagnostics[0].range, foreign), []);
  });
});

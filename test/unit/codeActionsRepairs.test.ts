/** Quick fixes of the permissionsInfo (18), flow-spec list (20), optionSpec (24) and top-level key rules. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument, type CodeAction, type Diagnostic } from 'vscode-json-languageservice';
import { getCodeActions } from '../../core/analysis/codeActions';
import type { SpecKind } from '../../core/analysis/types';
import { analyze } from './helpers/markers';
import type { LooseObject } from '../helpers/looseJson';
import type { AnalysisContext } from '../../core/analysis/types';
import { batchFlowSpec, NOTHING_DROPPED, streamingSpec, text } from './rules/builders';

type Json = LooseObject;

/**
 * Applies the first (preferred first) fix of the first `code` diagnostic; returns the parsed result and new codes.
 * Flow specs default to a known remote copy that lists nothing they lack (no SSDK612 note in every result).
 */
function fix(spec: Json, code: string, kind: SpecKind,
  context: AnalysisContext | undefined = kind === 'flowSpec' ? NOTHING_DROPPED : undefined): { json: Json; after: string[]; action: CodeAction } {
  const { document, root, diagnostics } = analyze(text(spec), kind, context);
  const diagnostic = diagnostics.find((d: Diagnostic) => d.code === code);
  assert.ok(diagnostic, `no ${code} before the fix: ${diagnostics.map((d) => d.code).join(', ')}`);
  const actions = getCodeActions(document, root, diagnostic.range, [diagnostic]);
  const action = actions.find((a) => a.isPreferred) ?? actions[0];
  assert.ok(action, `no quick fix for ${code}`);
  const edits = action.edit?.changes?.[document.uri] ?? [];
  const fixed = TextDocument.applyEdits(document, edits);
  return { json: JSON.parse(fixed) as Json, after: analyze(fixed, kind, context).diagnostics.map((d) => String(d.code)), action };
}

const optionSpec = () => ({ name: 'OptionSpec', spec: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object',
  properties: {
    errorDiagnosticsEnabled: { title: 'Error diagnostics.', type: 'boolean', default: false },
    partialIngestionPercent: { title: 'Partial ingestion threshold.', type: 'number', exclusiveMinimum: 0 },
  } } });

describe('quick fixes that repair permissions, option schemas and flow spec ids', () => {
  test('SSDK521: a write permission under view becomes read', () => {
    const spec = streamingSpec();
    spec.permissionsInfo.view[0].permissions = ['write'];
    const result = fix(spec, 'SSDK521', 'connectionSpec');
    assert.deepEqual(result.json.permissionsInfo.view[0].permissions, ['read']);
    assert.deepEqual(result.after, []);
  });

  test('SSDK522 / SSDK523: @type and resource name are replaced', () => {
    const spec = streamingSpec();
    spec.permissionsInfo.manage[0]['@type'] = 'lowlevel';
    assert.equal(fix(spec, 'SSDK522', 'connectionSpec').json.permissionsInfo.manage[0]['@type'], 'lowLevel');
    const other = streamingSpec();
    other.permissionsInfo.manage[0].name = 'EnterpriseSource';
    const result = fix(other, 'SSDK523', 'connectionSpec');
    assert.equal(result.json.permissionsInfo.manage[0].name, 'StreamingSource');
    assert.deepEqual(result.after, []);
  });

  test('SSDK607: a missing exclusiveMinimum is added, a draft-04 boolean replaced', () => {
    const spec = batchFlowSpec();
    spec.optionSpec = optionSpec();
    delete spec.optionSpec.spec.properties.partialIngestionPercent.exclusiveMinimum;
    const added = fix(spec, 'SSDK607', 'flowSpec');
    assert.equal(added.json.optionSpec.spec.properties.partialIngestionPercent.exclusiveMinimum, 0);
    assert.deepEqual(added.after, []);
    spec.optionSpec.spec.properties.partialIngestionPercent.exclusiveMinimum = true;
    assert.equal(fix(spec, 'SSDK607', 'flowSpec').json.optionSpec.spec.properties.partialIngestionPercent.exclusiveMinimum, 0);
  });

  test('SSDK608: default false is added or restored', () => {
    const spec = batchFlowSpec();
    spec.optionSpec = optionSpec();
    spec.optionSpec.spec.properties.errorDiagnosticsEnabled.default = true;
    const changed = fix(spec, 'SSDK608', 'flowSpec');
    assert.equal(changed.json.optionSpec.spec.properties.errorDiagnosticsEnabled.default, false);
    assert.equal(changed.action.title, 'Change to false');
    delete spec.optionSpec.spec.properties.errorDiagnosticsEnabled.default;
    const added = fix(spec, 'SSDK608', 'flowSpec');
    assert.equal(added.json.optionSpec.spec.properties.errorDiagnosticsEnabled.default, false);
    assert.deepEqual(added.after, []);
  });

  test('SSDK610: the ids of the known remote copy that the list lost are put back, keeping the others', () => {
    const spec = batchFlowSpec();
    spec.sourceConnectionSpecIds = ['f6c0de0c-0a42-4cd9-9139-8768bf2f1b55'];
    const remote = { remote: { sourceConnectionSpecIds: ['2e8580db-6489-4726-96de-e33f5f60295f', 'f6c0de0c-0a42-4cd9-9139-8768bf2f1b55',
      'c8ce8c8c-37fb-4162-9fbf-c2f181e04a7a'] } };
    const result = fix(spec, 'SSDK610', 'flowSpec', remote);
    assert.deepEqual(result.json.sourceConnectionSpecIds, ['f6c0de0c-0a42-4cd9-9139-8768bf2f1b55',
      '2e8580db-6489-4726-96de-e33f5f60295f', 'c8ce8c8c-37fb-4162-9fbf-c2f181e04a7a']);
    assert.deepEqual(result.after, []);
    assert.equal(result.action.isPreferred, undefined, 'changing a registration list is never applied blindly');
  });
});

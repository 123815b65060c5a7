import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-json-languageservice';
import { SpecEngine } from '../../core/analysis/engine';
import { getCodeActions } from '../../core/analysis/codeActions';

const ACME = readFileSync(join(__dirname, '../fixtures/valid/acme-crm-connectionSpec.json'), 'utf8');
const engine = new SpecEngine();
let version = 0;
const analyze = (text: string) => {
  const document = TextDocument.create('file:///merge-connectionSpec.json', 'sources-sdk-connection-spec', ++version, text);
  return engine.analyze(document, 'connectionSpec').then((diagnostics) => ({ document, diagnostics }));
};
const codes = (ds: { code?: unknown }[]) => ds.map((d) => String(d.code)).sort();

describe('schema and rule diagnostics are not reported twice', () => {
  test('a pagination field the type requires: the rule (SSDK201) speaks, not the generic schema message', async () => {
    const spec = JSON.parse(ACME);
    spec.sourceSpec.attributes.paginationParams = { type: 'PAGE', limitName: 'size', limitValue: 50 };
    const { diagnostics } = await analyze(JSON.stringify(spec, null, 2));
    assert.deepEqual(codes(diagnostics), ['SSDK201']);
  });

  test('ADVANCE scheduling without incremental: only SSDK302', async () => {
    const spec = JSON.parse(ACME);
    spec.sourceSpec.attributes.scheduleParams = { type: 'ADVANCE', paramFormat: 'yyyy-MM-ddTHH:mm:ssZ' };
    const { diagnostics } = await analyze(JSON.stringify(spec, null, 2));
    assert.ok(diagnostics.some((d) => d.code === 'SSDK302'), codes(diagnostics).join(','));
    assert.ok(!diagnostics.some((d) => d.code === 'SSDK010' && /incremental/.test(String(d.message))), codes(diagnostics).join(','));
  });

  test('an unknown auth type: the rule message keeps the schema did-you-mean as a quick fix', async () => {
    const spec = JSON.parse(ACME);
    spec.authSpec[0].type = 'BasicAuthenticaton';
    const { document, diagnostics } = await analyze(JSON.stringify(spec, null, 2));
    const onType = diagnostics.filter((d) => d.range.start.line === diagnostics.find((x) => x.code === 'SSDK402')?.range.start.line);
    assert.deepEqual(codes(onType), ['SSDK402']);
    const actions = getCodeActions(document, engine.parse(document).root, onType[0].range, onType);
    assert.ok(actions.some((a) => /BasicAuthentication/.test(a.title)), actions.map((a) => a.title).join(' | '));
  });

  test('unrelated schema findings elsewhere in the file are kept', async () => {
    const spec = JSON.parse(ACME);
    spec.sourceSpec.attributes.urlParams.method = 'GETT';
    spec.sourceSpec.attributes.paginationParams = { type: 'PAGE', limitName: 'size', limitValue: 50 };
    const { diagnostics } = await analyze(JSON.stringify(spec, null, 2));
    assert.deepEqual(codes(diagnostics), ['SSDK012', 'SSDK201']);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_TABLE, renderDiagnosticsTable } from '../../../core/analysis/codes';

test('docs/diagnostics.md is rendered from RULE_TABLE (regenerate with npm run docs)', () => {
  const committed = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'diagnostics.md'), 'utf8');
  assert.equal(committed, renderDiagnosticsTable());
});

test('every code is unique, well-formed and has advice', () => {
  const codes = RULE_TABLE.map((row) => row.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const row of RULE_TABLE) {
    assert.match(row.code, /^SSDK\d{3}$/);
    assert.ok(row.action.length > 10 && row.title.length > 3, row.code);
  }
});

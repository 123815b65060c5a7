/**
 * Every rule and its table rows live together: a rule file declares the rows of the codes it reports (its `table`,
 * or `alsoReports` for a row another layer owns), every rule file is registered, and the gathered table has each
 * code once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_TABLE } from '../../../core/analysis/codes';
import { RULES, ruleCodes } from '../../../core/analysis/rules/index';
import type { Rule } from '../../../core/analysis/types';

const RULES_DIR = join(__dirname, '..', '..', '..', 'core', 'analysis', 'rules');

function isRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && 'table' in value && 'run' in value;
}

test('each rule file declares a row for every code it reports, and is registered', async () => {
  const files = readdirSync(RULES_DIR).filter((name) => name.endsWith('.ts') && name !== 'index.ts');
  assert.ok(files.length >= 14);
  for (const file of files) {
    // require, not import(): npm test loads TypeScript through tsx's CommonJS hook only (scripts/runTests.mjs).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(join(RULES_DIR, file)) as Record<string, unknown>;
    const rules = Object.values(module).filter(isRule);
    assert.equal(rules.length, 1, `${file} exports one rule`);
    const [rule] = rules;
    assert.ok(RULES.includes(rule), `${file}'s rule is in RULES (core/analysis/rules/index.ts)`);
    const reported = new Set([...readFileSync(join(RULES_DIR, file), 'utf8').matchAll(/code: '(SSDK\d{3})'/g)].map((m) => m[1]));
    const declared = ruleCodes(rule);
    for (const code of reported) assert.ok(declared.includes(code), `${file} reports ${code} without declaring it`);
  }
});

test('the gathered table has each code once, in code order', () => {
  const codes = RULE_TABLE.map((info) => info.code);
  assert.deepEqual(codes, [...new Set(codes)].sort());
});

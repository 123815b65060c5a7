/**
 * Every rule and its table rows live together, and a rule file is all it takes to add a rule: each rule file below
 * core/analysis/rules declares a row for every code it reports (its `table`, or `alsoReports` for a row another layer
 * owns), the rule list (registry.ts) is rendered from the rule files by `npm run docs`, and the gathered table has
 * each code once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_TABLE } from '../../../core/analysis/codes';
import { ruleCodes } from '../../../core/analysis/ruleRow';
import { DOCUMENT_RULES, WORKSPACE_RULE_LIST } from '../../../core/analysis/rules/registry';
import { renderRuleRegistry, ruleFiles, RULES_DIR } from '../../../scripts/ruleRegistry';

test('the rule list is the one the rule files give (regenerate with npm run docs)', () => {
  assert.equal(readFileSync(join(RULES_DIR, 'registry.ts'), 'utf8'), renderRuleRegistry());
  assert.ok(DOCUMENT_RULES.length >= 14 && WORKSPACE_RULE_LIST.length >= 4);
});

test('each rule file declares a row for every code it reports', () => {
  const registry = readFileSync(join(RULES_DIR, 'registry.ts'), 'utf8');
  for (const [, name, from] of registry.matchAll(/^import \{ (\w+) \} from '\.\/([\w/]+)';$/gm)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(join(RULES_DIR, `${from}.ts`)) as Record<string, { table: unknown[]; alsoReports?: string[] }>;
    const declared = ruleCodes(module[name] as never);
    const reported = new Set([...readFileSync(join(RULES_DIR, `${from}.ts`), 'utf8').matchAll(/code: '(SSDK\d{3})'/g)].map((m) => m[1]));
    for (const code of reported) assert.ok(declared.includes(code), `${from}.ts reports ${code} without declaring it`);
  }
});

test('every rule file below core/analysis/rules is in the list: its exported rules are the ones registered', () => {
  const registered = new Set<unknown>([...DOCUMENT_RULES, ...WORKSPACE_RULE_LIST]);
  const files = ruleFiles(RULES_DIR);
  assert.ok(files.length >= 18, files.join(', '));
  for (const file of files) {
    // require, not import(): npm test loads TypeScript through tsx's CommonJS hook only (scripts/runTests.mjs).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(file) as Record<string, unknown>;
    const rules = Object.values(module).filter((value) => typeof value === 'object' && value !== null && 'table' in value && 'run' in value);
    assert.ok(rules.length >= 1, `${file} exports no rule (a file below core/analysis/rules is a rule file)`);
    for (const rule of rules) assert.ok(registered.has(rule), `${file} exports a rule the list does not hold (declare it as \`export const name: Rule = {\`)`);
  }
});

test('the gathered table has each code once, in code order', () => {
  const codes = RULE_TABLE.map((info) => info.code);
  assert.deepEqual(codes, [...new Set(codes)].sort());
});

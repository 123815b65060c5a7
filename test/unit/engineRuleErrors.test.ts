/** A rule that throws is isolated, reported (not swallowed), and the SSDK106 hints are capped on huge specs. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-json-languageservice';
import { SpecEngine } from '../../core/analysis/engine';
import { RULES, runRules } from '../../core/analysis/rules/index';
import { MAX_UNUSED_HINTS } from '../../core/analysis/rules/placeholders';
import { row } from '../../core/analysis/ruleRow';
import type { Rule } from '../../core/analysis/types';
import { analyze, parse } from './helpers/markers';
import { batchSpec, text } from './rules/builders';

const throwing: Rule = { table: [row('SSDK999', 'error', 'Always throws', 'Nothing: a test rule.')], kinds: ['connectionSpec'], run() { throw new TypeError('shape not expected'); } };

function withThrowingRule<T>(work: () => T): T {
  RULES.push(throwing);
  try {
    return work();
  } finally {
    RULES.splice(RULES.indexOf(throwing), 1);
  }
}

describe('rule failures are visible', () => {
  test('runRules reports the failure and keeps the other rules\' findings', () => {
    const spec = batchSpec();
    spec.version = 1;
    const { document, root } = parse(text(spec));
    const failures: unknown[] = [];
    const diagnostics = withThrowingRule(() => runRules(document, root, 'connectionSpec', (f) => failures.push(f)));
    assert.deepEqual(diagnostics.map((d) => d.code), ['SSDK519']);
    assert.equal(failures.length, 1);
    const [failure] = failures as Array<{ codes: string[]; error: Error }>;
    assert.deepEqual(failure.codes, ['SSDK999']);
    assert.equal(failure.error.message, 'shape not expected');
  });

  test('the engine passes failures to its handler', async () => {
    const failures: string[] = [];
    const engine = new SpecEngine({ onRuleError: ({ codes }) => failures.push(codes.join()) });
    const document = TextDocument.create('file:///e-connectionSpec.json', 'json', 1, text(batchSpec()));
    RULES.push(throwing);
    const diagnostics = await engine.analyze(document, 'connectionSpec').finally(() => RULES.splice(RULES.indexOf(throwing), 1));
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(failures, ['SSDK999']);
  });
});

describe('SSDK106 cap', () => {
  test(`at most ${MAX_UNUSED_HINTS} unused-parameter hints, the last one counting the rest`, () => {
    const spec = batchSpec();
    for (let i = 0; i < 300; i++) spec.sourceSpec.spec.properties[`unused${i}`] = { type: 'string' };
    const hints = analyze(text(spec)).diagnostics.filter((d) => d.code === 'SSDK106');
    assert.equal(hints.length, MAX_UNUSED_HINTS);
    assert.match(String(hints[hints.length - 1].message), /\(250 more unused parameters are not marked\)$/);
    assert.doesNotMatch(String(hints[0].message), /more unused/);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SpecKind } from '../../../core/analysis/types';
import { analyze } from '../helpers/markers';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

function specFiles(folder: string): string[] {
  return readdirSync(join(FIXTURES, folder)).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')).sort();
}

function kindOf(file: string): SpecKind {
  return /flowSpec\.json$/i.test(file) ? 'flowSpec' : 'connectionSpec';
}

/**
 * Valid fixtures that get an informational diagnostic (never an error or warning): the two SDK flow-spec PUT bodies
 * get SSDK612 (keep every id the remote copy lists), since no remote copy is known here. (pinboard-cards' string
 * `contentPath` is the form Adobe's responses show and draws nothing.)
 */
const EXPECTED_INFO: Record<string, string[]> = {
  'restStorageToAEP-flowSpec.json': ['SSDK612'],
  'genericStreamingAEP-flowSpec.json': ['SSDK612'],
};

describe('fixtures', () => {
  test('valid fixtures yield no diagnostics from the rules', () => {
    const files = specFiles('valid');
    assert.ok(files.length > 0, 'no valid fixtures found');
    for (const file of files) {
      const { diagnostics } = analyze(readFileSync(join(FIXTURES, 'valid', file), 'utf8'), kindOf(file));
      const allowed = EXPECTED_INFO[file] ?? [];
      const unexpected = diagnostics.filter((d) => !(allowed.includes(String(d.code)) && d.severity === 3));
      assert.deepEqual(unexpected.map((d) => `${d.code} line ${d.range.start.line + 1}: ${d.message}`), [], file);
    }
  });

  test('invalid fixtures yield exactly the diagnostics listed in <name>.expected.json', () => {
    const files = specFiles('invalid');
    assert.ok(files.length >= 8, `only ${files.length} invalid fixtures`);
    for (const file of files) {
      const expected = JSON.parse(readFileSync(join(FIXTURES, 'invalid', file.replace(/\.json$/, '.expected.json')), 'utf8'));
      const { diagnostics } = analyze(readFileSync(join(FIXTURES, 'invalid', file), 'utf8'), kindOf(file));
      const actual = diagnostics.map((d) => ({ code: String(d.code), line: d.range.start.line + 1 }))
        .sort((a, b) => a.line - b.line || a.code.localeCompare(b.code));
      assert.deepEqual(actual, expected, file);
    }
  });
});

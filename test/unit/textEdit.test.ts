/**
 * core/analysis/textEdit.ts: the changed region of two texts, and `sameStructure`, which lets the engine skip the
 * size guard's token scan. Whenever it says the structure is the same, the guard's answer (depth, lines) must be.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanDepthAndLines } from '../../core/analysis/sizeGuard';
import { changedRegion, sameStructure } from '../../core/analysis/textEdit';
import { pick, prng } from '../hardening/random';

const FIXTURE = readFileSync(join(__dirname, '..', 'fixtures', 'valid', 'acme-crm-connectionSpec.json'), 'utf8');

describe('text edits', () => {
  test('the changed region', () => {
    assert.deepEqual(changedRegion('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3 });
    assert.deepEqual(changedRegion('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
    assert.deepEqual(changedRegion('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
    assert.deepEqual(changedRegion('abcd', 'ad'), { start: 1, oldEnd: 3, newEnd: 1 });
  });

  test('the changed region of long texts (compared block by block) is the one a character loop finds', () => {
    const byCharacter = (before: string, after: string) => {
      const limit = Math.min(before.length, after.length);
      let start = 0;
      while (start < limit && before[start] === after[start]) start++;
      let suffix = 0;
      while (suffix < limit - start && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
      return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
    };
    const random = prng(256);
    const long = FIXTURE.repeat(3);
    for (let i = 0; i < 300; i++) {
      // One edit anywhere (block edges included), or a repeated run where prefix and suffix overlap.
      const at = pick(random, [0, 255, 256, 257, 511, 512, long.length - 256, long.length - 1, Math.floor(random() * long.length)]);
      const removed = Math.floor(random() * 3) * pick(random, [1, 256, 300]);
      const inserted = pick(random, ['', 'x', ' ', long.slice(at, at + 256), 'ab'.repeat(200)]);
      const after = long.slice(0, at) + inserted + long.slice(Math.min(long.length, at + removed));
      assert.deepEqual(changedRegion(long, after), byCharacter(long, after), `edit at ${at}`);
      assert.deepEqual(changedRegion(after, long), byCharacter(after, long), `edit at ${at}, reversed`);
    }
    const runs = 'a'.repeat(1000);
    assert.deepEqual(changedRegion(runs, `${runs}a`), byCharacter(runs, `${runs}a`));
    assert.deepEqual(changedRegion(`${runs}b${runs}`, `${runs}${runs}`), byCharacter(`${runs}b${runs}`, `${runs}${runs}`));
  });

  test('edits that join or split a token boundary are structural', () => {
    const cases: Array<[string, string, boolean]> = [
      ['{"a": "xy"}', '{"a": "xzy"}', true],
      ['{"a": 1} ', '{"a": 12} ', true],
      ['{"a": "x"}', '{"a": "x""}', false], // a quote
      ['{"a": "\\\\x"}', '{"a": "\\\\"}', false], // the removal puts the escape before the quote
      ['/* a *x/ */ {}', '/* a */ */ {}', false], // removing x joins * and / into a comment end
      ['{"a": "x"}', '{"a": "x\ny"}', false], // a line end
      ['{"a": [1]}', '{"a": [[1]}', false], // a bracket
      ['{"a": "/x"}', '{"a": "/yx"}', false], // next to a slash
    ];
    for (const [before, after, same] of cases) assert.equal(sameStructure(before, after), same, `${before} → ${after}`);
  });

  test('property: whenever the structure is the same, so are the guard\'s depth and line count', () => {
    const random = prng(20260105);
    const alphabet = ['a', '1', ' ', '"', '\\', '/', '*', '{', '}', '[', ']', '\n', '\r', ',', ':'];
    let same = 0;
    for (let i = 0; i < 4000; i++) {
      const base = i % 2 === 0 ? FIXTURE : Array.from({ length: 40 }, () => pick(random, alphabet)).join('');
      const at = Math.floor(random() * base.length);
      const removed = Math.floor(random() * 3);
      const inserted = Array.from({ length: Math.floor(random() * 3) }, () => pick(random, alphabet)).join('');
      const after = base.slice(0, at) + inserted + base.slice(at + removed);
      if (!sameStructure(base, after)) continue;
      same++;
      assert.deepEqual(scanDepthAndLines(after), scanDepthAndLines(base), JSON.stringify({ base, after }));
    }
    assert.ok(same > 300, `enough edits kept the structure (${same})`);
  });
});

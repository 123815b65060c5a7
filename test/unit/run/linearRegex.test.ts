// The JSONPath regex bound in isolation: which literal patterns are refused (the classic catastrophic shape only),
// and that match()/search() keep RFC 9535's meaning (whole string vs anywhere, `.` without line breaks, non-strings
// and invalid patterns give false) on the linear-time engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nestedRepetition } from '../../../core/run/linearRegex';
import { compilePath, selectAll } from '../../../core/run/jsonPath';

test('nested repetition is found where a group repeats a branch made only of repeated or optional parts', () => {
  const refused: Record<string, string> = {
    '(a+)+b': '(a+)+', '(a*b?)*': '(a*b?)*', '(x{2,}){3}': '(x{2,}){3}', '((a+))+': '((a+))+', '^(\\w+\\s?)*$': '(\\w+\\s?)*',
    'x(a+|b)+': '(a+|b)+', '(\\p{L}+){2}': '(\\p{L}+){2}',
  };
  for (const [pattern, group] of Object.entries(refused)) assert.equal(nestedRepetition(pattern), group, pattern);
  for (const pattern of ['a+b', '(ab)*', '(a+)?', '(a+){1}', '[(a+)+]', '\\(a+\\)+', '([a-z]+\\.)+com', '(a|aa)*c', '(\\d{3}-)+\\d{4}', '\\p{L}+(x)*']) {
    assert.equal(nestedRepetition(pattern), undefined, pattern);
  }
});

test('match() is a whole-string match and search() finds anywhere, with I-Regexp dots', () => {
  const data = { items: [{ s: 'abc' }, { s: 'xabcx' }, { s: 'a\rc' }, { s: 'a😀c' }, { s: 42 }] };
  const count = (path: string) => selectAll(compilePath(path, 'p'), data).length;
  assert.equal(count("$.items[?match(@.s, 'abc')]"), 1);
  assert.equal(count("$.items[?search(@.s, 'abc')]"), 2);
  assert.equal(count("$.items[?match(@.s, 'a.c')]"), 2, 'a dot matches one code point but not \\r');
  assert.equal(count("$.items[?search(@.s, @.s)]"), 4, 'a pattern read from the data works too');
});

test('a literal pattern RE2 cannot run is a spec error at the path; one read from the data just matches nothing', () => {
  assert.throws(() => compilePath("$.items[?search(@.s, 'a{2000}')]", 'sourceSpec.attributes.contentPath'), /contentPath calls search\(\) with the pattern "a\{2000\}", which is refused: .*repeat counts up to 1000/);
  assert.equal(selectAll(compilePath('$.items[?search(@.s, @.p)]', 'p'), { items: [{ s: 'a', p: '(' }] }).length, 0);
});

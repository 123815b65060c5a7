// Issue 7, defect 2: formatting had no bound. A 402 KB document 990 deep with 200,000 items made the server die of
// heap exhaustion, and a legal `tabSize: 2147483647` asked for a 2-gigabyte indent. Now options are clamped to
// 1–16 and the output is estimated before formatting; above the bound (or the analysis limits) no edit, a reason.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-json-languageservice';
import { SpecEngine } from '../../core/analysis/engine';
import { clampFormattingOptions, estimateFormattedChars, DEFAULT_MAX_FORMATTED_CHARS } from '../../core/analysis/formatGuard';
import { prng, pick } from './random';

const doc = (text: string, version = 1) => TextDocument.create('file:///fmt-connectionSpec.json', 'json', version, text);

/** The document: 990 levels, 200,000 items in the innermost array (~402 KB). */
function deepAndWide(): string {
  return `{"a":${'['.repeat(989)}${'1,'.repeat(199_999)}1${']'.repeat(989)}}`;
}

describe('formatting is bounded', () => {
  test('the 402 KB document 990 deep with 200,000 items: no edit, a reason naming the bound', () => {
    const text = deepAndWide();
    assert.ok(text.length > 400_000 && text.length < 410_000, String(text.length));
    const engine = new SpecEngine();
    const reasons: string[] = [];
    const edits = engine.format(doc(text), undefined, { tabSize: 2, insertSpaces: true }, (r) => reasons.push(r));
    assert.deepEqual(edits, []);
    assert.match(reasons[0] ?? '', /^Formatting skipped: the result would be larger than 16 MiB characters/);
  });

  test('range formatting inside it is refused too (the range covers the one long line)', () => {
    const text = deepAndWide();
    const document = doc(text);
    const reasons: string[] = [];
    const range = { start: document.positionAt(200_000), end: document.positionAt(200_010) };
    assert.deepEqual(new SpecEngine().format(document, range, { tabSize: 4, insertSpaces: true }, (r) => reasons.push(r)), []);
    assert.equal(reasons.length, 1);
  });

  test('range formatting of a line that already starts 100,000 spaces deep is refused (the indent repeats per token)', () => {
    const text = `{\n${' '.repeat(100_000)}"a": [${'1,'.repeat(300)}1]\n}`;
    const document = doc(text);
    const reasons: string[] = [];
    const range = { start: { line: 1, character: 100_000 }, end: { line: 1, character: 100_010 } };
    assert.deepEqual(new SpecEngine().format(document, range, { tabSize: 1, insertSpaces: true }, (r) => reasons.push(r)), []);
    assert.match(reasons[0] ?? '', /larger than/);
  });

  test('tabSize 2147483647 is clamped to 16; 0, negative and fractional sizes to 1–16', () => {
    const document = doc('{"a":{"b":1}}');
    const edits = new SpecEngine().format(document, undefined, { tabSize: 2147483647, insertSpaces: true });
    assert.equal(TextDocument.applyEdits(document, edits), `{\n${' '.repeat(16)}"a": {\n${' '.repeat(32)}"b": 1\n${' '.repeat(16)}}\n}`);
    assert.equal(clampFormattingOptions({ tabSize: 0, insertSpaces: true }).tabSize, 1);
    assert.equal(clampFormattingOptions({ tabSize: -7, insertSpaces: true }).tabSize, 1);
    assert.equal(clampFormattingOptions({ tabSize: 2.6, insertSpaces: false }).tabSize, 3);
    assert.equal(clampFormattingOptions({ tabSize: Number.NaN, insertSpaces: true }).tabSize, 4);
  });

  test('a document over the analysis limits (but shallow) is not formatted: the reason names the limit', () => {
    const engine = new SpecEngine({ limits: { maxChars: 1000 } });
    const reasons: string[] = [];
    assert.deepEqual(engine.format(doc(`{"a":"${'x'.repeat(2000)}"}`), undefined, { tabSize: 2, insertSpaces: true }, (r) => reasons.push(r)), []);
    assert.match(reasons[0] ?? '', /Formatting skipped: the document has 2,008 characters \(limit 1,000\)/);
  });

  test('ordinary specs still format (every valid fixture, tab sizes 1, 2, 4 and 8, spaces and tabs)', () => {
    const dir = join(__dirname, '..', 'fixtures', 'valid');
    const engine = new SpecEngine();
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const text = JSON.stringify(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      for (const tabSize of [1, 2, 4, 8]) {
        for (const insertSpaces of [true, false]) {
          const document = doc(text);
          const refused: string[] = [];
          const out = TextDocument.applyEdits(document, engine.format(document, undefined, { tabSize, insertSpaces }, (r) => refused.push(r)));
          assert.deepEqual(refused, [], name);
          assert.equal(out, JSON.stringify(JSON.parse(text), null, insertSpaces ? tabSize : '\t'), `${name} tabSize ${tabSize}`);
        }
      }
    }
  });
});

// The fuzz/property side: random edits (with \r, \n, unterminated strings, stray brackets) of real fixtures, random
// options including absurd ones, random ranges. Formatting never throws, the estimate is never below the real output,
// the output never exceeds the bound, and a document that parsed before formatting parses to the same value after.
const SNIPPETS = ['{', '}', '[', ']', ',', ':', '"', '\\', '\r', '\n', '\r\n', '//', '/*', '*/', '"k": 1', ' ', '\t', '1e5', '[{'];
const ITERATIONS = Number(process.env.FORMAT_FUZZ_ITERATIONS ?? 1500);

test(`property: ${ITERATIONS} random edits and options, formatting stays bounded and faithful`, () => {
  const random = prng(0xf0a7);
  const dir = join(__dirname, '..', 'fixtures', 'valid');
  const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(dir, f), 'utf8'));
  const engine = new SpecEngine();
  const tabSizes = [0, 1, 2, 3, 4, 8, 16, 17, 1000, 2147483647, -1, 2.5];
  for (let i = 0; i < ITERATIONS; i++) {
    let text = pick(random, fixtures);
    if (random() < 0.2) text = JSON.stringify(JSON.parse(text)); // minified
    for (let m = Math.floor(random() * 4); m > 0; m--) {
      const at = Math.floor(random() * (text.length + 1));
      text = random() < 0.8 ? text.slice(0, at) + pick(random, SNIPPETS) + text.slice(at) : text.slice(0, at) + text.slice(at + Math.floor(random() * 30));
    }
    const options = { tabSize: pick(random, tabSizes), insertSpaces: random() < 0.7, keepLines: random() < 0.2 };
    const document = doc(text, i);
    const a = Math.floor(random() * (text.length + 1));
    const b = Math.floor(random() * (text.length + 1));
    const range = random() < 0.3 ? { start: document.positionAt(Math.min(a, b)), end: document.positionAt(Math.max(a, b)) } : undefined;
    const context = `iteration ${i}: ${JSON.stringify(options)} ${JSON.stringify(range)} on ${JSON.stringify(text.slice(0, 300))}`;
    const refused: string[] = [];
    const edits = engine.format(document, range, options, (r) => refused.push(r));
    const formatted = TextDocument.applyEdits(document, edits);
    assert.ok(formatted.length <= text.length + DEFAULT_MAX_FORMATTED_CHARS, context);
    if (!range) {
      const estimate = estimateFormattedChars(text, undefined, clampFormattingOptions(options));
      assert.ok(estimate >= formatted.length, `estimate ${estimate} < ${formatted.length}: ${context}`);
      let before: unknown = undefined;
      try { before = JSON.parse(text); } catch { continue; }
      assert.deepEqual(JSON.parse(formatted), before, context);
    }
    engine.forget(document.uri);
  }
});

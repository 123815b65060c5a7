// Issue 7, defect 3: the size guard's scanner ended strings only at \n while the parser also ends them at \r (and a
// closing bracket of the wrong kind lowered its depth, and a quote in a comment opened a "string"), so a document
// 100,000 deep got full (recursive) analysis. The property test compares the guard with both parsers' own depth.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { visit } from 'jsonc-parser';
import { getLanguageService, TextDocument, type ASTNode } from 'vscode-json-languageservice';
import { DEFAULT_LIMITS, exceededLimit, scanDepthAndLines } from '../../core/analysis/sizeGuard';
import { SpecEngine } from '../../core/analysis/engine';
import { prng, pick } from './random';

const service = getLanguageService({});

/** Deepest object/array nesting in the tree vscode-json-languageservice builds (walked without recursion). */
function treeDepth(text: string): number {
  const root = service.parseJSONDocument(TextDocument.create('file:///d.json', 'json', 1, text)).root;
  let max = 0;
  const stack: Array<[ASTNode, number]> = root ? [[root, 0]] : [];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    const here = node.type === 'object' || node.type === 'array' ? depth + 1 : depth;
    max = Math.max(max, here);
    for (const child of node.children ?? []) stack.push([child, here]);
  }
  return max;
}

/** Deepest nesting jsonc-parser's visitor reports (the parser behind lightSyntaxCheck and the formatter). */
function visitorDepth(text: string): number {
  let depth = 0;
  let max = 0;
  const open = () => { depth++; max = Math.max(max, depth); };
  const close = () => { depth--; };
  visit(text, { onObjectBegin: open, onArrayBegin: open, onObjectEnd: close, onArrayEnd: close });
  return max;
}

const DEEP = 100_000;

describe('the size guard sees the depth the parser sees', () => {
  test('a \\r inside a string ends it, so the nesting after it is counted', () => {
    const text = `{"a": "x\r${'['.repeat(DEEP)}`;
    assert.ok(text.length > DEEP);
    const limit = exceededLimit(text, DEFAULT_LIMITS);
    assert.equal(limit?.tooDeep, true, `guard depth ${scanDepthAndLines(text).depth}`);
  });

  test('an unterminated string ends at a \\r\\n or a lone \\r line break', () => {
    for (const eol of ['\r\n', '\r', '\n']) {
      const text = `{"open${eol}${'{"k":'.repeat(1500)}1`;
      assert.equal(exceededLimit(text, DEFAULT_LIMITS)?.tooDeep, true, JSON.stringify(eol));
    }
  });

  test('a closing bracket of the other kind does not close a container (the parser skips it)', () => {
    const text = '[},'.repeat(1500);
    assert.ok(visitorDepth(text) > 1000, 'the parser nests on this input');
    assert.equal(exceededLimit(text, DEFAULT_LIMITS)?.tooDeep, true);
  });

  test('a quote inside a comment does not hide the brackets after it', () => {
    const text = `/* " */ ${'['.repeat(1500)}`;
    assert.equal(exceededLimit(text, DEFAULT_LIMITS)?.tooDeep, true);
  });

  test('the 200 KB document 100,000 deep behind a \\r is not analysed or formatted, and nothing throws', async () => {
    // Old guard: the string runs from "x past the \r to the next quote, a new one opens at "b's closing quote and
    // swallows every bracket. Parser: "x ends at the \r, then "b": and 100,000 nested arrays.
    const text = `{"a": "x\r, "b": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`;
    assert.ok(visitorDepth(`{"a": "x\r, "b": ${'['.repeat(50)}`) >= 50, 'the parser nests after the \\r (shown at depth 50)');
    const engine = new SpecEngine();
    const document = TextDocument.create('file:///deep-connectionSpec.json', 'json', 1, text);
    const diagnostics = await engine.analyze(document, 'connectionSpec');
    assert.deepEqual(diagnostics.map((d) => d.code), ['SSDK090']);
    const reasons: string[] = [];
    assert.deepEqual(engine.format(document, undefined, { tabSize: 2, insertSpaces: true }, (r) => reasons.push(r)), []);
    assert.match(reasons.join(), /nesting is deeper than 1000 levels/);
  });

  test('line counts match an editor\'s for \\n, \\r\\n and lone \\r', () => {
    assert.equal(scanDepthAndLines('a\nb\r\nc\rd').lines, 4);
    assert.equal(scanDepthAndLines('"a\rb"').lines, 2);
  });
});

// Random mixtures of the characters that decide where strings, comments and containers begin and end.
const ALPHABET = ['{', '}', '[', ']', '"', '\\', '\r', '\n', '\r\n', ',', ':', '1', 'a', ' ', '/', '*', '//', '/*', '*/', 'true', '"k":', '\\"', '\\u00'];
const CASES = Number(process.env.GUARD_PROPERTY_CASES ?? 5000);

test(`property: on ${CASES} random texts the guard's depth is never below either parser's`, (t) => {
  const random = prng(0x7e57);
  let equal = 0;
  for (let i = 0; i < CASES; i++) {
    const length = 1 + Math.floor(random() * 120);
    const text = Array.from({ length }, () => pick(random, ALPHABET)).join('');
    const guard = scanDepthAndLines(text).depth;
    const tree = treeDepth(text);
    const visitor = visitorDepth(text);
    assert.ok(guard >= tree && guard >= visitor, `case ${i}: guard ${guard}, tree ${tree}, visitor ${visitor} on ${JSON.stringify(text)}`);
    if (guard === Math.max(tree, visitor)) equal++;
  }
  // Over-counting is the safe side (the guard also counts brackets the parser's error recovery skips).
  t.diagnostic(`guard equals the parser's depth on ${equal} of ${CASES} texts`);
});

test('property: on well-formed JSON the guard\'s depth is exactly the parser\'s', () => {
  const random = prng(0xbeef);
  const value = (depth: number): unknown => {
    if (depth > 30 || random() < 0.25) return pick(random, [1, 'a\\"b', 'line\r?', true, null]);
    return random() < 0.5
      ? Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1))
      : Object.fromEntries(Array.from({ length: Math.floor(random() * 3) }, (_, k) => [`k${k}[{"`, value(depth + 1)]));
  };
  for (let i = 0; i < 500; i++) {
    const text = JSON.stringify(value(0), null, random() < 0.5 ? 2 : undefined);
    assert.equal(scanDepthAndLines(text).depth, treeDepth(text), text);
  }
});

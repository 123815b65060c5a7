import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument, type Diagnostic } from 'vscode-json-languageservice';
import { SpecEngine } from '../../core/analysis/engine';
import { specKindOf } from '../../core/spec/kindResolver';
import type { SpecKind } from '../../core/analysis/types';

const VALID = join(__dirname, '..', 'fixtures', 'valid');
const engine = new SpecEngine();
let uriCounter = 0;

function doc(text: string, version = 1): TextDocument {
  return TextDocument.create(`file:///engine-test/${uriCounter++}-connectionSpec.json`, 'json', version, text);
}
function fixture(name: string): string {
  return readFileSync(join(VALID, name), 'utf8');
}
function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}
const ACME_FILE = 'acme-crm-connectionSpec.json';
const ACME = readFileSync(join(VALID, ACME_FILE), 'utf8');

describe('SpecEngine.analyze', () => {
  test('every valid fixture has no errors or warnings, and every diagnostic is coded', async () => {
    const files = readdirSync(VALID).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 4, 'valid fixtures present');
    for (const file of files) {
      const kind = specKindOf({ fileName: file }) as SpecKind;
      const diagnostics = await engine.analyze(doc(fixture(file)), kind);
      const serious = diagnostics.filter((d) => d.severity === 1 || d.severity === 2);
      assert.deepEqual(serious.map((d) => `${d.code} ${d.message}`), [], file);
      for (const d of diagnostics) {
        assert.equal(d.source, 'sources-sdk');
        assert.match(String(d.code), /^SSDK\d{3}$/);
      }
    }
  });

  test('comments, trailing commas and syntax errors are strict-JSON errors', async () => {
    const text = '{\n  // note\n  "name": "x",\n  "version": "1.0",\n}\n';
    const diagnostics = await engine.analyze(doc(text), 'connectionSpec');
    const comment = diagnostics.find((d) => d.code === 'SSDK002');
    const comma = diagnostics.find((d) => d.code === 'SSDK003');
    assert.ok(comment && comma, codes(diagnostics).join(','));
    assert.equal(comment.severity, 1);
    assert.equal(comma.severity, 1);
    assert.deepEqual(comment.range.start, { line: 1, character: 2 });
    assert.deepEqual(comma.range.start, { line: 3, character: 18 });

    const broken = await engine.analyze(doc('{ "name": "x" "type": 1 }'), 'connectionSpec');
    assert.ok(broken.some((d) => d.code === 'SSDK001' && d.severity === 1), codes(broken).join(','));
  });

  test('empty files and non-object top levels are SSDK005 without schema noise', async () => {
    assert.deepEqual(codes(await engine.analyze(doc('  \n'), 'connectionSpec')), ['SSDK005']);
    const array = await engine.analyze(doc('[{"items": []}]'), 'connectionSpec');
    assert.deepEqual(codes(array), ['SSDK005']);
    assert.match(String(array[0].message), /array/);
    assert.deepEqual(codes(await engine.analyze(doc('42'), 'flowSpec')), ['SSDK005']);
  });

  test('the service\'s own duplicate-key warning is dropped (the rule reports SSDK004)', async () => {
    const diagnostics = await engine.analyze(doc('{"name": "a", "name": "b"}'), 'connectionSpec');
    assert.ok(!diagnostics.some((d) => /Duplicate object key/.test(String(d.message))));
    assert.ok(diagnostics.some((d) => d.code === 'SSDK004'));
  });

  test('an unknown key gets SSDK011 with the closest allowed names as candidates', async () => {
    const text = ACME.replace('"paginationParams": {', '"paginationParams": {\n        "pageParamNmae": "page",');
    const diagnostics = await engine.analyze(doc(text), 'connectionSpec');
    const unknown = diagnostics.find((d) => d.code === 'SSDK011');
    assert.ok(unknown, codes(diagnostics).join(','));
    assert.equal(unknown.severity, 2);
    const candidates = (unknown.data as { candidates: string[] }).candidates;
    assert.equal(candidates[0], 'pageParamName');
    assert.match(String(unknown.message), /Did you mean "pageParamName"/);
    const keyStart = text.indexOf('"pageParamNmae"');
    assert.equal(unknown.range.start.character, keyStart - text.lastIndexOf('\n', keyStart) - 1);
  });

  test('an unknown key never suggests a key the object already has, nor unrelated names', async () => {
    const text = ACME.replace('"paginationParams": {', '"paginationParams": {\n        "zzzzzzzzzzzz": 1,');
    const unknown = (await engine.analyze(doc(text), 'connectionSpec')).find((d) => d.code === 'SSDK011');
    assert.ok(unknown);
    assert.deepEqual((unknown.data as { candidates: string[] }).candidates, []);
  });

  test('a value outside an enum gets SSDK012 with candidates, best first', async () => {
    const text = ACME.replace('"method": "GET"', '"method": "get"');
    const diagnostics = await engine.analyze(doc(text), 'connectionSpec');
    const mismatch = diagnostics.find((d) => d.code === 'SSDK012');
    assert.ok(mismatch, codes(diagnostics).join(','));
    assert.equal((mismatch.data as { candidates: string[] }).candidates[0], 'GET');
  });

  test('a top-level "$schema" naming another schema is reported, not silently obeyed', async () => {
    const text = ACME.replace('{\n  "name"', '{\n  "$schema": "https://example.com/other.json",\n  "name"');
    const diagnostics = await engine.analyze(doc(text), 'connectionSpec');
    assert.ok(diagnostics.some((d) => d.code === 'SSDK010' && /\$schema/.test(String(d.message))), codes(diagnostics).join(','));
  });

  test('a wrong type is SSDK013', async () => {
    const text = ACME.replace('"method": "GET"', '"method": 7');
    const diagnostics = await engine.analyze(doc(text), 'connectionSpec');
    assert.ok(diagnostics.some((d) => d.code === 'SSDK013' || d.code === 'SSDK012'), codes(diagnostics).join(','));
  });
});

describe('size guard', () => {
  test('a 3 MB document skips schema and rules with SSDK090', async () => {
    const filler = JSON.stringify({ note: 'x'.repeat(100) });
    const text = `{"name": "big", "data": [${Array(30_000).fill(filler).join(',')}]}`;
    assert.ok(text.length > 3_000_000);
    const diagnostics = await engine.analyze(doc(text), 'connectionSpec');
    assert.deepEqual(codes(diagnostics), ['SSDK090']);
    assert.equal(diagnostics[0].severity, 3);
    assert.match(String(diagnostics[0].message), /characters/);
  });

  test('an oversized document still reports JSON syntax errors', async () => {
    const text = `{"data": [${Array(30_000).fill('"' + 'y'.repeat(100) + '"').join(',')}],}`;
    assert.deepEqual(codes(await engine.analyze(doc(text), 'connectionSpec')), ['SSDK003', 'SSDK090']);
    const broken = `{"data": [${Array(30_000).fill('"' + 'y'.repeat(100) + '"').join(',')}] "x": 1}`;
    assert.deepEqual(codes(await engine.analyze(doc(broken), 'connectionSpec')), ['SSDK001', 'SSDK090']);
  });

  test('10,000-deep nesting is refused before parsing, every feature still answers', async () => {
    const text = '['.repeat(10_000) + ']'.repeat(10_000);
    const d = doc(text);
    const diagnostics = await engine.analyze(d, 'connectionSpec');
    assert.deepEqual(codes(diagnostics), ['SSDK090']);
    assert.match(String(diagnostics[0].message), /deeper than 1000/);
    const position = { line: 0, character: 5000 };
    assert.deepEqual((await engine.complete(d, position, 'connectionSpec')).items, []);
    assert.equal(await engine.hover(d, position, 'connectionSpec'), null);
    assert.deepEqual(engine.documentSymbols(d), []);
    assert.deepEqual(engine.codeActions(d, { start: position, end: position }, diagnostics), []);
    engine.foldingRanges(d);
    engine.selectionRanges(d, [position]);
  });

  test('nesting just under the limit is analysed fully without a stack overflow', async () => {
    const inner = '{"a": '.repeat(990) + '1' + '}'.repeat(990);
    const diagnostics = await engine.analyze(doc(`{"name": "deep", "attributes": ${inner}}`), 'connectionSpec');
    assert.ok(!diagnostics.some((d) => d.code === 'SSDK090'));
  });
});

describe('parse cache', () => {
  test('same uri and version reuse the parse; a new version gets the tree of its text', () => {
    const first = TextDocument.create('file:///cache-connectionSpec.json', 'json', 1, '{"name": "a"}');
    const a = engine.parse(first);
    assert.equal(engine.parse(first), a);
    // A letter changed inside a string value: the previous tree with that value set (core/analysis/treeEdit.ts).
    const second = TextDocument.update(first, [{ text: '{"name": "b"}' }], 2);
    const b = engine.parse(second);
    assert.equal(b.root?.type === 'object' && b.root.properties[0].valueNode?.value, 'b');
    // A key changed: parsed again.
    const third = TextDocument.update(second, [{ text: '{"title": "b"}' }], 3);
    const c = engine.parse(third);
    assert.notEqual(c, b);
    assert.equal(c.root?.type === 'object' && c.root.properties[0].keyNode.value, 'title');
  });
});

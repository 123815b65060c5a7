/**
 * Documents that parse but are mis-nested (issue 19, recovery): a missing and an extra closer that balance. Swept
 * over the example specs: every such variant that parses is one SSDK006 whose fix gives the example back, and every
 * other finding is one the example has too; and the other way round, re-indenting lines or whole blocks of a correctly nested spec
 * (with a problem elsewhere, so the check runs), and every fixture and example as it is, never draws an SSDK006.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument, type Diagnostic } from 'vscode-json-languageservice';
import { SpecEngine } from '../../core/analysis/engine';
import { getCodeActions } from '../../core/analysis/codeActions';
import type { SpecKind } from '../../core/analysis/types';

const ROOT = join(__dirname, '..', '..');
const engine = new SpecEngine();
let counter = 0;

const kindOf = (path: string): SpecKind => (/flowSpec/i.test(path) ? 'flowSpec' : 'connectionSpec');
const same = (a: string, b: string) => JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
const parses = (text: string) => { try { JSON.parse(text); return true; } catch { return false; } };
const listing = (list: Diagnostic[]) => list.map((d) => `${d.range.start.line + 1} ${d.code} ${d.message}`).join('\n');

async function analyze(text: string, kind: SpecKind): Promise<{ document: TextDocument; diagnostics: Diagnostic[] }> {
  const document = TextDocument.create(`file:///misnested/${++counter}-${kind}.json`, 'json', 1, text);
  return { document, diagnostics: await engine.analyze(document, kind) };
}

/** Every variant of `text` with one closer moved: deleted and added at the end, or doubled and the last one dropped. */
function balancedVariants(text: string): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const trimmed = text.trimEnd();
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '}' && c !== ']') continue;
    out.push({ name: `${c} at ${i} missing, one added at the end`, text: `${text.slice(0, i)}${text.slice(i + 1).trimEnd()}\n${c}\n` });
    if (trimmed.endsWith(c)) out.push({ name: `${c} at ${i} doubled, the last one dropped`, text: `${(text.slice(0, i) + c + text.slice(i)).trimEnd().slice(0, -1)}\n` });
  }
  return out.filter((v) => parses(v.text) && !same(v.text, text));
}

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) jsonFiles(path, out);
    else if (path.endsWith('.json')) out.push(path);
  }
  return out;
}

describe('a member in the wrong object (the document parses)', () => {
  for (const example of ['examples/acme-crm-connectionSpec.json', 'examples/acme-events-streaming-connectionSpec.json', 'test/fixtures/valid/restStorageToAEP-flowSpec.json']) {
    test(`every balanced mis-nesting of ${example} is one SSDK006 whose fix gives the spec back`, async () => {
      const original = readFileSync(join(ROOT, example), 'utf8');
      const kind = kindOf(example);
      const own = new Set((await analyze(original, kind)).diagnostics.map((d) => `${d.code} ${d.message}`));
      const variants = balancedVariants(original);
      assert.ok(variants.length >= 10, `${variants.length} variants parse`);
      for (const variant of variants) {
        const { document, diagnostics } = await analyze(variant.text, kind);
        const found = diagnostics.filter((d) => d.code === 'SSDK006');
        assert.equal(found.length, 1, `${variant.name}:\n${listing(diagnostics)}`);
        const others = diagnostics.filter((d) => d.code !== 'SSDK006' && !own.has(`${d.code} ${d.message}`));
        assert.deepEqual(others, [], `${variant.name}: every other finding is also the spec's own`);
        assert.match(String(found[0].message), /^"[^"]+" is indented as part of .+ but sits in .+: /);
        const fix = getCodeActions(document, undefined, found[0].range, found).find((a) => a.isPreferred);
        assert.ok(fix?.edit?.changes, `${variant.name}: a fix`);
        const fixed = TextDocument.applyEdits(document, fix.edit.changes[document.uri]);
        assert.ok(same(fixed, original), `${variant.name}: the fix gives the spec back`);
      }
    });
  }

  test('re-indented lines and blocks of a correctly nested spec with a problem elsewhere: no SSDK006', async () => {
    const base = readFileSync(join(ROOT, 'examples/acme-crm-connectionSpec.json'), 'utf8').replace('{\n', '{\n  "unknownKey": 1,\n');
    assert.ok((await analyze(base, 'connectionSpec')).diagnostics.some((d) => d.code === 'SSDK011'), 'the problem that makes the check run');
    const lines = base.split('\n');
    const indentOf = (line: string) => /^ */.exec(line)?.[0].length ?? 0;
    const shifted = (from: number, to: number, delta: number) =>
      lines.map((l, k) => (k < from || k > to ? l : delta > 0 ? ' '.repeat(delta) + l : l.slice(-delta))).join('\n');
    const variants: string[] = [];
    for (let i = 2; i < lines.length; i++) {
      if (!/^\s*"/.test(lines[i])) continue; // a member's line (closers move with their blocks below)
      for (const delta of [-2, 2]) if (indentOf(lines[i]) + delta >= 0) variants.push(shifted(i, i, delta));
      if (!/[{[]\s*$/.test(lines[i])) continue;
      let end = i + 1;
      while (end < lines.length && !(indentOf(lines[end]) === indentOf(lines[i]) && /^\s*[}\]]/.test(lines[end]))) end++;
      for (const delta of [-2, 2]) if (indentOf(lines[i]) + delta >= 0) variants.push(shifted(i, end, delta));
    }
    for (const text of variants) {
      const { diagnostics } = await analyze(text, 'connectionSpec');
      assert.ok(!diagnostics.some((d) => d.code === 'SSDK006'), `${listing(diagnostics)}\n---\n${text}`);
    }
  });

  test('no fixture or example (broken corpus and its repaired twins included) draws an SSDK006', async () => {
    const files = [...jsonFiles(join(ROOT, 'test', 'fixtures')), ...jsonFiles(join(ROOT, 'examples'))];
    assert.ok(files.filter((f) => f.endsWith('.repaired.json')).length >= 20, 'the repaired twins are among them');
    for (const file of files) {
      const { diagnostics } = await analyze(readFileSync(file, 'utf8'), kindOf(file));
      assert.ok(!diagnostics.some((d) => d.code === 'SSDK006'), `${file}:\n${listing(diagnostics)}`);
    }
  });
});

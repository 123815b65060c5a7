/**
 * The engine's incremental paths give exactly what a full analysis gives: member-wise schema validation
 * (core/analysis/memberValidation.ts), narrowed below the member for a letter typed in a string
 * (core/analysis/pathValidation.ts), the rules' kept findings (core/analysis/ruleResults.ts), and the moved tree and
 * answer after a white-space edit (core/analysis/treeEdit.ts). On random edits of the fixtures, an engine that keeps the last version of the
 * document reports the same diagnostics, in the same order, as a fresh engine analysing the text whole; a moved tree
 * is the tree a parse of the new text gives.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument, type ASTNode } from 'vscode-json-languageservice';
import { SpecEngine } from '../../core/analysis/engine';
import { branchKeysOf } from '../../core/analysis/memberValidation';
import { SPEC_SCHEMAS } from '../../core/schemas';
import { specKindOf } from '../../core/spec/kindResolver';
import type { SpecKind } from '../../core/spec/kinds';
import { pick, prng, type Random } from '../hardening/random';

const FIXTURES = ['valid', 'invalid'].flatMap((folder) => {
  const dir = join(__dirname, '..', 'fixtures', folder);
  return readdirSync(dir).filter((name) => specKindOf({ fileName: name })).map((name) => ({ name: `${folder}/${name}`, text: readFileSync(join(dir, name), 'utf8') }));
});

/** Leaves of the tree (strings, numbers, booleans) with their offsets, to edit inside a value. */
function leaves(root: ASTNode | undefined): ASTNode[] {
  const out: ASTNode[] = [];
  const stack = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'string' || node.type === 'number' || node.type === 'boolean') out.push(node);
    else for (const child of node.children ?? []) stack.push(child);
  }
  return out;
}

/** One edit a person makes: mostly inside a value (keeps the JSON valid), sometimes anywhere (a syntax error). */
function edit(random: Random, text: string, engine: SpecEngine): string {
  const values = leaves(engine.parse(TextDocument.create('file:///scratch.json', 'json', 1, text)).root);
  const roll = random();
  if (roll < 0.7 && values.length > 0) {
    const node = pick(random, values);
    if (node.type === 'string') {
      const at = node.offset + 1 + Math.floor(random() * (node.length - 1));
      const removing = random() < 0.35 && at < node.offset + node.length - 1;
      return removing ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + pick(random, ['a', 'Z', '$', '{', '}', ' ', '.', '7']) + text.slice(at);
    }
    const replacement = pick(random, ['0', '-1', '1.5', 'true', 'false', 'null', '"x"', '100']);
    return text.slice(0, node.offset) + replacement + text.slice(node.offset + node.length);
  }
  if (roll < 0.85) {
    const at = text.indexOf('\n', Math.floor(random() * text.length));
    return at < 0 ? text : `${text.slice(0, at)}\n  ${text.slice(at)}`; // white space between members or values
  }
  const at = Math.floor(random() * text.length);
  return text.slice(0, at) + pick(random, ['"', ',', '}', 'x', ':']) + text.slice(at); // breaks the JSON
}

/** What the incremental engines of the random-edit tests did, summed over the fixtures. */
const totals = { narrowed: 0, unaffected: 0, rulesKept: 0 };

describe('member-wise schema validation', () => {
  test('the bundled schemas split: connection specs branch on type, flow specs on nothing', () => {
    assert.deepEqual([...branchKeysOf(SPEC_SCHEMAS.connectionSpec.schema)!], ['type']);
    assert.deepEqual([...branchKeysOf(SPEC_SCHEMAS.flowSpec.schema)!], []);
    assert.equal(branchKeysOf({ type: 'object', anyOf: [{ required: ['a'] }] }), undefined, 'a root it cannot split');
  });

  for (const fixture of FIXTURES) {
    test(`random edits of ${fixture.name}: the same diagnostics as a full analysis`, async () => {
      const kind = specKindOf({ fileName: fixture.name }) as SpecKind;
      const random = prng([...fixture.name].reduce((seed, c) => seed * 31 + c.charCodeAt(0), 7));
      const incremental = new SpecEngine();
      const full = new SpecEngine();
      const uri = `file:///${fixture.name.replace('/', '-')}`;
      let text = fixture.text;
      for (let version = 1; version <= 60; version++) {
        // Back to the fixture now and then, so one syntax error does not end the member-wise path for the rest.
        text = version % 15 === 0 ? fixture.text : edit(random, text, full);
        const expected = await full.analyze(TextDocument.create(`${uri}-full-${version}`, 'json', 1, text), kind);
        const document = TextDocument.create(uri, 'json', version, text);
        const got = await incremental.analyze(document, kind);
        assert.deepEqual(got, expected, `${fixture.name}, version ${version}`);
        // The tree other features use (a moved or patched one, treeEdit.ts) is the tree a parse gives.
        assert.deepEqual(shape(incremental.parse(document).root), shape(full.parse(TextDocument.create(`${uri}-full-${version}`, 'json', 1, text)).root));
      }
      // The member-wise path was taken (a fixture with a duplicate key or a comment never splits: always full).
      assert.ok(incremental.validation.counts.memberwise >= 5, `member-wise ${JSON.stringify(incremental.validation.counts)}`);
      totals.narrowed += incremental.validation.counts.narrowed;
      totals.unaffected += incremental.validation.counts.unaffected;
      totals.rulesKept += incremental.ruleResults.counts.kept;
    });
  }

  test('over all fixtures the random letters took every incremental path', () => {
    // Narrowed below the member and validated, narrowed with nothing to validate, rules' findings kept.
    assert.ok(totals.narrowed - totals.unaffected >= 20, JSON.stringify(totals));
    assert.ok(totals.unaffected >= 50, JSON.stringify(totals));
    assert.ok(totals.rulesKept >= 500, JSON.stringify(totals));
  });

  test('after white-space edits the moved tree is the tree a parse gives, and the answer is moved, not recomputed', async () => {
    const fixture = FIXTURES.find((f) => f.name === 'valid/acme-crm-connectionSpec.json')!;
    const random = prng(42);
    const incremental = new SpecEngine();
    const fresh = new SpecEngine();
    let text = fixture.text;
    await incremental.analyze(TextDocument.create('file:///moved-connectionSpec.json', 'json', 1, text), 'connectionSpec');
    const before = { ...incremental.validation.counts };
    for (let version = 2; version <= 40; version++) {
      // A space or a line break between two tokens: after a comma, a colon or an opening bracket.
      const gaps = [...text.matchAll(/[,:[{]/g)].map((m) => m.index! + 1).filter((at) => !inString(text, at));
      const at = pick(random, gaps);
      text = text.slice(0, at) + pick(random, [' ', '\n', '\t  ', '\r\n']) + text.slice(at);
      const document = TextDocument.create('file:///moved-connectionSpec.json', 'json', version, text);
      const got = await incremental.analyze(document, 'connectionSpec');
      assert.deepEqual(got, await fresh.analyze(TextDocument.create(`file:///fresh-${version}.json`, 'json', 1, text), 'connectionSpec'));
      assert.deepEqual(shape(incremental.parse(document).root), shape(fresh.parse(TextDocument.create(`file:///fresh-${version}.json`, 'json', 1, text)).root));
    }
    assert.deepEqual(incremental.validation.counts, before, 'no validation ran: every answer was moved');
  });
});

/** Whether offset `at` of a JSON text is inside a string (counting unescaped quotes before it). */
function inString(text: string, at: number): boolean {
  let inside = false;
  for (let i = 0; i < at; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}

/** A tree as plain data: types, offsets, lengths, values and colon positions, for comparison. */
function shape(node: ASTNode | undefined): unknown {
  if (!node) return undefined;
  const colon = (node as { colonOffset?: number }).colonOffset;
  return { type: node.type, offset: node.offset, length: node.length, value: 'value' in node ? node.value : undefined, colon,
    children: (node.children ?? []).map(shape) };
}

/**
 * Validation narrowed below a top-level member after a letter typed in one string (core/analysis/pathValidation.ts)
 * and the rules' kept findings (core/analysis/ruleResults.ts) give what a full analysis gives:
 * - where the narrowing stops, on small schemas;
 * - random letters typed in the string values of a document whose schema uses every keyword that compares siblings
 *   (anyOf, if/then, dependencies, uniqueItems, tuple items, enum on a branch key): the problems equal full validation;
 * - the engine on the typical spec: a letter in the request path narrows and keeps the auth rules' findings; a new
 *   duplicate auth name is found at once.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getLanguageService, TextDocument, type Diagnostic, type JSONDocument, type JSONSchema, type PropertyASTNode, type StringASTNode } from 'vscode-json-languageservice';
import { SpecEngine } from '../../core/analysis/engine';
import { MemberValidation, splittableSchema } from '../../core/analysis/memberValidation';
import { narrowedMember } from '../../core/analysis/pathValidation';
import { changedRegion } from '../../core/analysis/textEdit';
import { updatedTree } from '../../core/analysis/treeEdit';
import { pick, prng } from '../hardening/random';

const service = getLanguageService({});

function parse(text: string): { document: TextDocument; json: JSONDocument } {
  const document = TextDocument.create('file:///narrow.json', 'json', 1, text);
  return { document, json: service.parseJSONDocument(document) };
}

/** The string value at `path` (keys and indexes) of a parse, and the top-level property it is in. */
function stringAt(json: JSONDocument, path: Array<string | number>): { member: PropertyASTNode; node: StringASTNode } {
  const root = json.root!;
  const member = root.type === 'object' ? root.properties.find((p) => p.keyNode.value === path[0])! : undefined!;
  let node = member.valueNode!;
  for (const step of path.slice(1)) {
    node = typeof step === 'number' && node.type === 'array' ? node.items[step]
      : node.type === 'object' ? node.properties.find((p) => p.keyNode.value === step)!.valueNode! : undefined!;
  }
  assert.equal(node.type, 'string');
  return { member, node: node as StringASTNode };
}

/** The text of the narrowed scope (what is validated again), or undefined when the whole member is. */
function scopeText(schema: JSONSchema, text: string, path: Array<string | number>): string | undefined {
  const { json } = parse(text);
  const { member, node } = stringAt(json, path);
  const narrowed = narrowedMember(schema, member, node);
  return narrowed && text.slice(narrowed.scope.offset, narrowed.scope.offset + narrowed.scope.length);
}

describe('validation narrowed down a path', () => {
  const doc = JSON.stringify({ a: { b: { c: 'x', d: 'y' }, e: ['p', 'q'] } });
  const plain: JSONSchema = { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'object', properties: { c: { type: 'string' } } }, e: { type: 'array', items: { type: 'string' } } } } } };

  test('plain levels narrow to the edited property or item', () => {
    assert.equal(scopeText(plain, doc, ['a', 'b', 'c']), '"c":"x"');
    assert.equal(scopeText(plain, doc, ['a', 'e', 1]), '"q"');
  });

  test('a string judged by its type alone needs no validation; one with a pattern, enum or length does', () => {
    const unaffected = (leaf: JSONSchema) => {
      const schema = structuredClone(plain);
      ((schema.properties!.a as JSONSchema).properties!.b as JSONSchema).properties!.c = leaf;
      const { json } = parse(doc);
      const { member, node } = stringAt(json, ['a', 'b', 'c']);
      return narrowedMember(schema, member, node)?.unaffected;
    };
    assert.equal(unaffected({ type: 'string', description: 'text', deprecationMessage: 'old' }), true);
    assert.equal(unaffected({ type: 'number' }), true, 'the wrong type stays the wrong type');
    for (const keyword of [{ pattern: '^a' }, { enum: ['x'] }, { maxLength: 2 }, { format: 'email' }, { const: 'x' }, { not: { type: 'number' } }]) {
      assert.equal(unaffected({ type: 'string', ...keyword }), false, JSON.stringify(keyword));
    }
  });

  test('a level that compares its children is validated whole; the levels above still narrow', () => {
    const anyOf = structuredClone(plain);
    ((anyOf.properties!.a as JSONSchema).properties!.b as JSONSchema).anyOf = [{ required: ['c'] }, { required: ['d'] }];
    assert.equal(scopeText(anyOf, doc, ['a', 'b', 'c']), '"b":{"c":"x","d":"y"}');
    const unique = structuredClone(plain);
    ((unique.properties!.a as JSONSchema).properties!.e as JSONSchema).uniqueItems = true;
    assert.equal(scopeText(unique, doc, ['a', 'e', 1]), '"e":["p","q"]');
    const tuple = structuredClone(plain);
    ((tuple.properties!.a as JSONSchema).properties!.e as JSONSchema).items = [{ type: 'string' }, { enum: ['q'] }];
    assert.equal(scopeText(tuple, doc, ['a', 'e', 1]), '"e":["p","q"]');
    const conditional = structuredClone(plain);
    (conditional.properties!.a as JSONSchema).if = { properties: { b: { properties: { c: { const: 'x' } } } } };
    assert.equal(scopeText(conditional, doc, ['a', 'b', 'c']), undefined, 'the member itself compares: no narrowing');
  });

  test('local references are followed; a root branch that is not plain stops the narrowing', () => {
    const referenced: JSONSchema = { type: 'object', properties: { a: { $ref: '#/definitions/a' } }, definitions: { a: (plain.properties!.a as JSONSchema) } };
    assert.equal(scopeText(referenced, doc, ['a', 'b', 'c']), '"c":"x"');
    const remote: JSONSchema = { type: 'object', properties: { a: { $ref: 'https://example.test/a.json' } } };
    assert.equal(scopeText(remote, doc, ['a', 'b', 'c']), undefined);
    const branch: JSONSchema = { ...plain, allOf: [{ if: { required: ['k'] }, then: { anyOf: [{ required: ['a'] }] } }] };
    assert.equal(scopeText(branch, doc, ['a', 'b', 'c']), undefined);
  });

  // Every keyword that compares siblings, at several depths, plus plain levels between them.
  const schema: JSONSchema = {
    type: 'object',
    required: ['kind', 'box'],
    properties: {
      kind: { enum: ['a', 'b'] },
      box: {
        type: 'object', required: ['inner'], additionalProperties: { type: 'string', maxLength: 3 },
        properties: {
          inner: { $ref: '#/definitions/inner' },
          choice: { anyOf: [{ properties: { x: { const: 'yes' } }, required: ['x'] }, { properties: { y: { pattern: '^a' } } }] },
          twins: { type: 'array', uniqueItems: true, items: { type: 'string' } },
          tuple: { type: 'array', items: [{ enum: ['p'] }, { type: 'string', minLength: 2 }] },
          conditional: { type: 'object', if: { properties: { mode: { const: 'strict' } } }, then: { properties: { value: { pattern: '^[0-9]+$' } } } },
          deps: { type: 'object', dependencies: { a: { properties: { b: { const: 'ok' } } } }, properties: { a: { type: 'string' } } },
          label: { type: 'string', title: 'Label', description: 'judged by its type alone' },
          labels: { type: 'array', items: { type: 'string', markdownDescription: 'judged by type alone' } },
          wrongType: { type: 'number' },
          list: { type: 'array', minItems: 2, items: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 2 }, tag: { enum: ['t1', 't2'] } } } },
        },
      },
    },
    allOf: [{ if: { properties: { kind: { const: 'a' } } }, then: { properties: { box: { properties: { extra: { type: 'string', format: 'email' } } } } } }],
    definitions: { inner: { type: 'object', properties: { deep: { type: 'object', properties: { leaf: { type: 'string', pattern: '^[a-z]*$' }, other: { type: 'string', maxLength: 4 } } } } } },
  };
  const start = JSON.stringify({
    kind: 'a',
    box: {
      inner: { deep: { leaf: 'abc', other: 'xy' } },
      choice: { x: 'yes', y: 'abc' },
      twins: ['t', 'u', 'v'],
      tuple: ['p', 'qq'],
      conditional: { mode: 'strict', value: '123' },
      deps: { a: 'on', b: 'ok' },
      label: 'free text',
      labels: ['one', 'two'],
      wrongType: 'a string where a number belongs',
      list: [{ name: 'nm', tag: 't1' }, { name: 'xx', tag: 't2' }],
      extra: 'a@b.c',
      loose: 'abc',
    },
  }, null, 2);

  test('random letters typed in string values give the problems of a full validation', async () => {
    const split = splittableSchema(schema)!;
    const validator = getLanguageService({});
    validator.configure({ validate: true, schemas: [{ uri: 'test://narrow.schema.json', fileMatch: ['*.json'], schema }] });
    const full = async (document: TextDocument, json: JSONDocument) => sorted(await validator.doValidation(document, json, { schemaValidation: 'error' }));
    const incremental = new MemberValidation();
    const random = prng(20261205);
    let text = start;
    let document = TextDocument.create('file:///narrow.json', 'json', 1, text);
    let json = validator.parseJSONDocument(document);
    await incremental.validate(document, json, 'narrow', split, (j) => validator.doValidation(document, j, { schemaValidation: 'error' }));
    for (let version = 2; version <= 400; version++) {
      const values = stringValuesOf(json);
      const node = pick(random, values);
      const at = node.offset + 1 + Math.floor(random() * (node.length - 1));
      const removing = random() < 0.4 && at < node.offset + node.length - 1;
      const before = text;
      text = removing ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + pick(random, ['a', '1', 'y', 's', 't', '@', 'k', 'o']) + text.slice(at);
      const edit = { before, region: changedRegion(before, text) };
      document = TextDocument.create('file:///narrow.json', 'json', version, text);
      const updated = updatedTree(json, text, edit);
      if (!updated) json = validator.parseJSONDocument(document);
      const current = document;
      const got = sorted(await incremental.validate(current, json, 'narrow', split, (j) => validator.doValidation(current, j, { schemaValidation: 'error' }), edit, updated?.editedString));
      const expected = await full(current, validator.parseJSONDocument(current));
      assert.deepEqual(got, expected, `version ${version}: ${removing ? 'removed' : 'typed'} at ${at} in ${JSON.stringify(node.value)}`);
    }
    const { narrowed, unaffected } = incremental.counts;
    assert.ok(narrowed - unaffected >= 100, `narrowed and validated ${JSON.stringify(incremental.counts)}`);
    assert.ok(unaffected >= 30, `narrowed to a string judged by its type: nothing validated ${JSON.stringify(incremental.counts)}`);
  });

  test('a value a sibling\'s rule depends on changes that sibling\'s problem', async () => {
    const split = splittableSchema(schema)!;
    const validator = getLanguageService({});
    validator.configure({ validate: true, schemas: [{ uri: 'test://narrow.schema.json', fileMatch: ['*.json'], schema }] });
    const incremental = new MemberValidation();
    const text = start.replace('"value": "123"', '"value": "abc"');
    const document = TextDocument.create('file:///narrow.json', 'json', 1, text);
    const json = validator.parseJSONDocument(document);
    const first = await incremental.validate(document, json, 'narrow', split, (j) => validator.doValidation(document, j, { schemaValidation: 'error' }));
    assert.ok(first.some((d) => /pattern|does not match/i.test(messageOf(d))), 'strict mode: "abc" breaks the pattern');
    const at = text.indexOf('"strict"') + 3;
    const after = `${text.slice(0, at)}x${text.slice(at)}`;
    const edit = { before: text, region: changedRegion(text, after) };
    const next = TextDocument.create('file:///narrow.json', 'json', 2, after);
    const updated = updatedTree(json, after, edit)!;
    const second = await incremental.validate(next, json, 'narrow', split, (j) => validator.doValidation(next, j, { schemaValidation: 'error' }), edit, updated.editedString);
    assert.ok(!second.some((d) => /pattern|does not match/i.test(messageOf(d))), 'mode is no longer strict: no pattern problem');
  });
});

describe('the engine after a letter typed in the typical spec', () => {
  const typical = readFileSync(join(__dirname, '..', 'fixtures', 'valid', 'acme-crm-connectionSpec.json'), 'utf8');

  test('a letter in the request path narrows the validation and keeps the rules that do not read it', async () => {
    const engine = new SpecEngine();
    const fresh = new SpecEngine();
    const uri = 'file:///typical-connectionSpec.json';
    await engine.analyze(TextDocument.create(uri, 'json', 1, typical), 'connectionSpec');
    const at = typical.indexOf('"path": "/', typical.indexOf('"sourceSpec"')) + '"path": "/'.length;
    const typed = `${typical.slice(0, at)}$${'{'}x${typical.slice(at)}`;
    const before = { narrowed: engine.validation.counts.narrowed, unaffected: engine.validation.counts.unaffected, kept: engine.ruleResults.counts.kept };
    const got = await engine.analyze(TextDocument.create(uri, 'json', 2, typed), 'connectionSpec');
    assert.deepEqual(got, await fresh.analyze(TextDocument.create('file:///fresh-connectionSpec.json', 'json', 1, typed), 'connectionSpec'));
    assert.ok(got.some((d) => d.code === 'SSDK107'), 'the half-typed placeholder is found at once');
    assert.equal(engine.validation.counts.narrowed, before.narrowed + 1);
    assert.equal(engine.validation.counts.unaffected, before.unaffected + 1, 'the path is judged by its type alone: nothing validated');
    assert.ok(engine.ruleResults.counts.kept > before.kept, 'rules that do not read the request path were not run');
  });

  test('a kept finding is the one its rule reported, whatever the caller did with the last copy', () => {
    const results = new SpecEngine().ruleResults;
    const spec = JSON.parse(typical) as { authSpec: Array<{ name: string }> };
    const duplicated = typical.replace(`"${spec.authSpec[1].name}"`, `"${spec.authSpec[0].name}"`);
    const { document, json } = parse(duplicated);
    const finding = results.run(document, json.root, 'connectionSpec', undefined, {}, 'k').find((d) => d.code === 'SSDK401')!;
    finding.data = { candidates: ['stale'] }; // what mergeDiagnostics does to a rule's finding the schema also reports
    // A letter in the request path: the auth rule does not read it, so its finding is kept.
    const at = duplicated.indexOf('"path": "/', duplicated.indexOf('"sourceSpec"')) + '"path": "/'.length;
    const typed = `${duplicated.slice(0, at)}x${duplicated.slice(at)}`;
    const edit = { before: duplicated, region: changedRegion(duplicated, typed) };
    const { editedString } = updatedTree(json, typed, edit)!;
    const kept = results.counts.kept;
    const again = results.run(TextDocument.create(document.uri, 'json', 2, typed), json.root, 'connectionSpec', undefined, {}, 'k', edit, editedString);
    assert.ok(results.counts.kept > kept, 'the auth rule was not run again');
    assert.deepEqual(again.find((d) => d.code === 'SSDK401')?.data, { name: spec.authSpec[0].name });
  });

  test('a new duplicate auth name is found on the keystroke that makes it', async () => {
    const engine = new SpecEngine();
    const uri = 'file:///auth-connectionSpec.json';
    await engine.analyze(TextDocument.create(uri, 'json', 1, typical), 'connectionSpec');
    const spec = JSON.parse(typical) as { authSpec: Array<{ name: string }> };
    const [first, second] = spec.authSpec.map((entry) => entry.name);
    const from = typical.indexOf(`"${second}"`) + 1;
    const renamed = typical.slice(0, from) + first + typical.slice(from + second.length);
    const got: Diagnostic[] = await engine.analyze(TextDocument.create(uri, 'json', 2, renamed), 'connectionSpec');
    assert.ok(got.some((d) => d.code === 'SSDK401'), 'the auth rule ran again');
    assert.deepEqual(got, await new SpecEngine().analyze(TextDocument.create('file:///fresh2-connectionSpec.json', 'json', 1, renamed), 'connectionSpec'));
  });
});

/** The string values (not keys) of a parse. */
function stringValuesOf(json: JSONDocument): StringASTNode[] {
  const out: StringASTNode[] = [];
  const stack = json.root ? [json.root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'string' && !(node.parent?.type === 'property' && node.parent.keyNode === node)) out.push(node);
    for (const child of node.children ?? []) stack.push(child);
  }
  return out;
}

/** Problems in a comparable order (the member-wise result lists kept problems before new ones). */
function sorted(diagnostics: Diagnostic[]): Array<{ range: string; message: string; severity?: number; code?: unknown }> {
  return diagnostics
    .map((d) => ({ range: `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`, message: messageOf(d), severity: d.severity, code: d.code }))
    .sort((a, b) => a.range.localeCompare(b.range) || a.message.localeCompare(b.message));
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

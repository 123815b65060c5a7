/**
 * Each rule's `reads` (core/analysis/types.ts) names every place where it reads a string value: after a letter typed
 * outside them its last findings are kept (core/analysis/ruleResults.ts), so a place missing from the list would leave
 * a stale finding. On every JSON fixture that parses, each rule with a list runs over a tree whose string values
 * record being read (and a document whose text records which part is read), for every kind it applies to; every
 * value it read must lie below one of its paths.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getLanguageService, TextDocument, type ASTNode, type Range, type StringASTNode } from 'vscode-json-languageservice';
import { RULES } from '../../core/analysis/rules/index';
import { parseProblems } from '../../core/analysis/memberValidation';
import { keyPath } from '../../core/analysis/ruleResults';
import type { RuleContext, SpecKind } from '../../core/analysis/types';

const FIXTURES_DIR = join(__dirname, '..', 'fixtures');

/** Every .json file below the fixtures folder. */
function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

const service = getLanguageService({});

/** The parse of `text` when it is clean JSON with an object at the top, else undefined. */
function parsed(text: string): { document: TextDocument; root: ASTNode } | undefined {
  const document = TextDocument.create('file:///reads.json', 'json', 1, text);
  const json = service.parseJSONDocument(document);
  if (parseProblems(json) !== 0 || json.root?.type !== 'object') return undefined;
  return { document, root: json.root };
}

/** The string values (not keys) of the tree. */
function stringValues(root: ASTNode): StringASTNode[] {
  const out: StringASTNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'string' && !(node.parent?.type === 'property' && node.parent.keyNode === node)) out.push(node);
    for (const child of node.children ?? []) stack.push(child);
  }
  return out;
}

/** Makes every string value of the tree, and every part of the document's text, record into `read` when read. */
function recordReads(document: TextDocument, root: ASTNode, read: Set<StringASTNode>): TextDocument {
  const strings = stringValues(root);
  for (const node of strings) {
    let value = node.value;
    Object.defineProperty(node, 'value', { get: () => { read.add(node); return value; }, set: (v: string) => { value = v; }, configurable: true });
  }
  return new Proxy(document, {
    get(target, property) {
      if (property !== 'getText') {
        const member: unknown = Reflect.get(target, property, target);
        return typeof member === 'function' ? member.bind(target) : member;
      }
      return (range?: Range) => {
        const start = range ? target.offsetAt(range.start) : 0;
        const end = range ? target.offsetAt(range.end) : Number.MAX_SAFE_INTEGER;
        for (const node of strings) if (node.offset < end && start < node.offset + node.length) read.add(node);
        return target.getText(range);
      };
    },
  });
}

const covered = (reads: readonly string[], place: string) => reads.some((path) => place === path || place.startsWith(`${path}.`));

describe('rule reads', () => {
  const fixtures = jsonFiles(FIXTURES_DIR).map((path) => ({ path, text: readFileSync(path, 'utf8') })).filter((f) => parsed(f.text));

  test('the fixtures give every declared rule something to read', () => {
    assert.ok(fixtures.length >= 30, `${fixtures.length} fixtures parse`);
  });

  for (const rule of RULES.filter((r) => r.reads !== undefined)) {
    const name = rule.table[0]?.code ?? rule.alsoReports?.[0] ?? 'rule';
    test(`${name}'s rule reads string values only below ${JSON.stringify(rule.reads)}`, () => {
      let readSomewhere = 0;
      for (const fixture of fixtures) {
        for (const kind of rule.kinds as readonly SpecKind[]) {
          const { document, root } = parsed(fixture.text)!;
          const read = new Set<StringASTNode>();
          const recording = recordReads(document, root, read);
          const ctx: RuleContext = { document: recording, root, kind, report: () => undefined };
          rule.run(ctx);
          readSomewhere += read.size;
          for (const node of read) {
            const place = keyPath(node);
            assert.ok(covered(rule.reads!, place), `${fixture.path} (${kind}): the rule read "${node.value}" at ${place}, not below ${JSON.stringify(rule.reads)}`);
          }
        }
      }
      // A rule that reads values somewhere must show it on the fixtures, or the check above proved nothing.
      if (rule.reads!.length > 0) assert.ok(readSomewhere > 0, 'no fixture made the rule read a value');
    });
  }

  test('the instrumentation sees reads: a rule that reads every string is caught', () => {
    const { document, root } = parsed(fixtures.find((f) => f.path.endsWith('acme-crm-connectionSpec.json'))!.text)!;
    const read = new Set<StringASTNode>();
    const recording = recordReads(document, root, read);
    const everything = RULES.find((r) => r.reads === undefined && r.table.some((row) => row.code === 'SSDK101'))!;
    everything.run({ document: recording, root, kind: 'connectionSpec', report: () => undefined });
    assert.ok([...read].some((node) => !covered(['sourceSpec'], keyPath(node))), 'the placeholder rule reads strings outside sourceSpec');
    read.clear();
    recording.getText({ start: document.positionAt(0), end: document.positionAt(document.getText().length) });
    assert.equal(read.size, stringValues(root).length, 'reading the whole text reads every string');
  });
});

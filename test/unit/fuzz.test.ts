/**
 * Robustness: thousands of seeded random mutations of the valid fixtures go through every engine feature.
 * Nothing may throw and no single analysis may use more than 200 ms of CPU. Reproduce a failure with FUZZ_SEED.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { TextDocument } from 'vscode-json-languageservice';
import { SpecEngine } from '../../core/analysis/engine';
import { specKindOf } from '../../core/spec/kindResolver';
import type { SpecKind } from '../../core/analysis/types';
import { pick, prng, type Random } from '../hardening/random';

const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
// CPU time, and only a blow-up bound (a quadratic path on one input costs seconds); the engine's real speed is
// measured by npm run bench, since even CPU time grows when two cores serve a dozen processes.
const MAX_ANALYZE_MS = 2000;


const VALID = join(__dirname, '..', 'fixtures', 'valid');
const fixtures = readdirSync(VALID).filter((f) => f.endsWith('.json')).map((f) => ({
  kind: specKindOf({ fileName: f }) as SpecKind,
  text: readFileSync(join(VALID, f), 'utf8'),
}));

const SNIPPETS = ['{', '}', '[', ']', ',', ':', '"', '\\', '/', '//', '/*', '*/', '${', '{{', '}}', '$', '.', '-', 'e',
  '0', '1e999', 'true', 'null', '"type"', '"OFFSET"', '"${x}"', '"http: //json-schema.org/draft-07/schema#"', ' ', '\n',
  '\t', '\u00e9', '\ud83d\ude00', '"offsetName": "o"', '"transformationSpec": []', '"limitValue": "100"'];
const BINARY = ['\u0000', '\u0001', '\u001f', '\u007f', '\ud800', '\udfff', '\ufeff', '\uffff', '\u2028'];

const index = (random: Random, length: number): number => Math.floor(random() * (length + 1));

function tokens(text: string): Array<[number, number]> {
  const scanner = createScanner(text, false);
  const out: Array<[number, number]> = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF && out.length < 5000; kind = scanner.scan()) {
    out.push([scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength()]);
  }
  return out;
}

/** One random edit: character-, slice- or token-level, truncation, binary bytes or deep nesting. */
function mutate(random: Random, text: string): string {
  const at = index(random, text.length);
  const span = Math.floor(random() * 40);
  // Deep nesting is the costliest case to analyse, so it gets 1 slot in 40; the other cases share the rest.
  const choice = Math.floor(random() * 40);
  switch (choice === 0 ? 6 : choice % 10 === 6 ? 7 : choice % 10) {
    case 0: return text.slice(0, at) + text.slice(at + 1 + span);
    case 1: return text.slice(0, at) + pick(random, SNIPPETS) + text.slice(at);
    case 2: return text.slice(0, at) + text.slice(at, at + span * 5) + text.slice(at);
    case 3: {
      const other = index(random, text.length);
      const [a, b] = at < other ? [at, other] : [other, at];
      const len = Math.min(span, b - a);
      return text.slice(0, a) + text.slice(b, b + len) + text.slice(a + len, b) + text.slice(a, a + len) + text.slice(b + len);
    }
    case 4: return text.slice(0, Math.floor(random() * text.length));
    case 5: return text.slice(0, at) + Array.from({ length: 1 + span % 5 }, () => pick(random, BINARY)).join('') + text.slice(at);
    case 6: {
      const depth = pick(random, [50, 900, 1001, 1500, 5000]);
      const open = random() < 0.5 ? '[' : '{"a":';
      const close = open === '[' ? ']' : '}';
      return text.slice(0, at) + open.repeat(depth) + (random() < 0.5 ? close.repeat(depth) : '') + text.slice(at);
    }
    default: {
      const list = tokens(text);
      if (list.length < 2) return text + pick(random, SNIPPETS);
      const [s1, e1] = pick(random, list);
      const [s2, e2] = pick(random, list);
      const mode = Math.floor(random() * 3);
      if (mode === 0) return text.slice(0, s1) + text.slice(e1); // delete a token
      if (mode === 1) return text.slice(0, e1) + text.slice(s2, e2) + text.slice(e1); // duplicate one elsewhere
      if (s1 === s2) return text;
      const [a, b] = s1 < s2 ? [[s1, e1], [s2, e2]] : [[s2, e2], [s1, e1]];
      if (a[1] > b[0]) return text;
      return text.slice(0, a[0]) + text.slice(b[0], b[1]) + text.slice(a[1], b[0]) + text.slice(a[0], a[1]) + text.slice(b[1]);
    }
  }
}

/** The result of one call and its CPU time (user + system) in ms. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; cpu: number }> {
  const started = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(started);
  return { value, cpu: (used.user + used.system) / 1000 };
}

test(`fuzz: ${ITERATIONS} mutations through every feature, no exception, analyze ≤ ${MAX_ANALYZE_MS} ms`, async (t) => {
  assert.ok(fixtures.length > 0, 'valid fixtures present');
  const random = prng(SEED);
  const ruleFailures: string[] = [];
  const engine = new SpecEngine({ onRuleError: ({ codes, error }) => ruleFailures.push(`${codes.join(',')}: ${String(error)}`) });
  for (const f of fixtures) await engine.analyze(TextDocument.create('file:///warm.json', 'json', 0, f.text), f.kind);

  let slowest = 0;
  let slowestText = '';
  let diagnosticsSeen = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const fixture = pick(random, fixtures);
    let text = fixture.text;
    for (let m = 1 + Math.floor(random() * 3); m > 0; m--) text = mutate(random, text);
    const document = TextDocument.create(`file:///fuzz/${i}.json`, 'json', 1, text);
    const context = `iteration ${i} (seed ${SEED})`;
    try {
      // CPU time, not wall time: the limit is about the engine's cost, not about other processes on the machine.
      const first = await timed(() => engine.analyze(document, fixture.kind));
      const diagnostics = first.value;
      let elapsed = first.cpu;
      // A slow run is re-timed on fresh versions of the same text: a real blow-up is slow every time, while a GC
      // pause or first-time JIT of an error path is not. The best of three must meet the limit.
      for (let retry = 0; retry < 2 && elapsed > MAX_ANALYZE_MS; retry++) {
        const again = TextDocument.create(document.uri, 'json', 2 + retry, text);
        elapsed = Math.min(elapsed, (await timed(() => engine.analyze(again, fixture.kind))).cpu);
      }
      if (elapsed > slowest) { slowest = elapsed; slowestText = text; }
      diagnosticsSeen += diagnostics.length;
      for (const d of diagnostics) assert.ok(d.code && d.source === 'sources-sdk', `${context}: uncoded diagnostic ${d.message}`);
      const position = document.positionAt(Math.floor(random() * (text.length + 1)));
      await engine.complete(document, position, fixture.kind);
      await engine.hover(document, position, fixture.kind);
      engine.documentSymbols(document);
      const whole = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
      engine.codeActions(document, whole, diagnostics);
      if (i % 10 === 0) {
        engine.definition(document, position);
        engine.references(document, position, true);
        engine.prepareRename(document, position);
        engine.documentLinks(document);
        engine.format(document, undefined, { tabSize: 2, insertSpaces: true });
      }
    } catch (err) {
      assert.fail(`${context} threw ${err instanceof Error ? err.stack : String(err)}\n--- text (first 2000 chars) ---\n${text.slice(0, 2000)}`);
    }
    engine.forget(document.uri);
  }
  t.diagnostic(`slowest analyze (best of up to 3 runs): ${slowest.toFixed(1)} ms CPU; ${diagnosticsSeen} diagnostics in total`);
  // FUZZ_DUMP=<file> keeps the slowest input for profiling.
  if (process.env.FUZZ_DUMP) writeFileSync(process.env.FUZZ_DUMP, slowestText);
  assert.ok(diagnosticsSeen > ITERATIONS, 'mutations really produced problems');
  assert.deepEqual(ruleFailures.slice(0, 5), [], `${ruleFailures.length} rule runs threw (rules must handle every shape)`);
  assert.ok(slowest <= MAX_ANALYZE_MS, `slowest analyze ${slowest.toFixed(1)} ms on:\n${slowestText.slice(0, 500)}`);
});

/**
 * Every fixture and example through the whole engine (schema layer + rules + merge), as the editor and CLI see them:
 * valid specs stay clean, invalid ones give exactly their expected codes and lines (no extra schema duplicates),
 * and diagnostics come in document order.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument, type Diagnostic } from 'vscode-json-languageservice';
import { SpecEngine } from '../../core/analysis/engine';
import type { SpecKind } from '../../core/analysis/types';
import { batchSpec } from './rules/builders';
import type { LooseObject } from '../helpers/looseJson';

const ROOT = join(__dirname, '..', '..');
const engine = new SpecEngine();

function specFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).filter((f) => /(connectionSpec|flowSpec)\.json$/.test(f)).sort();
}

function kindOf(file: string): SpecKind {
  return /flowSpec\.json$/.test(file) ? 'flowSpec' : 'connectionSpec';
}

async function diagnose(dir: string, file: string): Promise<Diagnostic[]> {
  const document = TextDocument.create(`file:///${dir}/${file}`, 'json', 1, readFileSync(join(ROOT, dir, file), 'utf8'));
  return engine.analyze(document, kindOf(file));
}

function inDocumentOrder(diagnostics: Diagnostic[]): boolean {
  return diagnostics.every((d, i) => i === 0 || d.range.start.line > diagnostics[i - 1].range.start.line
    || (d.range.start.line === diagnostics[i - 1].range.start.line && d.range.start.character >= diagnostics[i - 1].range.start.character));
}

describe('fixtures through the engine', () => {
  test('valid fixtures: no diagnostics (the SDK flow specs keep their SSDK612 note)', async () => {
    const files = specFiles('test/fixtures/valid');
    assert.ok(files.length >= 10, `only ${files.length} valid fixtures`);
    const notes: Record<string, string[]> = {
      'restStorageToAEP-flowSpec.json': ['SSDK612'], 'genericStreamingAEP-flowSpec.json': ['SSDK612'] };
    for (const file of files) {
      const diagnostics = await diagnose('test/fixtures/valid', file);
      const codes = diagnostics.map((d) => `${d.code} ${d.message}`);
      assert.deepEqual(codes.map((c) => c.slice(0, 7)), notes[file] ?? [], `${file}: ${codes.join('\n')}`);
      assert.ok(diagnostics.every((d) => d.severity === 3), file);
    }
  });

  test('invalid fixtures: exactly the expected codes and lines, in document order', async () => {
    for (const file of specFiles('test/fixtures/invalid')) {
      const expected = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/invalid', file.replace(/\.json$/, '.expected.json')), 'utf8')) as
        Array<{ code: string; line: number }>;
      const diagnostics = await diagnose('test/fixtures/invalid', file);
      assert.ok(inDocumentOrder(diagnostics), `${file}: not in document order`);
      const key = (e: { code: string; line: number }) => `${e.line} ${e.code}`;
      assert.deepEqual(diagnostics.map((d) => key({ code: String(d.code), line: d.range.start.line + 1 })).sort(),
        expected.map(key).sort(), file);
    }
  });

  test('examples: only the intended findings; every message says what to do', async () => {
    for (const file of specFiles('examples')) {
      const diagnostics = await diagnose('examples', file);
      assert.ok(inDocumentOrder(diagnostics), file);
      const problems = diagnostics.filter((d) => d.severity !== undefined && d.severity <= 2);
      if (!file.startsWith('broken-')) assert.deepEqual(problems.map((d) => d.code), [], file);
      else assert.ok(problems.length >= 5, 'the broken example shows several problems');
      for (const d of diagnostics) assert.match(String(d.message), /[:.?] |: |\.$|\?$/, `${file}: ${d.message}`);
    }
  });
});

describe('schema and rule messages together', () => {
  async function engineCodes(mutate: (spec: LooseObject) => void): Promise<Diagnostic[]> {
    const spec = batchSpec();
    mutate(spec);
    return engine.analyze(TextDocument.create('file:///m-connectionSpec.json', 'json', 1, JSON.stringify(spec, null, 2)), 'connectionSpec');
  }

  test('a misspelt schedule type gets one did-you-mean, not "missing scheduleStartParamName"', async () => {
    const diagnostics = await engineCodes((s) => { s.sourceSpec.attributes.scheduleParams = { type: 'advance', incremental: 'u > {START_TIME}' }; });
    assert.deepEqual(diagnostics.map((d) => d.code), ['SSDK012']);
    assert.match(String(diagnostics[0].message), /Did you mean "ADVANCE"\?/);
  });

  test('the standard form without its names: one rule message, the schema duplicate merged away', async () => {
    const diagnostics = await engineCodes((s) => { s.sourceSpec.attributes.scheduleParams = {}; });
    assert.deepEqual(diagnostics.map((d) => d.code), ['SSDK305']);
  });

  test('no "Matches multiple schemas" or raw if/then text anywhere in the invalid fixtures', async () => {
    for (const file of specFiles('test/fixtures/invalid')) {
      for (const d of await diagnose('test/fixtures/invalid', file)) {
        assert.doesNotMatch(String(d.message), /multiple schemas|does not match|Matches a schema that is not allowed/i, `${file}: ${d.message}`);
      }
    }
  });
});

/**
 * Broken JSON while typing, over real stdio: every document of the corpus in test/fixtures/broken (one mistake each,
 * written by us, with its repaired twin) gets exactly one syntax finding within one line of the mistake, and every
 * other finding it gets also stands on the repaired twin. Where the repair is clear, the quick fix turns the broken
 * document into the twin.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { TestLspClient } from './lspClient';

const CORPUS = join(__dirname, '..', 'fixtures', 'broken');
const SYNTAX = /^SSDK00[123]$/;
const languageOf = (file: string) => (/flowSpec\./.test(file) ? 'sources-sdk-flow-spec' : 'sources-sdk-connection-spec');

/** The broken documents (`<name>-connectionSpec.json`), each beside `<name>-connectionSpec.repaired.json`. */
const cases = readdirSync(CORPUS).filter((f) => /Spec\.json$/.test(f)).sort();

/** 0-based line where the broken text first differs from its twin: where the mistake is. */
function mistakeLine(broken: string, twin: string): number {
  const a = broken.split('\n');
  const b = twin.split('\n');
  let line = 0;
  while (line < a.length && a[line] === b[line]) line++;
  return line;
}

/** A finding in terms that survive the lines moving: code, message and the text it underlines. */
const identity = (document: TextDocument, d: Diagnostic) => `${d.code} | ${d.message} | ${document.getText(d.range)}`;

describe('broken JSON: the mistake where it is, nothing false from the damage', () => {
  let client: TestLspClient;
  before(async () => {
    client = new TestLspClient();
    await client.initialize();
  });
  after(() => client?.kill());

  test('the corpus covers the mistakes people make while typing', () => {
    assert.ok(cases.length >= 20, `only ${cases.length} broken documents`);
    for (const kind of ['extra-brace', 'missing-brace', 'extra-bracket', 'missing-bracket', 'missing-comma-property',
      'missing-comma-array-item', 'unterminated-string', 'stray-backtick', 'missing-colon', 'trailing-comma', 'half-typed-key',
      'pasted-line-comment', 'pasted-block-comment']) {
      assert.ok(cases.some((file) => file.startsWith(kind)), kind);
    }
  });

  for (const file of cases) {
    test(file, async () => {
      const broken = readFileSync(join(CORPUS, file), 'utf8');
      const twin = readFileSync(join(CORPUS, file.replace(/\.json$/, '.repaired.json')), 'utf8');
      const language = languageOf(file);
      const brokenUri = `file:///broken/${file}`;
      const found = await client.open(brokenUri, language, broken);
      const repaired = await client.open(`file:///twin/${file}`, language, twin);
      const brokenDocument = TextDocument.create(brokenUri, language, 1, broken);
      const twinDocument = TextDocument.create('file:///twin', language, 1, twin);
      const listing = found.map((d) => `${d.range.start.line + 1} ${d.code} ${d.message}`).join('\n');

      const syntax = found.filter((d) => SYNTAX.test(String(d.code)));
      assert.equal(syntax.length, 1, `one syntax finding for one mistake:\n${listing}`);
      const expected = mistakeLine(broken, twin);
      assert.ok(Math.abs(syntax[0].range.start.line - expected) <= 1,
        `syntax finding at line ${syntax[0].range.start.line + 1}, the mistake is at line ${expected + 1}:\n${listing}`);

      const onTwin = new Set(repaired.map((d) => identity(twinDocument, d)));
      for (const d of found.filter((f) => !SYNTAX.test(String(f.code)))) {
        assert.ok(onTwin.has(identity(brokenDocument, d)), `not on the repaired twin: ${identity(brokenDocument, d)}\n${listing}`);
      }

      // A clear repair is offered as the preferred quick fix, and it gives the twin's content.
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: brokenUri }, range: syntax[0].range, context: { diagnostics: syntax },
      });
      const fix = actions.find((a) => a.isPreferred);
      if (fix) {
        const edits = fix.edit?.changes?.[brokenUri] as TextEdit[];
        const fixed = TextDocument.applyEdits(brokenDocument, edits);
        assert.deepEqual(JSON.parse(fixed), JSON.parse(twin), `${fix.title} gives the repaired document`);
      } else {
        // Only comments, trailing commas and unfinished keys are left to the author (or to other quick fixes).
        assert.match(file, /comment|trailing-comma|half-typed/, `no quick fix for ${file}`);
      }
    });
  }

  test('a missing brace no longer hides what comes after it', async () => {
    const file = 'missing-brace-line-connectionSpec.json';
    const found = await client.open('file:///broken/again.json', 'sources-sdk-connection-spec', readFileSync(join(CORPUS, file), 'utf8'));
    // The real defects after the mistake: the undeclared ${region} and the offsetName spelling.
    const codes = found.map((d) => String(d.code));
    assert.ok(codes.includes('SSDK101') && codes.includes('SSDK203'), codes.join(','));
    assert.ok(!found.some((d) => /not allowed here|Missing property/.test(String(d.message))), codes.join(','));
  });

  test('a document that parses but is mis-nested: one SSDK006 on the member that moved, its fix gives the spec back', async () => {
    // The "}" of urlParams deleted (its comma kept) and one added at the end: it parses, contentPath and everything
    // after it sit in urlParams. A real defect further down (limitValue as a string) must still be reported.
    const acme = readFileSync(join(__dirname, '..', '..', 'examples', 'acme-crm-connectionSpec.json'), 'utf8').replace('"limitValue": 100', '"limitValue": "100"');
    const text = `${acme.replace('"method": "GET"\n      },', '"method": "GET"\n      ,')}}`;
    const uri = 'file:///broken/misnested-connectionSpec.json';
    const found = await client.open(uri, 'sources-sdk-connection-spec', text);
    const expected = await client.open('file:///twin/misnested-connectionSpec.json', 'sources-sdk-connection-spec', acme);
    const document = TextDocument.create(uri, 'sources-sdk-connection-spec', 1, text);
    const misnested = found.filter((d) => d.code === 'SSDK006');
    assert.equal(misnested.length, 1, found.map((d) => `${d.range.start.line + 1} ${d.code} ${d.message}`).join('\n'));
    assert.equal(misnested[0].range.start.line, text.split('\n').findIndex((l) => l.includes('"contentPath"')), 'on the member that moved');
    assert.equal(document.getText(misnested[0].range), '"contentPath"');
    assert.match(misnested[0].message, /"contentPath" is indented as part of "attributes" but sits in "urlParams": a "\}" is missing before it \(line 88\) and the one at line 167 is extra/);
    const own = new Set(expected.map((d) => `${d.code} ${d.message}`));
    const others = found.filter((d) => d.code !== 'SSDK006');
    assert.deepEqual(others.filter((d) => !own.has(`${d.code} ${d.message}`)), [], 'nothing the spec itself does not have');
    assert.ok(others.some((d) => document.getText(d.range).includes('"100"')), 'the limitValue defect after the mistake is reported');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: misnested[0].range, context: { diagnostics: misnested } });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit?.changes, 'a preferred fix');
    assert.deepEqual(JSON.parse(TextDocument.applyEdits(document, fix.edit.changes[uri] as TextEdit[])), JSON.parse(acme));
  });
});

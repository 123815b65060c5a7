/**
 * Issue 9's corpus: specs written for this project in the style of the documentation (a verbatim-style batch POST
 * body with the docs' "limitValue": "100" and `http: //` typo, the template with its `{…}` text, streaming request and
 * response forms, a config page's sourceSpec fragment, legacy placeholders, flow-spec PUT bodies, the pagination
 * tabs) run through the whole engine; each has its exact expected findings (code, line, severity). Plus the property
 * that merging never hides a schema error, on the corpus and on mutations of every fixture.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getLanguageService, TextDocument, type Diagnostic, type JSONDocument } from 'vscode-json-languageservice';
import { SPEC_SCHEMAS } from '../../core/schemas';
import { SpecEngine } from '../../core/analysis/engine';
import { getCodeActions } from '../../core/analysis/codeActions';
import type { SpecKind } from '../../core/analysis/types';

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, 'test', 'fixtures', 'docs-style');
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
const engine = new SpecEngine();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Row { line: number; code: string; severity: string }

const kindOf = (file: string): SpecKind => (/flowSpec\.json$/.test(file) ? 'flowSpec' : 'connectionSpec');
const specFiles = (dir: string) => readdirSync(dir).filter((f) => /(connectionSpec|flowSpec)\.json$/.test(f)).sort();
let version = 0;

async function analyze(text: string, kind: SpecKind): Promise<{ document: TextDocument; diagnostics: Diagnostic[] }> {
  const document = TextDocument.create(`file:///corpus/${++version}-${kind}.json`, 'json', 1, text);
  return { document, diagnostics: await engine.analyze(document, kind) };
}

const rows = (diagnostics: Diagnostic[]): Row[] =>
  diagnostics.map((d) => ({ line: d.range.start.line + 1, code: String(d.code), severity: SEVERITY[d.severity ?? 1] }));

describe('docs-style corpus', () => {
  test('every fixture gives exactly its expected findings', async () => {
    const files = specFiles(CORPUS);
    assert.ok(files.length >= 8, `only ${files.length} corpus files`);
    for (const file of files) {
      const expected = JSON.parse(readFileSync(join(CORPUS, file.replace(/\.json$/, '.expected.json')), 'utf8')) as Row[];
      const { diagnostics } = await analyze(readFileSync(join(CORPUS, file), 'utf8'), kindOf(file));
      assert.deepEqual(rows(diagnostics), expected, file);
    }
  });

  test('the verbatim-style batch spec: only the typo warning and the limitValue hint, no error', async () => {
    const { diagnostics } = await analyze(readFileSync(join(CORPUS, 'verbatim-batch-connectionSpec.json'), 'utf8'), 'connectionSpec');
    assert.deepEqual(diagnostics.map((d) => [d.code, SEVERITY[d.severity ?? 1]]), [['SSDK206', 'hint'], ['SSDK703', 'warning']]);
  });

  test('streaming request (no authSpec) and response (authSpec: []) forms: no error, no warning about auth', async () => {
    for (const file of ['streaming-request-connectionSpec.json', 'streaming-response-connectionSpec.json']) {
      const { diagnostics } = await analyze(readFileSync(join(CORPUS, file), 'utf8'), 'connectionSpec');
      assert.deepEqual(diagnostics.filter((d) => d.severity === 1), [], file);
      assert.ok(!diagnostics.some((d) => /authSpec/.test(String(d.message))), file);
    }
  });

  test('template text keeps the schema error; its quick fix offers the allowed values or a value of the type', async () => {
    const text = readFileSync(join(CORPUS, 'template-connectionSpec.json'), 'utf8');
    const { document, diagnostics } = await analyze(text, 'connectionSpec');
    const parsed = engine.parse(document);
    const on = (needle: string) => {
      const diagnostic = diagnostics.find((d) => document.getText(d.range).includes(needle));
      assert.ok(diagnostic, needle);
      return { diagnostic, titles: getCodeActions(document, parsed.root, diagnostic.range, [diagnostic]).map((a) => a.title) };
    };
    const method = on('{GET_or_POST}');
    assert.equal(method.diagnostic.severity, 1);
    assert.match(String(method.diagnostic.message), /replace it with one of "GET", "POST"/);
    assert.deepEqual(method.titles, ['Change to "GET"', 'Change to "POST"']);
    const type = on('{OFFSET_OR_POINTER}');
    assert.equal(type.diagnostic.severity, 1);
    assert.ok(type.titles.includes('Change to "CONTINUATION_TOKEN"'), type.titles.join(' | '));
    const query = on('{QUERY_PARAMS}');
    assert.equal(query.diagnostic.code, 'SSDK013');
    assert.deepEqual(query.titles, ['Replace the template text with {}']);
    assert.deepEqual(on('{Page size}').titles, ['Replace the template text with 100']);
    // One report per template: no milder SSDK105 on the same text.
    assert.equal(diagnostics.filter((d) => document.getText(d.range).includes('GET_or_POST')).length, 1);
  });

  test('pagination tabs written as the docs write them: at most a hint or an info', async () => {
    const base = JSON.parse(readFileSync(join(CORPUS, 'verbatim-batch-connectionSpec.json'), 'utf8')) as Json;
    base.exploreSpec.responseSpec.$schema = 'http://json-schema.org/draft-07/schema#';
    const tabs = JSON.parse(readFileSync(join(CORPUS, 'pagination-tabs.json'), 'utf8')) as
      Array<{ tab: string; paginationParams: Json; expected: Array<{ code: string; severity: string }> }>;
    assert.ok(tabs.length >= 5);
    for (const tab of tabs) {
      const spec = structuredClone(base);
      spec.sourceSpec.attributes.paginationParams = tab.paginationParams;
      const { diagnostics } = await analyze(JSON.stringify(spec, null, 2), 'connectionSpec');
      assert.deepEqual(diagnostics.map((d) => ({ code: String(d.code), severity: SEVERITY[d.severity ?? 1] })), tab.expected, tab.tab);
    }
  });

  test('removing paginationParams.type: an error that names "type", whatever else the object holds', async () => {
    const base = JSON.parse(readFileSync(join(CORPUS, 'verbatim-batch-connectionSpec.json'), 'utf8')) as Json;
    for (const extra of [{}, { offsetName: 'offset' }, { pointerPath: 'next' }, { limitValue: '{LIMIT}' }, { delayRequestMillis: 'soon' }]) {
      const spec = structuredClone(base);
      delete spec.sourceSpec.attributes.paginationParams.type;
      Object.assign(spec.sourceSpec.attributes.paginationParams, extra);
      const { document, diagnostics } = await analyze(JSON.stringify(spec, null, 2), 'connectionSpec');
      const missing = diagnostics.find((d) => d.severity === 1 && /"type"/.test(String(d.message)));
      assert.ok(missing, `${JSON.stringify(extra)}: ${diagnostics.map((d) => `${d.code} ${d.message}`).join('\n')}`);
      assert.equal(document.getText(missing.range), '"paginationParams"', 'stays on the object\'s key');
    }
  });
});

/** Plain schema validation, exactly as the language service does it without the engine's rules and merging. */
const plainService = getLanguageService({ schemaRequestService: () => Promise.reject(new Error('no remote schemas')) });
plainService.configure({
  validate: true,
  schemas: (['connectionSpec', 'flowSpec'] as SpecKind[]).map((kind) => ({
    uri: SPEC_SCHEMAS[kind].uri, fileMatch: [`*.plain-${kind}.json`], schema: SPEC_SCHEMAS[kind].schema,
  })),
});

async function plainSchemaErrors(text: string, kind: SpecKind): Promise<{ document: TextDocument; json: JSONDocument; errors: Diagnostic[]; syntax: boolean }> {
  const document = TextDocument.create(`file:///plain/${++version}.plain-${kind}.json`, 'json', 1, text);
  const json = plainService.parseJSONDocument(document);
  const all = await plainService.doValidation(document, json, { schemaValidation: 'error', comments: 'error', trailingCommas: 'error' });
  // Schema findings carry no code, or EnumValueMismatch (1); syntax errors carry parser codes (257–528, duplicate
  // keys aside: their own rule reports them).
  const isSyntax = (d: Diagnostic) => typeof d.code === 'number' && d.code >= 257 && d.code < 769 && d.code !== 520;
  return { document, json, errors: all.filter((d) => (d.code === undefined || d.code === 1) && d.severity === 1), syntax: all.some(isSyntax) };
}

/** The key a plain schema error is about: the missing property, or the property whose value (or key) is marked. */
function keyOf(error: Diagnostic, document: TextDocument, json: JSONDocument): string | undefined {
  const missing = /^Missing property "(.+)"\.$/.exec(String(error.message));
  if (missing) return missing[1];
  let node = json.getNodeFromOffset(document.offsetAt(error.range.start));
  while (node && node.type !== 'property') node = node.parent;
  return node?.type === 'property' ? node.keyNode.value : undefined;
}

async function assertNothingHidden(text: string, kind: SpecKind, label: string): Promise<number> {
  const plain = await plainSchemaErrors(text, kind);
  if (plain.syntax) return 0; // knock-ons of a syntax error are dropped on purpose
  const { document, diagnostics } = await analyze(text, kind);
  for (const error of plain.errors) {
    const start = document.offsetAt(error.range.start);
    // Unknown keys are deliberately warnings (SSDK011, see docs/diagnostics.md): that one must still be on the key.
    const unknownKey = /^Property .+ is not allowed\.$/.test(String(error.message));
    const atPosition = diagnostics.some((d) => (d.severity === 1 || (unknownKey && d.code === 'SSDK011'))
      && document.offsetAt(d.range.start) === start);
    const key = keyOf(error, plain.document, plain.json);
    const named = key !== undefined && diagnostics.some((d) => d.severity === 1 && !/^SSDK0[01]/.test(String(d.code))
      && (String(d.message).includes(`"${key}"`) || JSON.stringify(d.data ?? {}).includes(`"${key}"`)));
    assert.ok(atPosition || named, `${label}: schema error "${error.message}" at line ${error.range.start.line + 1} is hidden.\n` +
      diagnostics.map((d) => `${d.range.start.line + 1} ${SEVERITY[d.severity ?? 1]} ${d.code} ${d.message}`).join('\n'));
  }
  return plain.errors.length;
}

/** Every object of a JSON value with its path, for the mutations. */
function objectsOf(value: unknown, path: Array<string | number> = []): Array<{ path: Array<string | number>; object: Json }> {
  if (!value || typeof value !== 'object') return [];
  const here = Array.isArray(value) ? [] : [{ path, object: value as Json }];
  const children = Array.isArray(value) ? value.map((v, i) => objectsOf(v, [...path, i]))
    : Object.entries(value).map(([k, v]) => objectsOf(v, [...path, k]));
  return here.concat(...children);
}

function at(root: Json, path: Array<string | number>): Json {
  return path.reduce<Json>((node, segment) => node[segment], root);
}

describe('merging never hides a schema error', () => {
  test('on every fixture and on mutations that drop a key while another finding lands in the same object', async () => {
    const dirs = ['test/fixtures/valid', 'test/fixtures/invalid', 'test/fixtures/docs-style'];
    let checkedErrors = 0;
    let mutations = 0;
    for (const dir of dirs) {
      for (const file of specFiles(join(ROOT, dir))) {
        const text = readFileSync(join(ROOT, dir, file), 'utf8');
        checkedErrors += await assertNothingHidden(text, kindOf(file), `${dir}/${file}`);
        let spec: Json;
        try { spec = JSON.parse(text) as Json; } catch { continue; }
        if (!spec || typeof spec !== 'object' || Array.isArray(spec)) continue;
        // Deterministic mutations: in each object, drop its first key and turn a sibling string into template text
        // (a rule finding inside the object) or add a misspelt sibling (another finding inside it).
        for (const { path, object } of objectsOf(spec).slice(0, 40)) {
          const keys = Object.keys(object);
          if (keys.length < 2) continue;
          for (const variant of ['template', 'misspelt'] as const) {
            const mutated = structuredClone(spec);
            const target = at(mutated, path);
            delete target[keys[0]];
            const sibling = keys.slice(1).find((k) => typeof target[k] === 'string');
            if (variant === 'template' && sibling) target[sibling] = '{SOME_VALUE}';
            else target[`${keys[keys.length - 1]}x`] = 'x';
            mutations++;
            checkedErrors += await assertNothingHidden(JSON.stringify(mutated, null, 2), kindOf(file),
              `${dir}/${file} without ${[...path, keys[0]].join('.')} (${variant})`);
          }
        }
      }
    }
    assert.ok(mutations > 200, `only ${mutations} mutations`);
    assert.ok(checkedErrors > 100, `only ${checkedErrors} schema errors were checked`);
  });
});

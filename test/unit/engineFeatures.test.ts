import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument, type DocumentSymbol } from 'vscode-json-languageservice';
import { SpecEngine } from '../../core/analysis/engine';

const VALID = join(__dirname, '..', 'fixtures', 'valid');
const engine = new SpecEngine();
let uriCounter = 0;

function doc(text: string): TextDocument {
  return TextDocument.create(`file:///features/${uriCounter++}-connectionSpec.json`, 'json', 1, text);
}
function fixture(name: string): string {
  return readFileSync(join(VALID, name), 'utf8');
}
function find(symbols: DocumentSymbol[], path: string[]): DocumentSymbol | undefined {
  let level = symbols;
  let found: DocumentSymbol | undefined;
  for (const name of path) {
    found = level.find((s) => s.name === name);
    if (!found) return undefined;
    level = found.children ?? [];
  }
  return found;
}
const ACME = fixture('acme-crm-connectionSpec.json');

describe('completion', () => {
  test('"type": "|" in paginationParams lists every pagination type', async () => {
    const text = ACME.replace('"type": "OFFSET"', '"type": ""');
    const offset = text.indexOf('"type": ""') + '"type": "'.length;
    const d = doc(text);
    const list = await engine.complete(d, d.positionAt(offset), 'connectionSpec');
    const labels = list.items.map((i) => i.label.replace(/"/g, ''));
    for (const type of ['OFFSET', 'POINTER', 'CONTINUATION_TOKEN', 'PAGE', 'NONE']) {
      assert.ok(labels.includes(type), `${type} in ${labels.join(',')}`);
    }
  });

  test('inside ${ the declared parameters are offered (placeholder completion wins)', async () => {
    const text = ACME.replace('"https://${region}.api.acme-crm.example"', '"https://${re"');
    const offset = text.indexOf('${re') + 4;
    const d = doc(text);
    const list = await engine.complete(d, d.positionAt(offset), 'connectionSpec');
    assert.ok(list.items.some((i) => i.label === 'region'), list.items.map((i) => i.label).join(','));
  });

  test('property-name completion in urlParams offers schema keys', async () => {
    const text = ACME.replace('"urlParams": {', '"urlParams": {\n        "",');
    const offset = text.indexOf('"urlParams": {\n        "') + '"urlParams": {\n        "'.length;
    const d = doc(text);
    const list = await engine.complete(d, d.positionAt(offset), 'connectionSpec');
    assert.ok(list.items.some((i) => i.label === 'queryParams'), list.items.map((i) => i.label).join(','));
  });
});

describe('schema selection by kind', () => {
  test('the same text completes with the flow spec schema or the connection spec schema depending on the kind', async () => {
    const text = '{\n  ""\n}';
    const d = doc(text);
    const position = d.positionAt(text.indexOf('""') + 1);
    const flow = (await engine.complete(d, position, 'flowSpec')).items.map((i) => i.label);
    const connection = (await engine.complete(d, position, 'connectionSpec')).items.map((i) => i.label);
    assert.ok(flow.includes('sourceConnectionSpecIds'), flow.join(','));
    assert.ok(!connection.includes('sourceConnectionSpecIds'));
    assert.ok(connection.includes('authSpec'), connection.join(','));
  });
});

describe('hover', () => {
  test('hovering a key shows its schema description', async () => {
    const offset = ACME.indexOf('"paginationParams"') + 3;
    const d = doc(ACME);
    const hover = await engine.hover(d, d.positionAt(offset), 'connectionSpec');
    assert.ok(hover, 'hover present');
    const text = JSON.stringify(hover.contents);
    assert.match(text, /pag/i);
  });
});

describe('document symbols', () => {
  test('auth entries are named by their name; sourceSpec sections carry summaries', () => {
    const symbols = engine.documentSymbols(doc(ACME));
    const auth = find(symbols, ['authSpec']);
    assert.ok(auth?.children);
    assert.deepEqual(auth.children.map((c) => c.name), ['OAuth2 Refresh Code', 'Basic Authentication']);
    assert.equal(auth.children[0].detail, 'OAuth2RefreshCode');
    assert.equal(find(symbols, ['sourceSpec', 'attributes', 'paginationParams'])?.detail, 'OFFSET');
    assert.match(find(symbols, ['sourceSpec', 'attributes', 'urlParams'])?.detail ?? '', /^GET \//);
    assert.ok(find(symbols, ['sourceSpec', 'attributes', 'scheduleParams']));
    assert.ok(find(symbols, ['sourceSpec', 'attributes', 'contentPath']));
  });

  test('symbols of a broken document do not throw', () => {
    const symbols = engine.documentSymbols(doc('{"authSpec": [{"name": '));
    assert.equal(symbols[0].name, 'authSpec');
  });
});

describe('formatting', () => {
  test('formatting keeps key order and honours tabSize/insertSpaces', () => {
    const minified = JSON.stringify(JSON.parse(ACME));
    const d = doc(minified);
    const edits = engine.format(d, undefined, { tabSize: 4, insertSpaces: true });
    const formatted = TextDocument.applyEdits(d, edits);
    assert.deepEqual(JSON.parse(formatted), JSON.parse(ACME));
    assert.deepEqual(Object.keys(JSON.parse(formatted)), Object.keys(JSON.parse(ACME)));
    assert.match(formatted, /^\{\n {4}"name"/);
    const tabs = TextDocument.applyEdits(d, engine.format(d, undefined, { tabSize: 2, insertSpaces: false }));
    assert.match(tabs, /^\{\n\t"name"/);
  });
});

describe('document links', () => {
  test('plain http(s) string values are links; templated URLs and keys are not', () => {
    const text = JSON.stringify({
      attributes: { documentationLink: 'https://docs.example.com/acme' },
      sourceSpec: { attributes: { urlParams: { host: 'https://${region}.api.example', path: '/v1' } } },
      'https://key.example': 'plain text',
    }, null, 2);
    const links = engine.documentLinks(doc(text));
    assert.deepEqual(links.map((l) => l.target), ['https://docs.example.com/acme']);
    const start = text.indexOf('https://docs.example.com');
    assert.equal(links[0].range.start.character, start - text.lastIndexOf('\n', start) - 1);
  });
});

describe('placeholder navigation and quick fixes through the engine', () => {
  test('definition and references of a ${placeholder}', () => {
    const d = doc(ACME);
    const use = d.positionAt(ACME.indexOf('${region}') + 3);
    const definitions = engine.definition(d, use);
    assert.ok(definitions.length >= 1);
    assert.ok(engine.references(d, use, true).length >= 2);
  });

  test('rename updates declarations and uses', () => {
    const d = doc(ACME);
    const use = d.positionAt(ACME.indexOf('${region}') + 3);
    assert.equal(engine.prepareRename(d, use)?.placeholder, 'region');
    const edit = engine.rename(d, use, 'dataCentre');
    const renamed = TextDocument.applyEdits(d, edit?.changes?.[d.uri] ?? []);
    assert.ok(renamed.includes('${dataCentre}'));
    assert.ok(!renamed.includes('${region}'));
  });

  test('a did-you-mean quick fix for SSDK011 removes the diagnostic', async () => {
    const text = ACME.replace('"paginationParams": {', '"paginationParams": {\n        "pageParamNmae": "page",');
    const d = doc(text);
    const diagnostics = await engine.analyze(d, 'connectionSpec');
    const unknown = diagnostics.find((x) => x.code === 'SSDK011');
    assert.ok(unknown);
    const actions = engine.codeActions(d, unknown.range, [unknown]);
    const fix = actions.find((a) => a.title.includes('pageParamName'));
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    const fixed = TextDocument.applyEdits(d, fix.edit?.changes?.[d.uri] ?? []);
    const after = await engine.analyze(doc(fixed), 'connectionSpec');
    assert.ok(!after.some((x) => x.code === 'SSDK011'));
  });
});

describe('folding and selection', () => {
  test('folding ranges cover objects; selection ranges grow outwards', () => {
    const d = doc(ACME);
    assert.ok(engine.foldingRanges(d).length > 10);
    const [selection] = engine.selectionRanges(d, [d.positionAt(ACME.indexOf('OFFSET') + 1)]);
    assert.ok(selection.parent, 'has an enclosing range');
  });
});

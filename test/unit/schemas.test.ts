// The bundled JSON Schemas: valid draft-07, every fixture and snippet validates clean (ajv and the JSON language
// service), descriptions/enums are complete, and the schemas bite where they should and stay lenient where a
// semantic rule owns the finding.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { getLanguageService, TextDocument, type Diagnostic } from 'vscode-json-languageservice';
import { SPEC_SCHEMAS, CONNECTION_SPEC_SCHEMA_URI, FLOW_SPEC_SCHEMA_URI, specSchemaCopy } from '../../core/schemas';
import type { SpecKind } from '../../core/analysis/types';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'valid');
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const schemas = { connectionSpec: SPEC_SCHEMAS.connectionSpec.schema as JsonObject, flowSpec: SPEC_SCHEMAS.flowSpec.schema as JsonObject };
const kindOfFile = (name: string): SpecKind => (name.endsWith('-flowSpec.json') ? 'flowSpec' : 'connectionSpec');

function makeAjv(): Ajv {
  // inlineRefs: false keeps the recursive embeddedSchema as one shared function (inlining it is slow and, for refs
  // into sub-locations, never terminates).
  const ajv = new Ajv({ strict: false, allErrors: true, inlineRefs: false });
  ajv.addSchema(schemas.connectionSpec);
  ajv.addSchema(schemas.flowSpec);
  return ajv;
}
const ajv = makeAjv();
const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n');

const validators = new Map<string, ValidateFunction>();
/** The sub-schema at a JSON pointer of a root schema. */
function schemaAt(root: JsonObject, pointer: string): Json {
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<Json>((node, segment) => (node as JsonObject)[segment], root);
}
/**
 * Validates against the whole schema, or against the sub-schema at `pointer` resolved within the root: the
 * sub-schema is wrapped with the root's `definitions` (all our refs are `#/definitions/...`). A plain
 * `{$ref: "<id>#/pointer"}` makes ajv re-inline the recursive embeddedSchema without end.
 */
function ajvErrors(kind: SpecKind, value: unknown, pointer = ''): ErrorObject[] {
  const key = `${kind}#${pointer}`;
  let validate = validators.get(key);
  if (!validate) {
    const root = schemas[kind];
    validate = pointer === ''
      ? ajv.getSchema(SPEC_SCHEMAS[kind].uri)!
      : ajv.compile({ $id: `urn:sources-sdk-test:${encodeURIComponent(key)}`, definitions: root.definitions, allOf: [schemaAt(root, pointer)] });
    validators.set(key, validate);
  }
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

const jsonService = getLanguageService({});
jsonService.configure({
  validate: true,
  allowComments: false,
  schemas: [
    // The language service resolves $refs in place, so it gets its own copies (ajv would choke on the cycles).
    { uri: CONNECTION_SPEC_SCHEMA_URI, fileMatch: ['*-connectionSpec.json'], schema: specSchemaCopy('connectionSpec') },
    { uri: FLOW_SPEC_SCHEMA_URI, fileMatch: ['*-flowSpec.json'], schema: specSchemaCopy('flowSpec') },
  ],
});
async function languageServiceDiagnostics(kind: SpecKind, text: string): Promise<Diagnostic[]> {
  const suffix = kind === 'flowSpec' ? 'flowSpec' : 'connectionSpec';
  const document = TextDocument.create(`file:///work/sample-${suffix}.json`, 'json', 1, text);
  return jsonService.doValidation(document, jsonService.parseJSONDocument(document), { schemaValidation: 'error' });
}
const messageText = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const messages = (diagnostics: Diagnostic[]) => diagnostics.map(messageText).join('\n');

/**
 * Expands VS Code snippet syntax the way the editor would with every default accepted: `${n:default}` → default,
 * `${n|a,b|}` → a, `$n`/`${n}` → empty, `\$ \} \\` → the character. A variable (`$name`) throws: in our snippets
 * it can only be an unescaped `$` such as `$schema`, which VS Code would mangle.
 */
function fillSnippet(text: string): string {
  let out = '';
  let i = 0;
  const readUntilClose = (start: number): [string, number] => {
    let depth = 0;
    for (let j = start; j < text.length; j++) {
      if (text[j] === '\\') { j++; continue; }
      if (text[j] === '$' && text[j + 1] === '{') { depth++; j++; continue; }
      if (text[j] === '}') { if (depth === 0) return [text.slice(start, j), j + 1]; depth--; }
    }
    throw new Error(`unclosed placeholder in snippet: ${text.slice(start - 5, start + 30)}`);
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && '$}\\'.includes(text[i + 1] ?? '')) { out += text[i + 1]; i += 2; continue; }
    if (ch !== '$') { out += ch; i++; continue; }
    const tabstop = /^\$(\d+)/.exec(text.slice(i));
    if (tabstop) { i += tabstop[0].length; continue; }
    const open = /^\$\{(\d+)([:|}])/.exec(text.slice(i));
    if (open) {
      if (open[2] === '}') { i += open[0].length; continue; }
      const [inner, next] = readUntilClose(i + open[0].length);
      out += open[2] === ':' ? fillSnippet(inner) : inner.slice(0, inner.search(/[,|]/));
      i = next;
      continue;
    }
    if (/^\$[{_A-Za-z]/.test(text.slice(i))) throw new Error(`snippet variable or unescaped $ at: ${text.slice(i, i + 30)}`);
    out += ch; // a lone `$` followed by e.g. `.` is literal in snippet syntax
    i++;
  }
  return out;
}

/** A defaultSnippets `body` as vscode-json-languageservice inserts it: strings are snippet text, `^…` is raw. */
function fillBody(body: Json): Json {
  if (typeof body === 'string') return body.startsWith('^') ? JSON.parse(fillSnippet(body.slice(1))) as Json : fillSnippet(body);
  if (Array.isArray(body)) return body.map(fillBody);
  if (body && typeof body === 'object') return Object.fromEntries(Object.entries(body).map(([k, v]) => [fillSnippet(k), fillBody(v)]));
  return body;
}

interface FoundSnippet { kind: SpecKind; pointer: string; label: string; value: Json }
const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
function collectDefaultSnippets(kind: SpecKind, node: Json, pointer: string, out: FoundSnippet[]): FoundSnippet[] {
  if (Array.isArray(node)) node.forEach((child, index) => collectDefaultSnippets(kind, child, `${pointer}/${index}`, out));
  else if (node && typeof node === 'object') {
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'defaultSnippets') { collectDefaultSnippets(kind, child, `${pointer}/${escapePointer(key)}`, out); continue; }
      for (const snippet of child as JsonObject[]) {
        const label = String(snippet.label);
        const value = typeof snippet.bodyText === 'string' ? JSON.parse(fillSnippet(snippet.bodyText)) as Json : fillBody(snippet.body);
        out.push({ kind, pointer, label, value });
      }
    }
  }
  return out;
}
const allDefaultSnippets = [
  ...collectDefaultSnippets('connectionSpec', schemas.connectionSpec, '', []),
  ...collectDefaultSnippets('flowSpec', schemas.flowSpec, '', []),
];

const fixtureFiles = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
const readFixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as JsonObject;
const acme = () => readFixture('acme-crm-connectionSpec.json');
const restFlow = () => readFixture('restStorageToAEP-flowSpec.json');

describe('schemas are valid draft-07', () => {
  for (const kind of ['connectionSpec', 'flowSpec'] as const) {
    test(`${kind} schema passes the draft-07 meta-schema and compiles`, () => {
      const fresh = new Ajv({ strict: false });
      assert.equal(fresh.validateSchema(schemas[kind]), true, describeErrors(fresh.errors));
      assert.equal(typeof fresh.compile(schemas[kind]), 'function');
      assert.equal(schemas[kind].$schema, 'http://json-schema.org/draft-07/schema#');
      assert.equal(schemas[kind].$id, SPEC_SCHEMAS[kind].uri);
    });
  }

  test('every declared property has a markdownDescription ending with a documentation link, every enum its descriptions', () => {
    const problems: string[] = [];
    // Conditional fragments (if/then/else, allOf) and snippet bodies only constrain or repeat declared properties.
    const skip = new Set(['if', 'then', 'else', 'allOf', 'defaultSnippets', 'dependencies', 'examples', 'default']);
    const walk = (node: Json, path: string) => {
      if (!node || typeof node !== 'object' || Array.isArray(node)) return;
      if (Array.isArray(node.enum)) {
        for (const key of ['enumDescriptions', 'markdownEnumDescriptions']) {
          const list = node[key];
          if (!Array.isArray(list) || list.length !== node.enum.length) problems.push(`${path}: ${key} missing or wrong length`);
        }
      }
      for (const [key, child] of Object.entries(node)) {
        if (skip.has(key)) continue;
        if (key === 'properties' && child && typeof child === 'object' && !Array.isArray(child)) {
          for (const [name, prop] of Object.entries(child)) {
            const text = (prop as JsonObject).markdownDescription;
            if (typeof text !== 'string' || !/\]\(https:\/\/[^)]+\)$/.test(text)) problems.push(`${path}/properties/${name}`);
            walk(prop, `${path}/properties/${name}`);
          }
        } else walk(child, `${path}/${key}`);
      }
    };
    walk(schemas.connectionSpec, 'connectionSpec');
    walk(schemas.flowSpec, 'flowSpec');
    assert.deepEqual(problems, []);
  });
});

describe('documentation renders cleanly', () => {
  // An editor draws a code span as a padded box: `a`=`b` shows as "a = b" with gaps, the stray spaces a user saw
  // in the completion details of the OFFSET pagination type. A code span never touches a letter, digit, = or another span.
  test('no markdown description has a code span glued to a word, = or another code span', () => {
    const glued: string[] = [];
    const walk = (node: Json, path: string) => {
      if (typeof node === 'string') {
        if (!/markdown/i.test(path)) return;
        for (const span of node.matchAll(/`[^`]*`/g)) {
          const before = node[span.index - 1] ?? ' ';
          const after = node[span.index + span[0].length] ?? ' ';
          if (/[\w=`]/.test(before) || /[\w=`]/.test(after)) glued.push(`${path}: …${node.slice(Math.max(0, span.index - 12), span.index + span[0].length + 12)}…`);
        }
      } else if (node && typeof node === 'object') {
        for (const [key, child] of Object.entries(node)) walk(child as Json, `${path}/${key}`);
      }
    };
    walk(schemas.connectionSpec, 'connectionSpec');
    walk(schemas.flowSpec, 'flowSpec');
    assert.deepEqual(glued, []);
  });
});

describe('valid fixtures validate clean', () => {
  test('there are at least 6 fixtures of both kinds', () => {
    assert.ok(fixtureFiles.length >= 6, fixtureFiles.join(', '));
    assert.ok(fixtureFiles.some((f) => kindOfFile(f) === 'flowSpec'));
  });
  for (const file of fixtureFiles) {
    test(`${file}: ajv and the JSON language service report nothing`, async () => {
      const kind = kindOfFile(file);
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      assert.equal(describeErrors(ajvErrors(kind, JSON.parse(text))), '');
      assert.equal(messages(await languageServiceDiagnostics(kind, text)), '');
    });
  }

  test('together the fixtures cover every pagination type, auth type and schedule/contentPath form', () => {
    const specs = fixtureFiles.filter((f) => kindOfFile(f) === 'connectionSpec').map(readFixture);
    const attrs = specs.map((s) => ((s.sourceSpec as JsonObject).attributes ?? {}) as JsonObject);
    const pagination = new Set(attrs.map((a) => (a.paginationParams as JsonObject | undefined)?.type).filter(Boolean));
    assert.deepEqual([...pagination].sort(), ['CONTINUATION_TOKEN', 'NONE', 'OFFSET', 'PAGE', 'POINTER']);
    const authTypes = new Set(specs.flatMap((s) => (s.authSpec as JsonObject[]).map((a) => a.type)));
    assert.deepEqual([...authTypes].sort(), ['BasicAuthentication', 'KeyBased', 'OAuth2RefreshCode']);
    assert.ok(attrs.some((a) => (a.scheduleParams as JsonObject | undefined)?.type === 'ADVANCE'));
    assert.ok(attrs.some((a) => a.scheduleParams && !(a.scheduleParams as JsonObject).type));
    assert.ok(attrs.some((a) => typeof a.contentPath === 'string'));
    assert.ok(attrs.some((a) => a.contentPath && typeof a.contentPath === 'object'));
    assert.ok(attrs.some((a) => a.explodeEntityPath));
    assert.ok(attrs.some((a) => (a.paginationParams as JsonObject | undefined)?.endConditionName));
    assert.ok(specs.some((s) => s.type === 'generic-streaming'));
    const flowIds = fixtureFiles.filter((f) => kindOfFile(f) === 'flowSpec').map((f) => readFixture(f).id);
    assert.ok(flowIds.includes('6499120c-0b15-42dc-936e-847ea3c24d72'));
    assert.ok(flowIds.includes('e77fde5a-22a8-11ed-861d-0242ac120002'));
  });
});

describe('snippets expand to valid JSON', () => {
  test('defaultSnippets cover auth, pagination, scheduling, contentPath and both skeletons', () => {
    const labels = allDefaultSnippets.map((s) => s.label).join('\n');
    for (const expected of ['OAuth2RefreshCode auth', 'BasicAuthentication auth', 'KeyBased auth', 'OFFSET pagination', 'POINTER pagination',
      'CONTINUATION_TOKEN pagination', 'PAGE pagination', 'NONE pagination', 'scheduleParams (standard)', 'scheduleParams (ADVANCE)',
      'contentPath (object form)', 'Batch connection spec', 'Streaming connection spec', 'source connection spec id', 'Flow spec PUT body']) {
      assert.ok(labels.includes(expected), `no defaultSnippet labelled ${expected}`);
    }
  });
  for (const snippet of allDefaultSnippets) {
    test(`defaultSnippet "${snippet.label}" at ${snippet.kind}#${snippet.pointer || '/'} validates where it is inserted`, async () => {
      assert.equal(describeErrors(ajvErrors(snippet.kind, snippet.value, snippet.pointer)), '');
      if (snippet.pointer === '') assert.equal(messages(await languageServiceDiagnostics(snippet.kind, JSON.stringify(snippet.value, null, 2))), '');
    });
  }
  for (const [file, kind] of [['connection-spec.json', 'connectionSpec'], ['flow-spec.json', 'flowSpec']] as const) {
    const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets', file), 'utf8')) as Record<string, { prefix: string[]; body: string[] }>;
    for (const [name, snippet] of Object.entries(snippets)) {
      test(`snippets/${file} "${name}" expands to a clean ${kind}`, async () => {
        const text = fillSnippet(snippet.body.join('\n'));
        assert.equal(describeErrors(ajvErrors(kind, JSON.parse(text))), '');
        assert.equal(messages(await languageServiceDiagnostics(kind, text)), '');
      });
    }
  }
  test('every snippet indents with tabs only, which VS Code turns into the editor\'s indentation (spaces would stay as written)', () => {
    const bodies: Array<{ where: string; text: string }> = [];
    const walk = (node: Json, path: string) => {
      if (!node || typeof node !== 'object') return;
      const bodyText = (node as JsonObject).bodyText;
      if (typeof bodyText === 'string') bodies.push({ where: `${path} bodyText`, text: bodyText });
      for (const [key, child] of Object.entries(node)) walk(child as Json, `${path}/${key}`);
    };
    walk(schemas.connectionSpec, 'connectionSpec');
    walk(schemas.flowSpec, 'flowSpec');
    for (const file of ['connection-spec.json', 'flow-spec.json']) {
      const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets', file), 'utf8')) as Record<string, { body: string[] }>;
      for (const [name, snippet] of Object.entries(snippets)) bodies.push({ where: `snippets/${file} "${name}"`, text: snippet.body.join('\n') });
    }
    const lines = bodies.flatMap(({ where, text }) => text.split('\n').map((line) => ({ where, line })));
    assert.ok(lines.filter(({ line }) => line.startsWith('\t')).length > 100, 'the snippets have indented lines');
    const spaced = lines.filter(({ line }) => !/^\t*(\S|$)/.test(line)).map(({ where, line }) => `${where}: ${JSON.stringify(line)}`);
    assert.deepEqual(spaced, []);
  });
  test('the snippet filler rejects an unescaped $schema (what VS Code would turn into a variable)', () => {
    assert.throws(() => fillSnippet('{"$schema": "x"}'), /unescaped/);
    assert.equal(fillSnippet('{"\\$schema": "${1:a\\}b}", "n": ${2:3}$0}'), '{"$schema": "a}b", "n": 3}');
  });
});

describe('the language service uses the schema extensions', () => {
  const acmeText = () => readFileSync(join(FIXTURES, 'acme-crm-connectionSpec.json'), 'utf8');
  const open = (text: string) => TextDocument.create('file:///work/hover-connectionSpec.json', 'json', 1, text);
  const hoverText = async (text: string, offset: number) => {
    const document = open(text);
    const hover = await jsonService.doHover(document, document.positionAt(offset), jsonService.parseJSONDocument(document));
    const contents = hover?.contents;
    return (Array.isArray(contents) ? contents : [contents]).map((c) => (typeof c === 'string' ? c : c?.value ?? '')).join('\n');
  };

  test('hover on an auth entry\'s spec shows the use-site description, not the generic embedded-schema one', async () => {
    const text = acmeText();
    const text2 = await hoverText(text, text.indexOf('"spec"') + 2);
    assert.match(text2, /credentials the user enters/);
    assert.match(text2, /experienceleague\.adobe\.com\/en\/docs\/experience-platform\/sources\/sources-sdk\/config\/authspec/);
  });
  test('hover on an enum value shows its description', async () => {
    const text = acmeText();
    assert.match(await hoverText(text, text.indexOf('"OFFSET"') + 2), /Offset paging/);
  });
  test('completion on an empty paginationParams value offers one snippet per pagination type', async () => {
    const text = acmeText();
    const start = text.indexOf('"paginationParams": ') + '"paginationParams": '.length;
    const end = text.indexOf('"scheduleParams"');
    // `"paginationParams": | ,` with the cursor where the value goes.
    const before = text.slice(0, start);
    const document = open(`${before} ,\n      ${text.slice(end)}`);
    const list = await jsonService.doComplete(document, document.positionAt(before.length), jsonService.parseJSONDocument(document));
    const labels = (list?.items ?? []).map((item) => item.label);
    for (const type of ['OFFSET', 'POINTER', 'CONTINUATION_TOKEN', 'PAGE', 'NONE']) {
      assert.ok(labels.includes(`${type} pagination`), `missing ${type} in ${labels.join(', ')}`);
    }
  });
});

describe('the schemas bite', () => {
  const pagination = (spec: JsonObject) => ((spec.sourceSpec as JsonObject).attributes as JsonObject).paginationParams as JsonObject;
  const urlParams = (spec: JsonObject) => ((spec.sourceSpec as JsonObject).attributes as JsonObject).urlParams as JsonObject;
  async function expectRejected(kind: SpecKind, value: JsonObject, ajvPattern: RegExp, servicePattern: RegExp) {
    const errors = describeErrors(ajvErrors(kind, value));
    assert.match(errors, ajvPattern);
    assert.match(messages(await languageServiceDiagnostics(kind, JSON.stringify(value, null, 2))), servicePattern);
  }

  test('unknown key in paginationParams', async () => {
    const spec = acme();
    pagination(spec).pageSize = 10;
    await expectRejected('connectionSpec', spec, /additionalProperty.*pageSize/, /Property pageSize is not allowed/);
  });
  test('bad pagination type', async () => {
    const spec = acme();
    pagination(spec).type = 'CURSOR';
    await expectRejected('connectionSpec', spec, /paginationParams\/type must be equal to one of the allowed values/, /Value is not accepted/);
  });
  test('OFFSET without an offset parameter name', async () => {
    const spec = acme();
    delete pagination(spec).offSetName;
    await expectRejected('connectionSpec', spec, /missingProperty":"offSetName/, /Missing property "offSetName"/);
  });
  test('wrong auth type', async () => {
    const spec = acme();
    (spec.authSpec as JsonObject[])[0].type = 'OAuth2';
    await expectRejected('connectionSpec', spec, /authSpec\/0\/type must be equal to one of the allowed values/, /Value is not accepted/);
  });
  test('missing urlParams.path', async () => {
    const spec = acme();
    delete urlParams(spec).path;
    await expectRejected('connectionSpec', spec, /missingProperty":"path/, /Missing property "path"/);
  });
  test('misspelt keyword inside an embedded schema', async () => {
    const spec = acme();
    const inputs = (spec.sourceSpec as JsonObject).spec as JsonObject;
    inputs.requried = inputs.required;
    await expectRejected('connectionSpec', spec, /additionalProperty":"requried/, /Property requried is not allowed/);
  });
  test('batch spec without authSpec entries', async () => {
    const spec = acme();
    spec.authSpec = [];
    await expectRejected('connectionSpec', spec, /authSpec must NOT have fewer than 1 items/, /Array has too few items/);
  });
  test('bad scheduleSpec frequency in a flow spec', async () => {
    const flow = restFlow();
    const scheduleProperties = (((flow.scheduleSpec as JsonObject).spec as JsonObject).properties as JsonObject);
    (scheduleProperties.frequency as JsonObject).enum = ['once', 'daily'];
    await expectRejected('flowSpec', flow, /frequency\/enum\/1 must be equal to one of the allowed values/, /Value is not accepted/);
  });
  test('limitValue that is neither a number nor digits', async () => {
    const spec = acme();
    pagination(spec).limitValue = 'lots';
    await expectRejected('connectionSpec', spec, /limitValue must match pattern/, /whole number/);
  });
});

describe('the schemas leave these findings to semantic rules', () => {
  async function expectAccepted(kind: SpecKind, value: JsonObject) {
    assert.equal(describeErrors(ajvErrors(kind, value)), '');
    assert.equal(messages(await languageServiceDiagnostics(kind, JSON.stringify(value, null, 2))), '');
  }
  test('"http: //" typo in an embedded $schema is not reported by the schema', async () => {
    const spec = acme();
    ((spec.exploreSpec as JsonObject).responseSpec as JsonObject).$schema = 'http: //json-schema.org/draft-07/schema#';
    await expectAccepted('connectionSpec', spec);
  });
  test('offsetName spelling, numeric strings and a numeric version are accepted', async () => {
    const spec = acme();
    const paging = ((spec.sourceSpec as JsonObject).attributes as JsonObject).paginationParams as JsonObject;
    paging.offsetName = paging.offSetName;
    delete paging.offSetName;
    paging.limitValue = '100';
    spec.version = 1.0;
    await expectAccepted('connectionSpec', spec);
  });
  test('server-managed fields are allowed', async () => {
    const spec = acme();
    Object.assign(spec, { id: 'f6c0de0c-0a42-4cd9-9139-8768bf2f1b55', createdAt: 1, updatedAt: 2, createdBy: 'a', updatedBy: 'b',
      createdClient: 'c', updatedClient: 'd', sandboxId: 'e', sandboxName: 'prod', imsOrgId: 'x@AdobeOrg', etag: '"1"' });
    await expectAccepted('connectionSpec', spec);
  });
  test('transformationSpec (singular) is accepted in a flow spec', async () => {
    const flow = restFlow();
    flow.transformationSpec = flow.transformationSpecs;
    delete flow.transformationSpecs;
    await expectAccepted('flowSpec', flow);
  });
  test('legacy oAuth2-refresh-code is valid for ajv and only a deprecation warning in the language service', async () => {
    const spec = acme();
    (spec.authSpec as JsonObject[])[0].type = 'oAuth2-refresh-code';
    assert.equal(describeErrors(ajvErrors('connectionSpec', spec)), '');
    const diagnostics = await languageServiceDiagnostics('connectionSpec', JSON.stringify(spec, null, 2));
    assert.equal(diagnostics.length, 1, messages(diagnostics));
    assert.match(messageText(diagnostics[0]), /use `OAuth2RefreshCode`/);
    assert.equal(diagnostics[0].severity, 2);
  });
});

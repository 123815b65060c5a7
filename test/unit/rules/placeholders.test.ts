import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codesOf, parseMarkers, rangesOf } from '../helpers/markers';
import { batchSpec, text } from './builders';

/** A connection spec whose request strings are given; `⟦…⟧` marks where `code` must be reported. */
function check(code: string, marked: string, extra = ''): void {
  const { text: body, ranges } = parseMarkers(marked);
  const { document, diagnostics } = analyze(body.replace('/*EXTRA*/', extra));
  assert.deepEqual(rangesOf(document, diagnostics, code), ranges, JSON.stringify(diagnostics.map((d) => [d.code, d.message])));
}

const AUTH = `"authSpec": [
    {"name": "Basic Authentication", "type": "BasicAuthentication", "spec": {"properties": {"domain": {"type": "string"}}}},
    {"name": "API Key Authentication", "type": "KeyBased", "spec": {"properties": {"domain": {"type": "string"}, "token": {"type": "string"}}}}
  ]`;

describe('placeholders', () => {
  test('SSDK101: undeclared ${name} is underlined on its name only', () => {
    check('SSDK101', `{${AUTH}, "sourceSpec": {"attributes": {"urlParams": {"path": "/v1/\${⟦nope⟧}/\${domain}/\${listId}", "method": "GET"},
      "headerParams": {"X-Key": "\${⟦missing⟧}"}}, "spec": {"properties": {"listId": {"type": "string"}}}}}`);
  });

  test('SSDK101: escaped characters before a placeholder keep offsets exact', () => {
    check('SSDK101', '{"sourceSpec": {"attributes": {"urlParams": {"path": "/a\\u0041\\"/${⟦zz⟧}", "method": "GET"}}}}');
  });

  test('SSDK102: declared in only some auth specs; not when declared in all or in sourceSpec', () => {
    check('SSDK102', `{${AUTH}, "sourceSpec": {"attributes": {"urlParams": {"host": "https://\${domain}", "path": "/\${⟦token⟧}", "method": "GET"}}}}`);
    check('SSDK102', `{${AUTH}, "sourceSpec": {"attributes": {"urlParams": {"path": "/\${token}", "method": "GET"}},
      "spec": {"properties": {"token": {"type": "string"}}}}}`);
  });

  test('SSDK103 / SSDK104: look-alike forms in request strings only', () => {
    check('SSDK103', `{${AUTH}, "sourceSpec": {"attributes": {"urlParams": {"host": "https://⟦{domain}⟧.example.com", "path": "/x", "method": "GET"}}},
      "description": "uses {domain} in prose"}`);
    check('SSDK104', `{"sourceSpec": {"attributes": {"urlParams": {"path": "/lists/⟦{{LIST_ID}}⟧", "method": "GET"}}}}`);
  });

  test('SSDK105: leftover {UPPER_CASE} anywhere, but not runtime values or pipeline expressions', () => {
    check('SSDK105', `{"description": "⟦{DESCRIPTION}⟧", "sourceSpec": {"attributes": {
      "urlParams": {"path": "/o/⟦{ORG_ID}⟧@{if(empty('x'),'{ABC}','')}", "method": "GET", "queryParams": {"q": "{SCHEDULE_QUERY}"}},
      "scheduleParams": {"type": "ADVANCE", "incremental": "updated > {START_TIME}", "backfill": "updated < {END_TIME}", "paramFormat": "yyyy-MM-dd"}}}}`);
  });

  test('SSDK103 only for declared parameters in URL, query, header and body values; other {…} there is SSDK105', () => {
    const marked = `{${AUTH}, "sourceSpec": {"attributes": {
      "urlParams": {"host": "https://⟦{domain}⟧.example.com", "path": "/x/{region}", "method": "{GET_or_POST}",
        "queryParams": {"a": "⟦{domain}⟧"}},
      "headerParams": {"X-Domain": "⟦{domain}⟧"}, "bodyParams": {"nested": ["⟦{domain}⟧"]}}}}`;
    check('SSDK103', marked);
    const { document, diagnostics } = analyze(parseMarkers(marked).text);
    const templates = diagnostics.filter((d) => d.code === 'SSDK105').map((d) => document.getText(d.range));
    assert.deepEqual(templates, ['{region}', '{GET_or_POST}'], 'undeclared {region} is template text; the method is no placeholder site');
    assert.ok(!diagnostics.some((d) => /\$\{GET_or_POST\}/.test(String(d.message))), 'never "write ${GET_or_POST}"');
  });

  test('SSDK105: template text in any case and with spaces, as a whole value or UPPER_CASE inside text', () => {
    check('SSDK105', `{"description": "⟦{Describe your source}⟧", "sourceSpec": {"attributes": {
      "contentPath": {"path": "⟦{PATH_TO_RECORDS}⟧"},
      "paginationParams": {"type": "OFFSET", "limitName": "⟦{limit_name}⟧", "limitValue": 10, "offSetName": "⟦{OFFSET_ATTRIBUTE_NAME BASED_PAGINATION}⟧"},
      "uiAttributes": {"label": {"text": "Rows of {table} from ⟦{VENDOR NAME}⟧"}}}}}`);
  });

  test('SSDK106: a parameter used only as {{NAME}} or {name} is not unused (that form has its own finding)', () => {
    const spec = batchSpec();
    spec.sourceSpec.spec.properties.region = { type: 'string' };
    spec.sourceSpec.spec.properties.team = { type: 'string' };
    spec.sourceSpec.attributes.urlParams.path = '/v1/{{region}}/teams/{team}/items/${listId}';
    assert.deepEqual(codesOf(analyze(text(spec)).diagnostics), ['SSDK103', 'SSDK104']);
  });

  test('SSDK106: unused sourceSpec parameter is a hint with the unnecessary tag', () => {
    const spec = batchSpec();
    spec.sourceSpec.spec.properties.pageSize = { type: 'integer' };
    const { document, diagnostics } = analyze(text(spec));
    const unused = diagnostics.filter((d) => d.code === 'SSDK106');
    assert.equal(unused.length, 1);
    assert.equal(document.getText(unused[0].range), '"pageSize"');
    assert.equal(unused[0].severity, 4);
    assert.deepEqual(unused[0].tags, [1]);
    assert.equal(analyze(text(batchSpec())).diagnostics.length, 0);
  });

  test('SSDK107: malformed placeholders', () => {
    check('SSDK107', `{"sourceSpec": {"attributes": {"urlParams": {"path": "/a/⟦\${}⟧/⟦\${ x }⟧/⟦\${⟧", "method": "GET"}}}}`);
  });

  test('plain braces in JSON-like body strings and flow specs are not placeholders', () => {
    check('SSDK103', `{"sourceSpec": {"attributes": {"urlParams": {"path": "/x", "method": "POST"}, "bodyParams": {"q": "{\\"a\\": 1}", "r": "{1,2}"}}}}`);
  });
});

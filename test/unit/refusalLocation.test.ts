/** Flow Service 4xx messages placed on the field they name (core/refusals/locate.ts). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { locateRefusal } from '../../core/refusals/locate';

const SPEC = `{
  "name": "acme",
  "authSpec": [
    {
      "name": "Basic Authentication",
      "type": "BasicAuthentication",
      "spec": { "properties": { "host": { "type": "string" } } }
    }
  ],
  "sourceSpec": {
    "attributes": {
      "urlParams": { "path": "/v1/items", "method": "GET" },
      "paginationParams": { "type": "OFFST", "limitName": "limit" }
    }
  }
}
`;

/** The text a range covers. */
function covered(message: string): { text: string; line: number; how: string } {
  const { range, how } = locateRefusal(message, SPEC);
  const lines = SPEC.split('\n');
  const text = range.start.line === range.end.line
    ? lines[range.start.line].slice(range.start.character, range.end.character)
    : `${lines[range.start.line].slice(range.start.character)}…`;
  return { text, line: range.start.line + 1, how };
}

describe('locateRefusal', () => {
  test('a JSONPath names the field', () => {
    assert.deepEqual(covered('Invalid value at $.sourceSpec.attributes.paginationParams.type: OFFST is not supported'),
      { text: '"OFFST"', line: 13, how: 'json-path' });
    assert.deepEqual(covered("$['authSpec'][0]['type'] must be one of ..."), { text: '"BasicAuthentication"', line: 6, how: 'json-path' });
  });

  test('a JSON Pointer names the field', () => {
    assert.deepEqual(covered('instance /sourceSpec/attributes/urlParams/method is not allowed'), { text: '"GET"', line: 12, how: 'json-path' });
  });

  test('a dotted path with an index names the field; an object value underlines its key', () => {
    assert.deepEqual(covered('authSpec[0].spec.properties.host: unsupported format'), { text: '"host"', line: 7, how: 'dotted-path' });
    assert.deepEqual(covered('sourceSpec.attributes.urlParams is incomplete'), { text: '"urlParams"', line: 12, how: 'dotted-path' });
  });

  test('a path that exists only in part points at its deepest existing part (the object missing the field)', () => {
    assert.deepEqual(covered('Missing required field sourceSpec.attributes.contentPath'), { text: '"attributes"', line: 11, how: 'dotted-path' });
  });

  test('a quoted key or value is found', () => {
    assert.deepEqual(covered("Unrecognized field 'limitName'"), { text: '"limit"', line: 13, how: 'quoted' });
    assert.deepEqual(covered('auth spec "Basic Authentication" is invalid'), { text: '"Basic Authentication"', line: 5, how: 'quoted' });
  });

  test('a property named in a schema message without quotes is found', () => {
    assert.deepEqual(covered('object has missing required properties; property method is required'), { text: '"GET"', line: 12, how: 'schema-property' });
  });

  test('an unplaceable message goes on the first line; URLs and codes are not mistaken for paths', () => {
    const result = locateRefusal('FLOW-1405-400 Request body is empty (see https://ns.adobe.com/aep/errors/FLOW-1405-400)', SPEC);
    assert.equal(result.how, 'unplaced');
    assert.deepEqual(result.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
    assert.equal(locateRefusal('anything', 'not json at all {').how, 'unplaced');
  });
});

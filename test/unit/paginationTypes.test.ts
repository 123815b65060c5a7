/**
 * One pagination-types table (core/spec/paginationTypes.ts) for the schema, the run engine's strategies, the
 * `paginationParams` rule and completion: each is checked against it here, so a type or key changed in one place
 * and not the others fails.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-json-languageservice';
import { SPEC_SCHEMAS } from '../../core/schemas';
import { SpecEngine } from '../../core/analysis/engine';
import { PAGINATION_OPTIONAL, PAGINATION_REQUIRED } from '../../core/analysis/rules/pagination';
import { createPaginator, PAGINATION_TYPES as ENGINE_TYPES } from '../../core/run/pagination';
import {
  ALL_PAGINATION_KEYS, inferPaginationType, PAGINATION_KEYS, PAGINATION_TYPE_NAMES, PAGINATION_TYPES,
} from '../../core/spec/paginationTypes';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const schema = SPEC_SCHEMAS.connectionSpec.schema as Json;
const pagination = schema.properties.sourceSpec.properties.attributes.properties.paginationParams as Json;

/** The schema's required keys for `type` (its `allOf` if/then; OFFSET's offSetName sits in an else branch). */
function schemaRequired(type: string): string[] {
  const branch = (pagination.allOf as Json[]).find((b) => b.if?.properties?.type?.const === type);
  if (!branch) return [];
  return [...(branch.then.required ?? []), ...(branch.then.else?.required ?? [])];
}

describe('the pagination-types table', () => {
  test('the schema\'s type enum lists exactly the table\'s types, in order', () => {
    assert.deepEqual(pagination.properties.type.enum, [...PAGINATION_TYPE_NAMES]);
  });

  test('the schema requires per type exactly the table\'s required keys', () => {
    for (const type of PAGINATION_TYPES) assert.deepEqual(schemaRequired(type.name).sort(), [...type.required].sort(), type.name);
  });

  test('every key of the table is a schema property, and every schema property is in the table', () => {
    const properties = Object.keys(pagination.properties).filter((k) => k !== 'type' && k !== 'offsetName').sort();
    assert.deepEqual(properties, [...ALL_PAGINATION_KEYS].sort());
    for (const key of ALL_PAGINATION_KEYS) {
      const partner = PAGINATION_KEYS[key].partner;
      if (partner) assert.equal(PAGINATION_KEYS[partner].partner, key, `${key} and ${partner} are each other's partner`);
    }
  });

  test('the run engine has one strategy per type, and each runs from the table\'s sample values', () => {
    assert.deepEqual([...ENGINE_TYPES], [...PAGINATION_TYPE_NAMES]);
    for (const type of PAGINATION_TYPES) {
      const params: Json = { type: type.name };
      for (const key of type.required) params[key] = PAGINATION_KEYS[key].sample;
      const paginator = createPaginator(params);
      assert.equal(typeof paginator.first, 'function', type.name);
      const missing = type.required.find((key) => key !== 'limitName' && key !== 'limitValue' && key !== 'parameterType');
      if (missing) {
        delete params[missing];
        assert.throws(() => createPaginator(params), new RegExp(`"${missing}" \\(${PAGINATION_KEYS[missing].description.replace(/[()]/g, '.')}\\)`), type.name);
      }
    }
  });

  test('the paginationParams rule reads the same required and optional keys', () => {
    for (const type of PAGINATION_TYPES) {
      assert.deepEqual(PAGINATION_REQUIRED[type.name], type.required, type.name);
      assert.deepEqual(PAGINATION_OPTIONAL[type.name], type.optional, type.name);
    }
  });

  test('completion in a block of each type offers exactly that type\'s keys', async () => {
    const engine = new SpecEngine();
    for (const type of PAGINATION_TYPES) {
      const text = `{"sourceSpec": {"attributes": {"paginationParams": {"type": "${type.name}", }}}}`;
      const document = TextDocument.create(`file:///p-${type.name}.json`, 'json', 1, text);
      const list = await engine.complete(document, document.positionAt(text.indexOf(', }') + 2), 'connectionSpec');
      const labels = list.items.map((i) => i.label).filter((l) => l !== 'offsetName').sort();
      assert.deepEqual(labels, [...type.required, ...type.optional].sort(), type.name);
    }
  });

  test('a block without a type implies the only type whose own keys it holds', () => {
    assert.equal(inferPaginationType(['limitName', 'limitValue', 'offSetName']), 'OFFSET');
    assert.equal(inferPaginationType(['offsetName']), 'OFFSET');
    assert.equal(inferPaginationType(['pointerPath']), 'POINTER');
    assert.equal(inferPaginationType(['continuationTokenPath', 'delayRequestMillis']), 'CONTINUATION_TOKEN');
    assert.equal(inferPaginationType(['pageParamName']), 'PAGE');
    assert.equal(inferPaginationType(['limitName', 'limitValue']), undefined, 'shared keys decide nothing');
    assert.equal(inferPaginationType(['pointerPath', 'pageParamName']), undefined, 'two types: no guess');
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codesOf } from '../helpers/markers';
import { batchSpec, text } from './builders';

/** Codes reported for the base batch spec with the given paginationParams. */
function codesFor(pagination: unknown): string[] {
  const spec = batchSpec();
  spec.sourceSpec.attributes.paginationParams = pagination;
  return codesOf(analyze(text(spec)).diagnostics);
}

describe('pagination', () => {
  test('each documented type with its fields is clean', () => {
    assert.deepEqual(codesFor({ type: 'OFFSET', limitName: 'limit', limitValue: 4, offSetName: 'offset', endConditionName: '$.hasMore', endConditionValue: 'Const:false' }), []);
    assert.deepEqual(codesFor({ type: 'POINTER', limitName: 'limit', limitValue: 1, pointerPath: '$.paging.next' }), []);
    assert.deepEqual(codesFor({ type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.meta.after_cursor', parameterType: 'QUERYPARAM', parameterName: 'page[after]', delayRequestMillis: 850 }), []);
    assert.deepEqual(codesFor({ type: 'PAGE', limitName: 'pageSize', limitValue: 100, initialPageIndex: 1, endPageIndex: 'headers.x-pagecount', pageParamName: 'pageNumber', maximumRequest: 10000 }), []);
    assert.deepEqual(codesFor({ type: 'NONE' }), []);
  });

  test('SSDK201: missing fields per type, listed in data', () => {
    const spec = batchSpec();
    spec.sourceSpec.attributes.paginationParams = { type: 'POINTER', limitName: 'limit' };
    const [d] = analyze(text(spec)).diagnostics.filter((x) => x.code === 'SSDK201');
    assert.deepEqual(d.data, { type: 'POINTER', missing: ['limitValue', 'pointerPath'] });
    assert.deepEqual(codesFor({ type: 'CONTINUATION_TOKEN' }), ['SSDK201']);
  });

  test('SSDK202 / SSDK207: fields of another type, keys with NONE', () => {
    assert.deepEqual(codesFor({ type: 'POINTER', limitName: 'l', limitValue: 1, pointerPath: '$.n', pageParamName: 'p' }), ['SSDK202']);
    assert.deepEqual(codesFor({ type: 'NONE', limitName: 'l' }), ['SSDK207']);
  });

  test('SSDK203: offsetName is a warning and still satisfies OFFSET', () => {
    assert.deepEqual(codesFor({ type: 'OFFSET', limitName: 'limit', limitValue: 4, offsetName: 'offset' }), ['SSDK203']);
  });

  test('SSDK204 / SSDK205: end condition pairing and Const: prefix', () => {
    const base = { type: 'OFFSET', limitName: 'limit', limitValue: 4, offSetName: 'offset' };
    assert.deepEqual(codesFor({ ...base, endConditionName: '$.hasMore' }), ['SSDK204']);
    assert.deepEqual(codesFor({ ...base, endConditionValue: 'Const:false' }), ['SSDK204']);
    assert.deepEqual(codesFor({ ...base, endConditionName: '$.hasMore', endConditionValue: 'false' }), ['SSDK205']);
    assert.deepEqual(codesFor({ ...base, endConditionName: 'hasMore', endConditionValue: 'Const:false' }), ['SSDK501']);
  });

  test('SSDK206: a hint only for limitValue (the one field a documented meta-schema types as a number)', () => {
    const spec = batchSpec();
    spec.sourceSpec.attributes.paginationParams = { type: 'OFFSET', limitName: 'limit', limitValue: '100', offSetName: 'offset', delayRequestMillis: '850' };
    const found = analyze(text(spec)).diagnostics.filter((d) => d.code === 'SSDK206');
    assert.deepEqual(found.map((d) => [d.data, d.severity]), [[{ value: 100 }, 4]]);
    assert.deepEqual(codesFor({ type: 'PAGE', limitName: 'size', limitValue: 10, pageParamName: 'page', initialPageIndex: '1',
      maximumRequest: '500', endPageIndex: '9', delayRequestMillis: '850' }), [], 'strings the docs use for untyped fields draw nothing');
    assert.deepEqual(codesFor({ type: 'OFFSET', limitName: 'limit', limitValue: 'lots', offSetName: 'offset' }), []);
  });

  test('SSDK208 / SSDK209 / SSDK210: ranges and enumerations', () => {
    const page = { type: 'PAGE', limitName: 'n', limitValue: 1, pageParamName: 'p' };
    assert.deepEqual(codesFor({ ...page, initialPageIndex: -1 }), ['SSDK208']);
    assert.deepEqual(codesFor({ ...page, maximumRequest: 0 }), ['SSDK208']);
    assert.deepEqual(codesFor({ ...page, maximumRequest: 2.5 }), ['SSDK208']);
    assert.deepEqual(codesFor({ ...page, endPageIndex: 'x-pagecount' }), ['SSDK210']);
    assert.deepEqual(codesFor({ ...page, endPageIndex: 12 }), []);
    assert.deepEqual(codesFor({ type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.c', parameterType: 'BODY', parameterName: 'c' }), ['SSDK209']);
  });

  test('SSDK501 / SSDK502: JSONPath prefixes', () => {
    assert.deepEqual(codesFor({ type: 'CONTINUATION_TOKEN', continuationTokenPath: 'meta.c', parameterType: 'HEADERPARAM', parameterName: 'c' }), ['SSDK501']);
    assert.deepEqual(codesFor({ type: 'POINTER', limitName: 'limit', limitValue: 1, pointerPath: 'paging.next' }), ['SSDK502']);
  });
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { detectKind, kindFromContent, kindFromFileName } from '../../core/analysis/specKind';

describe('kindFromFileName', () => {
  test('recognises the four naming patterns, with paths and URIs', () => {
    assert.equal(kindFromFileName('acme-connectionSpec.json'), 'connectionSpec');
    assert.equal(kindFromFileName('/a/b/acme.connectionSpec.json'), 'connectionSpec');
    assert.equal(kindFromFileName('C:\\specs\\rest-flowSpec.json'), 'flowSpec');
    assert.equal(kindFromFileName('file:///w/rest.flowSpec.json'), 'flowSpec');
  });
  test('other names say nothing', () => {
    for (const name of ['connectionSpec.json', 'acmeconnectionSpec.json', 'acme-connectionSpec.jsonc', 'package.json', 'flowSpec-acme.json']) {
      assert.equal(kindFromFileName(name), undefined, name);
    }
  });
});

describe('kindFromContent', () => {
  test('connection spec: authSpec with sourceSpec, exploreSpec or providerId', () => {
    assert.equal(kindFromContent('{"name": "x", "authSpec": [], "sourceSpec": {}}'), 'connectionSpec');
    assert.equal(kindFromContent('{"providerId": "p", "authSpec": [{"name": "a"}]}'), 'connectionSpec');
    assert.equal(kindFromContent('{"sourceSpec": {}, "exploreSpec": {"type": "StreamingConnection"}}'), 'connectionSpec');
  });
  test('flow spec: connection spec id lists or transformation specs', () => {
    assert.equal(kindFromContent('{"name": "f", "sourceConnectionSpecIds": []}'), 'flowSpec');
    assert.equal(kindFromContent('{"targetConnectionSpecIds": ["c"]}'), 'flowSpec');
    assert.equal(kindFromContent('{"transformationSpec": []}'), 'flowSpec');
  });
  test('only top-level keys count', () => {
    assert.equal(kindFromContent('{"wrapper": {"authSpec": [], "sourceSpec": {}}}'), undefined);
    assert.equal(kindFromContent('{"a": "authSpec", "b": "sourceSpec"}'), undefined);
  });
  test('API responses wrapped in items, arrays, garbage and empty text are not specs', () => {
    assert.equal(kindFromContent('{"items": [{"authSpec": [], "sourceSpec": {}}]}'), undefined);
    assert.equal(kindFromContent('[{"authSpec": [], "sourceSpec": {}}]'), undefined);
    assert.equal(kindFromContent('\u0000\u0001 not json'), undefined);
    assert.equal(kindFromContent(''), undefined);
  });
  test('tolerates comments and broken JSON after the decisive keys', () => {
    assert.equal(kindFromContent('{ // hi\n "authSpec": [], "providerId": "x", "oops'), 'connectionSpec');
  });
});

describe('detectKind', () => {
  test('file name wins; content only when enabled', () => {
    const flowText = '{"sourceConnectionSpecIds": []}';
    assert.equal(detectKind('x-connectionSpec.json', flowText, true), 'connectionSpec');
    assert.equal(detectKind('x.json', flowText, true), 'flowSpec');
    assert.equal(detectKind('x.json', flowText, false), undefined);
  });
});

/** The engine's pure parts: date formats, needed values, spec locations, the panel model and the records table. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate } from '../../../core/run/dateFormat';
import { neededValues } from '../../../core/spec/parameters';
import { buildPreviewModel } from '../../../core/run/previewModel';
import { locateSpecPath } from '../../../core/run/specLocation';
import { recordsTable } from '../../../core/run/table';
import type { RunResult } from '../../../core/run';
import { AUTH, previewSpec } from '../../helpers/fakeSourceSpecs';

describe('date formats of scheduleParams', () => {
  const date = new Date('2024-03-07T05:04:09.123Z');
  test('the formats the docs show', () => {
    assert.equal(formatDate(date, 'yyyy-MM-ddTHH:mm:ssZ'), '2024-03-07T05:04:09Z');
    assert.equal(formatDate(date, 'yyyy-MM-ddTHH:mm:ss:fffffffK'), '2024-03-07T05:04:09:1230000Z');
    assert.equal(formatDate(date, 'yyyy-MM-ddTHH:mm:ssK'), '2024-03-07T05:04:09Z');
  });
  test('other tokens, quoted literals and Java-style milliseconds', () => {
    assert.equal(formatDate(date, "yyyy-MM-dd'T'HH:mm:ss.SSSzzz"), '2024-03-07T05:04:09.123+00:00');
    assert.equal(formatDate(date, 'd/M/yy h tt'), '7/3/24 5 AM');
    assert.equal(formatDate(date), '2024-03-07T05:04:09Z');
  });
});

describe('values a run needs', () => {
  test('Basic: username and password with their descriptions; the password is a secret', () => {
    const spec = previewSpec('http://127.0.0.1:1', { urlParams: { path: '/lists/${listId}', method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' } },
      { listId: { type: 'string', description: 'The list to read.' } });
    assert.deepEqual(neededValues(spec, AUTH.basic), [
      { name: 'username', scope: 'auth', description: 'User name of the API account.', secret: false, required: true },
      { name: 'password', scope: 'auth', description: 'Password of the API account.', secret: true, required: true },
      { name: 'listId', scope: 'source', description: 'The list to read.', secret: false, required: true },
    ]);
  });
  test('API key: the header key; host when urlParams.host is absent', () => {
    const spec = previewSpec('http://127.0.0.1:1') as { sourceSpec: { attributes: { urlParams: Record<string, unknown> } } };
    delete spec.sourceSpec.attributes.urlParams.host;
    assert.deepEqual(neededValues(spec, AUTH.key).map((n) => [n.name, n.scope, n.secret]), [['host', 'auth', false], ['authKey1', 'auth', true]]);
  });
});

describe('spec locations', () => {
  const text = '{\n  "sourceSpec": {\n    "attributes": {\n      "contentPath": "$.items",\n      "paginationParams": { "type": "PAGE" }\n    }\n  },\n  "authSpec": [{ "name": "A" }]\n}';
  test('a property, a missing child (its deepest existing part) and an array index', () => {
    const at = (path: string) => { const l = locateSpecPath(text, path)!; return text.slice(l.offset, l.offset + l.length); };
    assert.equal(at('sourceSpec.attributes.contentPath'), '"contentPath": "$.items"');
    assert.equal(at('sourceSpec.attributes.paginationParams.maximumRequest'), '"paginationParams": { "type": "PAGE" }');
    assert.equal(at('authSpec.0.name'), '"name": "A"');
  });
});

describe('records table and panel model', () => {
  test('wrapped records flatten one level; columns in order of appearance', () => {
    assert.deepEqual(recordsTable([{ member: { id: 1, name: 'a' } }, { member: { id: 2, tags: ['x'] } }, 7]), {
      columns: ['member.id', 'member.name', 'member.tags', 'value'],
      rows: [['1', 'a', '', ''], ['2', '', '["x"]', ''], ['', '', '', '7']],
    });
  });
  test('the model: summary, pretty bodies, capped table', () => {
    const result: RunResult = {
      requests: [{ method: 'GET', url: 'http://h/x', status: 200, durationMs: 3.4, recordCount: 3, detail: { requestHeaders: { Authorization: '[REDACTED]' }, responseHeaders: {}, responseBody: '{"items":[1]}' } }],
      records: [{ a: 1 }, { a: 2 }, { a: 3 }], recordCount: 5, schema: { type: 'object' },
      warnings: [{ code: 'record-limit-reached', message: 'Kept 3 of 5' }],
    };
    const model = buildPreviewModel(result, 'Preview: X', 2);
    assert.equal(model.summary, '5 records (3 kept) from 1 request, 1 warning');
    assert.equal(model.exchanges[0].title, '1. GET http://h/x → 200 (3 ms, 3 records)');
    assert.equal(model.exchanges[0].responseBody, '{\n  "items": [\n    1\n  ]\n}');
    assert.equal(model.table.rows.length, 2);
    assert.equal(model.tableNote, 'First 2 of 3 kept records');
  });
});

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, contentHash, formatSpecFile, toAuthoringForm } from '../../core/sync/normalize';
import { SERVER_MANAGED_FIELDS } from '../../core/serverManagedFields';
import { compareSpecs, readablePath, unifiedDiff } from '../../core/sync/diff';
import type { LooseObject } from '../helpers/looseJson';

const authoring = {
  name: 'Acme Orders source',
  providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
  version: '1.0',
  type: 'generic-rest',
  sourceSpec: { attributes: { paginationParams: { type: 'OFFSET', limitName: 'count', limitValue: 100, offSetName: 'offset' } } },
};
const remote = {
  id: '11111111-2222-4333-8444-555555555555',
  createdAt: 1,
  updatedAt: 2,
  createdBy: 'x@AdobeID',
  updatedBy: 'x@AdobeID',
  createdClient: 'c',
  updatedClient: 'c',
  sandboxId: 's',
  sandboxName: 'prod',
  imsOrgId: 'o@AdobeOrg',
  etag: '"e"',
  ...authoring,
};

describe('normalize', () => {
  test('toAuthoringForm removes every server-managed field and nothing else', () => {
    const form = toAuthoringForm(remote);
    for (const field of SERVER_MANAGED_FIELDS) assert.equal(field in form, false, field);
    assert.deepEqual(form, authoring);
  });

  test('canonicalJson sorts keys at every level, 2-space indent, trailing newline', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } }), '{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
  });

  test('contentHash ignores server fields and key order but not values', () => {
    const reordered = Object.fromEntries(Object.entries(authoring).reverse());
    assert.equal(contentHash(remote), contentHash(reordered));
    assert.match(contentHash(remote), /^[0-9a-f]{64}$/);
    assert.notEqual(contentHash(remote), contentHash({ ...authoring, version: '1.1' }));
  });

  test('formatSpecFile keeps the conventional key order, unknown keys after', () => {
    const text = formatSpecFile({ zeta: true, sourceSpec: {}, type: 't', name: 'n', attributes: {}, providerId: 'p' });
    assert.deepEqual(Object.keys(JSON.parse(text)), ['name', 'providerId', 'type', 'attributes', 'sourceSpec', 'zeta']);
    assert.ok(text.endsWith('}\n'));
    assert.match(text, /^{\n {2}"name": "n",/);
  });
});

describe('compareSpecs', () => {
  test('same after normalising (server fields, key order)', () => {
    const result = compareSpecs(Object.fromEntries(Object.entries(authoring).reverse()), remote);
    assert.equal(result.same, true);
    assert.deepEqual(result.changes, []);
  });

  test('reports added, removed and changed with JSON pointers and a readable summary', () => {
    const local = structuredClone(authoring) as LooseObject;
    local.sourceSpec.attributes.paginationParams.limitValue = 50;
    local.description = 'new';
    delete local.version;
    const result = compareSpecs(local, remote);
    assert.equal(result.same, false);
    assert.deepEqual(result.changes, [
      { path: '/sourceSpec/attributes/paginationParams/limitValue', kind: 'changed' },
      { path: '/description', kind: 'added' },
      { path: '/version', kind: 'removed' },
    ]);
    assert.equal(result.summary, '3 changes: sourceSpec.attributes.paginationParams.limitValue changed, description added, version removed');
  });

  test('arrays compare by position; pointers escape / and ~', () => {
    const result = compareSpecs({ name: 'n', ids: ['a', 'b', 'c'], 'a/b~c': 1 }, { name: 'n', ids: ['a', 'x'], 'a/b~c': 2 });
    assert.deepEqual(result.changes, [
      { path: '/ids/1', kind: 'changed' },
      { path: '/ids/2', kind: 'added' },
      { path: '/a~1b~0c', kind: 'changed' },
    ]);
    assert.equal(readablePath('/ids/1'), 'ids[1]');
    assert.equal(readablePath('/a~1b~0c'), 'a/b~c');
  });

  test('the summary stops after five names', () => {
    const local = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, i]));
    assert.match(compareSpecs(local, {}).summary, /^8 changes: k0 added, .*k4 added, and 3 more$/);
  });

  test('unifiedDiff shows remote → local', () => {
    const patch = unifiedDiff('{\n  "a": 2\n}\n', '{\n  "a": 1\n}\n', { local: 'local.json', remote: 'remote' });
    assert.match(patch, /--- remote/);
    assert.match(patch, /\+\+\+ local\.json/);
    assert.match(patch, /- {2}"a": 1\n\+ {2}"a": 2/);
  });
});

describe('unifiedDiff of a file with CRLF line ends', () => {
  test('shows only the lines that changed, not every line of a Windows file', () => {
    const remote = formatSpecFile({ name: 'Acme', description: 'old', providerId: 'p' });
    const local = formatSpecFile({ name: 'Acme', description: 'new', providerId: 'p' }).replace(/\n/g, '\r\n');
    const patch = unifiedDiff(local, remote, { local: 'local', remote: 'remote' });
    const changed = patch.split('\n').filter((line) => /^[+-](?![+-])/.test(line));
    assert.deepEqual(changed.map((line) => line.replace(/\r$/, '')), ['-  "description": "old"', '+  "description": "new"']);
  });

  test('compareSpecs: a key named like an Object method is added, not "changed"', () => {
    const result = compareSpecs({ name: 'a', constructor: 'x' }, { name: 'a' });
    assert.deepEqual(result.changes, [{ path: '/constructor', kind: 'added' }]);
  });
});

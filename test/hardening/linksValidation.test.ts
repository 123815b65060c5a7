// Issue 7, defect 10: a links.json of the wrong shape (`environments: []`, an entry that is a string) let push create
// the remote and silently save no link, or fail with a raw TypeError after the remote was created. Now the file is
// validated on read, before any remote call, with a message naming the file and the field; unknown top-level keys
// and a newer version survive a write.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { FlowServiceError } from '../../core/api/errors';
import { FileLinkStore, linksFilePath } from '../../core/sync/links';
import { pushSpec } from '../../core/sync/operations';
import { MemoryFlowService } from '../unit/fakes/memoryFlowService';

const spec = { name: 'Links shape', providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a', version: '1.0', type: 'generic-rest', authSpec: [], sourceSpec: {}, exploreSpec: {} };
const FILE = 'shape-connectionSpec.json';
const KEY = 'local|LOCAL@AdobeOrg|dev';
const good = { resource: 'connectionSpecs', remoteId: 'r1', updatedAt: 1, contentHash: 'h', syncedAt: '2025-01-01T00:00:00.000Z' };

function workspaceWith(links: unknown): string {
  const root = mkdtempSync(join(tmpdir(), 'links-shape-'));
  mkdirSync(join(root, '.sources-sdk'));
  writeFileSync(linksFilePath(root), typeof links === 'string' ? links : JSON.stringify(links));
  return root;
}

describe('links.json is validated on read, before any remote call', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['environments is an array', { version: 1, environments: [] }, /environments must be an object/],
    ['an entry is a string', { version: 1, environments: { [KEY]: { [FILE]: 'r1' } } }, new RegExp(`environments\\["local\\|LOCAL@AdobeOrg\\|dev"\\]\\["${FILE}"\\] must be an object`)],
    ['remoteId is a number', { version: 1, environments: { [KEY]: { [FILE]: { ...good, remoteId: 7 } } } }, /\.remoteId must be a non-empty string/],
    ['updatedAt is text', { version: 1, environments: { [KEY]: { [FILE]: { ...good, updatedAt: 'yesterday' } } } }, /\.updatedAt must be a number/],
    ['resource is unknown', { version: 1, environments: { [KEY]: { [FILE]: { ...good, resource: 'flows' } } } }, /\.resource must be "connectionSpecs" or "flowSpecs"/],
    ['an environment is null', { version: 1, environments: { [KEY]: null } }, /must be an object keyed by file path/],
    ['the top level is an array', [], /the top level must be a JSON object/],
    ['version is text', { version: 'two', environments: {} }, /version must be a positive integer/],
  ];
  for (const [what, content, message] of cases) {
    test(`${what}: a config error naming the file and the field; nothing is sent`, async () => {
      const root = workspaceWith(content);
      try {
        const service = new MemoryFlowService();
        await assert.rejects(
          pushSpec({ client: service, filePath: join(root, FILE), text: JSON.stringify(spec), links: new FileLinkStore(root) }),
          (err: unknown) => {
            assert.ok(err instanceof FlowServiceError, String(err));
            assert.equal(err.kind, 'config');
            assert.ok(err.message.includes(linksFilePath(root)), err.message);
            assert.match(err.message, message);
            return true;
          },
        );
        assert.deepEqual(service.calls, [], 'no request before the links file is known to be sound');
        assert.equal(service.specs.connectionSpecs.size, 0);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  }

  test('unknown top-level keys and a newer version are kept when a link is written', async () => {
    const root = workspaceWith({ version: 3, comment: 'kept', future: { a: [1] }, environments: { [KEY]: { 'other-connectionSpec.json': { ...good, extra: true } } } });
    try {
      const service = new MemoryFlowService();
      const result = await pushSpec({ client: service, filePath: join(root, FILE), text: JSON.stringify(spec), links: new FileLinkStore(root) });
      assert.equal(result.action, 'created');
      const onDisk = JSON.parse(readFileSync(linksFilePath(root), 'utf8'));
      assert.equal(onDisk.version, 3);
      assert.equal(onDisk.comment, 'kept');
      assert.deepEqual(onDisk.future, { a: [1] });
      assert.equal(onDisk.environments[KEY]['other-connectionSpec.json'].extra, true);
      const key = Object.keys(onDisk.environments).find((k) => onDisk.environments[k][FILE]);
      assert.ok(key, 'the new link was saved');
      assert.equal(onDisk.environments[key][FILE].remoteId, result.remote.id);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

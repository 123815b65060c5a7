import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolders } from '../helpers/tempFolders';
import { environmentKey, FileLinkStore, linksFilePath, type LinkRecord } from '../../core/sync/links';

const tempFolder = tempFolders();
const record = (id: string): LinkRecord => ({ resource: 'connectionSpecs', remoteId: id, updatedAt: 5, contentHash: 'h', syncedAt: '2025-01-01T00:00:00.000Z' });

describe('FileLinkStore', () => {
  test('environment key: the stable sync identity (platform name or `local`, org, lower-case sandbox)', () => {
    assert.equal(environmentKey({ platformUrl: 'http://127.0.0.1:9/', orgId: 'O@AdobeOrg', sandbox: 'dev' }), 'local|O@AdobeOrg|dev');
    assert.equal(environmentKey({ platformUrl: 'http://localhost:41234', orgId: 'O@AdobeOrg', sandbox: 'Dev' }), 'local|O@AdobeOrg|dev');
    assert.equal(environmentKey({ platformUrl: 'https://platform.adobe.io', orgId: 'O', sandbox: '' }), 'prod|O|prod');
    assert.equal(environmentKey({ platformUrl: 'https://platform-stage.adobe.io/', orgId: 'O', sandbox: 'qa' }), 'stage|O|qa');
  });

  test('stores records by relative path per environment, in .sources-sdk/links.json', async () => {
    const root = tempFolder('links-');
    const store = new FileLinkStore(root);
    await store.set('envA', join(root, 'specs', 'a-connectionSpec.json'), record('id-a'));
    await store.set('envB', 'specs/a-connectionSpec.json', record('id-b'));
    assert.equal((await store.get('envA', 'specs/a-connectionSpec.json'))?.remoteId, 'id-a');
    assert.equal((await store.get('envB', join(root, 'specs/a-connectionSpec.json')))?.remoteId, 'id-b');
    assert.equal(await store.get('envC', 'specs/a-connectionSpec.json'), undefined);
    const onDisk = JSON.parse(readFileSync(linksFilePath(root), 'utf8'));
    assert.deepEqual(Object.keys(onDisk.environments.envA), ['specs/a-connectionSpec.json']);
    await store.delete('envA', 'specs/a-connectionSpec.json');
    assert.equal(await store.get('envA', 'specs/a-connectionSpec.json'), undefined);
    assert.equal((await new FileLinkStore(root).get('envB', 'specs/a-connectionSpec.json'))?.remoteId, 'id-b', 'a new instance reads the file');
  });

  test('concurrent writes are serialised: none is lost, no temp files remain', async () => {
    const root = tempFolder('links-');
    const store = new FileLinkStore(root);
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.set('env', `f${i}.json`, record(`id-${i}`))));
    const onDisk = JSON.parse(readFileSync(linksFilePath(root), 'utf8'));
    assert.equal(Object.keys(onDisk.environments.env).length, 50);
    assert.deepEqual(readdirSync(join(root, '.sources-sdk')), ['links.json']);
  });
});

describe('FileLinkStore across writers and hand-edited files', () => {
  test('two stores on one workspace (two CLI processes, or the CLI beside the extension) lose no link', async () => {
    const root = tempFolder('links-');
    const first = new FileLinkStore(root);
    const second = new FileLinkStore(root);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).set('env', `f${i}.json`, record(`id-${i}`))),
    );
    const onDisk = JSON.parse(readFileSync(linksFilePath(root), 'utf8'));
    assert.equal(Object.keys(onDisk.environments.env).length, 20);
    assert.deepEqual(readdirSync(join(root, '.sources-sdk')), ['links.json'], 'no lock or temp file remains');
  });

  test('a stale lock left by a crashed writer does not block for ever', async () => {
    const root = tempFolder('links-');
    mkdirSync(join(root, '.sources-sdk'));
    const lock = `${linksFilePath(root)}.lock`;
    writeFileSync(lock, '999999\n');
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(lock, old, old);
    await new FileLinkStore(root).set('env', 'a.json', record('id-a'));
    assert.equal((await new FileLinkStore(root).get('env', 'a.json'))?.remoteId, 'id-a');
  });

  test('a links file saved with a byte order mark is still read', async () => {
    const root = tempFolder('links-');
    mkdirSync(join(root, '.sources-sdk'));
    writeFileSync(linksFilePath(root), `\uFEFF${JSON.stringify({ version: 1, environments: { env: { 'a.json': record('id-a') } } })}\r\n`);
    assert.equal((await new FileLinkStore(root).get('env', 'a.json'))?.remoteId, 'id-a');
  });

  test('a damaged links file is reported by name, not as a bare JSON error', async () => {
    const root = tempFolder('links-');
    mkdirSync(join(root, '.sources-sdk'));
    writeFileSync(linksFilePath(root), '{ "version": 1, <<<<<<< HEAD');
    await assert.rejects(new FileLinkStore(root).get('env', 'a.json'), (err: Error) => {
      assert.match(err.message, /links\.json/);
      assert.match(err.message, /not valid JSON/);
      return true;
    });
  });
});

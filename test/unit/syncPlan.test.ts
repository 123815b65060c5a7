import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { findSpecsByName, isFilterSafeName } from '../../core/api/nameLookup';
import { migrateSyncIdentity, resolveEnvironment, syncIdentity } from '../../core/config/environments';
import { environmentKey, FileLinkStore, MemoryLinkStore, linksFilePath } from '../../core/sync/links';
import { applyPush, planPush, PushRefused } from '../../core/sync/push';
import { resolveConfig } from '../../cli/remote/config';
import { localEmulatorEnvironment, resolveEnvironmentSetting } from '../../client/environments';
import { MemoryFlowService } from './fakes/memoryFlowService';

const FILE = 'specs/acme-connectionSpec.json';
const spec = { name: 'Acme source', providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a', version: '1.0', type: 'generic-rest', authSpec: [], sourceSpec: {}, exploreSpec: {} };
const text = (value: object) => `${JSON.stringify(value, null, 2)}\n`;
const remoteCalls = (service: MemoryFlowService) => service.calls.filter((c) => /^(list|get)/.test(c)).length;

describe('push plans: one lookup, a reason, apply only with the decision it needs', () => {
  test('create → unchanged → update, each planned with exactly one lookup', async () => {
    const service = new MemoryFlowService();
    const links = new MemoryLinkStore();
    const plan = await planPush({ client: service, filePath: FILE, text: text(spec), links });
    assert.equal(plan.reason, 'create');
    assert.equal(remoteCalls(service), 1);
    const created = await applyPush(plan, { client: service, links });
    assert.equal(created.action, 'created');

    service.calls.length = 0;
    const same = await planPush({ client: service, filePath: FILE, text: text(spec), links });
    assert.equal(same.reason, 'unchanged');
    assert.deepEqual(service.calls, [`get connectionSpecs ${created.remote.id}`], 'a linked file is looked up by id only');

    service.calls.length = 0;
    const changed = await planPush({ client: service, filePath: FILE, text: text({ ...spec, description: 'v2' }), links });
    assert.equal(changed.reason, 'update');
    assert.equal(changed.comparison?.summary, '1 change: description added');
    assert.equal((await applyPush(changed, { client: service, links })).action, 'updated');
    assert.equal(remoteCalls(service), 1, 'apply does not look up again');
  });

  test('a deleted linked remote is `remote-deleted`; with create-again it is created anew and relinked', async () => {
    const service = new MemoryFlowService();
    const links = new MemoryLinkStore();
    const first = await applyPush(await planPush({ client: service, filePath: FILE, text: text(spec), links }), { client: service, links });
    service.specs.connectionSpecs.delete(first.remote.id);
    const plan = await planPush({ client: service, filePath: FILE, text: text(spec), links });
    assert.equal(plan.reason, 'remote-deleted');
    assert.equal(plan.needs, 'create-again');
    await assert.rejects(applyPush(plan, { client: service, links }), (err) => err instanceof PushRefused && err.plan.reason === 'remote-deleted');
    const again = await applyPush(plan, { client: service, links, decisions: ['create-again'] });
    assert.equal(again.action, 'created');
    assert.notEqual(again.remote.id, first.remote.id);
    assert.equal((await links.get(environmentKey(service.environment), FILE))?.remoteId, again.remote.id);
  });

  test('remote changed since the last sync needs overwrite; one remote with the name needs adopt; several are never applied', async () => {
    const service = new MemoryFlowService();
    const links = new MemoryLinkStore();
    const first = await applyPush(await planPush({ client: service, filePath: FILE, text: text(spec), links }), { client: service, links });
    service.touch('connectionSpecs', first.remote.id, { description: 'theirs' });
    const conflict = await planPush({ client: service, filePath: FILE, text: text(spec), links });
    assert.equal(conflict.reason, 'remote-changed');
    assert.equal(conflict.localChangedSinceSync, false);
    await assert.rejects(applyPush(conflict, { client: service, links, decisions: ['adopt', 'create-again'] }), PushRefused);
    assert.equal(service.specs.connectionSpecs.get(first.remote.id)?.description, 'theirs');
    assert.equal((await applyPush(conflict, { client: service, links, decisions: ['overwrite'] })).action, 'updated');

    const other = 'other-connectionSpec.json';
    service.seed('connectionSpecs', { ...spec, name: 'Twin', description: 'remote' });
    const taken = await planPush({ client: service, filePath: other, text: text({ ...spec, name: 'Twin' }), links });
    assert.equal(taken.reason, 'name-taken');
    assert.equal((await applyPush(taken, { client: service, links, decisions: ['adopt'] })).action, 'updated');

    service.seed('connectionSpecs', { ...spec, name: 'Twice' });
    service.seed('connectionSpecs', { ...spec, name: 'Twice', description: 'b' });
    const ambiguous = await planPush({ client: service, filePath: 'twice-connectionSpec.json', text: text({ ...spec, name: 'Twice' }), links });
    assert.equal(ambiguous.reason, 'ambiguous-name');
    assert.equal(ambiguous.candidates?.length, 2);
    await assert.rejects(applyPush(ambiguous, { client: service, links, decisions: ['overwrite'] }), PushRefused);
  });
});

describe('exact name lookups', () => {
  const awkward = ['Acme, Inc.', 'say "hi"', "it's", 'a==b', 'x!=y', ' padded ', 'Ünïcödé ✓ 名前', 'a<b>c', 'tilde~'];

  test('names with filter syntax are never put into the filter; results are compared exactly', async () => {
    for (const name of awkward.filter((n) => !n.startsWith('Ü'))) assert.equal(isFilterSafeName(name), false, name);
    assert.equal(isFilterSafeName('Plain name 2'), true);
    assert.equal(isFilterSafeName('Ünïcödé ✓ 名前'), true, 'unicode goes into the filter (URL-encoded) and is still compared exactly');
    const service = new MemoryFlowService();
    for (const name of awkward) service.seed('connectionSpecs', { ...spec, name });
    service.seed('connectionSpecs', { ...spec, name: 'Acme' });
    service.seed('connectionSpecs', { ...spec, name: ' Inc.' });
    for (const name of awkward) {
      const found = await findSpecsByName(service, 'connectionSpecs', name);
      assert.deepEqual(found.map((s) => s.name), [name]);
    }
    assert.ok(service.calls.every((c) => !c.includes('name==Acme, Inc.')));
  });

  test('a second push of an unchanged spec with an awkward name is unchanged, never a duplicate', async () => {
    const service = new MemoryFlowService();
    for (const name of awkward) {
      const file = `n${awkward.indexOf(name)}-connectionSpec.json`;
      const first = await applyPush(await planPush({ client: service, filePath: file, text: text({ ...spec, name }), links: new MemoryLinkStore() }), { client: service, links: new MemoryLinkStore() });
      assert.equal(first.action, 'created', name);
      // A fresh link store: the lookup by name must find the spec just created.
      const second = await planPush({ client: service, filePath: file, text: text({ ...spec, name }), links: new MemoryLinkStore() });
      assert.equal(second.reason, 'unchanged', name);
    }
    assert.equal(service.specs.connectionSpecs.size, awkward.length);
  });
});

describe('one environment resolver', () => {
  test('the CLI and the extension compute the same link key for the same environment and sandbox spelling', () => {
    const cli = resolveConfig({ sandbox: 'Dev' }, { SOURCES_SDK_CLIENT_ID: 'id', SOURCES_SDK_CLIENT_SECRET: 's', SOURCES_SDK_ORG_ID: 'ACME@AdobeOrg' }).environment;
    const ext = resolveEnvironmentSetting({ name: 'ACME', platform: 'prod', orgId: 'ACME@AdobeOrg', clientId: 'id', sandbox: 'Dev' });
    assert.ok(typeof ext !== 'string');
    assert.equal(environmentKey(cli), environmentKey(ext.config));
    assert.equal(ext.syncIdentity, environmentKey(cli));
    assert.equal(environmentKey(cli), 'prod|ACME@AdobeOrg|dev');
    assert.equal(cli.sandbox, 'dev');
    assert.deepEqual(cli.scopes, ext.config.scopes, 'same default scopes');
    assert.deepEqual([cli.platformUrl, cli.imsUrl], [ext.config.platformUrl, ext.config.imsUrl]);

    const cliStage = resolveConfig({ platformUrl: 'stage', sandbox: ' QA ' }, { SOURCES_SDK_CLIENT_ID: 'id', SOURCES_SDK_CLIENT_SECRET: 's', SOURCES_SDK_ORG_ID: 'O' }).environment;
    const extStage = resolveEnvironmentSetting({ name: 'S', platform: 'stage', orgId: 'O', clientId: 'id', sandbox: 'qa' });
    assert.ok(typeof extStage !== 'string');
    assert.equal(environmentKey(cliStage), environmentKey(extStage.config));
  });

  test('the local emulator is one environment whatever its port, known before it runs', () => {
    const before = localEmulatorEnvironment('', 'Dev');
    const a = localEmulatorEnvironment('http://127.0.0.1:41001', 'dev');
    const b = localEmulatorEnvironment('http://127.0.0.1:52002', 'dev');
    assert.equal(before.syncIdentity, 'local|LOCAL@AdobeOrg|dev');
    assert.equal(environmentKey(a.config), before.syncIdentity);
    assert.equal(environmentKey(b.config), before.syncIdentity);
    const cli = resolveConfig({ platformUrl: 'http://localhost:52002/', orgId: 'LOCAL@AdobeOrg', sandbox: 'dev' }, { SOURCES_SDK_CLIENT_ID: 'x', SOURCES_SDK_CLIENT_SECRET: 'y' }).environment;
    assert.equal(environmentKey(cli), before.syncIdentity, 'the CLI against the emulator shares the extension\'s links');
    assert.equal(syncIdentity(resolveEnvironment({ platform: 'https://example.adobe.io/', orgId: 'O', clientId: 'c' })), 'https://example.adobe.io|O|prod');
  });

  test('old link keys are migrated: port and sandbox spelling no longer matter; newest sync wins', async () => {
    assert.equal(migrateSyncIdentity('http://127.0.0.1:41234|LOCAL@AdobeOrg|Dev'), 'local|LOCAL@AdobeOrg|dev');
    assert.equal(migrateSyncIdentity('https://platform.adobe.io|O@AdobeOrg|prod'), 'prod|O@AdobeOrg|prod');
    assert.equal(migrateSyncIdentity('local|O|dev'), 'local|O|dev');
    const root = mkdtempSync(join(tmpdir(), 'links-migrate-'));
    try {
      mkdirSync(join(root, '.sources-sdk'));
      const record = (id: string, syncedAt: string) => ({ resource: 'connectionSpecs', remoteId: id, updatedAt: 1, contentHash: 'h', syncedAt });
      writeFileSync(linksFilePath(root), JSON.stringify({
        version: 1,
        environments: {
          'http://127.0.0.1:41234|LOCAL@AdobeOrg|dev': { 'a-connectionSpec.json': record('old', '2025-01-01T00:00:00.000Z') },
          'http://127.0.0.1:50000|LOCAL@AdobeOrg|Dev': { 'a-connectionSpec.json': record('new', '2025-02-01T00:00:00.000Z'), 'b-connectionSpec.json': record('b', '2025-01-01T00:00:00.000Z') },
        },
      }));
      const store = new FileLinkStore(root);
      const key = localEmulatorEnvironment('http://127.0.0.1:60000', 'dev').syncIdentity;
      assert.equal((await store.get(key, 'a-connectionSpec.json'))?.remoteId, 'new');
      assert.equal((await store.get(key, 'b-connectionSpec.json'))?.remoteId, 'b');
      await store.set(key, 'c-connectionSpec.json', record('c', '2025-03-01T00:00:00.000Z') as never);
      const onDisk = JSON.parse(readFileSync(linksFilePath(root), 'utf8'));
      assert.deepEqual(Object.keys(onDisk.environments), [key], 'the next write stores the migrated keys');
      assert.deepEqual(Object.keys(onDisk.environments[key]).sort(), ['a-connectionSpec.json', 'b-connectionSpec.json', 'c-connectionSpec.json']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

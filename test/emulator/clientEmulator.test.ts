/**
 * The real API client and sync engine against the real emulator over loopback: CRUD, filters, paging, diff,
 * register, conflicts, and injected faults.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { FlowServiceError } from '../../core/api/errors';
import { FileLinkStore } from '../../core/sync/links';
import { diffSpec, pushSpec } from '../../core/sync/operations';
import { registerInFlowSpec } from '../../core/sync/register';
import { REST_STORAGE_TO_AEP_ID } from '../../core/spec/wellKnownIds';
import { sampleConnectionSpec, startTestEmulator, TEST_CLIENT_SECRET, type TestEmulator } from './helpers/emulator';
import { tempFolders } from '../helpers/tempFolders';

const tempFolder = tempFolders();

const FAST_RETRY = { baseDelayMs: 20, maxDelayMs: 100, maxTotalMs: 5_000 };

/** An emulator for the enclosing `describe` and a factory of clients bound to it (fast retries for tests). */
function emulatorForSuite() {
  let emu: TestEmulator | undefined;
  before(async () => {
    emu = await startTestEmulator();
  });
  after(() => emu?.close());
  const current = (): TestEmulator => {
    if (!emu) throw new Error('the emulator starts in before()');
    return emu;
  };
  return {
    emu: current,
    client: (extra: Partial<Parameters<typeof createFlowServiceClient>[0]> = {}) =>
      createFlowServiceClient({ environment: current().environment(), clientSecret: TEST_CLIENT_SECRET, retry: FAST_RETRY, ...extra }),
  };
}

describe('client against the emulator', () => {
  const suite = emulatorForSuite();
  const client = suite.client;

  test('create → get → update → list with filters and paging', async () => {
    const api = client();
    const created = await api.create('connectionSpecs', sampleConnectionSpec('Client CRUD source'));
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    const fetched = await api.get('connectionSpecs', created.id);
    assert.equal(fetched.name, 'Client CRUD source');
    const updated = await api.update('connectionSpecs', created.id, { ...sampleConnectionSpec('Client CRUD source'), description: 'v2' });
    assert.equal(updated.description, 'v2');
    assert.ok((updated.updatedAt ?? 0) > (fetched.updatedAt ?? 0));
    for (let i = 0; i < 5; i++) await api.create('connectionSpecs', sampleConnectionSpec(`Paged source ${i}`, { type: 'generic-paged' }));
    const paged = await api.list('connectionSpecs', { property: ['type==generic-paged'], limit: 2 });
    assert.deepEqual(paged.map((s) => s.name).sort(), [0, 1, 2, 3, 4].map((i) => `Paged source ${i}`));
    const byName = await api.findByName('connectionSpecs', 'Client CRUD source');
    assert.deepEqual(byName.map((s) => s.id), [created.id]);
    const capped = await api.list('connectionSpecs', { property: ['type==generic-paged'], limit: 2, maxItems: 3 });
    assert.equal(capped.length, 3);
  });

  test('unknown id → not-found with the FLOW code and request id', async () => {
    await assert.rejects(client().get('connectionSpecs', '00000000-0000-4000-8000-000000000000'), (err: FlowServiceError) => {
      assert.equal(err.kind, 'not-found');
      assert.match(err.details.code ?? '', /^FLOW-\d+-404$/);
      assert.ok(err.details.requestId);
      return true;
    });
  });

  test('push, diff, register (RestStorageToAEP keeps its ids), conflict, force', async () => {
    const api = client();
    const root = tempFolder('client-emu-');
    const file = join(root, 'acme-connectionSpec.json');
    const links = new FileLinkStore(root);
    const body = sampleConnectionSpec('Sync flow source');
    writeFileSync(file, JSON.stringify(body, null, 2));
    const pushed = await pushSpec({ client: api, filePath: file, text: readFileSync(file, 'utf8'), links });
    assert.equal(pushed.action, 'created');
    assert.equal((await diffSpec({ client: api, filePath: file, text: readFileSync(file, 'utf8'), links })).same, true);

    const before = (await api.get('flowSpecs', REST_STORAGE_TO_AEP_ID)).sourceConnectionSpecIds as string[];
    assert.ok(before.length >= 3);
    const registered = await registerInFlowSpec({ client: api, connectionSpecId: pushed.remote.id });
    assert.equal(registered.changed, true);
    assert.deepEqual(registered.after.sourceConnectionSpecIds, [...before, pushed.remote.id]);
    assert.equal((await registerInFlowSpec({ client: api, connectionSpecId: pushed.remote.id })).changed, false);

    // Someone else edits the remote; our local edit must not silently overwrite it.
    await api.update('connectionSpecs', pushed.remote.id, { ...body, description: 'edited elsewhere' });
    const mine = JSON.stringify({ ...body, description: 'my edit' }, null, 2);
    const diff = await diffSpec({ client: api, filePath: file, text: mine, links });
    assert.equal(diff.remoteChangedSinceSync, true);
    assert.equal(diff.summary, '1 change: description changed');
    await assert.rejects(pushSpec({ client: api, filePath: file, text: mine, links }), (err: FlowServiceError) => err.kind === 'conflict' && err.details.remote?.description === 'edited elsewhere');
    const forced = await pushSpec({ client: api, filePath: file, text: mine, links, decisions: ['overwrite'] });
    assert.equal(forced.action, 'updated');
    assert.equal((await api.get('connectionSpecs', pushed.remote.id)).description, 'my edit');
  });

  test('wrong client secret → IMS auth error naming the environment', async () => {
    const locked = await startTestEmulator({ clientId: 'fixed-id', clientSecret: 'fixed-secret' });
    try {
      const api = createFlowServiceClient({ environment: locked.environment({ clientId: 'fixed-id' }), clientSecret: 'wrong-secret' });
      await assert.rejects(api.list('flowSpecs'), (err: FlowServiceError) => err.kind === 'auth' && /IMS refused the client credentials.*Local emulator \(test\)/.test(err.message));
    } finally {
      await locked.close();
    }
  });
});

describe('faults survived', () => {
  const suite = emulatorForSuite();
  const client = suite.client;

  test('429 with Retry-After is waited out', async () => {
    suite.emu().emulator.setFaults([{ kind: 'status', status: 429, retryAfterSeconds: 1, times: 1, match: { method: 'GET', path: 'flowSpecs' } }]);
    const started = Date.now();
    const spec = await client().get('flowSpecs', REST_STORAGE_TO_AEP_ID);
    assert.equal(spec.name, 'RestStorageToAEP');
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
  });

  test('503 twice, then served', async () => {
    suite.emu().emulator.setFaults([{ kind: 'status', status: 503, times: 2, match: { method: 'GET', path: 'flowSpecs' } }]);
    assert.equal((await client().get('flowSpecs', REST_STORAGE_TO_AEP_ID)).name, 'RestStorageToAEP');
    assert.equal(suite.emu().emulator.store.faults().length, 0);
  });

  test('a dropped connection on GET is retried', async () => {
    suite.emu().emulator.setFaults([{ kind: 'drop', times: 1, match: { method: 'GET', path: 'flowSpecs' } }]);
    assert.equal((await client().get('flowSpecs', REST_STORAGE_TO_AEP_ID)).name, 'RestStorageToAEP');
  });

  test('a dropped POST is not repeated: the spec is found by name', async () => {
    const api = client();
    await api.list('flowSpecs'); // token first, so the drop hits the POST
    suite.emu().emulator.setFaults([{ kind: 'drop', times: 1, match: { method: 'POST', path: 'connectionSpecs' } }]);
    await assert.rejects(api.create('connectionSpecs', sampleConnectionSpec('Dropped create')), (err: FlowServiceError) => /was not created; it is safe to try again/.test(err.message));
    assert.equal((await api.findByName('connectionSpecs', 'Dropped create')).length, 0, 'the emulator dropped it before creating');
  });

  test('a slow answer beyond the timeout gives a clear timeout error', async () => {
    suite.emu().emulator.setFaults([{ kind: 'delay', ms: 2_000, match: { method: 'GET', path: 'flowSpecs' } }]);
    try {
      await assert.rejects(client({ timeoutMs: 150, retry: { ...FAST_RETRY, maxAttempts: 2 } }).get('flowSpecs', REST_STORAGE_TO_AEP_ID), (err: FlowServiceError) => {
        assert.equal(err.kind, 'timeout');
        assert.match(err.message, /No answer from 127\.0\.0\.1:\d+ within 150 ms.*gave up after 2 attempt/);
        return true;
      });
    } finally {
      suite.emu().emulator.setFaults([]);
    }
  });

  test('a malformed body is a bad-response error', async () => {
    suite.emu().emulator.setFaults([{ kind: 'malformed', times: 1, match: { method: 'GET', path: 'flowSpecs' } }]);
    await assert.rejects(client().get('flowSpecs', REST_STORAGE_TO_AEP_ID), (err: FlowServiceError) => err.kind === 'bad-response' && err.details.status === 200);
  });
});

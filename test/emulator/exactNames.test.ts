// Exact name lookups against the real emulator: names with commas, quotes, `==`, `!=`, spaces and unicode are found
// exactly through push, pull by name and the recovery after an ambiguous POST, and the emulator's `property` filter
// follows the documented grammar (comma = OR set; quoted values taken literally).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { findSpecsByName } from '../../core/api/nameLookup';
import type { Transport } from '../../core/api/types';
import { MemoryLinkStore } from '../../core/sync/links';
import { pullSpec } from '../../core/sync/operations';
import { applyPush, planPush } from '../../core/sync/push';
import { validConnectionSpec } from '../unit/fakes/specFixtures';
import { startTestEmulator, TEST_CLIENT_SECRET, type TestEmulator } from './helpers/emulator';

const AWKWARD = ['Acme, Inc.', 'Acme', ' Inc.', 'say "hi", then \'bye\'', 'a==b', 'x!=y', '  spaced  out ', 'Ünïcödé ✓ 名前', 'lt<gt>'];

describe('exact name lookups against the emulator', () => {
  let emu: TestEmulator;
  before(async () => { emu = await startTestEmulator(); });
  after(async () => { await emu.close(); });

  test('push twice (no link the second time), pull by name: one remote each, found exactly', async () => {
    const client = createFlowServiceClient({ environment: emu.environment({ sandbox: 'names' }), clientSecret: TEST_CLIENT_SECRET });
    const ids = new Map<string, string>();
    for (const name of AWKWARD) {
      const file = `n${AWKWARD.indexOf(name)}-connectionSpec.json`;
      const text = JSON.stringify(validConnectionSpec(name));
      const links = new MemoryLinkStore();
      const plan = await planPush({ client, filePath: file, text, links });
      assert.equal(plan.reason, 'create', `${name}: ${plan.reason} ${plan.remote?.name}`);
      ids.set(name, (await applyPush(plan, { client, links })).remote.id);
      // A second machine (no link): the exact-name lookup finds the one just created, so nothing is created again.
      const again = await planPush({ client, filePath: file, text, links: new MemoryLinkStore() });
      assert.equal(again.reason, 'unchanged', name);
      assert.equal(again.remote?.id, ids.get(name));
    }
    for (const name of AWKWARD) {
      const pulled = await pullSpec({ client, resource: 'connectionSpecs', idOrName: name });
      assert.equal(pulled.remote.id, ids.get(name), name);
    }
    assert.equal((await client.list('connectionSpecs')).filter((s) => AWKWARD.includes(s.name)).length, AWKWARD.length, 'no duplicates');
  });

  test('after a POST whose answer was lost, the recovery finds the spec by its exact name instead of failing or repeating', async () => {
    const name = 'Lost answer, "quoted" == yes';
    // Decoys a comma-splitting filter would return: the recovery must not take one of them for the new spec.
    const setup = createFlowServiceClient({ environment: emu.environment({ sandbox: 'recovery' }), clientSecret: TEST_CLIENT_SECRET });
    await setup.create('connectionSpecs', validConnectionSpec('Lost answer'));
    let posts = 0;
    const losing: Transport = async (url, init) => {
      const response = await fetch(url, init);
      if (init.method === 'POST' && url.endsWith('/connectionSpecs')) {
        posts++;
        await response.arrayBuffer();
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
      }
      return response;
    };
    const client = createFlowServiceClient({ environment: emu.environment({ sandbox: 'recovery' }), clientSecret: TEST_CLIENT_SECRET, transport: losing });
    const created = await client.create('connectionSpecs', validConnectionSpec(name));
    assert.equal(created.name, name);
    assert.equal(posts, 1, 'the POST is never repeated');
    assert.equal((await findSpecsByName(setup, 'connectionSpecs', name)).length, 1);
  });

  test('the property filter: comma-separated values are an OR set; a quoted value is literal, commas included', async () => {
    const sandbox = 'grammar';
    for (const name of ['a', 'b', 'a,b']) await emu.create('connectionSpecs', validConnectionSpec(name), { sandbox });
    const names = async (filter: string) => {
      const result = await emu.call('GET', `/connectionSpecs?property=${encodeURIComponent(filter)}`, { sandbox });
      assert.equal(result.status, 200, result.text);
      return (result.body.items as Array<{ name: string }>).map((s) => s.name).sort();
    };
    assert.deepEqual(await names('name==a,b'), ['a', 'b']);
    assert.deepEqual(await names('name=="a,b"'), ['a,b']);
    assert.deepEqual(await names("name=='a,b',a"), ['a', 'a,b']);
    assert.deepEqual(await names('name!="a,b"'), ['a', 'b', 'datalake'], 'with the platform\'s data lake spec');
    const bad = await emu.call('GET', `/connectionSpecs?property=${encodeURIComponent('name~a')}`, { sandbox });
    assert.equal(bad.status, 400);
  });
});

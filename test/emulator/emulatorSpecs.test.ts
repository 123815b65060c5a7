import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEmulator, sampleConnectionSpec, withEmulator, TEST_CLIENT_ID, TEST_ORG_ID, type CallResult, type TestEmulator } from './helpers/emulator';
import type { LooseJson } from '../helpers/looseJson';

const REST_ID = '6499120c-0b15-42dc-936e-847ea3c24d72';
const STREAMING_ID = 'e77fde5a-22a8-11ed-861d-0242ac120002';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('emulator spec endpoints', () => {
  let emu: TestEmulator;
  before(async () => { emu = await startTestEmulator(); });
  after(async () => { await emu.close(); });

  test('seeds: RestStorageToAEP and GenericStreamingAEP with their documented facts', async () => {
    const rest = await emu.call('GET', `/flowSpecs/${REST_ID}`);
    assert.equal(rest.status, 200);
    const spec = rest.body.items[0];
    assert.equal(rest.body.items.length, 1);
    assert.equal(spec.name, 'RestStorageToAEP');
    assert.equal(spec.providerId, '0ed90a81-07f4-4586-8190-b40eccef1c5a');
    for (const id of ['4e98f16f-87d6-4ef0-bdc6-7a2b0fe76e62', '2e8580db-6489-4726-96de-e33f5f60295f', 'c8ce8c8c-37fb-4162-9fbf-c2f181e04a7a']) {
      assert.ok(spec.sourceConnectionSpecIds.includes(id), id);
    }
    assert.deepEqual(spec.targetConnectionSpecIds, ['c604ff05-7f1a-43c0-8e18-33bf874cb11c']);
    assert.equal(spec.scheduleSpec.name, 'PeriodicSchedule');
    assert.equal(spec.scheduleSpec.type, 'Periodic');
    assert.deepEqual(spec.scheduleSpec.spec.required, ['startTime', 'frequency']);
    assert.equal(spec.scheduleSpec.spec.else.then.properties.interval.minimum, 15);
    assert.equal(spec.transformationSpecs[0].name, 'Mapping');
    assert.equal(spec.permissionsInfo.manage[0].name, 'EnterpriseSource');
    assert.equal(spec.imsOrgId, TEST_ORG_ID);

    const streaming = (await emu.call('GET', `/flowSpecs/${STREAMING_ID}`)).body.items[0];
    assert.equal(streaming.name, 'GenericStreamingAEP');
    assert.equal(streaming.providerId, '521eee4d-8cbe-4906-bb48-fb6bd4450033');
    assert.deepEqual(streaming.sourceConnectionSpecIds, ['e77fd9d2-22a8-11ed-861d-0242ac120002']);
    assert.equal(streaming.scheduleSpec, undefined);
    assert.equal(streaming.attributes.frequency, 'streaming');
    assert.equal(streaming.optionSpec.spec.properties.inletUrl.type, 'string');
    assert.equal(streaming.permissionsInfo.view[0].name, 'StreamingSource');
  });

  test('create → 201 unwrapped with Location and server fields; get → wrapped', async () => {
    const before = Date.now();
    const post = await emu.call('POST', '/connectionSpecs', { body: { ...sampleConnectionSpec('Create test'), createdAt: 1, id: 'client-chosen' } });
    assert.equal(post.status, 201);
    const created = post.body;
    assert.match(created.id, UUID_V4);
    assert.notEqual(created.id, 'client-chosen');
    assert.ok(created.createdAt >= before && created.createdAt === created.updatedAt);
    assert.equal(created.createdBy, `${TEST_CLIENT_ID}@AdobeID`);
    assert.equal(created.updatedBy, `${TEST_CLIENT_ID}@AdobeID`);
    assert.equal(created.createdClient, TEST_CLIENT_ID);
    assert.equal(created.updatedClient, TEST_CLIENT_ID);
    assert.equal(created.sandboxName, 'prod');
    assert.match(created.sandboxId, UUID_V4);
    assert.equal(created.imsOrgId, TEST_ORG_ID);
    assert.equal(created.items, undefined);
    assert.equal(post.headers.get('location'), `${emu.flowServiceUrl}/connectionSpecs/${created.id}`);

    const get = await emu.call('GET', `/connectionSpecs/${created.id}`);
    assert.equal(get.status, 200);
    assert.deepEqual(get.body, { items: [created] });
  });

  test('PUT replaces the body, keeps createdAt, advances updatedAt strictly', async () => {
    const created = await emu.create('connectionSpecs', sampleConnectionSpec('Put test'));
    const first = await emu.call('PUT', `/connectionSpecs/${created.id}`, { body: { ...sampleConnectionSpec('Put test v2'), id: created.id } });
    const second = await emu.call('PUT', `/connectionSpecs/${created.id}`, { body: sampleConnectionSpec('Put test v3', { description: undefined }) });
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.equal(first.body.name, 'Put test v2');
    assert.equal(first.body.createdAt, created.createdAt);
    assert.ok(first.body.updatedAt > created.updatedAt);
    assert.ok(second.body.updatedAt > first.body.updatedAt);
    assert.equal(second.body.description, undefined, 'PUT is a full replacement');
    const stored = (await emu.call('GET', `/connectionSpecs/${created.id}`)).body.items[0];
    assert.deepEqual(stored, second.body);
  });

  test('concurrent PUTs to one spec all succeed with distinct, increasing updatedAt', async () => {
    const created = await emu.create('connectionSpecs', sampleConnectionSpec('Concurrent'));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => emu.call('PUT', `/connectionSpecs/${created.id}`, { body: sampleConnectionSpec(`Concurrent ${i}`) })),
    );
    const stamps = results.map((r) => r.body.updatedAt as number);
    assert.ok(results.every((r) => r.status === 200));
    assert.equal(new Set(stamps).size, 20);
    const last = results.reduce((a, b) => (a.body.updatedAt > b.body.updatedAt ? a : b));
    const stored = (await emu.call('GET', `/connectionSpecs/${created.id}`)).body.items[0];
    assert.equal(stored.name, last.body.name, 'the last accepted write wins');
  });

  test('appending a connection spec id to RestStorageToAEP (the documented workflow)', async () => {
    const created = await emu.create('connectionSpecs', sampleConnectionSpec('Append me'));
    const current = (await emu.call('GET', `/flowSpecs/${REST_ID}`)).body.items[0];
    const body = { ...current, sourceConnectionSpecIds: [...current.sourceConnectionSpecIds, created.id] };
    const put = await emu.call('PUT', `/flowSpecs/${REST_ID}`, { body });
    assert.equal(put.status, 200);
    assert.ok(put.body.sourceConnectionSpecIds.includes(created.id));
    assert.equal(put.body.createdAt, current.createdAt);
    assert.equal(put.body.updatedBy, `${TEST_CLIENT_ID}@AdobeID`);
  });

  test('body errors: empty, invalid JSON, not an object, missing name/providerId, bad sourceConnectionSpecIds', async () => {
    const empty = await emu.call('POST', '/connectionSpecs', { rawBody: '' });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1405-400');
    const invalid = await emu.call('POST', '/connectionSpecs', { rawBody: '{"name": "x",}' });
    assert.equal(invalid.status, 400);
    assert.match(invalid.body.report['detailed-message'], /not valid JSON/);
    const array = await emu.call('POST', '/flowSpecs', { body: [1, 2] });
    assert.equal(array.status, 400);
    const noName = await emu.call('POST', '/connectionSpecs', { body: { providerId: 'p' } });
    assert.equal(noName.status, 400);
    assert.equal(noName.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1455-400');
    assert.match(noName.body.report['detailed-message'], /'name'/);
    const noProvider = await emu.call('POST', '/connectionSpecs', { body: { name: 'n' } });
    assert.match(noProvider.body.report['detailed-message'], /'providerId'/);
    const badIds = await emu.call('POST', '/flowSpecs', { body: { name: 'F', providerId: 'p', sourceConnectionSpecIds: ['ok', 42] } });
    assert.equal(badIds.status, 400);
    assert.match(badIds.body.report['detailed-message'], /sourceConnectionSpecIds\[1\]/);
    const putMissing = await emu.call('PUT', `/flowSpecs/${REST_ID}`, { body: { providerId: 'p' } });
    assert.equal(putMissing.status, 400);
    assert.equal(putMissing.body.report['request-id'], putMissing.headers.get('x-request-id'));
  });

  test('PUT with a body id different from the path id → 400; unknown ids → FLOW-1101-404', async () => {
    const mismatch = await emu.call('PUT', `/flowSpecs/${REST_ID}`, { body: { name: 'x', providerId: 'p', id: STREAMING_ID } });
    assert.equal(mismatch.status, 400);
    assert.match(mismatch.body.report['detailed-message'], /does not match/);
    const unchanged = (await emu.call('GET', `/flowSpecs/${STREAMING_ID}`)).body.items[0];
    assert.equal(unchanged.name, 'GenericStreamingAEP');

    const missingGet = await emu.call('GET', '/connectionSpecs/00000000-0000-4000-8000-000000000000');
    assert.equal(missingGet.status, 404);
    assert.equal(missingGet.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1101-404');
    assert.equal(missingGet.body.title, 'Resource not found');
    assert.equal(missingGet.body.report.id, '00000000-0000-4000-8000-000000000000');
    const missingPut = await emu.call('PUT', '/connectionSpecs/00000000-0000-4000-8000-000000000000', { body: sampleConnectionSpec() });
    assert.equal(missingPut.status, 404);
  });

  test('sandboxes and orgs are isolated; seeds exist in each on first use', async () => {
    const inDev = await emu.create('connectionSpecs', sampleConnectionSpec('Only in dev'), { sandbox: 'dev' });
    assert.equal(inDev.sandboxName, 'dev');
    assert.equal((await emu.call('GET', `/connectionSpecs/${inDev.id}`)).status, 404);
    assert.equal((await emu.call('GET', `/connectionSpecs/${inDev.id}`, { sandbox: 'dev' })).status, 200);
    assert.equal((await emu.call('GET', `/connectionSpecs/${inDev.id}`, { sandbox: 'dev', orgId: 'OTHER@AdobeOrg' })).status, 404);
    const otherSandbox = await emu.call('GET', `/flowSpecs/${REST_ID}`, { sandbox: 'brand-new' });
    assert.equal(otherSandbox.status, 200);
    assert.equal(otherSandbox.body.items[0].sandboxName, 'brand-new');
    assert.notEqual(otherSandbox.body.items[0].sandboxId, inDev.sandboxId);
  });
});

describe('emulator list: filters and paging', () => {
  test('property filters: ==, OR sets, !=, numeric comparisons, attributes.*, AND of several', async () => {
    await withEmulator({ seed: false }, async (emu) => {
      const a = await emu.create('connectionSpecs', sampleConnectionSpec('Alpha', { attributes: { category: 'CRM', isSource: true } }));
      const b = await emu.create('connectionSpecs', sampleConnectionSpec('Beta', { type: 'generic-streaming', providerId: '521eee4d-8cbe-4906-bb48-fb6bd4450033' }));
      const c = await emu.create('connectionSpecs', sampleConnectionSpec('Gamma', { attributes: { category: 'Payments' } }));
      const names = async (...property: string[]) => {
        const query = property.map((p) => `property=${encodeURIComponent(p)}`).join('&');
        const result = await emu.call('GET', `/connectionSpecs?${query}`);
        assert.equal(result.status, 200, result.text);
        return result.body.items.map((s: LooseJson) => s.name);
      };
      assert.deepEqual(await names('name==Alpha'), ['Alpha']);
      assert.deepEqual(await names('name==Alpha,Gamma'), ['Alpha', 'Gamma']);
      assert.deepEqual(await names('name!=Alpha'), ['datalake', 'Beta', 'Gamma'], 'the platform\'s data lake spec is listed too');
      assert.deepEqual(await names(`id==${b.id}`), ['Beta']);
      assert.deepEqual(await names('type==generic-rest'), ['Alpha', 'Gamma']);
      assert.deepEqual(await names('providerId==521eee4d-8cbe-4906-bb48-fb6bd4450033'), ['Beta']);
      assert.deepEqual(await names('attributes.category==CRM'), ['Alpha']);
      assert.deepEqual(await names('attributes.isSource==true'), ['Alpha']);
      assert.deepEqual(await names(`updatedAt>${a.updatedAt}`), ['Beta', 'Gamma']);
      assert.deepEqual(await names(`updatedAt>=${b.updatedAt}`, `updatedAt<=${c.updatedAt}`), ['Beta', 'Gamma']);
      assert.deepEqual(await names(`createdAt<${b.createdAt}`), ['datalake', 'Alpha'], 'the platform\'s spec is older than any');
      assert.deepEqual(await names('type==generic-rest', 'name!=Gamma'), ['Alpha']);
      assert.deepEqual(await names('name=="Alpha"'), ['Alpha']);
    });
  });

  test('filter errors: ~ → 1440, unknown field → 1449, bad operator → 1450, range with several values → 1443', async () => {
    await withEmulator({}, async (emu) => {
      const code = async (resource: string, property: string) => {
        const result = await emu.call('GET', `/${resource}?property=${encodeURIComponent(property)}`);
        assert.equal(result.status, 400);
        return result.body.type.replace('https://ns.adobe.com/aep/errors/', '');
      };
      assert.equal(await code('connectionSpecs', 'name~Alp'), 'FLOW-1440-400');
      assert.equal(await code('connectionSpecs', 'colour==red'), 'FLOW-1449-400');
      assert.equal(await code('flowSpecs', 'attributes.frequency==batch'), 'FLOW-1449-400');
      assert.equal(await code('flowSpecs', 'type==x'), 'FLOW-1449-400');
      assert.equal(await code('connectionSpecs', 'name'), 'FLOW-1450-400');
      assert.equal(await code('connectionSpecs', 'name="abc"'), 'FLOW-1450-400');
      assert.equal(await code('connectionSpecs', 'updatedAt<=1,2'), 'FLOW-1443-400');
      const flowOk = await emu.call('GET', '/flowSpecs?property=name%3D%3DGenericStreamingAEP');
      assert.deepEqual(flowOk.body.items.map((s: LooseJson) => s.id), ['e77fde5a-22a8-11ed-861d-0242ac120002']);
    });
  });

  test('paging: limit + opaque continuationToken via _links.next until done; bad limit/token → 400', async () => {
    await withEmulator({ seed: false }, async (emu) => {
      for (let i = 0; i < 7; i++) await emu.create('flowSpecs', { name: `Flow ${i}`, providerId: i % 2 ? 'odd' : 'even' });
      const seen: string[] = [];
      let path: string | undefined = '/flowSpecs?limit=3';
      let pages = 0;
      while (path) {
        const page: CallResult = await emu.call('GET', path);
        assert.equal(page.status, 200);
        pages++;
        seen.push(...page.body.items.map((s: LooseJson) => s.name));
        path = page.body._links?.next?.href;
        if (path) assert.match(path, /^\/flowSpecs\?continuationToken=[^=&]+$/);
      }
      assert.equal(pages, 3);
      assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6].map((i) => `Flow ${i}`));

      const filtered = await emu.call('GET', '/flowSpecs?property=providerId%3D%3Deven&limit=2');
      assert.deepEqual(filtered.body.items.map((s: LooseJson) => s.name), ['Flow 0', 'Flow 2']);
      const next = await emu.call('GET', filtered.body._links.next.href);
      assert.deepEqual(next.body.items.map((s: LooseJson) => s.name), ['Flow 4', 'Flow 6']);
      assert.deepEqual(next.body._links, {}, 'the last page carries _links without next');

      const all = await emu.call('GET', '/flowSpecs');
      assert.equal(all.body.items.length, 7);
      assert.deepEqual(all.body._links, {});
      assert.equal(all.body.count, 7);
      assert.deepEqual((await emu.call('GET', '/flowSpecs?count=true')).body, { count: 7 });
      assert.equal((await emu.call('GET', '/flowSpecs?limit=0')).body.type, 'https://ns.adobe.com/aep/errors/FLOW-1451-400');
      assert.equal((await emu.call('GET', '/flowSpecs?continuationToken=garbage!')).status, 400);
      assert.equal((await emu.call('GET', '/flowSpecs?count=true&limit=2')).body.type, 'https://ns.adobe.com/aep/errors/FLOW-1401-400');
    });
  });

  test('seedConnectionSpecs are created in every scope with stable ids', async () => {
    await withEmulator({ seedConnectionSpecs: [sampleConnectionSpec('Seeded source')] }, async (emu) => {
      const prod = (await emu.call('GET', '/connectionSpecs?property=name%3D%3DSeeded%20source')).body.items;
      const dev = (await emu.call('GET', '/connectionSpecs?property=name%3D%3DSeeded%20source', { sandbox: 'dev' })).body.items;
      assert.equal(prod.length, 1);
      assert.equal(dev.length, 1);
      assert.match(prod[0].id, UUID_V4);
      assert.equal(prod[0].createdClient, 'acp_foundation_connectors');
    });
  });
});

describe('emulator seeding from a folder', () => {
  test('a seeded flow spec named like a built-in one replaces it (same id) instead of adding a second of that name', async () => {
    const copy = { name: 'RestStorageToAEP', providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a', version: '1.0',
      sourceConnectionSpecIds: ['4e98f16f-87d6-4ef0-bdc6-7a2b0fe76e62'], targetConnectionSpecIds: ['c604ff05-7f1a-43c0-8e18-33bf874cb11c'] };
    await withEmulator({ seedFlowSpecs: [copy] }, async (emu) => {
      const named = await emu.call('GET', '/flowSpecs?property=name==RestStorageToAEP');
      assert.equal(named.status, 200);
      assert.equal(named.body.items.length, 1);
      assert.equal(named.body.items[0].id, REST_ID);
      assert.deepEqual(named.body.items[0].sourceConnectionSpecIds, ['4e98f16f-87d6-4ef0-bdc6-7a2b0fe76e62']);
      const streaming = await emu.call('GET', `/flowSpecs/${STREAMING_ID}`);
      assert.equal(streaming.body.items[0].name, 'GenericStreamingAEP');
    });
  });
});

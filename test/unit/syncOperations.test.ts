import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { FlowServiceError } from '../../core/api/errors';
import { MemoryLinkStore, environmentKey } from '../../core/sync/links';
import { diffSpec, pullSpec, pushSpec, PushRefused } from '../../core/sync/operations';
import { planRegister, registerInFlowSpec } from '../../core/sync/register';
import { GENERIC_STREAMING_AEP_ID, REST_STORAGE_TO_AEP_ID } from '../../core/spec/wellKnownIds';
import { MemoryFlowService } from './fakes/memoryFlowService';

const FILE = 'specs/acme-connectionSpec.json';
const spec = { name: 'Acme source', providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a', version: '1.0', type: 'generic-rest', authSpec: [], sourceSpec: {}, exploreSpec: {} };
const text = (value: object) => `${JSON.stringify(value, null, 2)}\n`;

function setup() {
  return { service: new MemoryFlowService(), links: new MemoryLinkStore() };
}

describe('pushSpec', () => {
  test('creates, then is unchanged, then updates; links follow the remote', async () => {
    const { service, links } = setup();
    const first = await pushSpec({ client: service, filePath: FILE, text: text(spec), links });
    assert.equal(first.action, 'created');
    assert.equal(first.resource, 'connectionSpecs');
    const link = await links.get(environmentKey(service.environment), FILE);
    assert.equal(link?.remoteId, first.remote.id);
    assert.equal((await pushSpec({ client: service, filePath: FILE, text: text(spec), links })).action, 'unchanged');
    const second = await pushSpec({ client: service, filePath: FILE, text: text({ ...spec, description: 'v2' }), links });
    assert.equal(second.action, 'updated');
    assert.equal(service.specs.connectionSpecs.get(first.remote.id)?.description, 'v2');
    assert.equal(service.calls.filter((c) => c.startsWith('create')).length, 1);
  });

  test('a remote changed since the last sync is a conflict carrying the remote; force overwrites', async () => {
    const { service, links } = setup();
    const { remote } = await pushSpec({ client: service, filePath: FILE, text: text(spec), links });
    service.touch('connectionSpecs', remote.id, { description: 'edited in another tool' });
    await assert.rejects(pushSpec({ client: service, filePath: FILE, text: text({ ...spec, description: 'mine' }), links }), (err: FlowServiceError) => {
      assert.equal(err.kind, 'conflict');
      assert.equal(err.details.remote?.description, 'edited in another tool');
      assert.ok(err instanceof PushRefused);
      assert.equal(err.plan.reason, 'remote-changed');
      assert.equal(err.plan.localChangedSinceSync, true);
      return true;
    });
    assert.equal(service.specs.connectionSpecs.get(remote.id)?.description, 'edited in another tool');
    const forced = await pushSpec({ client: service, filePath: FILE, text: text({ ...spec, description: 'mine' }), links, decisions: ['overwrite'] });
    assert.equal(forced.action, 'updated');
    assert.equal(service.specs.connectionSpecs.get(remote.id)?.description, 'mine');
  });

  test('unlinked file with a same-named remote: conflict naming the id unless adopt/force', async () => {
    const { service, links } = setup();
    const existing = service.seed('connectionSpecs', { ...spec, description: 'remote' });
    await assert.rejects(pushSpec({ client: service, filePath: FILE, text: text(spec), links }), (err: FlowServiceError) => err instanceof PushRefused && err.plan.reason === 'name-taken' && err.plan.remote?.id === existing.id);
    const adopted = await pushSpec({ client: service, filePath: FILE, text: text(spec), links, decisions: ['adopt'] });
    assert.equal(adopted.action, 'updated');
    assert.equal(adopted.remote.id, existing.id);
    assert.equal(service.specs.connectionSpecs.size, 1);
  });

  test('unlinked file identical to the same-named remote just links', async () => {
    const { service, links } = setup();
    const existing = service.seed('connectionSpecs', spec);
    const result = await pushSpec({ client: service, filePath: FILE, text: text(spec), links });
    assert.deepEqual([result.action, result.remote.id], ['unchanged', existing.id]);
  });

  test('server fields in the file are not sent; flow spec PUT bodies carry the id', async () => {
    const { service, links } = setup();
    const flow = service.seed('flowSpecs', { name: 'MyFlow', providerId: 'p', sourceConnectionSpecIds: [] });
    let sent: Record<string, unknown> | undefined;
    service.onPut = (body) => ((sent = body), body);
    await pushSpec({ client: service, filePath: 'my-flowSpec.json', text: text({ id: 'ignored', createdAt: 1, name: 'MyFlow', providerId: 'p', sourceConnectionSpecIds: ['x'] }), links, decisions: ['adopt'] });
    assert.equal(sent?.id, flow.id);
    assert.equal(sent?.createdAt, undefined);
  });

  test('invalid JSON and unknown kinds are refused before any call', async () => {
    const { service, links } = setup();
    await assert.rejects(pushSpec({ client: service, filePath: FILE, text: '{ nope', links }), (err: FlowServiceError) => err.kind === 'validation' && err.message.includes(FILE));
    await assert.rejects(pushSpec({ client: service, filePath: 'notes.json', text: '{"a":1}', links }), (err: FlowServiceError) => err.kind === 'config');
    assert.deepEqual(service.calls, []);
  });
});

describe('pullSpec and diffSpec', () => {
  test('pull by name renders the authoring form; diff sees local edits', async () => {
    const { service, links } = setup();
    service.seed('connectionSpecs', spec);
    const pulled = await pullSpec({ client: service, resource: 'connectionSpecs', idOrName: 'Acme source' });
    assert.equal(JSON.parse(pulled.text).id, undefined);
    assert.deepEqual(Object.keys(JSON.parse(pulled.text)).slice(0, 4), ['name', 'providerId', 'version', 'type']);
    const same = await diffSpec({ client: service, filePath: FILE, text: pulled.text, links });
    assert.equal(same.same, true);
    const changed = await diffSpec({ client: service, filePath: FILE, text: text({ ...spec, version: '2.0' }), links });
    assert.equal(changed.summary, '1 change: version changed');
  });

  test('pull of an unknown name is not-found', async () => {
    const { service } = setup();
    await assert.rejects(pullSpec({ client: service, resource: 'flowSpecs', idOrName: 'Nope' }), (err: FlowServiceError) => err.kind === 'not-found');
  });
});

describe('register', () => {
  const restIds = ['4e98f16f-87d6-4ef0-bdc6-7a2b0fe76e62', '2e8580db-6489-4726-96de-e33f5f60295f'];
  function withFlowSpecs() {
    const { service } = setup();
    service.seed('flowSpecs', { id: REST_STORAGE_TO_AEP_ID, name: 'RestStorageToAEP', providerId: 'p', sourceConnectionSpecIds: [...restIds], targetConnectionSpecIds: ['c604ff05-7f1a-43c0-8e18-33bf874cb11c'] });
    service.seed('flowSpecs', { id: GENERIC_STREAMING_AEP_ID, name: 'GenericStreamingAEP', providerId: 'p', sourceConnectionSpecIds: ['e77fd9d2-22a8-11ed-861d-0242ac120002'] });
    return service;
  }

  test('generic-rest goes to RestStorageToAEP, keeping every id; a second run changes nothing', async () => {
    const service = withFlowSpecs();
    const cs = service.seed('connectionSpecs', spec);
    const result = await registerInFlowSpec({ client: service, connectionSpecId: cs.id });
    assert.equal(result.changed, true);
    assert.deepEqual(result.after.sourceConnectionSpecIds, [...restIds, cs.id]);
    assert.match(result.diff, new RegExp(`\\+\\s+"${cs.id}"`));
    assert.equal(service.specs.flowSpecs.get(REST_STORAGE_TO_AEP_ID)?.targetConnectionSpecIds instanceof Array, true);
    const again = await registerInFlowSpec({ client: service, connectionSpecId: cs.id });
    assert.equal(again.changed, false);
    assert.equal(service.calls.filter((c) => c.startsWith('update')).length, 1);
  });

  test('generic-streaming goes to GenericStreamingAEP', async () => {
    const service = withFlowSpecs();
    const cs = service.seed('connectionSpecs', { ...spec, type: 'generic-streaming' });
    const result = await registerInFlowSpec({ client: service, connectionSpecId: cs.id });
    assert.equal(result.after.id, GENERIC_STREAMING_AEP_ID);
    assert.deepEqual(result.after.sourceConnectionSpecIds, ['e77fd9d2-22a8-11ed-861d-0242ac120002', cs.id]);
  });

  test('planRegister returns body and diff without a PUT; a flow spec can be named', async () => {
    const service = withFlowSpecs();
    const cs = service.seed('connectionSpecs', { ...spec, type: 'something-else' });
    await assert.rejects(planRegister({ client: service, connectionSpecId: cs.id }), (err: FlowServiceError) => err.kind === 'config');
    const plan = await planRegister({ client: service, connectionSpecId: cs.id, flowSpecId: 'RestStorageToAEP' });
    assert.equal(plan.changed, true);
    assert.equal(plan.body?.id, REST_STORAGE_TO_AEP_ID);
    assert.deepEqual(plan.body?.sourceConnectionSpecIds, [...restIds, cs.id]);
    assert.equal(plan.body?.updatedAt, undefined);
    assert.equal(service.calls.filter((c) => c.startsWith('update')).length, 0);
  });

  test('an id lost by the server is detected after the PUT', async () => {
    const service = withFlowSpecs();
    const cs = service.seed('connectionSpecs', spec);
    service.onPut = (body) => ({ ...body, sourceConnectionSpecIds: (body.sourceConnectionSpecIds as string[]).slice(1) });
    await assert.rejects(registerInFlowSpec({ client: service, connectionSpecId: cs.id }), (err: FlowServiceError) => err.kind === 'bad-response' && err.message.includes(restIds[0]));
  });
});

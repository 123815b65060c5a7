// PATCH refuses the fields the Flow Service manages: `createdAt`, `createdBy`, `createdClient`, `sandboxId`,
// `sandboxName` (another sandbox's name on a record stored in this one), `imsOrgId`, a flow's `lastRunDetails`, …
// were all persisted. Each is now a 400 that names the field, and the record is left as it was; an ordinary patch
// still applies.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEmulator, type TestEmulator } from '../emulator/helpers/emulator';
import { createChain, scriptedSpec, startScriptedSource, type ScriptedSource } from './helpers/scriptedSource';

describe('PATCH and server-managed fields', () => {
  let emu: TestEmulator;
  let source: ScriptedSource;
  const ids: Record<string, string> = {};
  before(async () => {
    emu = await startTestEmulator({});
    source = await startScriptedSource(() => ({ json: { items: [] } }));
    const chain = await createChain(emu, scriptedSpec(source.url, '/items'));
    ids.connections = chain.connectionId;
    ids.flows = await chain.flow({ startTime: Math.floor(Date.now() / 1000) + 86_400, frequency: 'once' });
    ids.sourceConnections = (await emu.call('GET', '/sourceConnections')).body.items[0].id;
  });
  after(async () => { await emu.close(); await source.close(); });

  async function patch(resource: string, ops: unknown[]) {
    const current = (await emu.call('GET', `/${resource}/${ids[resource]}`)).body.items[0];
    const reply = await emu.call('PATCH', `/${resource}/${ids[resource]}`, { body: ops, headers: { 'if-match': current.etag } });
    const after = (await emu.call('GET', `/${resource}/${ids[resource]}`)).body.items[0];
    return { current, reply, after };
  }

  const audit: Array<[string, unknown]> = [
    ['createdAt', 1], ['createdBy', 'someone-else@AdobeID'], ['createdClient', 'other-client'], ['updatedAt', 2],
    ['sandboxId', '00000000-0000-0000-0000-000000000000'], ['sandboxName', 'dev'], ['imsOrgId', 'OTHER@AdobeOrg'], ['etag', '"mine"'],
  ];
  for (const resource of ['connections', 'sourceConnections', 'flows']) {
    test(`${resource}: each audit, sandbox and org field is refused by name and left unchanged`, async () => {
      for (const [field, value] of audit) {
        const { current, reply, after } = await patch(resource, [{ op: 'replace', path: `/${field}`, value }]);
        assert.equal(reply.status, 400, `${field}: ${reply.text}`);
        assert.match(reply.body.errorMessage, new RegExp(`'${field}' is managed by the Flow Service and read-only`));
        assert.equal(reply.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1455-400');
        assert.deepEqual(after, current, `${field} must not change`);
      }
    });
  }

  test("a flow's lastRunDetails, lastOperation and inheritedAttributes are refused; emulator-internal fields too", async () => {
    for (const ops of [
      [{ op: 'add', path: '/lastRunDetails', value: { id: 'x', state: 'success', startedAtUTC: 1, completedAtUTC: 2 } }],
      [{ op: 'replace', path: '/lastOperation', value: { operation: 'create' } }],
      [{ op: 'remove', path: '/inheritedAttributes' }],
      [{ op: 'add', path: '/_trigger', value: 'schedule' }],
    ]) {
      const { current, reply, after } = await patch('flows', ops);
      const field = ops[0]!.path.slice(1);
      assert.equal(reply.status, 400, reply.text);
      assert.match(reply.body.errorMessage, new RegExp(`'${field}'`));
      assert.deepEqual(after, current);
    }
    const both = await patch('flows', [{ op: 'replace', path: '/createdBy', value: 'x' }, { op: 'replace', path: '/imsOrgId', value: 'y' }]);
    assert.match(both.reply.body.errorMessage, /fields 'createdBy', 'imsOrgId' are managed by the Flow Service/);
  });

  test('an ordinary patch still applies, and may carry a test of a read-only field', async () => {
    const { current, reply, after } = await patch('flows', [{ op: 'test', path: '/sandboxName', value: 'prod' }, { op: 'replace', path: '/name', value: 'renamed' }]);
    assert.equal(reply.status, 200, reply.text);
    assert.equal(after.name, 'renamed');
    assert.equal(after.createdAt, current.createdAt);
    assert.equal(after.sandboxName, 'prod');
  });
});

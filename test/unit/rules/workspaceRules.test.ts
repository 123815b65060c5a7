/**
 * The workspace rules (core/analysis/rules/workspace) on snapshots: SSDK820 (a linked connection spec no flow spec
 * lists) and SSDK821 (two connection specs with one name), the snapshot scanned from disk as `sources-sdk validate`
 * and the language server scan it, and SSDK820 clearing once a registration is recorded in the links file.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkspace } from '../../../core/analysis/rules/workspace/index';
import { FileLinkStore, environmentKey } from '../../../core/sync/links';
import { registerInFlowSpec } from '../../../core/sync/register';
import { REST_STORAGE_TO_AEP_ID } from '../../../core/spec/wellKnownIds';
import { nodeWorkspaceFiles } from '../../../core/workspace/nodeFiles';
import { scanWorkspace } from '../../../core/workspace/scanWorkspace';
import { emptySnapshot, type SpecSummary, type WorkspaceLink } from '../../../core/workspace/snapshot';
import { tempFolders } from '../../helpers/tempFolders';
import { MemoryFlowService } from '../fakes/memoryFlowService';

const temp = tempFolders();
const ROOT = '/ws';
const ENV = 'local|ORG@AdobeOrg|dev';
const spec = (path: string, kind: SpecSummary['kind'], name: string, ids: string[] = []): SpecSummary => ({
  path: `${ROOT}/${path}`, kind, name, nameRange: { start: { line: 1, character: 10 }, end: { line: 1, character: 16 } }, sourceConnectionSpecIds: ids,
});
const link = (path: string, remoteId: string, environment = ENV): WorkspaceLink => ({ path: `${ROOT}/${path}`, environment, resource: 'connectionSpecs', remoteId });
const codesByFile = (found: Map<string, Array<{ code?: unknown }>>) =>
  Object.fromEntries([...found].map(([path, list]) => [path.slice(ROOT.length + 1), list.map((d) => String(d.code))]));

describe('workspace rules', () => {
  test('SSDK820: a linked id listed by no flow spec file and no registration seen; SSDK821: one name twice', () => {
    const found = checkWorkspace({
      ...emptySnapshot([ROOT]),
      specs: [spec('a-connectionSpec.json', 'connectionSpec', 'acme'), spec('b-connectionSpec.json', 'connectionSpec', 'acme'),
        spec('c-connectionSpec.json', 'connectionSpec', 'other'), spec('d-connectionSpec.json', 'connectionSpec', 'fourth'),
        spec('rest-flowSpec.json', 'flowSpec', 'RestStorageToAEP', ['id-b'])],
      links: [link('a-connectionSpec.json', 'id-a'), link('b-connectionSpec.json', 'id-b'), link('c-connectionSpec.json', 'id-c'),
        link('d-connectionSpec.json', 'id-d')],
      seenFlowSpecs: [{ environment: ENV, id: 'flow', sourceConnectionSpecIds: ['id-c'] }, { environment: 'prod|ORG@AdobeOrg|prod', id: 'flow', sourceConnectionSpecIds: ['id-d'] }],
    });
    assert.deepEqual(codesByFile(found), {
      'a-connectionSpec.json': ['SSDK820', 'SSDK821'],
      'b-connectionSpec.json': ['SSDK821'],
      'c-connectionSpec.json': [],
      'd-connectionSpec.json': ['SSDK820'], // registered in another environment only
      'rest-flowSpec.json': [],
    });
    const [unregistered, twin] = found.get(`${ROOT}/a-connectionSpec.json`)!;
    assert.equal(unregistered.severity, 3);
    assert.deepEqual(unregistered.data, { remoteIds: ['id-a'] });
    assert.match(String(unregistered.message), /linked to id-a, which is not registered in the workspace's flow spec files nor in a remote flow spec/);
    assert.deepEqual(unregistered.range, { start: { line: 1, character: 10 }, end: { line: 1, character: 16 } });
    assert.match(String(twin.message), /also named "acme" \(b-connectionSpec\.json\)/);
  });

  test('specs outside the workspace folders are neither checked nor counted', () => {
    const found = checkWorkspace({
      ...emptySnapshot([ROOT]),
      specs: [spec('a-connectionSpec.json', 'connectionSpec', 'acme'), { ...spec('x', 'connectionSpec', 'acme'), path: '/elsewhere/x-connectionSpec.json' }],
      links: [{ ...link('x', 'id-x'), path: '/elsewhere/x-connectionSpec.json' }],
    });
    assert.deepEqual(codesByFile(found), { 'a-connectionSpec.json': [] });
  });

  test('after a registration through the tools, the links file remembers the flow spec and SSDK820 clears', async () => {
    const root = temp('workspace-rules-');
    mkdirSync(join(root, 'specs'));
    const acme = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'valid', 'acme-crm-connectionSpec.json'), 'utf8'));
    writeFileSync(join(root, 'specs', 'acme-connectionSpec.json'), JSON.stringify(acme, null, 2));
    const service = new MemoryFlowService();
    service.seed('flowSpecs', { id: REST_STORAGE_TO_AEP_ID, name: 'RestStorageToAEP', providerId: 'p', sourceConnectionSpecIds: ['someone-else'] });
    const remote = service.seed('connectionSpecs', acme);
    const links = new FileLinkStore(root);
    await links.set(environmentKey(service.environment), join(root, 'specs', 'acme-connectionSpec.json'),
      { resource: 'connectionSpecs', remoteId: remote.id, contentHash: 'h', syncedAt: '2026-01-01T00:00:00Z' });

    const codes = async () => [...checkWorkspace(await scanWorkspace([root], nodeWorkspaceFiles)).values()].flat().map((d) => String(d.code));
    assert.deepEqual(await codes(), ['SSDK820']);
    await registerInFlowSpec({ client: service, connectionSpecId: remote.id, links });
    assert.deepEqual(await codes(), []);
    const seen = (await links.readAll()).seenFlowSpecs?.[environmentKey(service.environment)]?.[REST_STORAGE_TO_AEP_ID];
    assert.deepEqual(seen?.sourceConnectionSpecIds, ['someone-else', remote.id]);
    assert.equal(seen?.name, 'RestStorageToAEP');
  });

  test('an invalid links file is left out with a reason, never a crash', async () => {
    const root = temp('workspace-rules-bad-');
    mkdirSync(join(root, '.sources-sdk'));
    writeFileSync(join(root, '.sources-sdk', 'links.json'), JSON.stringify({ environments: { x: { 'a.json': { resource: 'nope' } } } }));
    const problems: string[] = [];
    const snapshot = await scanWorkspace([root], nodeWorkspaceFiles, (problem) => problems.push(problem));
    assert.deepEqual(snapshot.links, []);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /links\.json: environments\["x"\]\["a\.json"\]\.resource must be "connectionSpecs" or "flowSpecs".*the workspace checks ignore its links/);
  });
});

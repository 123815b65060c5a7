/**
 * Contract tests that use the emulator the way real Flow Service clients do (issue 20 point 7), written by us from
 * Adobe's OpenAPI (test/contract/flow-service.openapi.yaml) and what third-party clients are known to rely on.
 *
 * The table of what is imitated and what is not lives in docs/emulator.md (between the `imitation-table` markers):
 * this file reads it and runs one check per row, so the page and the behaviour cannot drift apart. A row without a
 * check, or a check without a row, fails; so does a row whose "imitated" column says otherwise than its check.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLOW_RESOURCE_LIST, flowResourcePath } from '../../core/api/flowResources';
import { startFakeSource, FAKE_CREDENTIALS, type FakeSource } from '../helpers/fakeSource';
import { AUTH } from '../helpers/fakeSourceSpecs';
import type { LooseJson } from '../helpers/looseJson';
import { tempFolders } from '../helpers/tempFolders';
import { base64Json, chainSpec, finished, REST_FLOW_SPEC_ID, registerInFlowSpec, waitForRuns } from './helpers/chain';
import { connectionSpecIdByName, walkList } from './helpers/clientLike';
import { startTestEmulator, type TestEmulator } from './helpers/emulator';
import { openApiValidators } from './helpers/openapi';

const DOC = join(__dirname, '..', '..', 'docs', 'emulator.md');

interface Row {
  check: string;
  behaviour: string;
  imitated: 'yes' | 'no';
}

/** The rows of the imitation table of docs/emulator.md. */
function imitationTable(): Row[] {
  const text = readFileSync(DOC, 'utf8');
  const start = text.indexOf('<!-- imitation-table -->');
  const end = text.indexOf('<!-- end imitation-table -->');
  assert.ok(start >= 0 && end > start, 'docs/emulator.md has the imitation table between its markers');
  return text
    .slice(start, end)
    .split('\n')
    .filter((line) => /^\| `[a-z-]+` \|/.test(line))
    .map((line) => {
      const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
      assert.ok(cells[2] === 'yes' || cells[2] === 'no', `the imitated column of ${cells[0]} says yes or no`);
      return { check: cells[0]!.replace(/`/g, ''), behaviour: cells[1]!, imitated: cells[2] as 'yes' | 'no' };
    });
}

const tempFolder = tempFolders();

describe('the emulator against the way real clients use the Flow Service', () => {
  let emu: TestEmulator;
  let source: FakeSource;
  let validators: ReturnType<typeof openApiValidators>;
  /** What the set-up created, as a client would have: ids taken from the answers. */
  const chain: Record<string, string> = {};

  async function created(path: string, body: unknown): Promise<LooseJson> {
    const answer = await emu.call('POST', path, { body });
    assert.equal(answer.status, 201, `POST ${path}: ${answer.text}`);
    return answer.body;
  }

  /** A once flow on the chain's connections that starts tomorrow: it runs only when asked (`POST /runs`). */
  async function onceFlow(name: string): Promise<string> {
    return (await created('/flows', {
      name,
      flowSpec: { id: REST_FLOW_SPEC_ID, version: '1.0' },
      sourceConnectionIds: [chain.sourceConnection],
      targetConnectionIds: [chain.targetConnection],
      transformations: [{ name: 'Mapping', params: { mappingId: chain.mappingSet, mappingVersion: 0 } }],
      scheduleParams: { startTime: Math.floor(Date.now() / 1000) + 86_400, frequency: 'once' },
    })).id;
  }

  /** Creates a mapping set and reads it back: every field as written, and none of the other form's (`otherForm`). */
  async function mappingSetReadsBack(body: Record<string, unknown>, otherForm: string): Promise<void> {
    const made = await created(flowResourcePath('mappingSets'), body);
    const read = (await emu.call('GET', flowResourcePath('mappingSets', made.id))).body;
    for (const [field, value] of Object.entries(body)) assert.deepEqual(read[field], value, field);
    assert.equal(read[otherForm], undefined, `not turned into the other form (${otherForm})`);
  }

  async function finishedRun(runId: string): Promise<LooseJson> {
    await emu.emulator.store.resources.idle();
    const run = (await emu.call('GET', `/runs/${runId}`)).body.items[0];
    assert.ok(['success', 'failed'].includes(run.metrics.statusSummary.status), JSON.stringify(run.metrics.statusSummary));
    return run;
  }

  before(async () => {
    validators = openApiValidators();
    source = await startFakeSource();
    emu = await startTestEmulator();
    const spec = await emu.create('connectionSpecs', chainSpec(source.url, 'Client contract source'));
    await registerInFlowSpec(emu, REST_FLOW_SPEC_ID, spec.id);
    chain.spec = spec.id;
    chain.connection = (await created('/connections', {
      name: 'Contract account', connectionSpec: { id: spec.id, version: '1.0' },
      auth: { specName: AUTH.basic, params: { username: FAKE_CREDENTIALS.username, password: FAKE_CREDENTIALS.password } },
    })).id;
    chain.sourceConnection = (await created('/sourceConnections', {
      name: 'Contract source', baseConnectionId: chain.connection, connectionSpec: { id: spec.id, version: '1.0' },
      data: { format: 'json' }, params: { listId: 'contract' },
    })).id;
    const dataLake = await connectionSpecIdByName(emu, 'datalake');
    assert.ok(dataLake, 'the data lake target spec is found by name');
    chain.targetConnection = (await created('/targetConnections', {
      name: 'Contract target', connectionSpec: { id: dataLake, version: '1.0' },
      data: { format: 'parquet_xdm', schema: { id: 'https://ns.adobe.com/contract/schemas/1', version: 'application/vnd.adobe.xed-full+json;version=1' } },
      params: { dataSetId: 'contract-dataset' },
    })).id;
    chain.mappingSet = (await created(flowResourcePath('mappingSets'), {
      version: 0,
      outputSchema: { schemaRef: { id: 'https://ns.adobe.com/contract/schemas/1', contentType: 'application/vnd.adobe.xed-full+json;version=1' } },
      mappings: [{ sourceType: 'ATTRIBUTE', source: 'id', destination: '_id' }],
    })).id;
    chain.flow = await onceFlow('Contract flow');
  });
  after(async () => {
    await emu?.close();
    await source?.close();
  });

  /** One check per table row; `imitated` must match the row's column. */
  const CHECKS: Record<string, { imitated: 'yes' | 'no'; run: () => Promise<void> }> = {
    'ims-token': { imitated: 'yes', run: async () => {
      const response = await fetch(`${emu.url}/ims/token/v3`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'contract', client_secret: 's', scope: 'openid,AdobeID' }).toString(),
      });
      const body = (await response.json()) as LooseJson;
      assert.equal(response.status, 200);
      assert.deepEqual({ type: body.token_type, expires: body.expires_in }, { type: 'bearer', expires: 86399 });
      assert.equal(typeof body.access_token, 'string');
    } },

    'ims-token-restart': { imitated: 'yes', run: async () => {
      const dataDir = tempFolder('contract-restart-');
      const first = await startTestEmulator({ dataDir });
      const token = await first.token('restart-client', 'secret');
      await first.close();
      const second = await startTestEmulator({ dataDir });
      try {
        const list = await second.call('GET', '/flows', { headers: { authorization: `Bearer ${token}`, 'x-api-key': 'restart-client' } });
        assert.equal(list.status, 200, `the token issued before the restart still works: ${list.text}`);
      } finally {
        await second.close();
      }
    } },

    'ims-jwt-exchange': { imitated: 'no', run: async () => {
      const response = await fetch(`${emu.url}/ims/exchange/jwt`, { method: 'POST' });
      assert.equal(response.status, 404);
      assert.match(((await response.json()) as LooseJson).message, /No route POST \/ims\/exchange\/jwt/);
    } },

    'gateway-headers': { imitated: 'yes', run: async () => {
      const codes: string[] = [];
      for (const missing of ['authorization', 'x-api-key', 'x-gw-ims-org-id']) {
        codes.push((await emu.call('GET', '/flows', { headers: { [missing]: null } })).body.error_code);
      }
      assert.deepEqual(codes, ['403010', '403000', '400003']);
      const noSandbox = await emu.call('GET', '/flows', { headers: { 'x-sandbox-name': null } });
      assert.equal(noSandbox.body.type, 'https://ns.adobe.com/aep/errors/FLOW-2105-400');
    } },

    'list-links': { imitated: 'yes', run: async () => {
      for (const row of FLOW_RESOURCE_LIST) {
        const { pages } = await walkList(emu, row.path);
        for (const page of pages) {
          assert.equal(typeof page.count, 'number', `${row.path}: count`);
          assert.ok(validators.pageLinks(page._links), `${row.path}: _links has the OpenAPI's PageLinksResponse shape`);
        }
      }
      for (const path of ['/connections', '/sourceConnections', '/targetConnections', '/flows', '/runs']) {
        const validate = validators.response(path, 'get', '200');
        assert.ok(validate((await emu.call('GET', `${path}?limit=1`)).body), `${path}: ${JSON.stringify(validate.errors)}`);
      }
    } },

    'list-paging': { imitated: 'yes', run: async () => {
      for (const row of FLOW_RESOURCE_LIST) {
        const all = (await emu.call('GET', row.path)).body.items.map((item: LooseJson) => item.id);
        const walked = await walkList(emu, row.path, { limit: '1' });
        assert.deepEqual(walked.items.map((item) => item.id), all, `${row.path}: paged one by one to the end`);
        for (const page of walked.pages.slice(0, -1)) assert.match(page._links.next.href, /^\/[A-Za-z]+\?continuationToken=[^=&]+$/);
      }
      const filtered = await walkList(emu, '/runs', { limit: '1', property: `flowId==${chain.flow}`, orderby: '-createdAt' });
      assert.ok(filtered.items.every((run) => run.flowId === chain.flow), 'filters survive paging');
    } },

    'list-orderby': { imitated: 'yes', run: async () => {
      await onceFlow('A contract flow');
      const names = async (orderby: string) => (await walkList(emu, '/flows', { orderby, limit: '2' })).items.map((flow) => flow.name as string);
      const ascending = await names('name');
      assert.deepEqual(ascending, [...ascending].sort());
      assert.deepEqual(await names('+name'), ascending);
      assert.deepEqual(await names('-name'), [...ascending].reverse());
      const created = (await walkList(emu, '/flows', { orderby: '-createdAt' })).items.map((flow) => flow.createdAt as number);
      assert.deepEqual(created, [...created].sort((a, b) => b - a));
      const unknown = await emu.call('GET', '/flows?orderby=bogusfield');
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.report['detailed-message'], /'bogusfield'/);
    } },

    'list-count': { imitated: 'yes', run: async () => {
      const all = (await walkList(emu, '/connections')).items.length;
      assert.deepEqual((await emu.call('GET', '/connections?count=true')).body, { count: all });
    } },

    'target-spec-by-name': { imitated: 'yes', run: async () => {
      const id = await connectionSpecIdByName(emu, 'datalake', 'another-sandbox');
      assert.equal(id, 'c604ff05-7f1a-43c0-8e18-33bf874cb11c');
      const got = await emu.call('GET', `/connectionSpecs/${id}`);
      assert.ok(validators.response('/connectionSpecs/{CONNECTION_SPEC_ID}', 'get', '200')(got.body));
      assert.equal((await emu.call('PUT', `/connectionSpecs/${id}`, { body: { name: 'x', providerId: 'y' } })).status, 405);
    } },

    'source-datalake-spec': { imitated: 'no', run: async () => {
      assert.equal(await connectionSpecIdByName(emu, 'activation-datalake'), undefined);
    } },

    'spec-no-patch-delete': { imitated: 'yes', run: async () => {
      for (const method of ['PATCH', 'DELETE']) {
        const refused = await emu.call(method, `/connectionSpecs/${chain.spec}`, method === 'PATCH' ? { body: [] } : {});
        assert.equal(refused.status, 405, method);
      }
    } },

    'mapping-current-form': { imitated: 'yes', run: async () => {
      await mappingSetReadsBack({
        version: 0,
        outputSchema: { schemaRef: { id: 'https://ns.adobe.com/contract/schemas/2', contentType: 'application/vnd.adobe.xed-full+json;version=1' } },
        mappings: [{ sourceType: 'ATTRIBUTE', source: 'name', destination: 'person.name' }],
      }, 'xdmSchema');
    } },

    'mapping-older-form': { imitated: 'yes', run: async () => {
      await mappingSetReadsBack({
        version: 0, xdmSchema: 'https://ns.adobe.com/contract/schemas/3', xdmVersion: '1.0',
        mappings: [{ sourceAttribute: 'id', destinationXdmPath: '_id', identity: false, version: 0 }],
      }, 'outputSchema');
    } },

    'mapping-applied': { imitated: 'no', run: async () => {
      const run = await emu.call('POST', '/runs', { body: { flowId: chain.flow } });
      assert.equal(run.status, 201, run.text);
      await finishedRun(run.body.id);
      const kept = await emu.call('GET', `/runs/${run.body.id}/records`);
      assert.ok(kept.body.items.length > 0);
      assert.ok(kept.body.items.every((record: LooseJson) => record._id === undefined && record.id !== undefined), 'records are kept as the source sent them');
    } },

    'run-with-params': { imitated: 'yes', run: async () => {
      const end = Math.floor(Date.now() / 1000);
      const answer = await emu.call('POST', '/runs', { body: { flowId: chain.flow, params: { startTime: end, windowStartTime: end - 7200, windowEndTime: end } } });
      assert.equal(answer.status, 201, answer.text);
      const run = await finishedRun(answer.body.id);
      assert.deepEqual(run.metrics.statusSummary.extensions.window, { startedAtUTC: (end - 7200) * 1000, endedAtUTC: end * 1000 });
    } },

    'run-without-params': { imitated: 'yes', run: async () => {
      const started = (await created('/flows', {
        name: 'Contract flow that started an hour ago', flowSpec: { id: REST_FLOW_SPEC_ID, version: '1.0' },
        sourceConnectionIds: [chain.sourceConnection], targetConnectionIds: [chain.targetConnection],
        scheduleParams: { startTime: Math.floor(Date.now() / 1000) - 3600, frequency: 'once' },
      })).id;
      // Its own scheduled run starts at once; wait for it so no run appears behind a later check's back.
      await waitForRuns(emu, started, (runs) => runs.length === 1 && finished(runs[0]!));
      for (const flowId of [started, chain.flow]) {
        const answer = await emu.call('POST', '/runs', { body: { flowId } });
        assert.equal(answer.status, 201, `a run without params: ${answer.text}`);
        assert.equal((await finishedRun(answer.body.id)).metrics.statusSummary.status, 'success');
      }
    } },

    'patch-if-match': { imitated: 'yes', run: async () => {
      const etag = (await emu.call('GET', `/flows/${chain.flow}`)).body.items[0].etag;
      const patched = await emu.call('PATCH', `/flows/${chain.flow}`, { body: [{ op: 'add', path: '/description', value: 'patched' }], headers: { 'if-match': etag } });
      assert.equal(patched.status, 200, patched.text);
      assert.notEqual(patched.body.etag, etag);
      const stale = await emu.call('PATCH', `/flows/${chain.flow}`, { body: [{ op: 'add', path: '/description', value: 'again' }], headers: { 'if-match': etag } });
      assert.equal(stale.status, 412);
    } },

    'patch-if-match-query': { imitated: 'no', run: async () => {
      const etag = (await emu.call('GET', `/connections/${chain.connection}`)).body.items[0].etag;
      const refused = await emu.call('PATCH', `/connections/${chain.connection}?if-match=${encodeURIComponent(etag)}`, { body: [{ op: 'replace', path: '/name', value: 'renamed' }] });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1403-400');
      assert.match(refused.body.report['detailed-message'], /query parameter 'if-match'.*If-Match header/);
    } },

    'explore-preview': { imitated: 'yes', run: async () => {
      const explored = await emu.call('GET', `/connections/${chain.connection}/explore?objectType=rest&object=json&fileType=json&preview=true&sourceParams=${base64Json({ listId: 'contract' })}`);
      assert.equal(explored.status, 200, explored.text);
      assert.ok(explored.body.data.length > 0);
    } },

    'explore-listing': { imitated: 'no', run: async () => {
      const bare = await emu.call('GET', `/connections/${chain.connection}/explore`);
      assert.equal(bare.status, 400);
      assert.match(bare.body.report['detailed-message'], /neither objectType nor preview/);
      assert.match(bare.body.report['detailed-message'], /objectType=rest&object=json&fileType=json&preview=true&sourceParams=/);
    } },

    'search': { imitated: 'no', run: async () => {
      for (const path of ['/connections/search', '/flows/search', '/flowSpecs/search']) {
        const answer = await emu.call('POST', path, { body: { queryString: 'x' } });
        assert.equal(answer.status, 404, path);
        assert.match(answer.body.message, /does not implement POST/);
      }
    } },

    'actions': { imitated: 'no', run: async () => {
      const calls: Array<[string, string]> = [
        ['POST', `/flows/${chain.flow}/action?op=DISABLE`],
        ['GET', `/connections/${chain.connection}/test`],
        ['GET', `/connections/${chain.connection}/configs`],
        ['POST', `/connections/${chain.connection}/action?op=PUBLISH`],
      ];
      for (const [method, path] of calls) {
        const answer = await emu.call(method, path, method === 'POST' ? { body: {} } : {});
        assert.equal(answer.status, 404, `${method} ${path}: ${answer.text}`);
      }
    } },

    'cross-sandbox': { imitated: 'no', run: async () => {
      const star = await emu.call('GET', '/flows', { sandbox: '*' });
      assert.equal(star.status, 200);
      assert.deepEqual(star.body.items, [], '"*" is a sandbox of its own, not every sandbox');
    } },

    'catalog-ids': { imitated: 'no', run: async () => {
      const target = await emu.call('POST', '/targetConnections', { body: { name: 't', connectionSpec: { id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c', version: '1.0' }, data: { format: 'parquet_xdm', schema: { id: 'no-such-schema' } }, params: { dataSetId: 'no-such-dataset' } } });
      assert.equal(target.status, 201);
    } },

    'permissions': { imitated: 'no', run: async () => {
      assert.equal((await emu.call('GET', '/flows')).status, 200, 'no permission or entitlement check of its own');
      emu.emulator.setFaults([{ kind: 'refuse', status: 403, code: '2120', message: 'Forbidden (rehearsed)', times: 1, match: { method: 'GET', path: '/flows' } }]);
      const refused = await emu.call('GET', '/flows');
      assert.equal(refused.body.type, 'https://ns.adobe.com/aep/errors/FLOW-2120-403', 'a refuse fault gives one');
      assert.equal((await emu.call('GET', '/flows')).status, 200);
    } },
  };

  const rows = imitationTable();

  test('the imitation table of docs/emulator.md and the checks name the same behaviours', () => {
    assert.deepEqual(rows.map((row) => row.check).sort(), Object.keys(CHECKS).sort());
    for (const row of rows) assert.equal(row.imitated, CHECKS[row.check]?.imitated, `${row.check}: the table says imitated=${row.imitated}`);
  });

  for (const row of rows) {
    test(`${row.check}: ${row.behaviour.replace(/`/g, '')}`, async () => {
      const check = CHECKS[row.check];
      assert.ok(check, `no check for the row ${row.check}`);
      await check.run();
    });
  }
});

// Issue 18, item 1 (high): a secret placed through a placeholder (a header, a cookie, the query, the body) rode along
// when a next page or a redirect left the spec's origin, while preview said "requested without credentials". Here
// the engine, the CLI and the emulator's explore and dataflow run are led to a second origin by a POINTER link and by
// redirects; the second origin must receive no form of the secret (raw, URL-encoded, JSON-escaped, base64), and the
// warning (or, for a refused request, the error) must name what was withheld and the parameter it carries.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { runSpec, type RunResult } from '../../core/run';
import { startTestEmulator, type TestEmulator } from '../emulator/helpers/emulator';
import { base64Json, DATA_LAKE_SPEC_ID, finished, registerInFlowSpec, REST_FLOW_SPEC_ID, waitForRuns } from '../emulator/helpers/chain';
import { tempFolders } from '../helpers/tempFolders';
import { leakedForms, requestText, startTwoOrigins, type Lead, type TwoOrigins } from './helpers/twoOrigins';

const SECRET = 'Zq"7\\pW/+Ko=&s!Xy9 tail';
const AUTH_NAME = 'API Key Authentication';

/** Where the secret is substituted. `all-get` puts it in a header, a cookie and the query of one GET. */
type Carrier = 'header' | 'cookie' | 'query' | 'body' | 'all-get';

/** What a warning must name for each carrier: the header, cookie header or query parameter, and the parameter. */
const NAMED: Record<Carrier, string[]> = {
  header: ['X-Token', 'authKey1'],
  cookie: ['Cookie', 'authKey1'],
  query: ['api_key', 'authKey1'],
  body: ['body', 'authKey1'],
  'all-get': ['X-Token', 'Cookie', 'api_key', 'authKey1'],
};

/** A connection spec of ours whose only secret, `authKey1`, is used through `${authKey1}` where `carrier` says. */
function spec(host: string, carrier: Carrier, lead: Lead): Record<string, unknown> {
  const headerParams: Record<string, string> = {};
  const queryParams: Record<string, string> = {};
  if (carrier === 'header' || carrier === 'all-get') headerParams['X-Token'] = '${authKey1}';
  if (carrier === 'cookie' || carrier === 'all-get') headerParams.Cookie = 'session=${authKey1}; theme=dark';
  if (carrier === 'query' || carrier === 'all-get') queryParams.api_key = '${authKey1}';
  return {
    name: `Cross-origin ${carrier} ${lead}`,
    providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
    version: '1.0',
    type: 'generic-rest',
    authSpec: [{
      name: AUTH_NAME, type: 'KeyBased',
      spec: {
        $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', description: 'An API key used through placeholders.',
        properties: { authKey1: { type: 'string', format: 'password', description: 'The API key.' } },
        required: ['authKey1'],
      },
    }],
    sourceSpec: {
      attributes: {
        uiAttributes: { isSource: true, category: { key: 'protocols' }, label: { text: 'Cross origin' } },
        urlParams: { host, path: '/first', method: carrier === 'body' ? 'POST' : 'GET', queryParams },
        headerParams,
        ...(carrier === 'body' ? { bodyParams: { apiKey: '${authKey1}', kind: 'members' } } : {}),
        contentPath: '$.items',
        paginationParams: lead === 'pointer' ? { type: 'POINTER', limitName: 'limit', limitValue: 1, pointerPath: '$.paging.next' } : { type: 'NONE' },
      },
      spec: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: {} },
    },
    exploreSpec: { name: 'Resource', type: 'Resource' },
  };
}

/** True when a POST reaches B as a GET without its body (301/302 on POST, 303): nothing secret is left to withhold. */
function bodyDroppedByRedirect(carrier: Carrier, lead: Lead): boolean {
  return carrier === 'body' && (lead === 301 || lead === 302 || lead === 303);
}

function assertNothingLeaked(origins: TwoOrigins, from: number, what: string): void {
  for (const request of origins.atB.slice(from)) {
    const leaked = leakedForms(requestText(request), SECRET);
    assert.deepEqual(leaked, [], `${what}: the second origin received the secret (${leaked.join(' | ')}) in:\n${requestText(request)}`);
  }
}

function assertNames(text: string, carrier: Carrier, what: string): void {
  for (const name of NAMED[carrier]) assert.ok(text.includes(name), `${what}: the warning should name ${name}: ${text}`);
  assert.doesNotMatch(text, /requested without credentials/, `${what}: the old, untrue wording`);
  assert.deepEqual(leakedForms(text, SECRET), [], `${what}: the warning shows the secret`);
}

/** The run's warnings and error as one text. */
function said(result: Pick<RunResult, 'warnings' | 'error'>): string {
  return [...result.warnings.map((w) => `${w.code}: ${w.message}`), result.error ? `error ${result.error.code}: ${result.error.message}` : ''].join('\n');
}

let origins: TwoOrigins;
before(async () => { origins = await startTwoOrigins(); });
after(async () => { await origins.close(); });

const CARRIERS: Carrier[] = ['header', 'cookie', 'query', 'body'];
const LEADS: Lead[] = ['pointer', 301, 302, 303, 307, 308];

describe('the engine (preview) keeps a secret with its origin', () => {
  for (const lead of LEADS) {
    for (const carrier of CARRIERS) {
      test(`${lead === 'pointer' ? 'a POINTER next page' : `a ${lead} redirect`} to another origin, secret in the ${carrier}`, async () => {
        origins.lead(lead);
        const fromA = origins.atA.length;
        const fromB = origins.atB.length;
        const result = await runSpec({ spec: spec(origins.a, carrier, lead), authSpecName: AUTH_NAME, authValues: { authKey1: SECRET }, sourceValues: {} });
        assert.equal(origins.atA.length - fromA, 1, 'origin A is asked once');
        assert.ok(leakedForms(requestText(origins.atA[fromA]), SECRET).length > 0, 'origin A does receive the secret');
        assertNothingLeaked(origins, fromB, `${lead}/${carrier}`);
        const text = said(result);
        assert.deepEqual(leakedForms(JSON.stringify(result), SECRET), [], 'the result shows no form of the secret');
        if (bodyDroppedByRedirect(carrier, lead)) {
          assert.equal(origins.atB.length - fromB, 1, 'the redirect is followed as a GET without the body');
          assert.equal(origins.atB[fromB].body, '');
          return;
        }
        assertNames(text, carrier, `${lead}/${carrier}`);
        if (carrier === 'body') {
          // A body carrying a secret cannot be sent to another origin without changing the request: refused.
          assert.equal(origins.atB.length - fromB, 0, 'nothing is sent to the second origin');
          assert.match(text, /not (requested|followed|sent)/);
          if (lead !== 'pointer') assert.equal(result.error?.code, 'policy');
          else assert.equal(result.records.length, 1, 'the first page is kept');
        } else {
          assert.equal(origins.atB.length - fromB, 1, 'the second origin is asked, without the secret');
          assert.equal(result.error, undefined, text);
          assert.match(text, /credentials-withheld/);
        }
      });
    }
  }
});

describe('the CLI (sources-sdk preview) keeps a secret with its origin', () => {
  const CLI = resolve(__dirname, '../../dist/cli.js');
  const folder = tempFolders();
  let dir: string;
  before(() => { dir = folder('cross-origin-cli-'); });

  function preview(specPath: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((done) => {
      execFile(process.execPath, [CLI, 'preview', specPath, '--set-env', 'authKey1=CROSS_ORIGIN_KEY', '--format', 'json'],
        { env: { PATH: process.env.PATH, CROSS_ORIGIN_KEY: SECRET }, cwd: dir },
        (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
    });
  }

  const cases: Array<[Lead, Carrier]> = [['pointer', 'all-get'], [302, 'all-get'], [307, 'all-get'], ['pointer', 'body'], [307, 'body']];
  for (const [lead, carrier] of cases) {
    test(`${lead === 'pointer' ? 'POINTER' : lead}, secret in ${carrier === 'all-get' ? 'a header, a cookie and the query' : 'the body'}`, async () => {
      origins.lead(lead);
      const fromB = origins.atB.length;
      const path = join(dir, `${carrier}-${lead}-connectionSpec.json`);
      writeFileSync(path, JSON.stringify(spec(origins.a, carrier, lead)));
      const out = await preview(path);
      assertNothingLeaked(origins, fromB, `cli ${lead}/${carrier}`);
      assert.deepEqual(leakedForms(out.stdout + out.stderr, SECRET), [], 'no form of the secret in the output');
      const result = JSON.parse(out.stdout) as RunResult;
      assertNames(said(result), carrier, `cli ${lead}/${carrier}`);
      assert.equal(out.code, carrier === 'body' && lead !== 'pointer' ? 1 : 0, out.stderr);
    });
  }
});

describe("the emulator's explore and dataflow run keep a secret with its origin", () => {
  let emu: TestEmulator;
  const logLines: string[] = [];
  before(async () => { emu = await startTestEmulator({ log: (line) => logLines.push(line) }); });
  after(async () => { await emu.close(); });

  /** Creates the spec, registers it and a base connection holding the secret; returns its ids. */
  async function connect(carrier: Carrier, lead: Lead): Promise<{ specId: string; connectionId: string }> {
    const specId = (await emu.create('connectionSpecs', spec(origins.a, carrier, lead))).id as string;
    await registerInFlowSpec(emu, REST_FLOW_SPEC_ID, specId);
    const connection = await emu.call('POST', '/connections', { body: { name: 'acct', connectionSpec: { id: specId, version: '1.0' }, auth: { specName: AUTH_NAME, params: { authKey1: SECRET } } } });
    assert.equal(connection.status, 201, connection.text);
    return { specId, connectionId: connection.body.id };
  }

  // Explore reads the first page only: a next page never follows, redirects do.
  const exploreCases: Array<[Lead, Carrier]> = [[302, 'all-get'], [307, 'all-get'], [302, 'body'], [307, 'body']];
  for (const [lead, carrier] of exploreCases) {
    test(`explore: a ${lead} redirect, secret in ${carrier === 'all-get' ? 'a header, a cookie and the query' : 'the body'}`, async () => {
      origins.lead(lead);
      const fromB = origins.atB.length;
      const fromLog = logLines.length;
      const { connectionId } = await connect(carrier, lead);
      const explore = await emu.call('GET', `/connections/${connectionId}/explore?objectType=rest&object=json&fileType=json&preview=true&sourceParams=${base64Json({})}`);
      assertNothingLeaked(origins, fromB, `explore ${lead}/${carrier}`);
      assert.deepEqual(leakedForms(explore.text + logLines.join('\n'), SECRET), [], 'no form of the secret in the answer or the log');
      if (bodyDroppedByRedirect(carrier, lead)) {
        assert.equal(explore.status, 200, explore.text);
        return;
      }
      if (carrier === 'body') {
        assert.equal(explore.status, 400, explore.text);
        assertNames(explore.text, carrier, `explore ${lead}/${carrier}`);
        assert.equal(origins.atB.length, fromB, 'nothing is sent to the second origin');
      } else {
        assert.equal(explore.status, 200, explore.text);
        assertNames(logLines.slice(fromLog).join('\n'), carrier, `explore ${lead}/${carrier} (emulator log)`);
      }
    });
  }

  const runCases: Array<[Lead, Carrier]> = [['pointer', 'all-get'], [302, 'all-get'], [307, 'all-get'], ['pointer', 'body'], [307, 'body']];
  for (const [lead, carrier] of runCases) {
    test(`dataflow run: ${lead === 'pointer' ? 'a POINTER next page' : `a ${lead} redirect`}, secret in ${carrier === 'all-get' ? 'a header, a cookie and the query' : 'the body'}`, async () => {
      origins.lead(lead);
      const fromB = origins.atB.length;
      const { specId, connectionId } = await connect(carrier, lead);
      const source = await emu.call('POST', '/sourceConnections', { body: { name: 'src', baseConnectionId: connectionId, connectionSpec: { id: specId, version: '1.0' }, data: { format: 'json' }, params: {} } });
      assert.equal(source.status, 201, source.text);
      const target = await emu.call('POST', '/targetConnections', { body: { name: 'tgt', connectionSpec: { id: DATA_LAKE_SPEC_ID, version: '1.0' }, data: { format: 'parquet_xdm' }, params: { dataSetId: 'ds' } } });
      const flow = await emu.call('POST', '/flows', { body: {
        name: 'flow', flowSpec: { id: REST_FLOW_SPEC_ID, version: '1.0' }, sourceConnectionIds: [source.body.id], targetConnectionIds: [target.body.id],
        scheduleParams: { startTime: Math.floor(Date.now() / 1000) - 60, frequency: 'once' },
      } });
      assert.equal(flow.status, 201, flow.text);
      const [run] = await waitForRuns(emu, flow.body.id, (runs) => runs.length > 0 && runs.every(finished));
      assertNothingLeaked(origins, fromB, `run ${lead}/${carrier}`);
      const summary = run.metrics.statusSummary;
      const text = JSON.stringify(summary);
      assert.deepEqual(leakedForms(JSON.stringify(run), SECRET), [], 'no form of the secret in the run');
      assertNames(text, carrier, `run ${lead}/${carrier}`);
      if (carrier === 'body') assert.equal(origins.atB.length, fromB, 'nothing is sent to the second origin');
      assert.equal(summary.status, carrier === 'body' && lead !== 'pointer' ? 'failed' : 'success', text);
    });
  }
});

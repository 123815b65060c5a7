// Issue 18, item 9: a secret holding `"` or `\` was shown in its JSON-escaped form (`p\"ss\\w0rd!x`) in the panel's
// request and response bodies and in records that echo the body, the CLI's JSON output included. A source here echoes
// the secret back in every spelling (inside a JSON-encoded body, URL-encoded, base64 alone and inside
// `base64(user:secret)`); no output may show any of them: the run result, the panel's model, the CLI's text and JSON,
// the emulator's explore answer and run records, the API client's redaction. The spellings are computed by the test
// helper independently of core.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runSpec } from '../../core/run';
import { buildPreviewModel } from '../../core/run/previewModel';
import { createRedactor } from '../../core/transport/redact';
import { startTestEmulator } from '../emulator/helpers/emulator';
import { base64Json, DATA_LAKE_SPEC_ID, finished, registerInFlowSpec, REST_FLOW_SPEC_ID, waitForRuns } from '../emulator/helpers/chain';
import { tempFolders } from '../helpers/tempFolders';
import { leakedForms, secretForms } from './helpers/twoOrigins';

const SECRET = 'p"ss\\w0rd!x';
const AUTH_NAME = 'API Key Authentication';

let server: Server;
let url: string;
before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    req.on('end', () => {
      const key = String(req.headers['x-key'] ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        items: [{
          id: 1, kind: 'members',
          received: body, // the request body as text: the secret JSON-escaped inside a JSON string
          header: key,
          encoded: encodeURIComponent(key),
          b64: Buffer.from(key).toString('base64'),
          b64inside: Buffer.from(`user:${key}`).toString('base64url'),
          nested: JSON.stringify({ again: body }),
        }],
        echo: JSON.parse(body || '{}'),
      }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => { server.closeAllConnections(); await new Promise<void>((done) => server.close(() => done())); });

function spec(host: string): Record<string, unknown> {
  return {
    name: 'Echo of every spelling', providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a', version: '1.0', type: 'generic-rest',
    authSpec: [{ name: AUTH_NAME, type: 'KeyBased', spec: {
      $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', description: 'A key with quotes and backslashes.',
      properties: { authKey1: { type: 'string', format: 'password', restAttributes: { headerParamName: 'x-key' } } }, required: ['authKey1'],
    } }],
    sourceSpec: {
      attributes: {
        uiAttributes: { isSource: true, category: { key: 'protocols' }, label: { text: 'Echo' } },
        urlParams: { host, path: '/search', method: 'POST' },
        bodyParams: { apiKey: '${authKey1}', kind: 'members' },
        contentPath: '$.items', paginationParams: { type: 'NONE' },
      },
      spec: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: {} },
    },
    exploreSpec: { name: 'Resource', type: 'Resource' },
  };
}

function assertHidden(text: string, where: string): void {
  assert.deepEqual(leakedForms(text, SECRET), [], `${where} shows the secret: ${text.slice(0, 600)}`);
}

describe('every spelling of a secret is redacted', () => {
  const folder = tempFolders();
  test('the run result and the panel model (records, request and response bodies, headers)', async () => {
    const result = await runSpec({ spec: spec(url), authSpecName: AUTH_NAME, authValues: { authKey1: SECRET }, sourceValues: {} });
    assert.equal(result.error, undefined, JSON.stringify(result.error));
    assert.equal(result.records.length, 1);
    assert.equal((result.records[0] as { kind: string }).kind, 'members', 'values that are not secret stay');
    assertHidden(JSON.stringify(result), 'the run result');
    assertHidden(JSON.stringify(buildPreviewModel(result, 'Preview')), 'the panel model');
    assert.ok(result.requests[0].detail?.responseBody?.includes('[REDACTED]'));
  });

  test('the CLI, text and JSON', async () => {
    const dir = folder('redaction-encodings-');
    const file = join(dir, 'echo-connectionSpec.json');
    writeFileSync(file, JSON.stringify(spec(url)));
    for (const format of ['text', 'json']) {
      const out = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
        execFile(process.execPath, [resolve(__dirname, '../../dist/cli.js'), 'preview', file, '--set-env', 'authKey1=ECHO_KEY', '--format', format],
          { env: { PATH: process.env.PATH, ECHO_KEY: SECRET }, cwd: dir },
          (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
      });
      assert.equal(out.code, 0, out.stderr);
      assertHidden(out.stdout + out.stderr, `preview --format ${format}`);
    }
  });

  test("the emulator's explore answer and a run's records", async () => {
    const emu = await startTestEmulator();
    try {
      const specId = (await emu.create('connectionSpecs', spec(url))).id as string;
      await registerInFlowSpec(emu, REST_FLOW_SPEC_ID, specId);
      const connection = await emu.call('POST', '/connections', { body: { name: 'acct', connectionSpec: { id: specId, version: '1.0' }, auth: { specName: AUTH_NAME, params: { authKey1: SECRET } } } });
      const explore = await emu.call('GET', `/connections/${connection.body.id}/explore?objectType=rest&object=json&fileType=json&preview=true&sourceParams=${base64Json({})}`);
      assert.equal(explore.status, 200, explore.text);
      assertHidden(explore.text, 'explore');
      const source = await emu.call('POST', '/sourceConnections', { body: { name: 'src', baseConnectionId: connection.body.id, connectionSpec: { id: specId, version: '1.0' }, data: { format: 'json' }, params: {} } });
      const target = await emu.call('POST', '/targetConnections', { body: { name: 'tgt', connectionSpec: { id: DATA_LAKE_SPEC_ID, version: '1.0' }, data: { format: 'parquet_xdm' }, params: { dataSetId: 'ds' } } });
      const flow = await emu.call('POST', '/flows', { body: { name: 'flow', flowSpec: { id: REST_FLOW_SPEC_ID, version: '1.0' }, sourceConnectionIds: [source.body.id], targetConnectionIds: [target.body.id], scheduleParams: { startTime: Math.floor(Date.now() / 1000) - 60, frequency: 'once' } } });
      const [run] = await waitForRuns(emu, flow.body.id, (runs) => runs.length > 0 && runs.every(finished));
      const records = await emu.call('GET', `/runs/${run.id}/records`);
      assert.equal(records.status, 200, records.text);
      assertHidden(records.text + JSON.stringify(run), 'the run and its records');
    } finally {
      await emu.close();
    }
  });

  test("the API client's redaction hides the same spellings of its client secret and tokens", () => {
    const redact = createRedactor(() => [SECRET]);
    const text = secretForms(SECRET).map((form, i) => `form ${i}: ${form}; `).join('\n');
    assertHidden(redact(text), 'the API client redactor');
    assert.match(redact('x'.repeat(3) + Buffer.from(`user:${SECRET}`).toString('base64')), /\[REDACTED\]/);
  });
});

// Issue 18, item 5 (transport part): no cap on a response's size. An endless body took the CLI to 1 GB; a small gzip
// answer that inflates to 1 GiB took the CLI and the emulator past 1 GB and was reported as "Could not reach …:
// UND_ERR_SOCKET". Here a source answers far more than the cap, plain and compressed (gzip, deflate, br): preview (the
// engine and the CLI flag), the emulator's explore (its flag) and the API client end with a clear error naming the
// cap, and the source sees the client hang up long before it has sent everything (the read stopped, so inflation
// stopped). The bodies are bounded on the server side (64 MiB inflated) so that code without a cap ends too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createBrotliCompress, createDeflate, createGzip } from 'node:zlib';
import { runSpec } from '../../core/run';
import { DEFAULT_LIMITS } from '../../core/run/types';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { FlowServiceError } from '../../core/api/errors';
import { startTestEmulator } from '../emulator/helpers/emulator';
import { base64Json, registerInFlowSpec, REST_FLOW_SPEC_ID } from '../emulator/helpers/chain';
import { tempFolders } from '../helpers/tempFolders';
import { waitFor } from '../emulator/helpers/runCli';

const MiB = 1024 * 1024;
/** What the source would send at most (inflated): far above every cap used here. */
const BODY_LIMIT = 64 * MiB;
const CHUNK = Buffer.alloc(64 * 1024, 0x20); // spaces: valid JSON whitespace, compresses to almost nothing

type Encoding = 'identity' | 'gzip' | 'deflate' | 'br';

interface BigSource {
  url: string;
  /** Per request: inflated bytes the source produced, and whether the client hung up before the end. */
  answers: Array<{ produced: number; hungUp: boolean; done: boolean }>;
  close(): Promise<void>;
}

/** Answers every request with `{"items": [` followed by up to 64 MiB of spaces, in the encoding the path names. */
async function startBigSource(): Promise<BigSource> {
  const answers: BigSource['answers'] = [];
  const server: Server = createServer((req, res: ServerResponse) => {
    req.resume();
    const encoding = (/\/(gzip|deflate|br)\b/.exec(req.url ?? '')?.[1] ?? 'identity') as Encoding;
    const answer = { produced: 0, hungUp: false, done: false };
    answers.push(answer);
    res.writeHead(200, { 'content-type': 'application/json', ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }) });
    const out = encoding === 'gzip' ? createGzip() : encoding === 'deflate' ? createDeflate() : encoding === 'br' ? createBrotliCompress() : undefined;
    out?.pipe(res);
    const sink = out ?? res;
    res.on('close', () => { if (!answer.done) answer.hungUp = true; out?.destroy(); });
    const pump = () => {
      while (!answer.hungUp && answer.produced < BODY_LIMIT) {
        answer.produced += CHUNK.length;
        if (!sink.write(CHUNK)) { sink.once('drain', pump); return; }
      }
      if (!answer.hungUp) { answer.done = true; sink.end(']}'); }
    };
    sink.write('{"items": [');
    pump();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answers,
    close: async () => { server.closeAllConnections(); await new Promise<void>((done) => server.close(() => done())); },
  };
}

function spec(host: string, path: string): Record<string, unknown> {
  return {
    name: `Big answer ${path}`,
    providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
    version: '1.0',
    type: 'generic-rest',
    authSpec: [{ name: 'Basic Authentication', type: 'BasicAuthentication', spec: {
      $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', description: 'Basic credentials.',
      properties: { username: { type: 'string' }, password: { type: 'string', format: 'password' } }, required: ['username', 'password'],
    } }],
    sourceSpec: {
      attributes: {
        uiAttributes: { isSource: true, category: { key: 'protocols' }, label: { text: 'Big' } },
        urlParams: { host, path, method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' },
      },
      spec: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: {} },
    },
    exploreSpec: { name: 'Resource', type: 'Resource' },
  };
}

const AUTH = { username: 'u', password: 'cap-test-password' };

let source: BigSource;
before(async () => { source = await startBigSource(); });
after(async () => { await source.close(); });

/** The source's last answer was cut short by the client (awaited: the close may arrive just after the error). */
async function assertHungUp(what: string): Promise<void> {
  const answer = source.answers.at(-1)!;
  await waitFor(() => answer.hungUp || answer.done, `${what}: the answer to end`);
  assert.ok(answer.hungUp && answer.produced < BODY_LIMIT, `${what}: the client stopped reading early (source produced ${answer.produced} bytes)`);
}

describe('preview: one response is read up to the cap', () => {
  for (const encoding of ['identity', 'gzip', 'deflate', 'br'] as const) {
    test(`${encoding}: a clear error naming the 1 MiB cap, not "Could not reach"`, async () => {
      const result = await runSpec({ spec: spec(source.url, `/big/${encoding}`), authSpecName: 'Basic Authentication', authValues: AUTH, sourceValues: {}, limits: { maxResponseBytes: MiB } });
      assert.equal(result.error?.code, 'response', JSON.stringify(result.error));
      assert.match(result.error!.message, /larger than the 1 MiB limit on one response \(counted after decompression\)/);
      assert.match(result.error!.message, /--max-response-mb/);
      assert.match(result.error!.editorMessage ?? '', /sourcesSdk\.preview\.maxResponseMegabytes/);
      assert.doesNotMatch(result.error!.message, /Could not reach|UND_ERR/);
      await assertHungUp(encoding);
    });
  }

  test('the default cap is 64 MiB; a response below the cap is read whole', async () => {
    assert.equal(DEFAULT_LIMITS.maxResponseBytes, 64 * MiB);
    const result = await runSpec({ spec: spec(source.url, '/big/gzip'), authSpecName: 'Basic Authentication', authValues: AUTH, sourceValues: {}, limits: { maxResponseBytes: 65 * MiB } });
    assert.equal(result.error, undefined, JSON.stringify(result.error));
    assert.equal(result.recordCount, 0);
    assert.equal(source.answers.at(-1)!.done, true);
  });
});

describe('the CLI flag and the emulator flag', () => {
  const folder = tempFolders();
  test('sources-sdk preview --max-response-mb 2: exit 1, the message names the cap; a bad value is a usage error', async () => {
    const dir = folder('response-cap-');
    const file = join(dir, 'big-connectionSpec.json');
    writeFileSync(file, JSON.stringify(spec(source.url, '/big/br')));
    const cli = (args: string[]) => new Promise<{ code: number; stderr: string }>((done) => {
      execFile(process.execPath, [resolve(__dirname, '../../dist/cli.js'), 'preview', file, '--set', 'username=u', '--set-env', 'password=CAP_PW', ...args],
        { env: { PATH: process.env.PATH, CAP_PW: AUTH.password }, cwd: dir },
        (err, _stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr }));
    });
    const capped = await cli(['--max-response-mb', '2']);
    assert.equal(capped.code, 1, capped.stderr);
    assert.match(capped.stderr, /larger than the 2 MiB limit on one response/);
    await assertHungUp('cli');
    const bad = await cli(['--max-response-mb', '0']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--max-response-mb must be a number of MiB of at least 1/);
  });

  test("the emulator's explore (maxResponseBytes, the --max-response-mb option) answers 400 naming the cap", async () => {
    const emu = await startTestEmulator({ maxResponseBytes: MiB });
    try {
      const specId = (await emu.create('connectionSpecs', spec(source.url, '/big/gzip'))).id as string;
      await registerInFlowSpec(emu, REST_FLOW_SPEC_ID, specId);
      const connection = await emu.call('POST', '/connections', { body: { name: 'acct', connectionSpec: { id: specId, version: '1.0' }, auth: { specName: 'Basic Authentication', params: AUTH } } });
      const explore = await emu.call('GET', `/connections/${connection.body.id}/explore?objectType=rest&object=json&fileType=json&preview=true&sourceParams=${base64Json({})}`);
      assert.equal(explore.status, 400, explore.text);
      assert.match(explore.text, /larger than the 1 MiB limit on one response/);
      assert.doesNotMatch(explore.text, /Could not reach|UND_ERR/);
      await assertHungUp('emulator');
      const health = await fetch(`${emu.url}/__emulator/health`);
      assert.equal(health.status, 200, 'the emulator keeps answering');
    } finally {
      await emu.close();
    }
  });
});

describe('the API client', () => {
  test('a Flow Service answer above the cap is a bad-response error naming the cap', async () => {
    const client = createFlowServiceClient({
      environment: { name: 'cap', platformUrl: source.url, imsUrl: source.url, orgId: 'O@AdobeOrg', clientId: 'c', sandbox: 'dev', scopes: [] },
      clientSecret: 's', tokenProvider: { getToken: async () => 'token-for-cap', invalidate: () => undefined, currentToken: () => 'token-for-cap' }, maxResponseBytes: MiB,
    });
    await assert.rejects(client.list('connectionSpecs'), (err: FlowServiceError) => {
      assert.equal(err.kind, 'bad-response', err.message);
      assert.match(err.message, /larger than the 1 MiB limit on one response/);
      return true;
    });
    await assertHungUp('api client');
  });
});

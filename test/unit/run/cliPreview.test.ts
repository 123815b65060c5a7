/**
 * `sources-sdk preview` through the CLI's `main` in this process (test/helpers/cliInProcess.ts) against the fake
 * source: every pagination type returns exactly the records the source holds with the requests it should make, no
 * secret in any output, the exit codes. The first pagination type also runs the real CLI (dist/cli.js, built by
 * `npm test`) in a child process, its JSON read from the pipe.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FAKE_CREDENTIALS, FAKE_TOTALS, startFakeSource, type FakeSource } from '../../helpers/fakeSource';
import { AUTH, PAGINATION_ATTRIBUTES, previewSpec } from '../../helpers/fakeSourceSpecs';
import { cliInProcess } from '../../helpers/cliInProcess';

const CLI = resolve(__dirname, '../../../dist/cli.js');
let source: FakeSource;
let dir: string;
before(async () => {
  source = await startFakeSource();
  dir = mkdtempSync(join(tmpdir(), 'ssdk-preview-cli-'));
});
after(async () => {
  await source.close();
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return cliInProcess(['preview', ...args], env, dir);
}

function cliProcess(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, 'preview', ...args], { env: { PATH: process.env.PATH, ...env }, cwd: dir }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

function specFile(name: string, attributes: Record<string, unknown>, sourceProperties: Record<string, unknown> = {}): string {
  const path = join(dir, `${name}-connectionSpec.json`);
  writeFileSync(path, JSON.stringify(previewSpec(source.url, attributes, sourceProperties), null, 2));
  return path;
}

const KEY_ARGS = ['--auth', AUTH.key, '--set-env', 'authKey1=FAKE_KEY'];
const KEY_ENV = { FAKE_KEY: FAKE_CREDENTIALS.apiKey };
const WINDOW = ['--window-start', '2024-05-01T00:00:00Z', '--window-end', '2024-05-03T00:00:00Z'];

function assertNoSecret(text: string) {
  for (const secret of [FAKE_CREDENTIALS.apiKey, FAKE_CREDENTIALS.password, FAKE_CREDENTIALS.accessToken]) {
    assert.ok(!text.includes(secret), `a secret leaked into the output: ${text.slice(0, 300)}`);
  }
}

const EXPECTED: Record<string, { total: number; requests: number }> = {
  OFFSET: { total: FAKE_TOTALS.offset, requests: 5 },
  POINTER: { total: FAKE_TOTALS.pointer, requests: 4 },
  CONTINUATION_TOKEN: { total: FAKE_TOTALS.token, requests: 3 },
  PAGE: { total: FAKE_TOTALS.page, requests: 3 },
  NONE: { total: FAKE_TOTALS.none, requests: 1 },
};

describe('sources-sdk preview', () => {
  for (const [type, expected] of Object.entries(EXPECTED)) {
    test(`${type}: exactly the source's records and the requests it should make (json)`, async () => {
      const file = specFile(type.toLowerCase(), PAGINATION_ATTRIBUTES[type]);
      source.requests.length = 0;
      const run = await (type === 'OFFSET' ? cliProcess : cli)([file, ...KEY_ARGS, ...WINDOW, '--format', 'json'], KEY_ENV);
      assert.equal(run.code, 0, run.stderr);
      const out = JSON.parse(run.stdout) as { requests: Array<{ method: string; url: string; status: number; durationMs: number }>; records: unknown[]; schema: object; warnings: unknown[] };
      assert.equal(out.records.length, expected.total);
      const ids = out.records.map((r) => ((r as { member?: { id: number } }).member ?? (r as { id: number })).id);
      assert.deepEqual(ids, Array.from({ length: expected.total }, (_, i) => i + 1));
      assert.equal(out.requests.length, expected.requests);
      assert.equal(source.requests.length, expected.requests, 'the source saw the same requests');
      assert.deepEqual(out.requests.map((r) => new URL(r.url).pathname + new URL(r.url).search), source.requests.map((r) => r.url));
      assert.ok(out.requests.every((r) => r.method === 'GET' && r.status === 200 && typeof r.durationMs === 'number'));
      assert.deepEqual(out.warnings, []);
      assert.equal((out.schema as { type: string }).type, 'object');
      assert.ok(source.requests.every((r) => r.headers['x-api-key'] === FAKE_CREDENTIALS.apiKey), 'the key was sent');
      assertNoSecret(run.stdout + run.stderr);
    });
  }

  test('text: a summary and the first records as a table', async () => {
    const file = specFile('offset-text', PAGINATION_ATTRIBUTES.OFFSET);
    const run = await cli([file, ...KEY_ARGS, ...WINDOW], KEY_ENV);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^GET http:\/\/127\.0\.0\.1:\d+\/offset\/items\?since=.*limit=5&offset=0 {2}200 {2}\d+ ms {2}5 records$/m);
    assert.match(run.stdout, /^23 records from 5 requests \(stopped: short page\)$/m);
    assert.match(run.stdout, /^id {2}name {5}email {16}updatedAt/m);
    assert.match(run.stdout, /^Schema: id integer, name string, email string\/email/m);
    assertNoSecret(run.stdout + run.stderr);
  });

  test('--set secrets (basic and bearer) never appear, the Authorization value included', async () => {
    for (const [auth, path, values] of [
      [AUTH.basic, '/basic/items', [`username=${FAKE_CREDENTIALS.username}`, `password=${FAKE_CREDENTIALS.password}`]],
      [AUTH.oauth, '/bearer/items', [`accessToken=${FAKE_CREDENTIALS.accessToken}`]],
    ] as const) {
      const file = specFile('auth', { urlParams: { path: '/echo', method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' } });
      const echo = await cli([file, '--auth', auth, ...values.flatMap((v) => ['--set', v]), '--format', 'json']);
      assert.equal(echo.code, 0, echo.stderr);
      assertNoSecret(echo.stdout + echo.stderr);
      assert.ok(!echo.stdout.includes(Buffer.from(`${FAKE_CREDENTIALS.username}:${FAKE_CREDENTIALS.password}`).toString('base64')));
      const real = await cli([specFile('auth2', { urlParams: { path, method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' } }), '--auth', auth, ...values.flatMap((v) => ['--set', v])]);
      assert.equal(real.code, 0, real.stderr);
      assert.match(real.stdout, /^3 records from 1 request \(stopped: NONE pagination makes one request\)$/m);
    }
  });

  test('a format: password source value in the URL is masked', async () => {
    const file = specFile('query-key', { urlParams: { path: '/query-key/items', method: 'GET', queryParams: { api_key: '${apiKey}' } }, contentPath: '$.items', paginationParams: { type: 'NONE' } },
      { apiKey: { type: 'string', format: 'password', description: 'Key' } });
    const run = await cli([file, ...KEY_ARGS, '--set', `apiKey=${FAKE_CREDENTIALS.apiKey}`], KEY_ENV);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /api_key=%5BREDACTED%5D|api_key=\[REDACTED\]/);
    assertNoSecret(run.stdout + run.stderr);
  });

  test('the source answers an error: exit 1 with its status and message on stderr', async () => {
    const file = specFile('key-wrong', { urlParams: { path: '/key/items', method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' } });
    const run = await cli([file, '--auth', AUTH.key, '--set', 'authKey1=not-the-key']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /sources-sdk preview: The source answered 401 Unauthorized: Invalid API key/);
    assert.ok(!(run.stdout + run.stderr).includes('not-the-key'));
  });

  test('limits: --max-pages and --max-records', async () => {
    const file = specFile('offset-limits', PAGINATION_ATTRIBUTES.OFFSET);
    const run = await cli([file, ...KEY_ARGS, '--max-pages', '2', '--max-records', '3', '--format', 'json'], KEY_ENV);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { records: unknown[]; recordCount: number; requests: unknown[]; warnings: Array<{ code: string }> };
    assert.equal(out.requests.length, 2);
    assert.equal(out.records.length, 3);
    assert.equal(out.recordCount, 10);
    assert.deepEqual(out.warnings.map((w) => w.code), ['page-limit-reached', 'record-limit-reached']);
  });

  test('--backfill runs the ADVANCE backfill expression with the window given', async () => {
    const file = specFile('advance', {
      urlParams: { path: '/search/items', method: 'GET', queryParams: { query: '{SCHEDULE_QUERY}' } }, contentPath: '$.items', paginationParams: { type: 'NONE' },
      scheduleParams: { type: 'ADVANCE', paramFormat: 'yyyy-MM-dd', incremental: 'updated>{START_TIME}', backfill: 'updated<{END_TIME}' },
    });
    source.requests.length = 0;
    const run = await cli([file, ...KEY_ARGS, ...WINDOW, '--backfill'], KEY_ENV);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(new URL(source.requests[0].url, 'http://x').searchParams.get('query'), 'updated<2024-05-03');
  });

  test('usage and I/O problems exit 2 with a plain message', async () => {
    const file = specFile('usage', PAGINATION_ATTRIBUTES.NONE);
    const noAuth = await cli([file]);
    assert.equal(noAuth.code, 2);
    assert.match(noAuth.stderr, /choose an auth spec with --auth: "Basic Authentication", "OAuth2 Refresh Code", "API Key Authentication"/);
    const missing = await cli([join(dir, 'nope.json'), ...KEY_ARGS], KEY_ENV);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read \(ENOENT\)/);
    const badPages = await cli([file, ...KEY_ARGS, '--max-pages', 'zero'], KEY_ENV);
    assert.equal(badPages.code, 2);
    assert.match(badPages.stderr, /--max-pages must be a whole number/);
    const noEnv = await cli([file, '--auth', AUTH.key, '--set-env', 'authKey1=UNSET_VARIABLE']);
    assert.equal(noEnv.code, 2);
    assert.match(noEnv.stderr, /UNSET_VARIABLE is not set/);
    writeFileSync(join(dir, 'broken.json'), '{ "authSpec": [');
    const broken = await cli([join(dir, 'broken.json'), ...KEY_ARGS], KEY_ENV);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /not valid JSON/);
  });

  test('a missing password is asked for with --set-env (kept out of the shell history), a plain value with --set', async () => {
    const file = specFile('basic-missing', { urlParams: { path: '/basic/items', method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' } });
    const run = await cli([file, '--auth', AUTH.basic, '--set', `username=${FAKE_CREDENTIALS.username}`]);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /needs a value for "password" \(a secret: pass it with --set-env and the name of an environment variable that holds it\)/);
    assert.doesNotMatch(run.stderr, /--set password=/);
    const noUser = await cli([file, '--auth', AUTH.basic, '--set-env', 'password=FAKE_PASSWORD'], { FAKE_PASSWORD: FAKE_CREDENTIALS.password });
    assert.match(noUser.stderr, /needs a value for "username" \(e\.g\. --set username=…\)/);
  });

  test('a missing placeholder value is a run failure (exit 1) naming the value and its place', async () => {
    const file = specFile('placeholder', { urlParams: { path: '/lists/${listId}', method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' } });
    const run = await cli([file, ...KEY_ARGS], KEY_ENV);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /No value for \$\{listId\}.*--set listId=…/);
    assert.match(run.stderr, /\(sourceSpec\.attributes\.urlParams\.path\)/);
  });
});

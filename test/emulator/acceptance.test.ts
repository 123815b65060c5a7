/**
 * Issue 3's acceptance scenario, step by step, with only the emulator running and every step a spawned CLI
 * process: push a connection spec, register it in RestStorageToAEP without losing the ids already there, pull it
 * back, `diff` reports no difference; after a PUT made behind the CLI's back, `diff` shows it and `push` refuses.
 * Also (the CLI in-process, but for Ctrl+C): what the CLI says for a file that has no remote or an unreachable
 * emulator, and what Ctrl+C leaves behind in a long push (a spawned process, interrupted).
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { spawnCliEmulator, type CliEmulator } from './helpers/cliEmulator';
import { cli, cliProcess, startCli, waitFor, cliEnv } from './helpers/runCli';
import { validConnectionSpec } from '../unit/fakes/specFixtures';
import { tempFolders } from '../helpers/tempFolders';

const tempFolder = tempFolders();

const REST_STORAGE_TO_AEP = '6499120c-0b15-42dc-936e-847ea3c24d72';
const FLOW_SERVICE = '/data/foundation/flowservice';
const CLIENT_ID = 'acceptance-client';
const CLIENT_SECRET = 'acceptance-secret-value';
const ORG_ID = 'ACCEPT@AdobeOrg';
const SANDBOX = 'dev';

/** A caller other than the CLI: plain fetch with its own token, as curl or Postman would do it. */
async function directCall(base: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const tokenResponse = await fetch(`${base}/ims/token/v3`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope: 'openid' }),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const response = await fetch(`${base}${FLOW_SERVICE}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'x-api-key': CLIENT_ID,
      'x-gw-ims-org-id': ORG_ID,
      'x-sandbox-name': SANDBOX,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal(response.ok, true, `${method} ${path} → ${response.status}`);
  const json = (await response.json()) as Record<string, unknown> & { items?: Array<Record<string, unknown>> };
  return json.items ? json.items[0]! : json;
}

describe('the CLI against the emulator alone: validate, push, pull, diff, register', () => {
  let emulator: CliEmulator;
  let env: Record<string, string>;
  before(async () => {
    emulator = await spawnCliEmulator(['--port', '0', '--quiet', '--faults', '--client-id', CLIENT_ID, '--client-secret', CLIENT_SECRET]);
    env = cliEnv(emulator.url, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, orgId: ORG_ID }, {
      SOURCES_SDK_SANDBOX: SANDBOX,
    });
  });
  after(async () => {
    emulator.child.kill('SIGTERM');
    await emulator.exited;
  });

  test('push → register (ids kept) → pull back → diff same → change behind its back → push refuses', async () => {
    const dir = tempFolder('acceptance-');
    const authored = validConnectionSpec('Acceptance CRM');
    writeFileSync(join(dir, 'crm-connectionSpec.json'), `${JSON.stringify(authored, null, 2)}\n`);
    const idsBefore = (await directCall(emulator.url, 'GET', `/flowSpecs/${REST_STORAGE_TO_AEP}`)).sourceConnectionSpecIds as string[];
    assert.ok(idsBefore.length >= 3, 'the seeded flow spec lists the documented ids');

    // 1. push creates the spec and links the file.
    const pushed = await cliProcess(['push', 'crm-connectionSpec.json'], env, dir);
    assert.equal(pushed.code, 0, pushed.stdout + pushed.stderr);
    const id = /^created\s+crm-connectionSpec\.json → ([0-9a-f-]{36})$/m.exec(pushed.stdout)?.[1];
    assert.ok(id, pushed.stdout);
    assert.equal((await directCall(emulator.url, 'GET', `/connectionSpecs/${id}`)).name, 'Acceptance CRM');

    // 2. register appends the id, keeping every id already there, in order.
    const registered = await cliProcess(['register', 'crm-connectionSpec.json'], env, dir);
    assert.equal(registered.code, 0, registered.stdout + registered.stderr);
    assert.match(registered.stdout, new RegExp(`registered ${id} in RestStorageToAEP .*none removed`));
    const idsAfter = (await directCall(emulator.url, 'GET', `/flowSpecs/${REST_STORAGE_TO_AEP}`)).sourceConnectionSpecIds;
    assert.deepEqual(idsAfter, [...idsBefore, id]);

    // 3. pull it back into a new file: the authored content, without server-managed fields.
    const pulled = await cliProcess(['pull', 'connection-spec', id!, '-o', 'pulled-connectionSpec.json'], env, dir);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'pulled-connectionSpec.json'), 'utf8')), authored);

    // 4. diff reports no difference, for the pushed file and the pulled one.
    const same = await cliProcess(['diff', 'crm-connectionSpec.json', 'pulled-connectionSpec.json'], env, dir);
    assert.equal(same.code, 0, same.stdout + same.stderr);
    assert.match(same.stdout, /^same\s+crm-connectionSpec\.json$/m);
    assert.match(same.stdout, /^same\s+pulled-connectionSpec\.json$/m);
    assert.match(same.stderr, /2 file\(s\) compared: 2 same, 0 differ/);

    // 5. someone changes the remote directly (a plain PUT, not through the CLI).
    const remote = await directCall(emulator.url, 'GET', `/connectionSpecs/${id}`);
    await directCall(emulator.url, 'PUT', `/connectionSpecs/${id}`, { ...remote, description: 'edited in another tool' });

    // 6. diff shows it, and push refuses to overwrite it; the remote keeps the other change.
    writeFileSync(join(dir, 'crm-connectionSpec.json'), `${JSON.stringify({ ...authored, version: '1.1' }, null, 2)}\n`);
    const differs = await cliProcess(['diff', 'crm-connectionSpec.json'], env, dir);
    assert.equal(differs.code, 1);
    assert.match(differs.stdout, /^differs\s+crm-connectionSpec\.json: .*\[remote changed since last sync\]/m);
    const refused = await cliProcess(['push', 'crm-connectionSpec.json'], env, dir);
    assert.equal(refused.code, 1, refused.stdout);
    assert.match(refused.stdout, /^refused\s+crm-connectionSpec\.json: .*changed since the last sync.*--force/m);
    assert.match(refused.stderr, /0 updated, 0 unchanged, 1 refused/);
    const after = await directCall(emulator.url, 'GET', `/connectionSpecs/${id}`);
    assert.equal(after.description, 'edited in another tool');
    assert.equal(after.version, authored.version);
  });

  test('diff on an unlinked file with no remote says how to create it', async () => {
    const dir = tempFolder('acceptance-unlinked-');
    writeFileSync(join(dir, 'new-connectionSpec.json'), JSON.stringify(validConnectionSpec('Never pushed')));
    const run = await cli(['diff', 'new-connectionSpec.json'], env, dir);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^no remote new-connectionSpec\.json: No connection spec named "Never pushed" exists in this sandbox; .*`sources-sdk push new-connectionSpec\.json` creates it/m);
    assert.match(run.stderr, /1 file\(s\) compared: 0 same, 0 differ, 1 with no remote/);
  });

  test('diff on a file with errors and no remote does not suggest push (it would be refused)', async () => {
    const dir = tempFolder('acceptance-errors-');
    const spec = validConnectionSpec('Never pushed either') as Record<string, unknown>;
    delete spec.providerId;
    writeFileSync(join(dir, 'broken-connectionSpec.json'), JSON.stringify(spec, null, 2));
    const run = await cli(['diff', 'broken-connectionSpec.json'], env, dir);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^no remote broken-connectionSpec\.json: .*fix its \d+ validation error\(s\) first \(`sources-sdk validate broken-connectionSpec\.json`; first line \d+: .*providerId/m);
    assert.doesNotMatch(run.stdout, /sources-sdk push/);
  });

  test('an unreachable emulator (README credentials "local") is named plainly, without mangled words', async () => {
    const dir = tempFolder('acceptance-closed-');
    writeFileSync(join(dir, 'a-connectionSpec.json'), JSON.stringify(validConnectionSpec('Closed port')));
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const url = `http://localhost:${closed}`;
    const run = await cli(['diff', 'a-connectionSpec.json'], { ...env, SOURCES_SDK_PLATFORM_URL: url, SOURCES_SDK_IMS_URL: url, SOURCES_SDK_CLIENT_ID: 'local', SOURCES_SDK_CLIENT_SECRET: 'local' }, dir);
    assert.equal(run.code, 1);
    assert.match(run.stdout, new RegExp(`^failed\\s+a-connectionSpec\\.json: Could not reach localhost:${closed} \\(ECONNREFUSED\\): nothing is listening there\\. Is the emulator running \\(\`sources-sdk emulator --port ${closed}\`\\)\\? Check the IMS URL \\(SOURCES_SDK_IMS_URL\\)`, 'm'));
    assert.doesNotMatch(run.stdout + run.stderr, /REDACTED/);
  });

  test('a long push shows each file as it finishes; Ctrl+C stops it, exit 130, no partial links file', async () => {
    const dir = tempFolder('acceptance-sigint-');
    const files = Array.from({ length: 6 }, (_, i) => `slow${i}-connectionSpec.json`);
    files.forEach((file, i) => writeFileSync(join(dir, file), JSON.stringify(validConnectionSpec(`Slow ${i}`))));
    // slow0 is pushed first, so the long run finds it unchanged (no POST); every create after it then waits 30 s.
    const first = await cli(['push', files[0]!], env, dir);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const faults = { faults: [{ kind: 'delay', ms: 30_000, match: { method: 'POST', path: '/connectionSpecs' } }] };
    // The fault route needs --faults and the admin token the emulator printed at start.
    const adminToken = /^fault route on: \S+ with header x-emulator-admin-token: (\S+)$/m.exec(emulator.stdout())?.[1] ?? '';
    const admin = { 'x-emulator-admin-token': adminToken };
    const set = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...admin }, body: JSON.stringify(faults) });
    assert.equal(set.status, 200, await set.text());
    const running = await startCli(['push', ...files, '--concurrency', '1'], env, dir);
    try {
      await waitFor(() => /^unchanged\s+slow0-connectionSpec\.json/m.test(running.stdout()), 'the first file to be reported while the run goes on');
      assert.equal(running.child.exitCode, null, 'still running');
    } finally {
      running.child.kill('SIGINT');
    }
    const run = await running.done;
    await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE', headers: admin });
    assert.equal(run.code, 130, run.stdout + run.stderr);
    assert.match(run.stdout, /^unchanged\s+slow0-connectionSpec\.json/m);
    assert.match(run.stdout, /^cancelled\s+slow1-connectionSpec\.json/m);
    assert.match(run.stdout, /^cancelled\s+slow5-connectionSpec\.json: not started/m);
    assert.match(run.stderr, /0 created, 0 updated, 1 unchanged, .*5 cancelled/);
    const links = JSON.parse(readFileSync(join(dir, '.sources-sdk/links.json'), 'utf8')) as { environments: Record<string, Record<string, unknown>> };
    assert.deepEqual(Object.keys(Object.values(links.environments)[0]!), ['slow0-connectionSpec.json']);
    assert.deepEqual(readdirSync(join(dir, '.sources-sdk')).filter((f) => f !== 'links.json'), [], 'no temp files left');
  });
});

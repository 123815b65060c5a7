import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { TOKEN_KEY_FILE } from '../../emulator/ims';
import { startTestEmulator, withEmulator } from './helpers/emulator';
import type { LooseJson } from '../helpers/looseJson';
import { tempFolders } from '../helpers/tempFolders';

const tempFolder = tempFolders();

async function requestToken(url: string, form: Record<string, string>, query = ''): Promise<{ status: number; body: LooseJson }> {
  const response = await fetch(`${url}/ims/token/v3${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: await response.json() };
}

describe('emulator IMS token endpoint', () => {
  test('any non-empty id and secret get a bearer token with the configured lifetime', async () => {
    await withEmulator({ tokenTtlSeconds: 120 }, async (emu) => {
      const result = await requestToken(emu.url, { grant_type: 'client_credentials', client_id: 'abc', client_secret: 'xyz', scope: 'openid' });
      assert.equal(result.status, 200);
      assert.equal(result.body.token_type, 'bearer');
      assert.equal(result.body.expires_in, 120);
      assert.match(result.body.access_token, /^\S{20,}$/);
      assert.deepEqual(emu.emulator.store.tokens.check(result.body.access_token), { ok: true, clientId: 'abc' });
    });
  });

  test('default lifetime is 86399 seconds and parameters may come as query parameters', async () => {
    await withEmulator({}, async (emu) => {
      const query = '?grant_type=client_credentials&client_id=q-id&client_secret=q-secret';
      const response = await fetch(`${emu.url}/ims/token/v3${query}`, { method: 'POST' });
      assert.equal(response.status, 200);
      const body = (await response.json()) as LooseJson;
      assert.equal(body.expires_in, 86399);
      assert.deepEqual(emu.emulator.store.tokens.check(body.access_token), { ok: true, clientId: 'q-id' });
    });
  });

  test('with fixed credentials, a wrong secret or id is refused with 401 invalid_client', async () => {
    await withEmulator({ clientId: 'good-id', clientSecret: 'good-secret' }, async (emu) => {
      const wrongSecret = await requestToken(emu.url, { grant_type: 'client_credentials', client_id: 'good-id', client_secret: 'nope' });
      assert.equal(wrongSecret.status, 401);
      assert.deepEqual(wrongSecret.body, { error: 'invalid_client', error_description: 'invalid client_secret parameter' });
      const wrongId = await requestToken(emu.url, { grant_type: 'client_credentials', client_id: 'other', client_secret: 'good-secret' });
      assert.equal(wrongId.status, 401);
      assert.equal(wrongId.body.error, 'invalid_client');
      const ok = await requestToken(emu.url, { grant_type: 'client_credentials', client_id: 'good-id', client_secret: 'good-secret' });
      assert.equal(ok.status, 200);
    });
  });

  test('missing fields and unsupported grant types are 400 with IMS-style bodies', async () => {
    await withEmulator({}, async (emu) => {
      const noSecret = await requestToken(emu.url, { grant_type: 'client_credentials', client_id: 'abc' });
      assert.equal(noSecret.status, 400);
      assert.deepEqual(noSecret.body, { error: 'invalid_request', error_description: 'missing client_secret parameter' });
      const noId = await requestToken(emu.url, { grant_type: 'client_credentials', client_secret: 's' });
      assert.equal(noId.status, 400);
      assert.match(noId.body.error_description, /client_id/);
      const noGrant = await requestToken(emu.url, { client_id: 'a', client_secret: 's' });
      assert.equal(noGrant.status, 400);
      const badGrant = await requestToken(emu.url, { grant_type: 'password', client_id: 'a', client_secret: 's' });
      assert.equal(badGrant.status, 400);
      assert.equal(badGrant.body.error, 'unsupported_grant_type');
    });
  });

  test('a token stays valid across a restart on the same data folder until it expires; the signing key is private', async () => {
    const dataDir = tempFolder('ims-restart-');
    const first = await startTestEmulator({ dataDir });
    const token = await first.token('restart-id', 'restart-secret');
    await first.close();
    const headers = { authorization: `Bearer ${token}`, 'x-api-key': 'restart-id' };
    const second = await startTestEmulator({ dataDir });
    try {
      const after = await second.call('GET', '/flowSpecs', { headers });
      assert.equal(after.status, 200, after.text);
    } finally {
      await second.close();
    }
    if (process.platform !== 'win32') assert.equal(statSync(join(dataDir, TOKEN_KEY_FILE)).mode & 0o777, 0o600);
    // Another data folder is another key: the token means nothing there, like a token of another IMS.
    await withEmulator({ dataDir: tempFolder('ims-other-') }, async (other) => {
      assert.equal((await other.call('GET', '/flowSpecs', { headers })).body.error_code, '401013');
    });
    // Expiry still applies after a restart.
    const shortLived = await startTestEmulator({ dataDir, tokenTtlSeconds: 0 });
    try {
      const expiredToken = await shortLived.token('restart-id', 'restart-secret');
      assert.equal((await shortLived.call('GET', '/flowSpecs', { headers: { ...headers, authorization: `Bearer ${expiredToken}` } })).status, 401);
    } finally {
      await shortLived.close();
    }
  });

  test('expired tokens are refused by the Flow Service with 401013', async () => {
    await withEmulator({ tokenTtlSeconds: 0 }, async (emu) => {
      const result = await emu.call('GET', '/flowSpecs');
      assert.equal(result.status, 401);
      assert.deepEqual(result.body, { error_code: '401013', message: 'Oauth token is not valid' });
    });
  });

  test('the request log never contains tokens or secrets', async () => {
    const lines: string[] = [];
    await withEmulator({ log: (line) => lines.push(line) }, async (emu) => {
      const query = '?grant_type=client_credentials&client_id=id1&client_secret=SUPER-SECRET-VALUE';
      const response = await fetch(`${emu.url}/ims/token/v3${query}`, { method: 'POST' });
      const token = ((await response.json()) as LooseJson).access_token as string;
      await emu.call('GET', '/flowSpecs', { headers: { authorization: `Bearer ${token}`, 'x-api-key': 'id1' } });
      const all = lines.join('\n');
      // token by query, the helper's own default token, then the GET
      assert.equal(lines.length, 3);
      assert.match(lines[2]!, /^GET \/data\/foundation\/flowservice\/flowSpecs 200 /);
      assert.match(lines[0]!, /^POST \/ims\/token\/v3 200 [\d.]+ms [0-9a-f-]{36}$/);
      assert.ok(!all.includes('SUPER-SECRET-VALUE'));
      assert.ok(!all.includes(token));
    });
  });
});

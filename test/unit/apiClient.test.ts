import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { FlowServiceError } from '../../core/api/errors';
import type { EnvironmentConfig } from '../../core/api/types';
import { FakeClock, RecordingTransport, json } from './fakes/recordingTransport';

const env: EnvironmentConfig = {
  name: 'Test env',
  platformUrl: 'https://platform.adobe.io',
  imsUrl: 'https://ims-na1.adobelogin.com',
  orgId: 'ABC123@AdobeOrg',
  clientId: 'client-abc',
  sandbox: 'dev',
  scopes: ['openid', 'AdobeID', 'read_organizations'],
};
const SECRET = 'p8e-S3cretValue';
const SPEC_PATH = /\/data\/foundation\/flowservice\/connectionSpecs/;

function setup(options: { expiresIn?: number } = {}) {
  const fake = new RecordingTransport().withIms(options.expiresIn);
  const clock = new FakeClock();
  const client = createFlowServiceClient({ environment: env, clientSecret: SECRET, transport: fake.transport, clock, random: () => 0.5 });
  return { fake, clock, client };
}

describe('request shapes', () => {
  test('token request is a client_credentials form POST to /ims/token/v3', async () => {
    const { fake, client } = setup();
    fake.on('GET', SPEC_PATH, () => json(200, { items: [{ id: 'a', name: 'x' }] }));
    await client.get('connectionSpecs', 'a');
    const [ims] = fake.matching('POST', /\/ims\/token\/v3$/);
    assert.equal(ims.url, 'https://ims-na1.adobelogin.com/ims/token/v3');
    assert.equal(ims.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(ims.form?.get('grant_type'), 'client_credentials');
    assert.equal(ims.form?.get('client_id'), 'client-abc');
    assert.equal(ims.form?.get('client_secret'), SECRET);
    assert.equal(ims.form?.get('scope'), 'openid,AdobeID,read_organizations');
  });

  test('Flow Service calls carry the documented headers; bodies carry Content-Type', async () => {
    const { fake, client } = setup();
    fake.on('GET', SPEC_PATH, () => json(200, { items: [{ id: 'a', name: 'x' }] }));
    fake.on('PUT', SPEC_PATH, (req) => json(200, { id: 'a', ...JSON.parse(req.body ?? '{}') }));
    const got = await client.get('connectionSpecs', 'a');
    assert.equal(got.id, 'a');
    await client.update('connectionSpecs', 'a', { name: 'y' });
    const [get, put] = fake.requests.filter((r) => SPEC_PATH.test(r.path));
    assert.equal(get.url, 'https://platform.adobe.io/data/foundation/flowservice/connectionSpecs/a');
    assert.equal(get.method, 'GET');
    assert.equal(get.headers.authorization, 'Bearer token-1');
    assert.equal(get.headers['x-api-key'], 'client-abc');
    assert.equal(get.headers['x-gw-ims-org-id'], 'ABC123@AdobeOrg');
    assert.equal(get.headers['x-sandbox-name'], 'dev');
    assert.equal(get.headers.accept, 'application/json');
    assert.equal(get.headers['content-type'], undefined);
    assert.equal(put.method, 'PUT');
    assert.equal(put.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(put.body ?? ''), { name: 'y' });
  });

  test('create returns the unwrapped 201 body', async () => {
    const { fake, client } = setup();
    fake.on('POST', SPEC_PATH, () => json(201, { id: 'new-id', name: 'n', createdAt: 1 }));
    const created = await client.create('connectionSpecs', { name: 'n', providerId: 'p' });
    assert.equal(created.id, 'new-id');
    assert.equal(fake.matching('POST', SPEC_PATH).length, 1);
  });
});

describe('tokens', () => {
  test('one token is reused across calls and shared by concurrent callers', async () => {
    const { fake, client } = setup();
    fake.on('GET', SPEC_PATH, () => json(200, { items: [{ id: 'a', name: 'x' }] }));
    await Promise.all([client.get('connectionSpecs', 'a'), client.get('connectionSpecs', 'a'), client.get('connectionSpecs', 'a')]);
    await client.get('connectionSpecs', 'a');
    assert.equal(fake.matching('POST', /ims/).length, 1);
    assert.ok(fake.matching('GET', SPEC_PATH).every((r) => r.headers.authorization === 'Bearer token-1'));
  });

  test('a token is fetched again 5 minutes before it expires', async () => {
    const { fake, clock, client } = setup({ expiresIn: 3600 });
    fake.on('GET', SPEC_PATH, () => json(200, { items: [{ id: 'a', name: 'x' }] }));
    await client.get('connectionSpecs', 'a');
    clock.advance(3600_000 - 5 * 60_000 - 1000);
    await client.get('connectionSpecs', 'a');
    assert.equal(fake.matching('POST', /ims/).length, 1, 'still valid 5m01s before expiry');
    clock.advance(2000);
    await client.get('connectionSpecs', 'a');
    assert.equal(fake.matching('POST', /ims/).length, 2, 'renewed inside the 5-minute margin');
    assert.equal(fake.matching('GET', SPEC_PATH).at(-1)?.headers.authorization, 'Bearer token-2');
  });

  test('a 401 from the Flow Service refreshes the token once and repeats the request once', async () => {
    const { fake, client } = setup();
    fake.on('GET', SPEC_PATH, (_req, n) => (n === 1 ? json(401, { error_code: '401013', message: 'Oauth token is not valid' }) : json(200, { items: [{ id: 'a', name: 'x' }] })));
    const got = await client.get('connectionSpecs', 'a');
    assert.equal(got.id, 'a');
    const gets = fake.matching('GET', SPEC_PATH);
    assert.deepEqual(gets.map((r) => r.headers.authorization), ['Bearer token-1', 'Bearer token-2']);
  });

  test('a second 401 is reported, not retried forever', async () => {
    const { fake, client } = setup();
    fake.on('GET', SPEC_PATH, () => json(401, { error_code: '401013', message: 'Oauth token is not valid' }));
    await assert.rejects(client.get('connectionSpecs', 'a'), (err: FlowServiceError) => {
      assert.equal(err.kind, 'auth');
      assert.equal(err.details.code, '401013');
      assert.match(err.message, /token is not valid/);
      return true;
    });
    assert.equal(fake.matching('GET', SPEC_PATH).length, 2);
    assert.equal(fake.matching('POST', /ims/).length, 2);
  });

  test('IMS refusing the credentials names the environment', async () => {
    const fake = new RecordingTransport().on('POST', /ims/, () => json(401, { error: 'invalid_client', error_description: 'invalid client_secret parameter' }));
    const client = createFlowServiceClient({ environment: env, clientSecret: SECRET, transport: fake.transport, clock: new FakeClock() });
    await assert.rejects(client.get('connectionSpecs', 'a'), (err: FlowServiceError) => {
      assert.equal(err.kind, 'auth');
      assert.match(err.message, /IMS refused the client credentials: check the client id and secret for environment Test env/);
      return true;
    });
    assert.equal(fake.matching('GET', SPEC_PATH).length, 0);
  });

  test('the secret may come from an async function (SecretStorage)', async () => {
    const fake = new RecordingTransport().withIms();
    fake.on('GET', SPEC_PATH, () => json(200, { items: [{ id: 'a', name: 'x' }] }));
    const client = createFlowServiceClient({ environment: env, clientSecret: async () => 'from-store', transport: fake.transport, clock: new FakeClock() });
    await client.get('connectionSpecs', 'a');
    assert.equal(fake.requests[0].form?.get('client_secret'), 'from-store');
  });
});

describe('host allowlist', () => {
  for (const platformUrl of ['https://evil.example.com', 'http://platform.adobe.io', 'https://adobe.io.evil.com', 'ftp://127.0.0.1']) {
    test(`refuses ${platformUrl} before any request`, async () => {
      const fake = new RecordingTransport().withIms();
      const client = createFlowServiceClient({ environment: { ...env, platformUrl }, clientSecret: SECRET, transport: fake.transport });
      await assert.rejects(client.list('connectionSpecs'), (err: FlowServiceError) => {
        assert.equal(err.kind, 'config');
        assert.match(err.message, /Refusing to send credentials to .*only Adobe hosts and loopback are allowed/);
        return true;
      });
      assert.equal(fake.requests.length, 0);
    });
  }

  test('refuses a non-Adobe IMS URL before sending the secret', async () => {
    const fake = new RecordingTransport().withIms();
    const client = createFlowServiceClient({ environment: { ...env, imsUrl: 'https://ims.attacker.net' }, clientSecret: SECRET, transport: fake.transport });
    await assert.rejects(client.get('connectionSpecs', 'a'), (err: FlowServiceError) => err.kind === 'config' && /ims\.attacker\.net/.test(err.message));
    assert.equal(fake.requests.length, 0);
  });

  for (const url of ['http://127.0.0.1:8080', 'http://localhost:1', 'http://[::1]:9', 'https://platform-stage.adobe.io', 'http://127.5.6.7']) {
    test(`allows ${url}`, async () => {
      const fake = new RecordingTransport().withIms();
      fake.on('GET', /connectionSpecs/, () => json(200, { items: [] }));
      const client = createFlowServiceClient({ environment: { ...env, platformUrl: url, imsUrl: url }, clientSecret: SECRET, transport: fake.transport });
      assert.deepEqual(await client.list('connectionSpecs'), []);
    });
  }
});

describe('list', () => {
  test('follows _links.next.href and continuationToken pages, keeping filters on the first request', async () => {
    const { fake, client } = setup();
    fake.on('GET', SPEC_PATH, (req) => {
      const url = new URL(req.url);
      const token = url.searchParams.get('continuationToken');
      if (!token) return json(200, { items: [{ id: '1', name: 'a' }], _links: { next: { href: '/connectionSpecs?continuationToken=p2&limit=1' } } });
      if (token === 'p2') return json(200, { items: [{ id: '2', name: 'b' }], continuationToken: 'p3' });
      return json(200, { items: [{ id: '3', name: 'c' }] });
    });
    const all = await client.list('connectionSpecs', { property: ['providerId==x', 'type==generic-rest'], limit: 1 });
    assert.deepEqual(all.map((s) => s.id), ['1', '2', '3']);
    const gets = fake.matching('GET', SPEC_PATH);
    assert.equal(gets.length, 3);
    assert.deepEqual(new URL(gets[0].url).searchParams.getAll('property'), ['providerId==x', 'type==generic-rest']);
    assert.equal(new URL(gets[1].url).pathname, '/data/foundation/flowservice/connectionSpecs');
    // The href carries only the token (and a page size): the first request's filters go with it again.
    assert.deepEqual(new URL(gets[1].url).searchParams.getAll('property'), ['providerId==x', 'type==generic-rest']);
    assert.equal(new URL(gets[1].url).searchParams.get('limit'), '1');
  });

  test('refuses a next link to another host', async () => {
    const { fake, client } = setup();
    fake.on('GET', SPEC_PATH, () => json(200, { items: [], _links: { next: { href: 'https://elsewhere.example/x' } } }));
    await assert.rejects(client.list('connectionSpecs'), (err: FlowServiceError) => err.kind === 'bad-response');
  });

  test('findByName filters exactly', async () => {
    const { fake, client } = setup();
    fake.on('GET', SPEC_PATH, () => json(200, { items: [{ id: '1', name: 'a' }, { id: '2', name: 'a,b' }] }));
    const found = await client.findByName('connectionSpecs', 'a');
    assert.deepEqual(found.map((s) => s.id), ['1']);
    assert.equal(new URL(fake.matching('GET', SPEC_PATH)[0].url).searchParams.get('property'), 'name==a');
  });
});

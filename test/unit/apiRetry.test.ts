import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { FlowServiceError } from '../../core/api/errors';
import { classifyTransportError, parseRetryAfter } from '../../core/api/http';
import type { EnvironmentConfig, ExchangeLogEntry } from '../../core/api/types';
import { FakeClock, RecordingTransport, json, networkError, never } from './fakes/recordingTransport';

const env: EnvironmentConfig = {
  name: 'Retry env',
  platformUrl: 'http://127.0.0.1:1',
  imsUrl: 'http://127.0.0.1:1',
  orgId: 'O@AdobeOrg',
  clientId: 'cid',
  sandbox: 'prod',
  scopes: ['openid'],
};
const SPECS = /\/connectionSpecs/;
const OK = () => json(200, { items: [{ id: 'a', name: 'x' }] });

function setup(random = () => 0.5, extra: { timeoutMs?: number } = {}) {
  const fake = new RecordingTransport().withIms();
  const clock = new FakeClock();
  const entries: ExchangeLogEntry[] = [];
  const client = createFlowServiceClient({
    environment: env,
    clientSecret: 'secret-value',
    transport: fake.transport,
    clock,
    random,
    timeoutMs: extra.timeoutMs,
    logger: { info() {}, warn() {}, error() {}, exchange: (e) => entries.push(e) },
  });
  return { fake, clock, client, entries };
}

describe('retries', () => {
  test('429 with Retry-After seconds waits that long, then succeeds', async () => {
    const { fake, clock, client } = setup();
    fake.on('GET', SPECS, (_r, n) => (n < 3 ? json(429, { title: 'Too Many Requests' }, { 'retry-after': '2' }) : OK()));
    await client.get('connectionSpecs', 'a');
    assert.deepEqual(clock.sleeps, [2000, 2000]);
    assert.equal(fake.matching('GET', SPECS).length, 3);
  });

  test('Retry-After as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:07 GMT', now), 7000);
    assert.equal(parseRetryAfter('1.5', now), 1500);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  test('503/502/504 back off with full jitter bounded by the exponential cap', async () => {
    const randoms = [0.99, 0.99, 0.99, 0.0];
    const { fake, clock, client } = setup(() => randoms.shift() ?? 0);
    const statuses = [503, 502, 504];
    fake.on('GET', SPECS, (_r, n) => (n <= 3 ? json(statuses[n - 1], { title: 'Unavailable' }) : OK()));
    await client.get('connectionSpecs', 'a');
    assert.equal(clock.sleeps.length, 3);
    const caps = [500, 1000, 2000];
    clock.sleeps.forEach((ms, i) => {
      assert.ok(ms >= 0 && ms < caps[i], `delay ${ms} within [0, ${caps[i]})`);
      assert.ok(ms > caps[i] * 0.9, 'random 0.99 gives a delay near the cap');
    });
  });

  test('network resets are retried for GET and PUT', async () => {
    const { fake, client } = setup();
    fake.on('GET', SPECS, (_r, n) => {
      if (n === 1) throw networkError('ECONNRESET');
      if (n === 2) throw new TypeError('fetch failed');
      return OK();
    });
    fake.on('PUT', SPECS, (_r, n) => {
      if (n === 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return json(200, { id: 'a', name: 'x' });
    });
    await client.get('connectionSpecs', 'a');
    await client.update('connectionSpecs', 'a', { name: 'x' });
    assert.equal(fake.matching('GET', SPECS).length, 3);
    assert.equal(fake.matching('PUT', SPECS).length, 2);
  });

  test('a 429 storm past the attempt bound becomes rate-limited saying how long it tried', async () => {
    const { fake, client } = setup();
    fake.on('GET', SPECS, () => json(429, {}, { 'retry-after': '1' }));
    await assert.rejects(client.get('connectionSpecs', 'a'), (err: FlowServiceError) => {
      assert.equal(err.kind, 'rate-limited');
      assert.match(err.message, /gave up after 5 attempt\(s\) over 4 s/);
      assert.equal(err.details.attempts, 5);
      return true;
    });
    assert.equal(fake.matching('GET', SPECS).length, 5);
  });

  test('total time bound: a long Retry-After is not waited for', async () => {
    const { fake, clock, client } = setup();
    fake.on('GET', SPECS, () => json(429, {}, { 'retry-after': '120' }));
    await assert.rejects(client.get('connectionSpecs', 'a'), (err: FlowServiceError) => err.kind === 'rate-limited' && /asked to wait 120 s/.test(err.message));
    assert.deepEqual(clock.sleeps, []);
  });

  test('unreachable host fails at once with an actionable message', async () => {
    const { fake, client } = setup();
    fake.on('GET', SPECS, () => {
      throw networkError('ECONNREFUSED');
    });
    await assert.rejects(client.get('connectionSpecs', 'a'), (err: FlowServiceError) => {
      assert.equal(err.kind, 'network');
      assert.match(err.message, /Could not reach 127\.0\.0\.1:1 \(ECONNREFUSED\): nothing is listening there\. Is the emulator running \(`sources-sdk emulator --port 1`\)\? Check the platform URL \(SOURCES_SDK_PLATFORM_URL\)/);
      // The extension shows the same fact with its own command and setting.
      assert.equal(err.details.editorMessage, "Could not reach 127.0.0.1:1 (ECONNREFUSED): nothing is listening there. Is the emulator running " +
        "(Sources SDK: Start Local Emulator)? Check the environment's platform URL (platform in the sourcesSdk.environments setting)");
      return true;
    });
    assert.equal(fake.matching('GET', SPECS).length, 1);
  });

  test('an unreachable non-loopback host names the setting to check, not the emulator', async () => {
    const err = classifyTransportError(networkError('ENOTFOUND'), { method: 'POST', url: 'https://ims-na1.adobelogin.com/ims/token/v3' }, false, false, 1000);
    assert.equal(err.details.retryable, false);
    assert.match(err.message, /Could not reach ims-na1\.adobelogin\.com \(ENOTFOUND\): check the IMS URL \(SOURCES_SDK_IMS_URL\), your network or proxy/);
    assert.doesNotMatch(err.message, /emulator/);
  });

  test('a timeout on a call the service answers by asking the source says the source may be the slow part', () => {
    const platform = 'https://platform.adobe.io/data/foundation/flowservice';
    for (const path of ['/connections/c1/explore?objectType=root', '/connectionSpecs/s1/explore', '/connections/c1/test']) {
      const err = classifyTransportError(new Error('aborted'), { method: 'GET', url: `${platform}${path}` }, true, false, 30_000);
      assert.equal(err.kind, 'timeout');
      assert.match(err.message, /No answer from platform\.adobe\.io within 30 s .*the source's API may be the slow part/, path);
    }
    const list = classifyTransportError(new Error('aborted'), { method: 'GET', url: `${platform}/connections?limit=10` }, true, false, 30_000);
    assert.match(list.message, /the service may be overloaded or the network slow/);
    assert.doesNotMatch(list.message, /source/);
  });

  test('a port fetch blocks is reported as such and not retried', () => {
    const err = classifyTransportError(Object.assign(new TypeError('fetch failed'), { cause: new Error('bad port') }), { method: 'GET', url: 'http://127.0.0.1:6000/x' }, false, false, 1000);
    assert.equal(err.details.retryable, false);
    assert.match(err.message, /refuses to connect to port 6000/);
  });

  test('each exchange is logged with method, url, status, attempt and request id', async () => {
    const { fake, client, entries } = setup();
    fake.on('GET', SPECS, (_r, n) => (n === 1 ? json(503, {}) : json(200, { items: [{ id: 'a', name: 'x' }] }, { 'x-request-id': 'req-42' })));
    await client.get('connectionSpecs', 'a');
    const gets = entries.filter((e) => e.method === 'GET');
    assert.deepEqual(gets.map((e) => [e.status, e.attempt]), [[503, 1], [200, 2]]);
    assert.equal(gets[1].requestId, 'req-42');
    assert.match(gets[1].url, /\/data\/foundation\/flowservice\/connectionSpecs\/a$/);
  });
});

describe('POST is never blindly repeated', () => {
  test('after a reset, the spec is looked up by name and returned when it exists', async () => {
    const { fake, client } = setup();
    fake.on('POST', SPECS, () => {
      throw networkError('ECONNRESET');
    });
    fake.on('GET', SPECS, () => json(200, { items: [{ id: 'made-it', name: 'My source', createdAt: 5 }] }));
    const created = await client.create('connectionSpecs', { name: 'My source', providerId: 'p' });
    assert.equal(created.id, 'made-it');
    assert.equal(fake.matching('POST', SPECS).length, 1);
    assert.equal(new URL(fake.matching('GET', SPECS)[0].url).searchParams.get('property'), 'name==My source');
  });

  test('after a 503, nothing found by name: throws without a second POST', async () => {
    const { fake, client } = setup();
    fake.on('POST', SPECS, () => json(503, { title: 'Service Unavailable' }));
    fake.on('GET', SPECS, () => json(200, { items: [] }));
    await assert.rejects(client.create('connectionSpecs', { name: 'Nope', providerId: 'p' }), (err: FlowServiceError) => {
      assert.equal(err.kind, 'unavailable');
      assert.match(err.message, /was not created; it is safe to try again/);
      return true;
    });
    assert.equal(fake.matching('POST', SPECS).length, 1);
  });

  test('a 429 on POST (rejected before processing) is retried', async () => {
    const { fake, client } = setup();
    fake.on('POST', SPECS, (_r, n) => (n === 1 ? json(429, {}, { 'retry-after': '0' }) : json(201, { id: 'x', name: 'n' })));
    assert.equal((await client.create('connectionSpecs', { name: 'n' })).id, 'x');
    assert.equal(fake.matching('POST', SPECS).length, 2);
  });

  test('a malformed 201 is resolved by name lookup', async () => {
    const { fake, client } = setup();
    fake.on('POST', SPECS, () => new Response('<html>oops', { status: 201 }));
    fake.on('GET', SPECS, () => json(200, { items: [{ id: 'old', name: 'n', createdAt: 1 }, { id: 'new', name: 'n', createdAt: 9 }] }));
    assert.equal((await client.create('connectionSpecs', { name: 'n' })).id, 'new');
  });
});

describe('timeouts and cancellation', () => {
  test('a slow answer times out with a clear error after bounded retries', async () => {
    const { fake, client, entries } = setup(() => 0, { timeoutMs: 30 });
    fake.on('GET', SPECS, (_r, _n, signal) => never(signal));
    await assert.rejects(client.get('connectionSpecs', 'a'), (err: FlowServiceError) => {
      assert.equal(err.kind, 'timeout');
      assert.match(err.message, /No answer from 127\.0\.0\.1:1 within 30 ms/);
      return true;
    });
    assert.equal(entries.filter((e) => e.status === 'timeout').length, 5);
  });

  test('cancellation by the caller is reported as cancelled and not retried', async () => {
    const { fake, client } = setup();
    const controller = new AbortController();
    fake.on('GET', SPECS, (_r, _n, signal) => {
      queueMicrotask(() => controller.abort());
      return never(signal);
    });
    await assert.rejects(client.get('connectionSpecs', 'a', { signal: controller.signal }), (err: FlowServiceError) => err.kind === 'cancelled');
    assert.equal(fake.matching('GET', SPECS).length, 1);
  });

  test('an already-aborted signal sends nothing to the Flow Service', async () => {
    const { fake, client } = setup();
    fake.on('GET', SPECS, OK);
    await assert.rejects(client.get('connectionSpecs', 'a', { signal: AbortSignal.abort() }), (err: FlowServiceError) => err.kind === 'cancelled');
    assert.equal(fake.matching('GET', SPECS).length, 0);
  });
});

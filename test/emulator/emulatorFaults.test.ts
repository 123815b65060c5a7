import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withEmulator } from './helpers/emulator';
import { parseFaultArgument, validateFault } from '../../emulator/faults';
import type { LooseJson } from '../helpers/looseJson';

describe('emulator fault injection', () => {
  test('429 with Retry-After, counted down by times, then normal service', async () => {
    await withEmulator({ faults: [{ kind: 'status', status: 429, retryAfterSeconds: 3, times: 2, match: { path: '/flowSpecs' } }] }, async (emu) => {
      // Fetch the token first: the fault only matches flowSpecs paths.
      await emu.headers();
      const first = await emu.call('GET', '/flowSpecs');
      assert.equal(first.status, 429);
      assert.equal(first.headers.get('retry-after'), '3');
      assert.match(first.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
      assert.equal((await emu.call('GET', '/connectionSpecs')).status, 200, 'other paths are not affected');
      assert.equal((await emu.call('GET', '/flowSpecs')).status, 429);
      assert.equal((await emu.call('GET', '/flowSpecs')).status, 200);
      assert.deepEqual(emu.emulator.store.faults(), []);
    });
  });

  test('503 in the FLOW error format; method match; setFaults replaces the list', async () => {
    await withEmulator({}, async (emu) => {
      await emu.headers();
      emu.emulator.setFaults([{ kind: 'status', status: 503, match: { method: 'POST' } }]);
      assert.equal((await emu.call('GET', '/flowSpecs')).status, 200);
      const post = await emu.call('POST', '/flowSpecs', { body: { name: 'x', providerId: 'y' } });
      assert.equal(post.status, 503);
      assert.equal(post.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1103-503');
      assert.equal(post.body.report['request-id'], post.headers.get('x-request-id'));
      emu.emulator.setFaults([]);
      assert.equal((await emu.call('POST', '/flowSpecs', { body: { name: 'x', providerId: 'y' } })).status, 201);
    });
  });

  test('delay holds the answer at least ms, then serves it', async () => {
    await withEmulator({}, async (emu) => {
      await emu.headers();
      emu.emulator.setFaults([{ kind: 'delay', ms: 150, times: 1 }]);
      const started = performance.now();
      const result = await emu.call('GET', '/flowSpecs');
      const elapsed = performance.now() - started;
      assert.equal(result.status, 200);
      assert.ok(elapsed >= 145, `took ${elapsed} ms`);
    });
  });

  test('drop destroys the connection without an answer', async () => {
    await withEmulator({ faults: [{ kind: 'drop', times: 1, match: { path: '/data/foundation/flowservice/connectionSpecs' } }] }, async (emu) => {
      await emu.headers();
      await assert.rejects(emu.call('GET', '/connectionSpecs'), TypeError);
      assert.equal((await emu.call('GET', '/connectionSpecs')).status, 200);
    });
  });

  test('malformed answers 200 with a body that is not JSON', async () => {
    await withEmulator({ faults: [{ kind: 'malformed', times: 1 }] }, async (emu) => {
      const response = await fetch(`${emu.url}/ims/token/v3`, { method: 'POST', body: 'grant_type=client_credentials&client_id=a&client_secret=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(response.status, 200);
      const text = await response.text();
      assert.throws(() => JSON.parse(text));
    });
  });

  test('admin routes: health, POST/GET/DELETE faults with the admin token; admin routes are never faulted', async () => {
    await withEmulator({ faults: [{ kind: 'status', status: 500 }], faultRoute: true }, async (emu) => {
      const health = await fetch(`${emu.url}/__emulator/health`);
      assert.equal(health.status, 200);
      assert.equal(((await health.json()) as LooseJson).status, 'ok');
      const admin = { 'x-emulator-admin-token': emu.emulator.adminToken };
      const set = await fetch(`${emu.url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...admin },
        body: JSON.stringify({ faults: [{ kind: 'status', status: 502, times: 1 }] }),
      });
      assert.equal(set.status, 200);
      const listed = (await (await fetch(`${emu.url}/__emulator/faults`, { headers: admin })).json()) as LooseJson;
      assert.deepEqual(listed.faults, [{ kind: 'status', status: 502, times: 1 }]);
      const faulted = await fetch(`${emu.url}/data/foundation/flowservice/flowSpecs`);
      assert.equal(faulted.status, 502);
      const json = { 'content-type': 'application/json', ...admin };
      const bad = await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', headers: json, body: JSON.stringify({ faults: [{ kind: 'status', status: 418 }] }) });
      assert.equal(bad.status, 400);
      await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', headers: json, body: JSON.stringify({ faults: [{ kind: 'status', status: 504 }] }) });
      const cleared = await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE', headers: admin });
      assert.equal(cleared.status, 204);
      assert.equal((await emu.call('GET', '/flowSpecs')).status, 200);
    });
  });

  test('refuse answers a FLOW error with the given code, status and message, then serves again', async () => {
    await withEmulator({}, async (emu) => {
      await emu.headers();
      emu.emulator.setFaults([{ kind: 'refuse', code: '1413', message: "Invalid spec ID at sourceConnectionSpecIds[1]", times: 1, match: { method: 'PUT' } }]);
      const seeded = (await emu.call('GET', '/flowSpecs')).body.items[0];
      const put = await emu.call('PUT', `/flowSpecs/${seeded.id}`, { body: { name: seeded.name, providerId: seeded.providerId } });
      assert.equal(put.status, 400);
      assert.equal(put.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1413-400');
      assert.equal(put.body.title, 'Invalid spec ID');
      assert.equal(put.body.report['detailed-message'], 'Invalid spec ID at sourceConnectionSpecIds[1]');
      assert.equal((await emu.call('GET', `/flowSpecs/${seeded.id}`)).status, 200);
      assert.deepEqual(emu.emulator.store.faults(), []);
    });
    assert.deepEqual(parseFaultArgument('{"kind":"refuse","status":403,"message":"Permission missing"}'), { kind: 'refuse', status: 403, message: 'Permission missing' });
    assert.throws(() => validateFault({ kind: 'refuse', status: 500, message: 'x' }), /400, 403, 404, 409, 412, 422/);
    assert.throws(() => validateFault({ kind: 'refuse', message: ' ' }), /non-empty string/);
    assert.throws(() => validateFault({ kind: 'refuse', code: '14', message: 'x' }), /four digits/);
  });

  test('CLI fault syntax: compact and JSON forms, with readable errors', () => {
    assert.deepEqual(parseFaultArgument('429:retry=2:times=3:path=/flowSpecs'), {
      kind: 'status', status: 429, retryAfterSeconds: 2, times: 3, match: { path: '/flowSpecs' },
    });
    assert.deepEqual(parseFaultArgument('delay:ms=250'), { kind: 'delay', ms: 250 });
    assert.deepEqual(parseFaultArgument('drop:times=1:method=PUT'), { kind: 'drop', times: 1, match: { method: 'PUT' } });
    assert.deepEqual(parseFaultArgument('{"kind":"malformed"}'), { kind: 'malformed' });
    assert.throws(() => parseFaultArgument('418'), /429, 500, 502, 503, 504/);
    assert.throws(() => parseFaultArgument('explode'), /unknown fault kind/);
    assert.throws(() => parseFaultArgument('503:colour=red'), /unknown fault option/);
    assert.throws(() => validateFault({ kind: 'delay' }), /fault.ms/);
  });
});

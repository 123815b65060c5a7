// Issue 7, defect 5: POST /__emulator/faults needed no token, accepted text/plain (a web page could post it without
// a preflight) and compiled match.path as a regular expression, so `(a+)+$` hung the emulator until SIGKILL.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/emulator';
import { globMatches, pathMatches, validateFault } from '../../emulator/faults';

const FAULTS = JSON.stringify({ faults: [{ kind: 'status', status: 503 }] });

describe('the fault route is a locked-down test tool', () => {
  test('off unless asked for: 404, and nothing is set', async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      const answer = await fetch(`${emulator.url}/__emulator/faults`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-emulator-admin-token': emulator.adminToken }, body: FAULTS,
      });
      assert.equal(answer.status, 404);
      assert.match(((await answer.json()) as { error: string }).error, /--faults/);
      assert.deepEqual(emulator.store.faults(), []);
    } finally {
      await emulator.close();
    }
  });

  test('on: a missing or wrong admin token is 401, text/plain is 415, and neither sets anything', async () => {
    const emulator = await startEmulator({ port: 0, faultRoute: true });
    try {
      const url = `${emulator.url}/__emulator/faults`;
      const simple = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: FAULTS });
      assert.equal(simple.status, 401);
      const wrong = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-emulator-admin-token': 'guess' }, body: FAULTS });
      assert.equal(wrong.status, 401);
      assert.equal((await fetch(url, { method: 'DELETE' })).status, 401);
      assert.equal((await fetch(url)).status, 401);
      const plain = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-emulator-admin-token': emulator.adminToken }, body: FAULTS });
      assert.equal(plain.status, 415);
      assert.deepEqual(emulator.store.faults(), []);
      const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'x-emulator-admin-token': emulator.adminToken }, body: FAULTS });
      assert.equal(ok.status, 200);
      assert.deepEqual(emulator.store.faults(), [{ kind: 'status', status: 503 }]);
    } finally {
      await emulator.close();
    }
  });

  test('a regular expression as match.path is refused with a 400 that says so', async () => {
    assert.throws(() => validateFault({ kind: 'drop', match: { path: '(a+)+$' } }), /not a regular expression/);
    assert.throws(() => validateFault({ kind: 'drop', match: { path: '^/flowSpecs' } }), /not a regular expression/);
    assert.throws(() => validateFault({ kind: 'drop', match: { path: `/${'a'.repeat(300)}` } }), /at most 200 characters/);
    const emulator = await startEmulator({ port: 0, faultRoute: true });
    try {
      const answer = await fetch(`${emulator.url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-emulator-admin-token': emulator.adminToken },
        body: JSON.stringify({ faults: [{ kind: 'drop', match: { path: '(a+)+$' } }] }),
      });
      assert.equal(answer.status, 400);
      assert.deepEqual(emulator.store.faults(), []);
      // The emulator still answers.
      assert.equal((await fetch(`${emulator.url}/__emulator/health`)).status, 200);
    } finally {
      await emulator.close();
    }
  });

  test('patterns are path prefixes or * / ? globs, on the full path or below the Flow Service root', () => {
    const flow = '/data/foundation/flowservice/flowSpecs/abc';
    assert.ok(pathMatches('/flowSpecs', flow));
    assert.ok(pathMatches('flowSpecs', flow));
    assert.ok(pathMatches('/data/foundation', flow));
    assert.ok(!pathMatches('/connectionSpecs', flow));
    assert.ok(pathMatches('/flowSpecs/*', flow));
    assert.ok(!pathMatches('/flowSpecs/*', '/data/foundation/flowservice/flowSpecs'));
    assert.ok(pathMatches('*/ims/*', '/ims/token/v3'));
    assert.ok(pathMatches('/flowSpecs/a?c', flow));
    assert.ok(globMatches('a*b*c', 'aXXbYYc'));
    assert.ok(!globMatches('a*b*c', 'aXXbYY'));
    // A pattern that would be catastrophic as a backtracking regex is linear here.
    const evil = `${'*a'.repeat(40)}!`;
    assert.equal(globMatches(evil, 'a'.repeat(5000)), false);
  });
});

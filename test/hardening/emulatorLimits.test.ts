// Issue 7, defects 4, 6, 9 and the emulator's small ones: a body nested 5,000 deep was stored and broke every list
// of its sandbox; one failing write (a 300-character sandbox name) failed a whole group commit with the absolute
// data path in the message; one corrupt file under --data made its sandbox answer 500 without naming the file;
// malformed % escapes and over-long header values answered 500; the token table never shrank (tokens now need none).
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withEmulator, sampleConnectionSpec, TEST_ORG_ID } from '../emulator/helpers/emulator';
import { DiskPersistence, encodeSegment } from '../../emulator/persistence';
import { TokenAuthority } from '../../emulator/ims';
import { hidePaths } from '../../emulator/emulator';
import type { StoredSpec } from '../../emulator/types';

const temps: string[] = [];
const tempDir = (label: string) => {
  const dir = mkdtempSync(join(tmpdir(), `h7-${label}-`));
  temps.push(dir);
  return dir;
};
after(() => { for (const dir of temps) rmSync(dir, { recursive: true, force: true }); });

/** A spec whose `attributes` nest `depth` levels, as raw JSON text (JSON.stringify itself overflows on it). */
const deepBody = (depth: number) =>
  JSON.stringify(sampleConnectionSpec('Deep one', { attributes: 'DEEP' })).replace('"DEEP"', `${'{"x":'.repeat(depth)}{}${'}'.repeat(depth)}`);

describe('the emulator refuses what it cannot store, per request', () => {
  for (const mode of ['memory', 'data folder'] as const) {
    test(`${mode}: a POST nested 5,000 deep is 400 and stores nothing; the sandbox keeps listing`, async () => {
      await withEmulator(mode === 'memory' ? {} : { dataDir: tempDir('deep') }, async (emu) => {
        const kept = await emu.create('connectionSpecs', sampleConnectionSpec('Kept'));
        const deep = await emu.call('POST', '/connectionSpecs', { rawBody: deepBody(5000) });
        assert.equal(deep.status, 400, deep.text);
        assert.match(deep.body.errorMessage, /nested deeper than 100 levels/);
        const put = await emu.call('PUT', `/connectionSpecs/${kept.id}`, { rawBody: deepBody(200) });
        assert.equal(put.status, 400);
        const list = await emu.call('GET', '/connectionSpecs?property=name!%3Ddatalake');
        assert.equal(list.status, 200);
        assert.deepEqual(list.body.items.map((s: { name: string }) => s.name), ['Kept'], 'nothing but the kept spec (and the platform\'s datalake, filtered out)');
      });
    });
  }

  test('over-long org or sandbox headers and malformed % escapes are 400, not 500', async () => {
    await withEmulator({ dataDir: tempDir('headers') }, async (emu) => {
      const longSandbox = await emu.call('POST', '/connectionSpecs', { body: sampleConnectionSpec(), sandbox: 's'.repeat(300) });
      assert.equal(longSandbox.status, 400, longSandbox.text);
      assert.match(longSandbox.body.errorMessage, /x-sandbox-name is longer than 128/);
      const longOrg = await emu.call('GET', '/connectionSpecs', { orgId: `${'o'.repeat(200)}@AdobeOrg` });
      assert.equal(longOrg.status, 400);
      for (const path of ['/connectionSpecs/%E0%A4%A', '/flowSpecs/%zz', '/connectionSpecs/%']) {
        const bad = await emu.call('GET', path);
        assert.equal(bad.status, 400, `${path}: ${bad.text}`);
        assert.match(bad.body.errorMessage, /malformed % escape/);
      }
    });
  });

  test('group commit: one write the file system refuses fails alone, without an absolute path; 400 others land', async () => {
    const dataDir = tempDir('batch');
    const persistence = new DiskPersistence(dataDir);
    const record = (id: string): StoredSpec => ({ id, name: id, createdAt: 1, updatedAt: 1 });
    const good = Array.from({ length: 400 }, (_, i) => persistence.writeSpec({ orgId: TEST_ORG_ID, sandboxName: `sb${i % 4}` }, 'connectionSpecs', record(`spec-${i}`)));
    // A 300-character sandbox name is a folder name the file system refuses (ENAMETOOLONG).
    const bad = persistence.writeSpec({ orgId: TEST_ORG_ID, sandboxName: 'x'.repeat(300) }, 'connectionSpecs', record('bad'));
    const results = await Promise.allSettled([...good, bad]);
    const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    assert.equal(failed.length, 1, failed.map((f) => String(f.reason)).slice(0, 3).join('\n'));
    assert.equal(results.at(-1)!.status, 'rejected');
    const message = String(failed[0]!.reason);
    assert.ok(!message.includes(dataDir), message);
    assert.match(message, /could not store .*bad\.json in the data folder \(ENAMETOOLONG\)/);
    const stored = [0, 1, 2, 3].flatMap((i) => readdirSync(join(dataDir, encodeSegment(TEST_ORG_ID), `sb${i}`, 'connectionSpecs')));
    assert.equal(stored.filter((name) => name.endsWith('.json')).length, 400);
    // And the 500 net of the server never shows one either.
    assert.equal(hidePaths(`EACCES: permission denied, open '${dataDir}/a/b.json'`), "EACCES: permission denied, open '…/b.json'");
  });

  test('a corrupt and an unreadable file on load are quarantined, logged and named in a Warning header; the rest loads', async () => {
    const dataDir = tempDir('quarantine');
    const ids: string[] = [];
    await withEmulator({ dataDir }, async (emu) => {
      for (const name of ['One', 'Two', 'Three']) ids.push((await emu.create('connectionSpecs', sampleConnectionSpec(name))).id);
    });
    const folder = join(dataDir, encodeSegment(TEST_ORG_ID), 'prod', 'connectionSpecs');
    writeFileSync(join(folder, `${ids[0]}.json`), '{"id": "half a write');
    rmSync(join(folder, `${ids[1]}.json`));
    mkdirSync(join(folder, `${ids[1]}.json`)); // a folder where a file should be: reading it fails (EISDIR), even as root
    const log: string[] = [];
    await withEmulator({ dataDir, log: (line) => log.push(line) }, async (emu) => {
      const list = await emu.call('GET', '/connectionSpecs');
      assert.equal(list.status, 200, list.text);
      assert.deepEqual(list.body.items.map((s: { name: string }) => s.name), ['datalake', 'Three'], 'the platform\'s data lake spec, and the one file that loaded');
      const warning = list.headers.get('warning') ?? '';
      assert.match(warning, /^199 sources-sdk-emulator "2 unreadable or corrupt connectionSpecs file\(s\)/);
      assert.ok(warning.includes(`${ids[0]}.json`) && warning.includes(`${ids[1]}.json`), warning);
      assert.ok(!warning.includes(dataDir));
      assert.equal((await emu.call('GET', '/flowSpecs')).headers.get('warning'), null, 'other lists are not affected');
      assert.ok(log.some((line) => line.includes(`${ids[0]}.json could not be loaded`) && line.includes('moved to quarantine/')), log.join('\n'));
      // New writes still work in that sandbox.
      await emu.create('connectionSpecs', sampleConnectionSpec('Four'));
    });
    const quarantine = join(dataDir, 'quarantine', encodeSegment(TEST_ORG_ID), 'prod', 'connectionSpecs');
    assert.ok(existsSync(join(quarantine, `${ids[0]}.json`)));
    assert.ok(existsSync(join(quarantine, `${ids[1]}.json`)));
  });

  test('flow resources too: a corrupt, an unreadable and a non-record file are quarantined, logged and named; the rest loads', async () => {
    const dataDir = tempDir('quarantine-flows');
    const dataLake = 'c604ff05-7f1a-43c0-8e18-33bf874cb11c';
    const target = (name: string) => ({ name, connectionSpec: { id: dataLake, version: '1.0' }, data: { format: 'parquet_xdm' }, params: { dataSetId: `ds-${name}` } });
    const ids: string[] = [];
    await withEmulator({ dataDir }, async (emu) => {
      for (const name of ['One', 'Two', 'Three', 'Four']) {
        const created = await emu.call('POST', '/targetConnections', { body: target(name) });
        assert.equal(created.status, 201, created.text);
        ids.push(created.body.id);
      }
    });
    const folder = join(dataDir, encodeSegment(TEST_ORG_ID), 'prod', 'targetConnections');
    writeFileSync(join(folder, `${ids[0]}.json`), '{"id": "half a write');
    rmSync(join(folder, `${ids[1]}.json`));
    mkdirSync(join(folder, `${ids[1]}.json`)); // reading a folder fails (EISDIR), even as root
    writeFileSync(join(folder, `${ids[2]}.json`), '["valid JSON, not a record"]');
    const log: string[] = [];
    await withEmulator({ dataDir, log: (line) => log.push(line) }, async (emu) => {
      const list = await emu.call('GET', '/targetConnections');
      assert.equal(list.status, 200, list.text);
      assert.deepEqual(list.body.items.map((c: { name: string }) => c.name), ['Four']);
      const warning = list.headers.get('warning') ?? '';
      assert.match(warning, /^199 sources-sdk-emulator "3 unreadable or corrupt targetConnections file\(s\)/);
      for (const id of ids.slice(0, 3)) assert.ok(warning.includes(`${id}.json`), warning);
      assert.ok(!warning.includes(dataDir));
      assert.equal((await emu.call('GET', '/connections')).headers.get('warning'), null, 'other lists are not affected');
      assert.equal((await emu.call('GET', '/connectionSpecs')).headers.get('warning'), null);
      assert.ok(log.some((line) => line.includes(`${ids[0]}.json could not be loaded`) && line.includes('moved to quarantine/')), log.join('\n'));
      const created = await emu.call('POST', '/targetConnections', { body: target('Five') });
      assert.equal(created.status, 201, 'new writes still work in that sandbox');
    });
    const quarantine = join(dataDir, 'quarantine', encodeSegment(TEST_ORG_ID), 'prod', 'targetConnections');
    for (const id of ids.slice(0, 3)) assert.ok(existsSync(join(quarantine, `${id}.json`)), id);
  });

  test('tokens need no table: another authority with the same key verifies them (a restart); a changed key, payload or expiry does not', () => {
    let now = 0;
    const key = Buffer.alloc(32, 7);
    const authority = new TokenAuthority(undefined, 1, () => now, key);
    const tokens = Array.from({ length: 1000 }, (_, i) => authority.issue(`client-${i}`).accessToken);
    const restarted = new TokenAuthority(undefined, 1, () => now, Buffer.from(key));
    assert.ok(tokens.every((token, i) => { const check = restarted.check(token); return check.ok && check.clientId === `client-${i}`; }));
    assert.deepEqual(new TokenAuthority(undefined, 1, () => now, Buffer.alloc(32, 8)).check(tokens[0]!), { ok: false }, 'another key');
    const [header, payload, signature] = tokens[0]!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, client_id: 'someone-else' }), 'utf8').toString('base64url');
    assert.deepEqual(restarted.check(`${header}.${forged}.${signature}`), { ok: false }, 'a changed payload');
    assert.deepEqual(restarted.check('not-a-token'), { ok: false });
    now += 1000; // the 1-second lifetime has passed
    assert.deepEqual(restarted.check(tokens[0]!), { ok: false }, 'expired');
  });
});

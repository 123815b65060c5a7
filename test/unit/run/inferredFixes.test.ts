/**
 * Fixes preview infers from real responses (issue: contentPath finding nothing, pagination missing while the response
 * pages, an endConditionName no response holds), each applied to the spec text and previewed again against a fake
 * API (7 records in pages of 3): the fixed spec reads all 7 with no warning. Also what preview says about why it
 * stopped, and a repeated page's records left out of the total. The CLI prints the same suggestions.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runSpec, type RunResult } from '../../../core/run';
import { applySpecFix, describeFix } from '../../../core/run/specFix';
import { startFakeApi, type FakeApi, type FakeApiStyle } from '../../helpers/fakeApi';
import { FAKE_CREDENTIALS, startFakeSource } from '../../helpers/fakeSource';
import { AUTH, GOOD_AUTH_VALUES, previewSpec } from '../../helpers/fakeSourceSpecs';
import { tempFolders } from '../../helpers/tempFolders';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const temp = tempFolders();
const KEY = { headers: { 'x-api-key': FAKE_CREDENTIALS.apiKey } };
const fakes: FakeApi[] = [];
after(async () => { for (const f of fakes) await f.close(); });

async function fakeOf(style: Omit<FakeApiStyle, 'credentials'>): Promise<FakeApi> {
  const fake = await startFakeApi({ ...style, credentials: [KEY] });
  fakes.push(fake);
  return fake;
}

function run(spec: unknown): Promise<RunResult> {
  return runSpec({ spec, authSpecName: AUTH.key, authValues: GOOD_AUTH_VALUES[AUTH.key], sourceValues: {} });
}

const ids = (result: RunResult) => result.records.map((r) => (r as { id: number }).id);

/** Runs `spec`, expects one warning with a fix, applies it to the spec's text, runs again: all 7, no warning. */
async function fixAndRerun(spec: Record<string, unknown>, code: string) {
  const before = await run(spec);
  assert.equal(before.error, undefined, before.error?.message);
  const warning = before.warnings.find((w) => w.code === code);
  assert.ok(warning?.fix, `a ${code} warning with a fix: ${JSON.stringify(before.warnings)}`);
  const text = applySpecFix(JSON.stringify(spec, null, 2), warning.fix);
  const after = await run(JSON.parse(text));
  assert.equal(after.error, undefined, after.error?.message);
  assert.deepEqual(ids(after), [1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(after.warnings, []);
  return { before, after, warning, text };
}

describe('fixes inferred from real responses, applied and previewed again', () => {
  test('contentPath finding nothing → the records array the response holds (string form)', async () => {
    const fake = await fakeOf({ path: '/wrapped', records: ['data', 'entries'], paging: { kind: 'none' } });
    const spec = previewSpec(fake.url, { urlParams: { path: '/wrapped', method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' } });
    const { before, warning, text } = await fixAndRerun(spec, 'content-without-records');
    assert.equal(before.recordCount, 0);
    assert.deepEqual(warning.fix?.edits, [{ path: ['sourceSpec', 'attributes', 'contentPath'], value: '$.data.entries' }]);
    assert.match(warning.message, /the records look to be at \$\.data\.entries/);
    assert.match(text, /"contentPath": "\$\.data\.entries"/);
  });

  test('contentPath in object form: the fix sets its path and keeps the rest', async () => {
    const fake = await fakeOf({ path: '/wrapped', records: ['result', 'members'], paging: { kind: 'none' } });
    const spec = previewSpec(fake.url, { urlParams: { path: '/wrapped', method: 'GET' }, contentPath: { path: '$.members', skipAttributes: ['tags'] }, paginationParams: { type: 'NONE' } });
    const { after, warning } = await fixAndRerun(spec, 'content-without-records');
    assert.deepEqual(warning.fix?.edits, [{ path: ['sourceSpec', 'attributes', 'contentPath', 'path'], value: '$.result.members' }]);
    assert.ok(after.records.every((r) => !('tags' in (r as object))), 'skipAttributes kept');
  });

  test('no pagination, the response holds a next URL → a POINTER block with the link\'s page size', async () => {
    const fake = await fakeOf({ path: '/events', records: ['data'], paging: { kind: 'pointer', field: ['paging', 'next'], size: 'limit' } });
    const spec = previewSpec(fake.url, { urlParams: { path: '/events', method: 'GET' }, contentPath: '$.data', paginationParams: { type: 'NONE' } });
    const { before, warning } = await fixAndRerun(spec, 'pagination-missing');
    assert.deepEqual(ids(before), [1, 2, 3]);
    assert.equal(warning.specPath, 'sourceSpec.attributes.paginationParams');
    assert.deepEqual(warning.fix?.edits[0].value, { type: 'POINTER', limitName: 'limit', limitValue: 3, pointerPath: '$.paging.next' });
  });

  test('no pagination, the response holds a cursor → a CONTINUATION_TOKEN block', async () => {
    const fake = await fakeOf({ path: '/tickets', records: ['tickets'], paging: { kind: 'token', param: 'cursor', in: 'query', field: ['meta', 'next_cursor'] } });
    const spec = previewSpec(fake.url, { urlParams: { path: '/tickets', method: 'GET' }, contentPath: '$.tickets', paginationParams: { type: 'NONE' } });
    const { warning } = await fixAndRerun(spec, 'pagination-missing');
    assert.deepEqual(warning.fix?.edits[0].value, { type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.meta.next_cursor', parameterType: 'QUERYPARAM', parameterName: 'cursor' });
  });

  test('no pagination at all, the response holds offset and total → an OFFSET block', async () => {
    const fake = await fakeOf({ path: '/rows', records: ['rows'], paging: { kind: 'offset', offset: 'offset', limit: 'limit', echo: { offset: ['offset'], total: ['total'], limit: ['limit'] } } });
    const spec = previewSpec(fake.url, { urlParams: { path: '/rows', method: 'GET' }, contentPath: '$.rows' });
    delete ((spec.sourceSpec as { attributes: Record<string, unknown> }).attributes).paginationParams;
    const { warning, text } = await fixAndRerun(spec, 'pagination-missing');
    assert.deepEqual(warning.fix?.edits[0].value, { type: 'OFFSET', limitName: 'limit', limitValue: 3, offSetName: 'offset' });
    assert.match(warning.message, /pagination absent/);
    assert.match(text, /"paginationParams": \{\n\s+"type": "OFFSET"/);
  });

  test('an endConditionName no response holds → a warning linked to it, fixed to the flag that is there', async () => {
    const fake = await fakeOf({ path: '/contacts', records: ['contacts'], paging: { kind: 'offset', offset: 'offset', limit: 'limit', hasMore: ['has_more'] } });
    const spec = previewSpec(fake.url, { urlParams: { path: '/contacts', method: 'GET' }, contentPath: '$.contacts',
      paginationParams: { type: 'OFFSET', limitName: 'limit', limitValue: 3, offSetName: 'offset', endConditionName: '$.hasMore', endConditionValue: 'Const:false' } });
    const { before, after, warning } = await fixAndRerun(spec, 'end-condition-missing');
    assert.equal(warning.specPath, 'sourceSpec.attributes.paginationParams.endConditionName');
    assert.match(warning.message, /endConditionName "\$\.hasMore" is in none of the 3 responses/);
    assert.deepEqual(warning.fix?.edits.map((e) => e.value), ['$.has_more', 'Const:false']);
    assert.equal(before.stopReason, 'short page');
    assert.equal(after.stopReason, '$.has_more is false');
  });

  test('a repeated page is reported and its records are not counted', async () => {
    const source = await startFakeSource();
    try {
      const spec = previewSpec(source.url, { urlParams: { path: '/broken/repeat', method: 'GET' }, contentPath: '$.items',
        paginationParams: { type: 'OFFSET', limitName: 'limit', limitValue: 5, offSetName: 'offset' } });
      const result = await run(spec);
      assert.equal(result.recordCount, 5);
      assert.equal(result.records.length, 5);
      assert.deepEqual(result.requests.map((r) => r.recordCount), [5, 0]);
      assert.deepEqual(result.warnings.map((w) => w.code), ['page-repeated']);
      assert.match(result.warnings[0].message, /its 5 records are not counted/);
      assert.equal(result.stopReason, 'a page repeated the previous one');
    } finally {
      await source.close();
    }
  });

  test('the CLI prints the warning and its fix', async () => {
    const fake = await fakeOf({ path: '/wrapped', records: ['data', 'entries'], paging: { kind: 'none' } });
    const dir = temp('fix-cli-');
    const file = join(dir, 'wrapped-connectionSpec.json');
    writeFileSync(file, JSON.stringify(previewSpec(fake.url, { urlParams: { path: '/wrapped', method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' } }), null, 2));
    const out = await new Promise<{ code: number; stdout: string }>((done) => {
      execFile(process.execPath, [CLI, 'preview', file, '--auth', AUTH.key, '--set-env', 'authKey1=K'], { env: { PATH: process.env.PATH, K: FAKE_CREDENTIALS.apiKey } },
        (err, stdout) => done({ code: err ? Number(err.code) : 0, stdout }));
    });
    assert.equal(out.code, 0);
    assert.match(out.stdout, /warning content-without-records \(sourceSpec\.attributes\.contentPath\): .*\n {2}fix: set sourceSpec\.attributes\.contentPath to "\$\.data\.entries"/);
    assert.match(out.stdout, /0 records from 1 request \(stopped: NONE pagination makes one request\)/);
    const json = await new Promise<string>((done) => {
      execFile(process.execPath, [CLI, 'preview', file, '--auth', AUTH.key, '--set-env', 'authKey1=K', '--format', 'json'], { env: { PATH: process.env.PATH, K: FAKE_CREDENTIALS.apiKey } },
        (_err, stdout) => done(stdout));
    });
    const parsed = JSON.parse(json) as RunResult;
    assert.equal(describeFix(parsed.warnings[0].fix!), 'set sourceSpec.attributes.contentPath to "$.data.entries"');
    assert.equal(parsed.stopReason, 'NONE pagination makes one request');
  });
});

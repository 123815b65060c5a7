// Records kept per run are capped by count and by size, in preview and in the emulator's runs. 1,000 records of
// 1 MB made `preview --format json` print nothing and fail with "Invalid string length" after a 2.2 GB peak, and left
// an emulator run `inProgress` for ever ("run failed: Invalid string length" in the log, nothing kept). Now the first
// records are kept up to 16 MiB of JSON by default (`--max-records-mb`, `--max-run-records-mb`; the tests set 2 MiB to
// stay quick), the rest counted with a warning naming the cap; the JSON output is written record by record; and a run
// whose records cannot be stored ends failed with the reason instead of staying in progress.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startTestEmulator, TEST_ORG_ID, type TestEmulator } from '../emulator/helpers/emulator';
import { finished, waitForRuns } from '../emulator/helpers/chain';
import { encodeSegment } from '../../emulator/persistence';
import { DEFAULT_RUN_RECORDS } from '../../emulator/resources';
import { DEFAULT_LIMITS } from '../../core/run/types';
import { AUTH } from '../helpers/fakeSourceSpecs';
import { tempFolders } from '../helpers/tempFolders';
import type { LooseJson } from '../helpers/looseJson';
import { createChain, scriptedSpec, startScriptedSource, type ScriptedSource } from './helpers/scriptedSource';

const CLI = resolve(__dirname, '../../dist/cli.js');
const tempDir = tempFolders();
/** `count` records of about `bytes` bytes each (a padding string), ids from 1. */
const bigRecords = (count: number, bytes: number) => Array.from({ length: count }, (_, i) => ({ id: i + 1, padding: 'x'.repeat(bytes) }));

let source: ScriptedSource;
before(async () => {
  source = await startScriptedSource((path) => {
    if (path.startsWith('/ten-halves')) return { json: { items: bigRecords(10, 500_000) } };
    return { json: { items: bigRecords(5, 10) } };
  });
});
after(() => source.close());

async function flowRun(emu: TestEmulator, path: string): Promise<{ run: LooseJson; records: LooseJson }> {
  const chain = await createChain(emu, scriptedSpec(source.url, path, '$.items', `Records at ${path} ${Math.random()}`));
  const flowId = await chain.flow({ startTime: Math.floor(Date.now() / 1000) - 60, frequency: 'once' });
  const [run] = await waitForRuns(emu, flowId, (runs) => runs.length === 1 && finished(runs[0]));
  return { run, records: await emu.call('GET', `/runs/${run.id}/records`) };
}

describe('emulator runs', () => {
  test('records past the size cap: the run succeeds keeping the first ones, counts all and says which cap stopped it', async () => {
    // The defaults (16 MiB, 1,000 records) are what preview and the emulator use when nothing is set.
    assert.deepEqual(DEFAULT_RUN_RECORDS, { maxRecords: 1000, maxRecordBytes: 16 * 1024 * 1024 });
    assert.equal(DEFAULT_LIMITS.maxRecordBytes, 16 * 1024 * 1024);
    const emu = await startTestEmulator({ runRecords: { maxRecordBytes: 2 * 1024 * 1024 } });
    try {
      const { run, records } = await flowRun(emu, '/ten-halves');
      assert.equal(run.metrics.statusSummary.status, 'success', JSON.stringify(run.metrics.statusSummary));
      assert.equal(run.metrics.recordSummary.inputRecordCount, 10);
      assert.match(run.metrics.statusSummary.extensions.warnings.join('\n'), /Kept the first 4 of 10 records \(the record size limit, 2\.0 MiB of JSON\)/);
      assert.equal(records.status, 200);
      assert.equal(records.body.recordCount, 10);
      assert.equal(records.body.truncated, true);
      assert.deepEqual(records.body.items.map((r: { id: number }) => r.id), [1, 2, 3, 4]);
    } finally {
      await emu.close();
    }
  });

  test('the caps are options (the CLI flags --max-run-records and --max-run-records-mb)', async () => {
    const emu = await startTestEmulator({ runRecords: { maxRecords: 3 } });
    try {
      const { run, records } = await flowRun(emu, '/small');
      assert.equal(run.metrics.statusSummary.status, 'success');
      assert.deepEqual(records.body.items.map((r: { id: number }) => r.id), [1, 2, 3]);
      assert.match(run.metrics.statusSummary.extensions.warnings.join('\n'), /Kept the first 3 of 5 records \(the record limit, 3\)/);
    } finally {
      await emu.close();
    }
  });

  test('records the data folder cannot take: the run ends failed with the reason, never stays in progress', async () => {
    const dataDir = tempDir('unstorable-');
    const emu = await startTestEmulator({ dataDir });
    try {
      // A file where the run records folder should be: every write of a run's records fails.
      const chain = await createChain(emu, scriptedSpec(source.url, '/small', '$.items', 'Unstorable'));
      writeFileSync(join(dataDir, encodeSegment(TEST_ORG_ID), 'prod', 'runRecords'), 'not a folder');
      const flowId = await chain.flow({ startTime: Math.floor(Date.now() / 1000) - 60, frequency: 'once' });
      const [run] = await waitForRuns(emu, flowId, (runs) => runs.length === 1 && finished(runs[0]));
      assert.equal(run.metrics.statusSummary.status, 'failed');
      assert.match(run.metrics.statusSummary.errors[0].message, /read 5 records but they could not be stored, so none were kept/);
      assert.equal(run.metrics.recordSummary.inputRecordCount, 5);
      const flow = (await emu.call('GET', `/flows/${flowId}`)).body.items[0];
      assert.equal(flow.lastRunDetails.state, 'failed');
      assert.deepEqual((await emu.call('GET', `/runs/${run.id}/records`)).body.items, []);
    } finally {
      await emu.close();
    }
  });
});

describe('sources-sdk preview', () => {
  const dir = tempDir('preview-');
  function preview(path: string, extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const file = join(dir, `${path.slice(1)}-connectionSpec.json`);
    writeFileSync(file, JSON.stringify(scriptedSpec(source.url, path)));
    const child = spawn(process.execPath, [CLI, 'preview', file, '--auth', AUTH.basic, '--set', 'username=preview-user', '--set', 'password=Pw-9-secret!', '--set', 'listId=L', ...extra]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    return new Promise((done) => child.on('close', (code) => done({ code: code ?? 1, stdout, stderr })));
  }

  test('--format json of records over --max-records-mb prints the first ones as valid JSON, the count and the warning', async () => {
    const { code, stdout, stderr } = await preview('/ten-halves', ['--format', 'json', '--max-records-mb', '2']);
    assert.equal(code, 0, stderr);
    const out = JSON.parse(stdout);
    assert.deepEqual(out.records.map((r: { id: number }) => r.id), [1, 2, 3, 4]);
    assert.equal(out.recordCount, 10);
    assert.deepEqual(out.warnings.map((w: { code: string; message: string }) => w.message), ['Kept the first 4 of 10 records (the record size limit, 2.0 MiB of JSON)']);
  });

  test('--max-records-mb over 1000 is refused with a clear message', async () => {
    const refused = await preview('/ten-halves', ['--max-records-mb', '5000']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--max-records-mb must be a whole number of MiB from 1 to 1000, not "5000"/);
  });
});

// Two ways a run could tell the wrong story. Records nested 5,000 levels failed with "Maximum call stack size
// exceeded" plus a `record-limit-reached` warning although no limit was reached; now the run ends with an error that
// says a record is nested too deep, and no limit warning. An explore of a slow source failed on the client's own
// timeout with "the service may be overloaded", hiding that the source was the slow part; now the emulator gives up on
// the source first (20 s, under a client's 30 s) and says so.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runSpec } from '../../core/run';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { EXPLORE_SOURCE_TIMEOUT_MS } from '../../emulator/resources/explore';
import { startTestEmulator, TEST_CLIENT_SECRET } from '../emulator/helpers/emulator';
import { AUTH } from '../helpers/fakeSourceSpecs';
import { tempFolders } from '../helpers/tempFolders';
import { createChain, scriptedSpec, sourceParams, startScriptedSource, type ScriptedSource } from './helpers/scriptedSource';

const CLI = resolve(__dirname, '../../dist/cli.js');
const tempDir = tempFolders();
const deepText = (levels: number) => `${'{"x":'.repeat(levels)}1${'}'.repeat(levels)}`;

let source: ScriptedSource;
before(async () => {
  source = await startScriptedSource((path) => {
    if (path.startsWith('/slow')) return new Promise(() => undefined);
    return { raw: `{"items": [{"id": 1}, {"id": 2}, ${deepText(5000)}, {"id": 4}]}` };
  });
});
after(() => source.close());

describe('records nested 5,000 levels', () => {
  test('end the run with a clear error, no stack overflow and no record-limit warning; the records before are kept', async () => {
    const result = await runSpec({ spec: scriptedSpec(source.url, '/deep'), authSpecName: AUTH.basic, authValues: { username: 'u', password: 'p' }, sourceValues: { listId: 'L' } });
    assert.equal(result.error?.code, 'response');
    assert.match(result.error!.message, /^Record 3 of page 1 is nested deeper than 100 levels of objects and arrays/);
    assert.doesNotMatch(JSON.stringify(result), /call stack/i);
    assert.deepEqual(result.warnings.map((w) => w.code), []);
    assert.deepEqual(result.records, [{ id: 1 }, { id: 2 }]);
    assert.equal(result.recordCount, 2);
  });

  test('sources-sdk preview says the same on stderr (exit 1)', async () => {
    const file = join(tempDir('deep-'), 'deep-connectionSpec.json');
    writeFileSync(file, JSON.stringify(scriptedSpec(source.url, '/deep')));
    const child = spawn(process.execPath, [CLI, 'preview', file, '--set', 'username=u', '--set', 'password=Pw-9-secret!', '--set', 'listId=L', '--auth', AUTH.basic]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    assert.equal(code, 1, stderr);
    assert.match(stderr, /Record 3 of page 1 is nested deeper than 100 levels/);
    assert.doesNotMatch(stderr + stdout, /call stack|record-limit-reached/);
    assert.match(stdout, /2 records from 1 request/);
  });
});

describe('an explore of a slow source', () => {
  test('is answered by the emulator before the client gives up, saying the source is the slow part', async () => {
    assert.ok(EXPLORE_SOURCE_TIMEOUT_MS < 30_000, "the emulator's wait stays under the client's default timeout");
    // The same order of timeouts, shortened: the emulator waits 300 ms for the source, the client 5 s for the emulator.
    const emu = await startTestEmulator({ exploreTimeoutMs: 300 });
    try {
      const chain = await createChain(emu, scriptedSpec(source.url, '/slow', '$.items', 'Slow source'));
      const client = createFlowServiceClient({ environment: emu.environment(), clientSecret: TEST_CLIENT_SECRET, timeoutMs: 5000, retry: { maxAttempts: 1 } });
      const explore = client.call('GET', `/data/foundation/flowservice/connections/${chain.connectionId}/explore?objectType=rest&object=json&fileType=json&preview=true&sourceParams=${encodeURIComponent(sourceParams({ listId: 'L' }))}`);
      const error = await explore.then(() => undefined, (err: unknown) => err as Error);
      assert.ok(error, 'the explore fails');
      assert.match(error.message, /The source did not answer within 0\.3 s .*the source is the slow part, not the Flow Service/);
      assert.doesNotMatch(error.message, /overloaded/);
    } finally {
      await emu.close();
    }
  });
});

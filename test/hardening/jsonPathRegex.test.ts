// A JSONPath filter's regular expression cannot stall a run: `search(@.url, '(a+)+b')` over 30 `a`s ran 103 s under
// `--timeout 2`, and an explore doing the same kept the emulator from answering `/__emulator/health` for 83 s.
// Patterns of that shape are refused when the path is compiled (the bound's error names the pattern); every other
// pattern runs on a linear-time engine, so `(a|aa)*c` — exponential for a backtracking engine, and not refused —
// reads 5,000 `a`s to the end. No wall-clock bounds: each run must end (with the error, or the right records), and a
// request sent to the emulator while its explore works must be answered.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runSpec } from '../../core/run';
import { startTestEmulator, type TestEmulator } from '../emulator/helpers/emulator';
import { finished, waitForRuns } from '../emulator/helpers/chain';
import { AUTH } from '../helpers/fakeSourceSpecs';
import { createChain, health, scriptedSpec, sourceParams, startScriptedSource, type ScriptedSource } from './helpers/scriptedSource';

const REFUSED = "$.items[?search(@.url, '(a+)+b')]";
const LINEAR_ONLY = "$.items[?search(@.url, '(a|aa)*c')]";
const ITEMS = [{ url: 'a'.repeat(30) }, { url: 'a'.repeat(5000) }, { url: `${'a'.repeat(40)}c` }, { url: 'xyz' }];

let source: ScriptedSource;
/** Settles once the source has answered the latest request (the emulator then evaluates the path). */
let answered: () => void = () => undefined;
before(async () => {
  source = await startScriptedSource(() => {
    setImmediate(() => answered());
    return { json: { items: ITEMS } };
  });
});
after(() => source.close());

describe('the preview engine', () => {
  test("a nested-repetition pattern ends the run with the bound's error, naming the pattern and the spec path", async () => {
    const result = await runSpec({
      spec: scriptedSpec(source.url, '/items', REFUSED), authSpecName: AUTH.basic, authValues: { username: 'u', password: 'p' },
      sourceValues: { listId: 'L' }, limits: { requestTimeoutMs: 2000 },
    });
    assert.equal(result.error?.code, 'spec', JSON.stringify(result.error));
    assert.equal(result.error?.specPath, 'sourceSpec.attributes.contentPath');
    assert.match(result.error!.message, /search\(\) with the pattern "\(a\+\)\+b", which is refused/);
    assert.match(result.error!.message, /exponential time/);
    assert.equal(result.records.length, 0);
  });

  test('any other pattern runs in linear time: (a|aa)*c over 5,000 a reads to the end with the right record', async () => {
    const result = await runSpec({
      spec: scriptedSpec(source.url, '/items', LINEAR_ONLY), authSpecName: AUTH.basic, authValues: { username: 'u', password: 'p' },
      sourceValues: { listId: 'L' }, limits: { requestTimeoutMs: 2000 },
    });
    assert.equal(result.error, undefined, JSON.stringify(result.error));
    assert.deepEqual(result.records, [{ url: `${'a'.repeat(40)}c` }]);
  });

  test('explodeEntityPath and match() are bounded the same way', async () => {
    const spec = scriptedSpec(source.url, '/items', '$');
    (spec.sourceSpec as { attributes: Record<string, unknown> }).attributes.explodeEntityPath = { path: "$.items[?match(@.url, '(\\\\w+\\\\s?)*!')]" };
    const result = await runSpec({ spec, authSpecName: AUTH.basic, authValues: { username: 'u', password: 'p' }, sourceValues: { listId: 'L' } });
    assert.equal(result.error?.specPath, 'sourceSpec.attributes.explodeEntityPath');
    assert.match(result.error!.message, /match\(\) with the pattern .*refused/);
  });
});

describe('the emulator', () => {
  let emu: TestEmulator;
  before(async () => { emu = await startTestEmulator({}); });
  after(() => emu.close());

  const explore = (connectionId: string) =>
    emu.call('GET', `/connections/${connectionId}/explore?objectType=rest&object=json&fileType=json&preview=true&sourceParams=${encodeURIComponent(sourceParams({ listId: 'L' }))}`);

  /** An explore, and a health request sent as soon as the source has answered it (while the path is evaluated). */
  async function exploreWithHealth(connectionId: string) {
    const sourceDone = new Promise<void>((resolve) => { answered = resolve; });
    const exploring = explore(connectionId);
    await sourceDone;
    const [reply, status] = await Promise.all([exploring, health(emu)]);
    return { reply, healthStatus: status };
  }

  test("explore with the refused pattern answers 400 with the bound's error; health is answered meanwhile", async () => {
    const chain = await createChain(emu, scriptedSpec(source.url, '/items', REFUSED, 'Regex refused'));
    const { reply, healthStatus } = await exploreWithHealth(chain.connectionId);
    assert.equal(healthStatus, 200);
    assert.equal(reply.status, 400, reply.text);
    assert.match(reply.body.errorMessage, /pattern "\(a\+\)\+b", which is refused/);
  });

  test('explore with a pattern only a linear engine runs quickly returns the right record; health is answered meanwhile', async () => {
    const chain = await createChain(emu, scriptedSpec(source.url, '/items', LINEAR_ONLY, 'Regex linear'));
    const { reply, healthStatus } = await exploreWithHealth(chain.connectionId);
    assert.equal(healthStatus, 200);
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.body.data, [{ url: `${'a'.repeat(40)}c` }]);
  });

  test("a run of a flow with the refused pattern ends failed with the bound's error; health is answered meanwhile", async () => {
    const chain = await createChain(emu, scriptedSpec(source.url, '/items', REFUSED, 'Regex refused run'));
    const flowId = await chain.flow({ startTime: Math.floor(Date.now() / 1000) + 86_400, frequency: 'once' });
    const now = Math.floor(Date.now() / 1000);
    const sourceDone = new Promise<void>((resolve) => { answered = resolve; });
    const started = await emu.call('POST', '/runs', { body: { flowId, params: { windowStartTime: now - 3600, windowEndTime: now } } });
    assert.equal(started.status, 201, started.text);
    // Sent once the source has answered the run's request (the path is evaluated then), before the run is seen ending.
    await sourceDone;
    const healthStatus = await health(emu);
    const [run] = await waitForRuns(emu, flowId, (runs) => runs.length === 1 && finished(runs[0]));
    assert.equal(healthStatus, 200);
    assert.equal(run.metrics.statusSummary.status, 'failed');
    assert.match(run.metrics.statusSummary.errors[0].message, /pattern "\(a\+\)\+b", which is refused/);
  });
});

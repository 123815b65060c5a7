/**
 * The GitHub Action (action.yml, issue 23 point 2) run as a runner runs it: its `run` steps in order with
 * `bash --noprofile --norc -eo pipefail`, inputs as the step's `env`, and RUNNER_TEMP, GITHUB_ACTION_PATH,
 * GITHUB_PATH and GITHUB_OUTPUT files, with `package` = a tarball packed from this repository. The SARIF log it writes
 * validates against the SARIF 2.1.0 JSON Schema (the copy @microsoft/jest-sarif ships; nothing is fetched); errors fail
 * the step unless `fail-on-error` is false; the optional emulator step walks the test chain against the fake source.
 * Also: the pre-commit hook's entry and file pattern.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { tempFolders } from '../helpers/tempFolders';
import { NPM_ENV, packRepository, ROOT } from '../helpers/packedCli';
import { FAKE_CREDENTIALS, startFakeSource, type FakeSource } from '../helpers/fakeSource';
import { chainSpec } from '../emulator/helpers/chain';

const tempFolder = tempFolders();

interface Step { name: string; id?: string; if?: string; uses?: string; shell?: string; env?: Record<string, string>; run?: string }
interface Action { inputs: Record<string, { default?: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } }

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

/** `${{ inputs.name }}` → the input's value. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => inputs[name] ?? '');
}

/** The step's `if`, for the one form action.yml uses: `${{ inputs.x != '' }}`. */
function shouldRun(step: Step, inputs: Record<string, string>): boolean {
  if (!step.if) return true;
  const match = /^\$\{\{\s*inputs\.([\w-]+)\s*!=\s*''\s*\}\}$/.exec(step.if.trim());
  assert.ok(match, `an if this harness understands: ${step.if}`);
  return (inputs[match[1]!] ?? '') !== '';
}

/** SARIF 2.1.0: the schema is draft-04, which ajv 8 compiles once the draft-04 id keywords are set aside. */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
  delete schema.$schema;
  delete schema.id;
  // unicodeRegExp: false: one pattern of this schema (language tags) is not valid with the u flag.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat('uri-reference', /^[^\s]*$/);
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  const validate = ajv.compile(schema);
  // A plain boolean (not a type guard), so the log keeps its type after the assertion.
  return Object.assign((log: unknown): boolean => validate(log), { get errors() { return validate.errors; } });
}

interface StepRun { name: string; status: number | null; stdout: string; stderr: string }

function runBash(script: string, cwd: string, env: Record<string, string>): Promise<Omit<StepRun, 'name'>> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('action.yml run locally', () => {
  let runnerTemp: string;
  let githubPath: string;
  let tarball: string;
  let source: FakeSource;
  const validateSarif = sarifValidator();

  before(async () => {
    assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js exists (run node esbuild.mjs)');
    runnerTemp = tempFolder('action-runner-');
    githubPath = join(runnerTemp, 'github_path');
    writeFileSync(githubPath, '');
    tarball = packRepository(tempFolder('action-pack-')).path;
    source = await startFakeSource();
  });
  after(async () => source?.close());

  /** Runs the action's steps with `given` inputs in `workspace`, as a runner would; stops at the first failure. */
  async function runAction(workspace: string, given: Record<string, string>, only?: (step: Step) => boolean) {
    const inputs: Record<string, string> = {};
    for (const [name, input] of Object.entries(action.inputs)) inputs[name] = input.default ?? '';
    Object.assign(inputs, given);
    const outputs: Record<string, Record<string, string>> = {};
    const runs: StepRun[] = [];
    for (const step of action.runs.steps) {
      if (step.uses) {
        assert.match(step.uses, /^actions\/setup-node@v\d+$/, 'the only step not run here sets up Node.js');
        continue;
      }
      if ((only && !only(step)) || !shouldRun(step, inputs)) continue;
      assert.equal(step.shell, 'bash');
      const outputFile = join(runnerTemp, `output-${runs.length}`);
      writeFileSync(outputFile, '');
      const extraPath = readFileSync(githubPath, 'utf8').split('\n').filter(Boolean).reverse();
      const env: Record<string, string> = {
        ...NPM_ENV,
        PATH: [...extraPath, process.env.PATH ?? ''].join(delimiter),
        RUNNER_TEMP: runnerTemp, GITHUB_ACTION_PATH: ROOT, GITHUB_PATH: githubPath, GITHUB_OUTPUT: outputFile,
        ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, inputs)])),
        SOURCE_PASSWORD: FAKE_CREDENTIALS.password,
      };
      const script = join(runnerTemp, 'step.sh');
      writeFileSync(script, step.run!);
      // Not spawnSync: the fake source answering the emulator lives in this process.
      const result = await runBash(script, workspace, env);
      runs.push({ name: step.name, status: result.status, stdout: result.stdout, stderr: result.stderr });
      if (step.id) {
        outputs[step.id] = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((line) => {
          const at = line.indexOf('=');
          return [line.slice(0, at), line.slice(at + 1)];
        }));
      }
      if (result.status !== 0) break;
    }
    const output = (name: string) => {
      const match = /^\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$/.exec(action.outputs[name]!.value);
      return outputs[match![1]!]?.[match![2]!];
    };
    return { runs, output };
  }

  function workspaceWith(files: Record<string, string>): string {
    const dir = tempFolder('action-ws-');
    for (const [path, from] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      copyFileSync(from, join(dir, path));
    }
    return dir;
  }

  test('install, then validate clean specs: every step passes, outputs set, the SARIF log is valid SARIF 2.1.0', async () => {
    const ws = workspaceWith({
      'Sources/acme/acme-crm-connectionSpec.json': join(ROOT, 'examples', 'acme-crm-connectionSpec.json'),
      'Sources/acme/rest-storage-flowSpec.json': join(ROOT, 'examples', 'rest-storage-flowSpec.json'),
    });
    const { runs, output } = await runAction(ws, { package: tarball, paths: 'Sources/', 'sarif-file': 'out/sources-sdk.sarif' });
    assert.deepEqual(runs.map((r) => [r.name, r.status]), [['Install the sources-sdk CLI', 0], ['Validate specs', 0]], JSON.stringify(runs, null, 1));
    assert.ok(readFileSync(githubPath, 'utf8').includes(join(runnerTemp, 'sources-sdk-cli', 'node_modules', '.bin')));
    assert.equal(output('exit-code'), '0');
    assert.equal(output('errors'), '0');
    assert.equal(output('sarif-file'), 'out/sources-sdk.sarif');
    const log = JSON.parse(readFileSync(join(ws, 'out', 'sources-sdk.sarif'), 'utf8'));
    assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 1));
    assert.ok(log.runs[0].results.length > 0, 'the infos are results too');
    assert.ok(log.runs[0].results.every((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
      r.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('Sources/acme/')), 'paths relative to the checkout');
  });

  test('errors fail the validate step (the SARIF is still written and valid); fail-on-error: false lets it pass', async () => {
    const ws = workspaceWith({
      'specs/good/acme-crm-connectionSpec.json': join(ROOT, 'examples', 'acme-crm-connectionSpec.json'),
      'specs/bad/broken-connectionSpec.json': join(ROOT, 'examples', 'broken-connectionSpec.json'),
    });
    const onlyValidate = (step: Step) => step.id === 'validate';
    // New lines and a pattern: the CLI expands `**` itself.
    let { runs, output } = await runAction(ws, { paths: 'specs/good\nspecs/**/broken-*.json' }, onlyValidate);
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.status, 1, runs[0]!.stdout + runs[0]!.stderr);
    assert.equal(output('exit-code'), '1');
    assert.ok(Number(output('errors')) > 0);
    const log = JSON.parse(readFileSync(join(ws, 'sources-sdk.sarif'), 'utf8'));
    assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 1));
    const files = new Set(log.runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0]!.physicalLocation.artifactLocation.uri));
    assert.deepEqual([...files].sort(), ['specs/bad/broken-connectionSpec.json', 'specs/good/acme-crm-connectionSpec.json']);
    assert.ok(log.runs[0].results.some((r: { level: string; ruleId: string }) => r.level === 'error' && /^SSDK\d{3}$/.test(r.ruleId)));

    ({ runs, output } = await runAction(ws, { paths: 'specs', 'fail-on-error': 'false' }, onlyValidate));
    assert.equal(runs[0]!.status, 0, runs[0]!.stdout + runs[0]!.stderr);
    assert.equal(output('exit-code'), '1');

    // A usage problem fails even with fail-on-error false.
    ({ runs, output } = await runAction(ws, { paths: 'nothing-here', 'fail-on-error': 'false' }, onlyValidate));
    assert.equal(runs[0]!.status, 2);
    assert.equal(output('exit-code'), '2');
  });

  test('the optional emulator step walks the test chain for a connection spec against the source', async () => {
    const ws = tempFolder('action-chain-');
    mkdirSync(join(ws, 'Sources'));
    writeFileSync(join(ws, 'Sources', 'chain-connectionSpec.json'), `${JSON.stringify(chainSpec(source.url, 'Action chain source'), null, 2)}\n`);
    const step = (s: Step) => s.name === 'Test the source against the local emulator';
    let { runs } = await runAction(ws, {}, step);
    assert.equal(runs.length, 0, 'skipped without test-spec');
    ({ runs } = await runAction(ws, {
      'test-spec': 'Sources/chain-connectionSpec.json',
      'test-args': `--auth "Basic Authentication" --set username=${FAKE_CREDENTIALS.username} --set-env password=SOURCE_PASSWORD --set listId=L-1`,
    }, step));
    assert.equal(runs[0]!.status, 0, runs[0]!.stdout + runs[0]!.stderr);
    assert.match(runs[0]!.stdout, /registered in flow spec RestStorageToAEP/);
    assert.match(runs[0]!.stdout, /succeeded: \d+ record/);
    assert.ok(!runs[0]!.stdout.includes(FAKE_CREDENTIALS.password));
    assert.equal(existsSync(join(ws, '.sources-sdk')), false, 'the emulator links stay out of the repository');
  });

  test('the pre-commit hook runs sources-sdk validate on spec files only', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; files: string }>;
    const hook = hooks.find((h) => h.id === 'sources-sdk-validate');
    assert.ok(hook);
    assert.equal(hook.entry, 'sources-sdk validate');
    assert.equal(hook.language, 'node');
    const files = new RegExp(hook.files);
    for (const name of ['a-connectionSpec.json', 'dir/a.connectionSpec.json', 'a-flowSpec.json', 'b.flowSpec.json']) assert.ok(files.test(name), name);
    for (const name of ['package.json', 'connectionSpec.json.bak', 'aconnectionSpec.json']) assert.ok(!files.test(name), name);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.bin['sources-sdk'], './dist/cli.js', 'the entry is the package bin');
  });
});

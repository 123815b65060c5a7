/**
 * `sources-sdk validate` as users run it: through the CLI's `main` in this process (test/helpers/cliInProcess.ts), and
 * the SARIF log from the bundled dist/cli.js in a child process (build first), whose documentation links are found
 * next to the bundle.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LooseObject } from '../helpers/looseJson';
import { tempFolders } from '../helpers/tempFolders';
import { cliInProcess } from '../helpers/cliInProcess';
import { findDiagnosticsDoc, formatSarif } from '../../cli/format/sarif';

const tempFolder = tempFolders();

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const VALID = join(ROOT, 'test', 'fixtures', 'valid');
const ACME = readFileSync(join(VALID, 'acme-crm-connectionSpec.json'), 'utf8');

function runProcess(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, 'validate', ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function run(args: string[], cwd: string) {
  return cliInProcess(['validate', ...args], process.env, cwd);
}

describe('sources-sdk validate', () => {
  let dir: string;
  before(() => {
    assert.ok(existsSync(CLI), 'dist/cli.js exists (run node esbuild.mjs)');
    dir = tempFolder('validate-');
    mkdirSync(join(dir, 'specs', 'nested'), { recursive: true });
    copyFileSync(join(VALID, 'acme-crm-connectionSpec.json'), join(dir, 'specs', 'good-connectionSpec.json'));
    copyFileSync(join(VALID, 'restStorageToAEP-flowSpec.json'), join(dir, 'specs', 'nested', 'rest-flowSpec.json'));
    writeFileSync(join(dir, 'specs', 'notes.json'), '{"hello": "world"}');
    writeFileSync(join(dir, 'bad-connectionSpec.json'),
      ACME.replace('"method": "GET"', '"method": "GETT"').replace('"paginationParams": {', '"paginationParams": {\n        "pageParamNmae": "p",'));
    writeFileSync(join(dir, 'warn-connectionSpec.json'),
      ACME.replace('"paginationParams": {', '"paginationParams": {\n        "pageParamNmae": "p",'));
    writeFileSync(join(dir, 'syntax-connectionSpec.json'), '{\n  "name": "x",\n}\n');
    writeFileSync(join(dir, 'plain.json'), '{"a": 1}');
  });

  test('clean files and directories exit 0; non-spec json inside a directory is skipped silently', async () => {
    const single = await run(['specs/good-connectionSpec.json'], dir);
    assert.equal(single.code, 0, single.stderr);
    assert.equal(single.stdout, '');
    const folder = await run(['specs'], dir);
    assert.equal(folder.code, 0, folder.stderr);
    assert.match(folder.stderr, /^2 files checked: 0 errors/m);
    assert.doesNotMatch(folder.stderr, /notes\.json/);
  });

  test('warnings alone still exit 0', async () => {
    const result = await run(['warn-connectionSpec.json'], dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /warning SSDK011/);
  });

  test('errors exit 1 with file:line:col severity code message lines and a summary on stderr', async () => {
    const result = await run(['bad-connectionSpec.json'], dir);
    assert.equal(result.code, 1);
    const lines = result.stdout.trim().split('\n');
    for (const line of lines) assert.match(line, /^bad-connectionSpec\.json:\d+:\d+ (error|warning|info|hint) SSDK\d{3} \S/);
    const expectedLine = ACME.slice(0, ACME.indexOf('"method": "GET"')).split('\n').length;
    assert.ok(lines.some((l) => l.startsWith(`bad-connectionSpec.json:${expectedLine}:`) && l.includes('error SSDK012')), result.stdout);
    assert.match(result.stderr, /1 file checked: [1-9]\d* errors, [1-9]\d* warnings/);
  });

  test('globs expand; strict JSON errors are errors', async () => {
    const result = await run(['*-connectionSpec.json'], dir);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^syntax-connectionSpec\.json:2:14 error SSDK003 /m);
    assert.match(result.stderr, /3 files checked/);
  });

  test('--format json gives an array of findings with 1-based positions', async () => {
    const result = await run(['--format', 'json', 'syntax-connectionSpec.json'], dir);
    assert.equal(result.code, 1);
    const findings = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    const comma = findings.find((f) => f.code === 'SSDK003');
    assert.deepEqual(Object.keys(comma ?? {}), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    assert.deepEqual({ ...comma, message: undefined }, {
      file: 'syntax-connectionSpec.json', line: 2, column: 14, endLine: 2, endColumn: 15, severity: 'error', code: 'SSDK003', message: undefined,
    });
  });

  test('SARIF never carries a relative documentation link: without installed docs it leaves the links out', () => {
    const log = JSON.parse(formatSarif([], '9.9.9', null));
    const driver = log.runs[0].tool.driver;
    assert.equal('informationUri' in driver, false);
    assert.ok(driver.rules.length > 0 && driver.rules.every((r: LooseObject) => !('helpUri' in r) && r.help.text.length > 0));
    const found = findDiagnosticsDoc(join(ROOT, 'cli', 'format'));
    assert.equal(found, join(ROOT, 'docs', 'diagnostics.md'));
    assert.equal(findDiagnosticsDoc(tempFolder('no-docs-')), undefined);
  });

  test('--format sarif is a SARIF 2.1.0 log with rules and located results', () => {
    const result = runProcess(['--format', 'sarif', 'bad-connectionSpec.json', 'syntax-connectionSpec.json'], dir);
    assert.equal(result.code, 1);
    const log = JSON.parse(result.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'sources-sdk');
    const ruleIds = driver.rules.map((r: { id: string }) => r.id);
    for (const code of ['SSDK001', 'SSDK003', 'SSDK011', 'SSDK012']) assert.ok(ruleIds.includes(code), code);
    const rule = driver.rules.find((r: { id: string }) => r.id === 'SSDK011');
    assert.ok(rule.shortDescription.text.length > 0);
    // SARIF wants absolute URIs: the docs next to the CLI (dist/../docs), as file: URLs.
    const docs = pathToFileURL(join(ROOT, 'docs', 'diagnostics.md')).href;
    assert.equal(driver.informationUri, docs);
    assert.equal(rule.helpUri, `${docs}#ssdk011`);
    assert.ok(rule.help.text.length > 0);
    const results = log.runs[0].results as Array<LooseObject>;
    assert.ok(results.length >= 3);
    for (const r of results) {
      assert.ok(ruleIds.includes(r.ruleId));
      assert.ok(['error', 'warning', 'note'].includes(r.level));
      assert.ok(r.message.text.length > 0);
      const location = r.locations[0].physicalLocation;
      assert.match(location.artifactLocation.uri, /^(bad|syntax)-connectionSpec\.json$/);
      assert.ok(location.region.startLine >= 1 && location.region.startColumn >= 1);
      assert.ok(location.region.endLine >= location.region.startLine);
    }
    const comma = results.find((r) => r.ruleId === 'SSDK003');
    assert.deepEqual(comma?.locations[0].physicalLocation.region, { startLine: 2, startColumn: 14, endLine: 2, endColumn: 15 });
  });

  test('usage and I/O problems exit 2', async () => {
    const missing = await run(['nope-connectionSpec.json'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope-connectionSpec\.json: no such file/);
    const unmatched = await run(['*.nothing'], dir);
    assert.equal(unmatched.code, 2);
    assert.match(unmatched.stderr, /no file matched/);
    const notSpec = await run(['plain.json'], dir);
    assert.equal(notSpec.code, 2);
    assert.match(notSpec.stderr, /plain\.json: not a connection or flow spec/);
    assert.equal((await run([], dir)).code, 2);
    assert.equal((await run(['--format', 'xml', 'specs'], dir)).code, 2);
  });

  test('a missing file among good ones still exits 2 and reports the good ones', async () => {
    const result = await run(['specs/good-connectionSpec.json', 'missing-flowSpec.json'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /1 file checked/);
  });

  test('a file saved with a byte order mark and CRLF line ends (Windows editors) is checked like the editor sees it', async () => {
    writeFileSync(join(dir, 'windows-connectionSpec.json'), `\uFEFF${ACME.replace(/\n/g, '\r\n')}`);
    const result = await run(['windows-connectionSpec.json'], dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.doesNotMatch(result.stdout, /SSDK001/);
  });
});

/** `sources-sdk validate <dir>` on artifacts folders, as users run it, through the CLI's `main` in this process. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanFiles, PNG_BYTES } from './folders';
import { cliInProcess } from '../../helpers/cliInProcess';

function run(args: string[], cwd: string) {
  return cliInProcess(['validate', ...args], process.env, cwd);
}

function writeFolder(root: string, source: string, files: Record<string, string | Uint8Array>): string {
  const folder = join(root, 'Sources', source, 'Artifacts');
  mkdirSync(folder, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name.replace(/^acme-/, `${source}-`)), content);
  return folder;
}

describe('sources-sdk validate: artifacts folders', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ssdk-artifacts-'));
    writeFolder(join(dir, 'clean'), 'acme', cleanFiles());
    const broken: Record<string, string | Uint8Array> = cleanFiles();
    broken['acme-category.txt'] = 'Marketing Automation\n';
    broken['acme-icon.svg'] = '<svg xmlns="http://www.w3.org/2000/svg">\n  <script>alert(1)</script>\n</svg>\n';
    broken['acme-label.txt'] = '\n';
    writeFolder(join(dir, 'broken'), 'acme', broken);
    const renamed: Record<string, string | Uint8Array> = cleanFiles();
    renamed['acme-icon.svg'] = PNG_BYTES;
    writeFolder(join(dir, 'png'), 'acme', renamed);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a clean folder exits 0 and counts its artifact files', async () => {
    const result = await run(['clean'], dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    // Only the spec's own SSDK517 notes (label/description use `text`, the testing form); no artifact finding.
    assert.deepEqual(result.stdout.trim().split('\n').map((line) => line.split(' ')[2]), ['SSDK517', 'SSDK517']);
    assert.match(result.stderr, /^5 files checked: 0 errors, 0 warnings, 2 infos/m);
  });

  test('findings are reported on the artifact files, file:line:col, exit 1', async () => {
    const result = await run(['broken'], dir);
    assert.equal(result.code, 1, result.stderr);
    const base = join('broken', 'Sources', 'acme', 'Artifacts');
    assert.match(result.stdout, new RegExp(`^${escape(join(base, 'acme-category.txt'))}:1:1 error SSDK804 .*did you mean "marketingAutomation"`, 'm'));
    assert.match(result.stdout, new RegExp(`^${escape(join(base, 'acme-icon.svg'))}:1:1 warning SSDK809 `, 'm'));
    assert.match(result.stdout, new RegExp(`^${escape(join(base, 'acme-icon.svg'))}:2:3 error SSDK810 <script> is not allowed`, 'm'));
    assert.match(result.stdout, new RegExp(`^${escape(join(base, 'acme-label.txt'))}:1:1 error SSDK806 `, 'm'));
    assert.match(result.stdout, new RegExp(`^${escape(join(base, 'acme-category.txt'))}:1:1 warning SSDK811 `, 'm'));
  });

  test('--format json and sarif name the artifact file', async () => {
    const json = await run(['--format', 'json', 'png'], dir);
    assert.equal(json.code, 1);
    const findings = JSON.parse(json.stdout) as Array<{ file: string; code: string; line: number }>;
    assert.deepEqual(findings.filter((f) => f.code.startsWith('SSDK8')).map((f) => [f.file, f.code, f.line]),
      [[join('png', 'Sources', 'acme', 'Artifacts', 'acme-icon.svg'), 'SSDK808', 1]]);
    const sarif = await run(['--format', 'sarif', 'png'], dir);
    assert.equal(sarif.code, 1);
    const log = JSON.parse(sarif.stdout);
    const result = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId.startsWith('SSDK8'));
    assert.equal(result.ruleId, 'SSDK808');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'png/Sources/acme/Artifacts/acme-icon.svg');
    assert.ok(log.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === 'SSDK810'));
  });

  test('an artifact file named on the command line checks its folder', async () => {
    const result = await run([join('broken', 'Sources', 'acme', 'Artifacts', 'acme-icon.svg')], dir);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /SSDK810/);
    assert.doesNotMatch(result.stderr, /not a connection or flow spec/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

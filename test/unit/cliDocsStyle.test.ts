/**
 * Issue 9's "done when", as users see it: `sources-sdk validate` (through the CLI's `main` in this process) on the
 * docs-style corpus. A verbatim-style batch spec exits 0 showing only the typo warning and the hint; without
 * `paginationParams.type` it exits 1 with an error naming `type`; the streaming request and response forms have no error.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from '../helpers/cliInProcess';

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, 'test', 'fixtures', 'docs-style');

function validate(args: string[], cwd: string) {
  return cliInProcess(['validate', ...args], process.env, cwd);
}

describe('sources-sdk validate on documentation-style specs', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ssdk-docs-style-'));
    for (const file of ['verbatim-batch-connectionSpec.json', 'streaming-request-connectionSpec.json', 'streaming-response-connectionSpec.json']) {
      copyFileSync(join(CORPUS, file), join(dir, file));
    }
    const spec = JSON.parse(readFileSync(join(CORPUS, 'verbatim-batch-connectionSpec.json'), 'utf8'));
    delete spec.sourceSpec.attributes.paginationParams.type;
    writeFileSync(join(dir, 'no-type-connectionSpec.json'), JSON.stringify(spec, null, 2));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the verbatim-style batch spec exits 0 with exactly the http: // typo warning and the limitValue hint', async () => {
    const result = await validate(['verbatim-batch-connectionSpec.json'], dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines.length, 2, result.stdout);
    assert.match(lines[0], /^verbatim-batch-connectionSpec\.json:\d+:\d+ hint SSDK206 "limitValue"/);
    assert.match(lines[1], /^verbatim-batch-connectionSpec\.json:\d+:\d+ warning SSDK703 .*"http: \/\/" typo/);
    assert.match(result.stderr, /0 errors, 1 warnings/);
  });

  test('without paginationParams.type it exits 1 with an error that names "type"', async () => {
    const result = await validate(['no-type-connectionSpec.json'], dir);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^no-type-connectionSpec\.json:\d+:\d+ error SSDK\d{3} .*"type"/m);
  });

  test('the streaming request (no authSpec) and response (authSpec: []) forms validate without an error', async () => {
    const result = await validate(['streaming-request-connectionSpec.json', 'streaming-response-connectionSpec.json'], dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.doesNotMatch(result.stdout, / error /);
    assert.match(result.stderr, /2 files checked: 0 errors/);
  });
});

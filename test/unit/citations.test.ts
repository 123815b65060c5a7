/**
 * Code and docs cite Adobe's public documentation pages, never a file outside the repository: no reference to a
 * digest or notes folder a reader cannot open, and every rule of the diagnostics table links an Adobe page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RULE_TABLE } from '../../core/analysis/codes';
import { ADOBE_DOCS } from '../../core/spec/adobeDocs';

const ROOT = join(__dirname, '..', '..');
const FOLDERS = ['core', 'client', 'server', 'cli', 'emulator', 'schemas', 'scripts', 'docs', 'test', 'media', 'snippets'];
const THIS_FILE = relative(ROOT, __filename);

function* textFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* textFiles(path);
    else if (/\.(ts|mjs|js|json|md|yaml|css)$/.test(name)) yield path;
  }
}

test('no code, test or doc points at a file outside the repository (a domain digest, a shared notes folder)', () => {
  const outside = /domain\.md|shared\/reference|\.\.\/shared\/|\bdomain §|\bdomain digest/i;
  const offending: string[] = [];
  for (const folder of FOLDERS) {
    for (const file of textFiles(join(ROOT, folder))) {
      if (relative(ROOT, file) === THIS_FILE) continue;
      readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
        if (outside.test(line)) offending.push(`${relative(ROOT, file)}:${index + 1}: ${line.trim()}`);
      });
    }
  }
  for (const file of ['README.md', 'CHANGELOG.md']) {
    if (outside.test(readFileSync(join(ROOT, file), 'utf8'))) offending.push(file);
  }
  assert.deepEqual(offending, []);
});

test('the diagnostics table cites Adobe documentation pages', () => {
  const cited = RULE_TABLE.filter((rule) => rule.docs);
  assert.ok(cited.length > 50, `most rules cite their page (${cited.length})`);
  for (const rule of cited) assert.match(ADOBE_DOCS[rule.docs!], /^https:\/\/(experienceleague|developer)\.adobe\.com\//, rule.code);
  const table = readFileSync(join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
  assert.match(table, /\| SSDK201 \| error \| .* \| \[sourceSpec\]\(https:\/\/experienceleague\.adobe\.com\/en\/docs\/experience-platform\/sources\/sources-sdk\/config\/sourcespec\) \|/);
});

/**
 * The editor set-ups in editors/ (issue 23 point 3) start the server by the name the npm package links
 * (`sources-sdk-language-server --stdio`), map exactly the spec file patterns of the kind table to the language ids
 * the server knows, and are listed in docs/editors.md. (The Neovim file is also run for real: test/editors.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { SPEC_KIND_LIST } from '../../core/spec/kinds';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const BIN = 'sources-sdk-language-server';

test('package.json links the language server under the name the editor files start', () => {
  assert.equal(JSON.parse(read('package.json')).bin[BIN], './dist/server.js');
});

test('Neovim: filetypes, patterns and the command', () => {
  const lua = read('editors/neovim/sources-sdk.lua');
  assert.ok(lua.includes(`{ '${BIN}', '--stdio' }`));
  for (const kind of SPEC_KIND_LIST) {
    assert.ok(lua.includes(`['${kind.languageId}'] = { ${kind.fileSuffixes.map((s) => `'*${s}'`).join(', ')} }`), kind.languageId);
  }
  assert.match(lua, /vim\.lsp\.config\('sources_sdk'/);
  assert.match(lua, /vim\.lsp\.start_client\(/);
});

test('Helix: one language per kind with its globs and language id', () => {
  const toml = read('editors/helix/languages.toml');
  assert.match(toml, new RegExp(`command = "${BIN}"\\nargs = \\["--stdio"\\]`));
  for (const kind of SPEC_KIND_LIST) {
    const globs = kind.fileSuffixes.map((s) => `{ glob = "*${s}" }`).join(', ');
    assert.ok(toml.includes(`name = "${kind.languageId}"\nlanguage-id = "${kind.languageId}"`), kind.languageId);
    assert.ok(toml.includes(`file-types = [${globs}]`), globs);
  }
});

test('Sublime Text: a client for source.json with the command', () => {
  const settings = parseJsonc(read('editors/sublime/LSP.sublime-settings'));
  const client = settings.clients['sources-sdk'];
  assert.deepEqual(client.command, [BIN, '--stdio']);
  assert.equal(client.selector, 'source.json');
});

test('JetBrains (LSP4IJ template): the command and the patterns mapped to the language ids', () => {
  const template = JSON.parse(read('editors/jetbrains/sources-sdk/template.json'));
  assert.equal(template.programArgs.default, `${BIN} --stdio`);
  for (const kind of SPEC_KIND_LIST) {
    const mapping = template.fileTypeMappings.find((m: { languageId: string }) => m.languageId === kind.languageId);
    assert.deepEqual(mapping.fileType.patterns, kind.fileSuffixes.map((s) => `*${s}`));
  }
  assert.deepEqual(JSON.parse(read('editors/jetbrains/sources-sdk/settings.json')), { sourcesSdk: { detectByContent: true } });
});

test('docs/editors.md lists every file in editors/', () => {
  const docs = read('docs/editors.md');
  for (const file of ['editors/neovim/sources-sdk.lua', 'editors/helix/languages.toml', 'editors/sublime/LSP.sublime-settings', 'editors/jetbrains/sources-sdk/']) {
    assert.ok(docs.includes(file), file);
  }
});

/**
 * Artifacts-folder diagnostics through the bundled language server over stdio: plain-text and SVG files of the
 * folder get diagnostics, open or not; open buffers win over the disk; closing falls back to the disk.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cleanFiles } from '../unit/artifacts/folders';
import { TestLspClient } from './lspClient';

const codes = (list: Array<{ code?: unknown }>) => list.map((d) => String(d.code)).sort();

describe('language server: artifacts folder', () => {
  let client: TestLspClient;
  let root: string;
  let folder: string;
  const uriOf = (name: string) => pathToFileURL(join(folder, name)).href;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ssdk-lsp-artifacts-'));
    folder = join(root, 'Sources', 'acme', 'Artifacts');
    mkdirSync(folder, { recursive: true });
    const files = cleanFiles();
    files['acme-icon.svg'] = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" onload="alert(1)"/>\n';
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
    client = new TestLspClient();
    await client.initialize();
  });
  after(() => {
    client?.kill();
    rmSync(root, { recursive: true, force: true });
  });

  test('opening a plain-text artifact publishes the folder: the closed icon gets its SSDK810 too', async () => {
    const icon = client.waitForDiagnostics(uriOf('acme-icon.svg'), (p) => p.diagnostics.length > 0);
    const label = await client.open(uriOf('acme-label.txt'), 'plaintext', 'Acme CRM\n');
    assert.deepEqual(codes(label), []);
    const published = await icon;
    assert.deepEqual(codes(published.diagnostics), ['SSDK810']);
    assert.equal(published.diagnostics[0].source, 'sources-sdk');
    assert.match(published.diagnostics[0].message, /onload/);
  });

  test('an edit of the open buffer is checked before it is saved; closing falls back to the disk', async () => {
    const uri = uriOf('acme-label.txt');
    const broken = client.waitForDiagnostics(uri, (p) => p.version === 2 && p.diagnostics.length > 0);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 }, contentChanges: [{ text: 'Acme\nCRM\n' }] });
    assert.deepEqual(codes((await broken).diagnostics), ['SSDK807', 'SSDK812']);
    const fromDisk = client.waitForDiagnostics(uri, (p) => p.version === undefined && p.diagnostics.length === 0);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await fromDisk;
  });

  test('the connection spec of the folder carries both its own and the folder\'s diagnostics', async () => {
    const uri = uriOf('acme-category.txt');
    const category = await client.open(uri, 'plaintext', 'Marketing Automation\n');
    assert.deepEqual(codes(category).filter((c) => c !== 'SSDK811'), ['SSDK804']);
    assert.ok(codes(category).includes('SSDK811'), 'differs from the spec (crm)');
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  test('a .txt outside any artifacts folder gets nothing', async () => {
    const outside = join(root, 'notes-label.txt');
    writeFileSync(outside, '');
    const diagnostics = await client.open(pathToFileURL(outside).href, 'plaintext', '');
    assert.deepEqual(diagnostics, []);
  });
});

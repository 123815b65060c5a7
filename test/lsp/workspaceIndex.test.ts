/**
 * Workspace-wide checks through the bundled language server over stdio: the index of spec files and
 * `.sources-sdk/links.json` built in the background, kept current by file events.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Hover, Location } from 'vscode-languageserver/node';
import { TestLspClient } from './lspClient';

const VALID = join(__dirname, '..', 'fixtures', 'valid');
const ACME = JSON.parse(readFileSync(join(VALID, 'acme-crm-connectionSpec.json'), 'utf8'));
const FLOW = JSON.parse(readFileSync(join(VALID, 'restStorageToAEP-flowSpec.json'), 'utf8'));
const UNREGISTERED = '11111111-2222-4333-8444-555555555555';
const REGISTERED = '66666666-7777-4888-9999-000000000000';
const codes = (list: Array<{ code?: unknown }>) => list.map((d) => String(d.code));

describe('language server: workspace index', () => {
  let client: TestLspClient;
  let root: string;
  const uriOf = (relative: string) => pathToFileURL(join(root, relative)).href;
  const write = (relative: string, value: unknown) => {
    mkdirSync(join(root, relative, '..'), { recursive: true });
    writeFileSync(join(root, relative), `${JSON.stringify(value, null, 2)}\n`);
  };

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ssdk-lsp-index-'));
    write('a/acme-connectionSpec.json', ACME);
    write('b/acme-copy-connectionSpec.json', ACME); // same name as a/: ambiguous
    write('c/rest-flowSpec.json', { ...FLOW, sourceConnectionSpecIds: [...FLOW.sourceConnectionSpecIds, REGISTERED] });
    write('.sources-sdk/links.json', { version: 1, environments: { 'http://127.0.0.1:1|org@AdobeOrg|dev': {
      'a/acme-connectionSpec.json': { resource: 'connectionSpecs', remoteId: UNREGISTERED, contentHash: 'x', syncedAt: '2026-01-01T00:00:00Z' },
      'b/acme-copy-connectionSpec.json': { resource: 'connectionSpecs', remoteId: REGISTERED, contentHash: 'y', syncedAt: '2026-01-01T00:00:00Z' },
    } } });
    client = new TestLspClient();
    await client.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await client.connection.sendNotification('initialized', {});
  });
  after(() => {
    client?.kill();
    rmSync(root, { recursive: true, force: true });
  });

  test('a linked spec no flow spec lists gets SSDK820 with a Register in Flow Spec action; twins get SSDK821', async () => {
    const uri = uriOf('a/acme-connectionSpec.json');
    const published = client.waitForDiagnostics(uri, (p) => codes(p.diagnostics).includes('SSDK820') && codes(p.diagnostics).includes('SSDK821'));
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'sources-sdk-connection-spec', version: 1, text: readFileSync(join(root, 'a/acme-connectionSpec.json'), 'utf8') } });
    const { diagnostics } = await published;
    const unregistered = diagnostics.find((d) => d.code === 'SSDK820')!;
    assert.equal(unregistered.severity, 3, 'information');
    assert.match(unregistered.message, new RegExp(UNREGISTERED));
    const twin = diagnostics.find((d) => d.code === 'SSDK821')!;
    assert.match(twin.message, /b\/acme-copy-connectionSpec\.json/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: unregistered.range, context: { diagnostics: [unregistered] } });
    const register = actions.find((a) => a.title === 'Register in Flow Spec');
    assert.deepEqual(register?.command, { title: 'Register in Flow Spec', command: 'sourcesSdk.registerInFlowSpec', arguments: [uri] });
  });

  test('the other spec of the same name is reported too; renaming one clears both', async () => {
    const uri = uriOf('b/acme-copy-connectionSpec.json');
    const text = readFileSync(join(root, 'b/acme-copy-connectionSpec.json'), 'utf8');
    const first = client.waitForDiagnostics(uri, (p) => codes(p.diagnostics).includes('SSDK821'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sources-sdk-connection-spec', version: 1, text } });
    assert.match((await first).diagnostics.find((d) => d.code === 'SSDK821')!.message, /a\/acme-connectionSpec\.json/);
    assert.ok(!codes((await first).diagnostics).includes('SSDK820'), 'b is linked to an id the flow spec lists');
    const other = client.waitForDiagnostics(uriOf('a/acme-connectionSpec.json'), (p) => !codes(p.diagnostics).includes('SSDK821'));
    const renamed = client.waitForDiagnostics(uri, (p) => p.version === 2 && !codes(p.diagnostics).includes('SSDK821'));
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 },
      contentChanges: [{ text: text.replace(`"name": "${ACME.name}"`, '"name": "acme-copy"') }] });
    await renamed;
    await other;
  });

  test('hover and go to definition on a flow spec id that belongs to a workspace spec', async () => {
    const uri = uriOf('c/rest-flowSpec.json');
    const text = readFileSync(join(root, 'c/rest-flowSpec.json'), 'utf8');
    await client.open(uri, 'sources-sdk-flow-spec', text);
    const line = text.split('\n').findIndex((l) => l.includes(REGISTERED));
    const position = { line, character: text.split('\n')[line].indexOf(REGISTERED) + 3 };
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    const value = JSON.stringify(hover?.contents);
    assert.match(value, /acme-copy/);
    assert.match(value, /b\/acme-copy-connectionSpec\.json/);
    const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position });
    assert.ok(locations.some((l) => l.uri === uriOf('b/acme-copy-connectionSpec.json')), JSON.stringify(locations));
  });

  test('a registration recorded in the links file (the remote flow spec lists the id) clears SSDK820', async () => {
    const uri = uriOf('a/acme-connectionSpec.json');
    const links = JSON.parse(readFileSync(join(root, '.sources-sdk/links.json'), 'utf8'));
    const cleared = client.waitForDiagnostics(uri, (p) => !codes(p.diagnostics).includes('SSDK820'));
    write('.sources-sdk/links.json', { ...links, seenFlowSpecs: { 'http://127.0.0.1:1|org@AdobeOrg|dev': {
      '6499120c-0b15-42dc-936e-847ea3c24d72': { name: 'RestStorageToAEP', sourceConnectionSpecIds: [UNREGISTERED], seenAt: '2026-01-02T00:00:00Z' } } } });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.sources-sdk/links.json'), type: 2 }] });
    await cleared;
    // Forgotten again (the links file as before): the finding is back, until the flow spec file lists the id below.
    const back = client.waitForDiagnostics(uri, (p) => codes(p.diagnostics).includes('SSDK820'));
    write('.sources-sdk/links.json', links);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.sources-sdk/links.json'), type: 2 }] });
    await back;
  });

  test('a flow spec changed on disk (file event) that now lists the id clears SSDK820', async () => {
    write('c/rest-flowSpec.json', { ...FLOW, sourceConnectionSpecIds: [...FLOW.sourceConnectionSpecIds, REGISTERED, UNREGISTERED] });
    const uri = uriOf('a/acme-connectionSpec.json');
    const cleared = client.waitForDiagnostics(uri, (p) => !codes(p.diagnostics).includes('SSDK820'));
    // The flow spec is open in the previous test with the old text: close it so the disk counts.
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf('c/rest-flowSpec.json') } });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('c/rest-flowSpec.json'), type: 2 }] });
    await cleared;
  });
});

/**
 * The upload gate over real LSP (dist/server.js over stdio): `sourcesSdk/specDiagnostics` answers for exactly the
 * text asked about, never with an older version's published diagnostics; content-detected specs are included and the
 * `sourcesSdk.detectByContent` setting is respected. Also: the server reports package.json's version.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { SPEC_DIAGNOSTICS_METHOD, type SpecDiagnosticsParams, type SpecDiagnosticsResult } from '../../server/protocol';
import { SERVER_PATH, TestLspClient } from './lspClient';

const ROOT = join(__dirname, '..', '..');
const ACME = readFileSync(join(ROOT, 'test', 'fixtures', 'valid', 'acme-crm-connectionSpec.json'), 'utf8');
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** A type error the engine reports as an error: `"method": "GETT"` is not one of the allowed HTTP methods. */
const BROKEN = ACME.replace('"method": "GET"', '"method": "GETT"');
const ERROR = 1;

describe('upload gate: sourcesSdk/specDiagnostics', () => {
  let client: TestLspClient;
  let init: InitializeResult;
  const ask = (uri: string, languageId: string, version: number, text: string) =>
    client.request<SpecDiagnosticsResult>(SPEC_DIAGNOSTICS_METHOD, { textDocument: { uri, languageId, version }, text } satisfies SpecDiagnosticsParams);
  const errorCount = (result: SpecDiagnosticsResult) => result.diagnostics.filter((d) => d.severity === ERROR).length;

  before(async () => {
    assert.ok(existsSync(SERVER_PATH), 'dist/server.js exists (run node esbuild.mjs)');
    assert.ok(BROKEN !== ACME, 'the fixture still has "method": "GET" to break');
    client = new TestLspClient();
    init = await client.initialize();
  });
  after(() => client?.kill());

  test('serverInfo carries the version of package.json', () => {
    assert.equal(init.serverInfo?.version, PACKAGE_VERSION);
  });

  test('stale-diagnostics race: an edit followed at once by the upload is judged on the edited text', async () => {
    const uri = 'file:///gate/race-connectionSpec.json';
    const clean = await client.open(uri, 'sources-sdk-connection-spec', ACME, 1);
    assert.equal(clean.filter((d) => d.severity === ERROR).length, 0, 'the fixture starts clean');
    // Edit (v2) and ask immediately, before the server has published anything for v2: the published diagnostics
    // still say "clean", the gate must not.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: BROKEN }] });
    const answer = await ask(uri, 'sources-sdk-connection-spec', 2, BROKEN);
    assert.equal(answer.kind, 'connectionSpec');
    assert.equal(answer.version, 2);
    assert.ok(errorCount(answer) > 0, JSON.stringify(answer.diagnostics));
  });

  test('the text asked about wins over what the server holds (an edit not yet synced)', async () => {
    const uri = 'file:///gate/unsynced-connectionSpec.json';
    await client.open(uri, 'sources-sdk-connection-spec', ACME, 1);
    const broken = await ask(uri, 'sources-sdk-connection-spec', 2, BROKEN);
    assert.ok(errorCount(broken) > 0);
    const clean = await ask(uri, 'sources-sdk-connection-spec', 1, ACME);
    assert.equal(errorCount(clean), 0, JSON.stringify(clean.diagnostics));
  });

  test('a content-detected spec (plain .json) is checked; with detection off it is not a spec', async () => {
    const uri = 'file:///gate/plain.json';
    const detected = await ask(uri, 'json', 1, BROKEN);
    assert.equal(detected.kind, 'connectionSpec');
    assert.ok(errorCount(detected) > 0);

    client.settings = { detectByContent: false };
    try {
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const off = await ask(uri, 'json', 1, BROKEN);
      assert.deepEqual(off, { kind: null, version: 1, diagnostics: [] });
    } finally {
      client.settings = { detectByContent: true };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    }
  });

  test('a JSON file that is not a spec is reported as such', async () => {
    const answer = await ask('file:///gate/notes.json', 'json', 3, '{"hello": "world"}');
    assert.deepEqual(answer, { kind: null, version: 3, diagnostics: [] });
  });
});

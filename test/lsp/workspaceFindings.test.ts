/**
 * `sources-sdk validate <folder>` reports the workspace findings (SSDK820, SSDK821) the editor shows for the same
 * folder opened as a workspace: both build their snapshot the same way and run the same core rules. The folder is a
 * copy of examples/ with what a user's session adds: a links file (uploads) and a second spec of an existing name.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempFolders } from '../helpers/tempFolders';
import { TestLspClient } from './lspClient';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const ENV = 'local|ORG@AdobeOrg|dev';
const REGISTERED = '4e98f16f-87d6-4ef0-bdc6-7a2b0fe76e62'; // listed by examples/rest-storage-flowSpec.json
const temp = tempFolders();

/** The workspace findings as `file:line:column code message`, sorted. */
type Found = string[];
const WORKSPACE_CODES = new Set(['SSDK820', 'SSDK821']);

describe('workspace findings: the CLI and the editor agree', () => {
  let folder: string;
  let client: TestLspClient;

  before(async () => {
    folder = join(temp('workspace-findings-'), 'examples');
    cpSync(join(ROOT, 'examples'), folder, { recursive: true, filter: (source) => !source.includes('.sources-sdk') });
    const acme = readFileSync(join(folder, 'acme-crm-connectionSpec.json'), 'utf8');
    mkdirSync(join(folder, 'copies'));
    writeFileSync(join(folder, 'copies', 'acme-crm-copy-connectionSpec.json'), acme); // same name: SSDK821 on both
    const record = (remoteId: string) => ({ resource: 'connectionSpecs', remoteId, contentHash: 'h', syncedAt: '2026-01-01T00:00:00Z' });
    mkdirSync(join(folder, '.sources-sdk'));
    writeFileSync(join(folder, '.sources-sdk', 'links.json'), JSON.stringify({
      version: 1,
      environments: { [ENV]: {
        'acme-crm-connectionSpec.json': record('11111111-2222-4333-8444-555555555555'), // registered nowhere: SSDK820
        'acme-events-streaming-connectionSpec.json': record(REGISTERED), // listed by the flow spec file
        'broken-connectionSpec.json': record('66666666-7777-4888-9999-000000000000'), // registered remotely (seen)
      } },
      seenFlowSpecs: { [ENV]: { 'e77fde5a-22a8-11ed-861d-0242ac120002': {
        name: 'GenericStreamingAEP', sourceConnectionSpecIds: ['66666666-7777-4888-9999-000000000000'], seenAt: '2026-01-01T00:00:00Z' } } },
    }, null, 2));
    client = new TestLspClient();
    const rootUri = pathToFileURL(folder).href;
    await client.connection.sendRequest('initialize', {
      processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'examples' }],
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await client.connection.sendNotification('initialized', {});
  });
  after(() => client?.kill());

  function fromCli(): Found {
    const result = spawnSync(process.execPath, [CLI, 'validate', 'examples', '--format', 'json'], { cwd: join(folder, '..'), encoding: 'utf8' });
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    const findings = JSON.parse(result.stdout) as Array<{ file: string; line: number; column: number; code: string; message: string }>;
    return findings.filter((f) => WORKSPACE_CODES.has(f.code))
      .map((f) => `${f.file.replace(/\\/g, '/').replace(/^examples\//, '')}:${f.line}:${f.column} ${f.code} ${f.message}`).sort();
  }

  async function fromEditor(): Promise<Found> {
    const found: string[] = [];
    const specs = ['acme-crm-connectionSpec.json', 'acme-events-streaming-connectionSpec.json', 'broken-connectionSpec.json',
      'rest-storage-flowSpec.json', 'copies/acme-crm-copy-connectionSpec.json'];
    for (const relative of specs) {
      const uri = pathToFileURL(join(folder, relative)).href;
      const languageId = relative.endsWith('flowSpec.json') ? 'sources-sdk-flow-spec' : 'sources-sdk-connection-spec';
      // The index scans in the background: wait until it has seen the copy (SSDK821 on the original and the copy).
      const expectTwin = relative.includes('acme-crm');
      const published = client.waitForDiagnostics(uri, (p) => !expectTwin || p.diagnostics.some((d) => d.code === 'SSDK821'));
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: readFileSync(join(folder, relative), 'utf8') } });
      for (const d of (await published).diagnostics) {
        if (WORKSPACE_CODES.has(String(d.code))) found.push(`${relative}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
      }
    }
    return found.sort();
  }

  test('sources-sdk validate examples/ reports the same SSDK820/821 findings as the language server', async () => {
    const cli = fromCli();
    const editor = await fromEditor();
    assert.deepEqual(cli, editor);
    const fileAndCode = (line: string) => {
      const [where, code] = line.split(' ');
      return `${where.replace(/:\d+:\d+$/, '')} ${code}`;
    };
    assert.deepEqual(cli.map(fileAndCode), [
      'acme-crm-connectionSpec.json SSDK820',
      'acme-crm-connectionSpec.json SSDK821',
      'copies/acme-crm-copy-connectionSpec.json SSDK821',
    ]);
  });
});

/**
 * `npm start`'s sandbox (scripts/sandbox.mjs), started the way `npm start` starts it (its emulator through
 * `dist/cli.js emulator`, data in the sandbox) but without an editor: the author's files, their links and the
 * emulator's data share one lifetime. A file and a link made in the sandbox survive two restarts; an upload after a
 * change to the remote behind the editor's back then asks the conflict question first (the real extension code, driven
 * through the fake `vscode` of test/unit/clientHarness); a link whose remote the emulator no longer has is "deleted",
 * never "not linked"; `--fresh` lists what it discards and starts over; git status stays clean throughout.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { toAuthoringForm } from '../../core/sync/normalize';
import { tempFolders } from '../helpers/tempFolders';
import { installFakeVscode, fakeExtensionContext, state, commands, Uri } from './clientHarness/fakeVscode';

installFakeVscode();
// Loaded after the fake is installed, so the client's `require('vscode')` gets it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require('../../client/extension') as typeof import('../../client/extension');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LOCAL_EMULATOR_CLIENT_ID, LOCAL_EMULATOR_CLIENT_SECRET, LOCAL_EMULATOR_ORG_ID } = require('../../client/environments') as typeof import('../../client/environments');

const ROOT = join(__dirname, '..', '..');
interface StartedSandbox {
  workspace: string;
  dataDir: string;
  previous: string;
  state: 'created' | 'reused' | 'reset';
  discarded: string[];
  emulatorUrl: string;
  message: string[];
  close(): Promise<void>;
}
interface SandboxModule {
  openSandbox(projectRoot: string, options?: { fresh?: boolean }): { state: string; workspace: string; dataDir: string; movedLegacyData: boolean; legacyDataDir?: string };
  sandboxMessage(opened: unknown): string[];
  startSandbox(projectRoot: string, options?: { fresh?: boolean; emulatorPort?: number }): Promise<StartedSandbox>;
  firstFreePort(preferred: number, host?: string): Promise<number>;
  DEFAULT_EMULATOR_PORT: number;
  DEFAULT_CODE_SERVER_PORT: number;
}
interface UploadResult { outcome: string; action: string; id?: string; plan?: string }
type Prompt = { kind: string; message: string; items: string[] };

const FILE = 'mine-connectionSpec.json';
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

function mySpec(description: string): Record<string, unknown> {
  return {
    name: 'My sandbox source', providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a', version: '1.0', type: 'generic-rest', description,
    authSpec: [{ name: 'Basic Authentication', type: 'BasicAuthentication', spec: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: {} } }],
    sourceSpec: { attributes: {} }, exploreSpec: { name: 'Resource', type: 'Resource' },
  };
}

describe('npm start sandbox', () => {
  const temp = tempFolders();
  let sandbox: SandboxModule;
  let clone: string;
  let running: StartedSandbox | undefined;
  let api: ReturnType<typeof extension.activate> | undefined;
  let context: ReturnType<typeof fakeExtensionContext> | undefined;
  const prompts: Prompt[] = [];
  let answers: string[] = [];

  before(async () => {
    const script: string = join(ROOT, 'scripts', 'sandbox.mjs'); // a plain .mjs: no types to import
    sandbox = await import(script) as SandboxModule;
    // A miniature clone: the repository's real .gitignore and examples/, committed.
    clone = temp('start-');
    cpSync(join(ROOT, 'examples'), join(clone, 'examples'), { recursive: true });
    writeFileSync(join(clone, '.gitignore'), readFileSync(join(ROOT, '.gitignore')));
    git(clone, 'init', '-q');
    git(clone, 'add', '-A');
    git(clone, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'fixture');
  });
  after(async () => {
    await running?.close();
    for (const d of context?.subscriptions ?? []) d.dispose();
    await extension.deactivate();
    delete process.env.SOURCES_SDK_EMULATOR_URL;
  });

  /** (Re)starts the sandbox as `npm start` would; the editor's built-in environment follows the emulator's URL. */
  async function start(fresh = false): Promise<StartedSandbox> {
    await running?.close();
    running = await sandbox.startSandbox(clone, { fresh, emulatorPort: 0 });
    process.env.SOURCES_SDK_EMULATOR_URL = running.emulatorUrl;
    return running;
  }

  /** The extension, activated once on the sandbox folder; every question is recorded and answered from `answers`. */
  function editor(workspace: string): NonNullable<typeof api> {
    if (api) return api;
    state.workspaceRoot = workspace;
    state.defaults = { 'sourcesSdk.activeEnvironment': 'Local emulator', 'sourcesSdk.localEmulator.sandbox': 'dev', 'sourcesSdk.detectByContent': true };
    context = fakeExtensionContext(temp('start-storage-'));
    api = extension.activate(context as never);
    api.testing!.setPromptResponder((prompt) => {
      if (prompt.kind === 'notification') return undefined;
      prompts.push(prompt);
      return answers.shift();
    });
    return api;
  }

  async function upload(workspace: string, ...answerWith: string[]): Promise<UploadResult> {
    prompts.length = 0;
    answers = answerWith;
    state.documents = state.documents.filter((d) => d.uri.fsPath !== join(workspace, FILE));
    return await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(join(workspace, FILE))) as UploadResult;
  }

  const direct = () => createFlowServiceClient({
    environment: { name: 'colleague', platformUrl: running!.emulatorUrl, imsUrl: running!.emulatorUrl, orgId: LOCAL_EMULATOR_ORG_ID, clientId: LOCAL_EMULATOR_CLIENT_ID, sandbox: 'dev', scopes: ['openid'] },
    clientSecret: LOCAL_EMULATOR_CLIENT_SECRET,
  });
  const linkOf = (workspace: string) => {
    const links = JSON.parse(readFileSync(join(workspace, '.sources-sdk', 'links.json'), 'utf8')) as { environments: Record<string, Record<string, { remoteId: string }>> };
    return links.environments[`local|${LOCAL_EMULATOR_ORG_ID}|dev`]?.[FILE];
  };
  const gitClean = () => assert.equal(git(clone, 'status', '--porcelain', '--untracked-files=all'), '', 'the repository stays untouched');

  test('a file and its link survive two restarts; an upload after a remote change behind the editor\'s back asks the conflict question first', async () => {
    const first = await start();
    assert.equal(first.state, 'created');
    assert.match(first.message.join('\n'), /new: a copy of examples\/ and an empty emulator\. Your files, their links and the emulator's data are kept across restarts/);
    assert.match(first.message.join('\n'), /npm start -- --fresh` starts over/);
    writeFileSync(join(first.workspace, FILE), `${JSON.stringify(mySpec('As first uploaded.'), null, 2)}\n`);
    editor(first.workspace);
    const created = await upload(first.workspace, 'Create');
    assert.equal(created.action, 'created', JSON.stringify(created));
    assert.equal(linkOf(first.workspace)?.remoteId, created.id);
    gitClean();

    for (let restart = 1; restart <= 2; restart++) {
      const again = await start();
      assert.equal(again.state, 'reused', `restart ${restart}`);
      assert.equal(again.workspace, first.workspace);
      assert.match(again.message.join('\n'), /kept from the last run: your files, their links \(\.sources-sdk\/links\.json\) and the emulator's data \(new: mine-connectionSpec\.json; links: 1 in \.sources-sdk\/links\.json; emulator data: \d+ connectionSpecs/);
      assert.match(readFileSync(join(again.workspace, FILE), 'utf8'), /As first uploaded\./, `restart ${restart}: the file is still there`);
      assert.equal(linkOf(again.workspace)?.remoteId, created.id, `restart ${restart}: the link is still there`);
      assert.equal((await direct().get('connectionSpecs', created.id!)).description, 'As first uploaded.', `restart ${restart}: the emulator still has it`);
    }

    // A colleague changes the remote copy behind the editor's back; the author edits the file too.
    const remote = await direct().get('connectionSpecs', created.id!);
    await direct().update('connectionSpecs', created.id!, { ...toAuthoringForm(remote), description: 'Changed by a colleague.' });
    writeFileSync(join(first.workspace, FILE), `${JSON.stringify(mySpec('Edited locally.'), null, 2)}\n`);
    const declined = await upload(first.workspace);
    assert.equal(declined.action, 'cancelled', JSON.stringify(declined));
    assert.equal(declined.plan, 'remote-changed');
    assert.equal(prompts.length, 1, `one question, the conflict: ${JSON.stringify(prompts)}`);
    assert.match(prompts[0].message, /changed since your last sync \(someone else updated it\)/);
    assert.deepEqual(prompts[0].items, ['Compare', 'Overwrite', 'Take Remote']);
    assert.doesNotMatch(prompts[0].message, /^Update /);
    assert.equal((await direct().get('connectionSpecs', created.id!)).description, 'Changed by a colleague.', 'nothing overwritten');
    gitClean();
  });

  test('a link whose remote the emulator no longer has is "deleted", never "not linked"', async () => {
    const workspace = running!.workspace;
    const id = linkOf(workspace)!.remoteId;
    await running!.close();
    running = undefined;
    // The emulator's copy is lost while the sandbox is kept (a data folder restored from elsewhere, say).
    const stored = (function find(dir: string): string | undefined {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) { const found = find(path); if (found) return found; } else if (entry.name === `${id}.json`) return path;
      }
      return undefined;
    })(join(clone, '.cache', 'sandbox', 'emulator-data'));
    assert.ok(stored, 'the emulator keeps the spec in the sandbox');
    rmSync(stored);
    await start();
    const result = await upload(workspace);
    assert.equal(result.plan, 'remote-deleted', JSON.stringify(result));
    assert.equal(prompts.length, 1, JSON.stringify(prompts));
    assert.match(prompts[0].message, /no longer exists in Local emulator\/dev\. Create it again\?/);
    assert.deepEqual(prompts[0].items, ['Create Again']);
  });

  test('--fresh lists what it discards, sets the old sandbox aside and starts over', async () => {
    const reset = await start(true);
    assert.equal(reset.state, 'reset');
    const said = reset.message.join('\n');
    assert.match(said, /^--fresh: discarding the sandbox, which held \(beyond a copy of examples\/\):$/m);
    assert.match(said, /^ {2}- new: mine-connectionSpec\.json$/m);
    assert.match(said, /^ {2}- links: 1 in \.sources-sdk\/links\.json$/m);
    assert.match(said, /^ {2}- emulator data: \d+ connectionSpecs/m);
    assert.match(said, /fresh: a copy of examples\/ and an empty emulator/);
    assert.ok(!existsSync(join(reset.workspace, FILE)), 'the file is gone from the sandbox');
    assert.ok(!existsSync(join(reset.workspace, '.sources-sdk', 'links.json')), 'and its links');
    assert.ok(existsSync(join(reset.previous, 'examples', FILE)), 'kept aside until the next --fresh');
    assert.deepEqual(readdirSync(reset.workspace).sort(), readdirSync(join(clone, 'examples')).sort(), 'a plain copy of examples/');
    assert.equal((await direct().list('connectionSpecs')).filter((spec) => spec.name === 'My sandbox source').length, 0, 'the emulator starts empty (seeds only)');
    gitClean();
    // And the next start keeps the fresh sandbox.
    assert.equal((await start()).state, 'reused');
  });

  test('a sandbox of an earlier version (a working copy, the data in .sources-sdk-emulator) keeps that data beside it', () => {
    const old = temp('start-old-');
    cpSync(join(ROOT, 'examples'), join(old, 'examples'), { recursive: true });
    cpSync(join(ROOT, 'examples'), join(old, '.cache', 'sandbox', 'examples'), { recursive: true });
    const legacy = join(old, '.sources-sdk-emulator', 'LOCAL%40AdobeOrg', 'dev', 'connectionSpecs');
    mkdirSync(legacy, { recursive: true });
    writeFileSync(join(legacy, 'kept.json'), '{}');
    const opened = sandbox.openSandbox(old);
    assert.equal(opened.state, 'reused');
    assert.equal(opened.movedLegacyData, true);
    assert.ok(existsSync(join(opened.dataDir, 'LOCAL%40AdobeOrg', 'dev', 'connectionSpecs', 'kept.json')), 'the data moved in');
    assert.ok(!existsSync(join(old, '.sources-sdk-emulator')));
    assert.match(sandbox.sandboxMessage(opened).join('\n'), /emulator's data of the earlier version \(\.sources-sdk-emulator\) moved into the sandbox/);
  });

  test('a free default port is reused; a taken one moves to the next free port', async () => {
    assert.equal(sandbox.DEFAULT_EMULATOR_PORT, 4141);
    assert.equal(sandbox.DEFAULT_CODE_SERVER_PORT, 4180);
    // An ephemeral port stands in for the default (the real defaults may be in use by another run on this machine).
    const probe: Server = createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
    const taken = await sandbox.firstFreePort(port);
    assert.ok(taken > port, `port ${port} is taken: the next free one (${taken})`);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    assert.equal(await sandbox.firstFreePort(port), port, 'free again: the same port');
  });
});

/**
 * Drives the real extension code (activate + commands) in plain Node against the real emulator, through a fake
 * `vscode` API. Covers what the in-editor suite cannot reach cheaply: prompt paths, conflicts, refusals.
 */
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings, installFakeVscode, fakeExtensionContext, state, commands, Uri, workspace, DiagnosticSeverity, Range } from './clientHarness/fakeVscode';

installFakeVscode();
// Loaded after the fake is installed, so the client's `require('vscode')` gets it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require('../../client/extension') as typeof import('../../client/extension');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { COMMAND_IDS } = require('../../client/commandTable') as typeof import('../../client/commandTable');

type Api = ReturnType<typeof extension.activate>;
type Prompt = { kind: string; message: string; items: string[]; underProgress?: boolean };

const root = mkdtempSync(join(tmpdir(), 'ssdk-client-'));
const workspaceRoot = join(root, 'ws');
const storage = join(root, 'storage');
let api: Api;
let context: ReturnType<typeof fakeExtensionContext>;
let prompts: Prompt[] = [];
let answers: Array<string | undefined> = [];
/** What the next notifications answer (an action title), in order; none: dismissed. */
let notificationAnswers: Array<string | undefined> = [];

function respondWith(...list: Array<string | undefined>): void {
  answers = list;
}

function connectionSpec(name: string, description = 'first'): Record<string, unknown> {
  return {
    name,
    providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
    version: '1.0',
    type: 'generic-rest',
    description,
    authSpec: [{ name: 'Basic Authentication', type: 'BasicAuthentication', spec: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: {} } }],
    sourceSpec: { attributes: {} },
    exploreSpec: { name: 'Resource', type: 'Resource' },
  };
}

/** Polls `probe` until it holds (an action runs after its notification resolves), failing after a deadline. */
async function waitUntil(what: string, probe: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!probe()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function writeSpec(file: string, body: Record<string, unknown>): string {
  const path = join(workspaceRoot, file);
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  // Forget any open copy: commands re-read the file from disk.
  state.documents = state.documents.filter((d) => d.uri.fsPath !== path);
  return path;
}

before(async () => {
  mkdirSync(workspaceRoot, { recursive: true });
  state.workspaceRoot = workspaceRoot;
  state.defaults = defaultSettings();
  delete process.env.SOURCES_SDK_EMULATOR_URL;
  context = fakeExtensionContext(storage);
  api = extension.activate(context as never);
  await api.ready;
  api.testing!.setPromptResponder((p) => {
    // Notifications go through the seam too: kept with the fake's messages, answered from their own list.
    if (p.kind === 'notification') {
      state.messages.push({ level: p.level ?? 'info', text: p.message, actions: p.items });
      return notificationAnswers.shift();
    }
    prompts.push({ ...p, underProgress: state.progressRunning > 0 });
    return answers.shift();
  });
});

after(async () => {
  await commands.executeCommand('sourcesSdk.stopEmulator');
  for (const d of context.subscriptions) d.dispose();
  await extension.deactivate();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  prompts = [];
  answers = [];
  notificationAnswers = [];
  state.messages = [];
  state.executed = [];
  state.diffs = [];
  state.isTrusted = true;
  api.testing!.setUntrustedOverride(undefined);
});

describe('extension activation', () => {
  test('ready resolves, every command is registered, status bar shows the local emulator, no server without a spec', async () => {
    const registered = await commands.getCommands();
    for (const id of COMMAND_IDS) assert.ok(registered.includes(id), id);
    assert.equal(api.api.statusBarText(), '$(cloud) Local emulator · dev');
    assert.equal(api.api.languageClientState(), 'stopped', 'no spec is open: the language server has not started');
  });

  test('a plain .json file that is clearly a spec gets the connection spec language', async () => {
    const path = writeSpec('plain.json', connectionSpec('detect-me'));
    const doc = await workspace.openTextDocument(Uri.file(path));
    // Detection is asynchronous (setTextDocumentLanguage); poll with a deadline.
    const deadline = Date.now() + 2000;
    while (doc.languageId === 'json' && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    assert.equal(doc.languageId, 'sources-sdk-connection-spec');
  });
});

describe('remote commands against the bundled emulator', () => {
  let createdId = '';
  const file = 'acme-connectionSpec.json';

  test('upload creates after confirmation, records the link, and starts the emulator on demand', async () => {
    const path = writeSpec(file, connectionSpec('acme-upload'));
    respondWith('Create');
    const result = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path)) as { action: string; id: string };
    assert.equal(result.action, 'created');
    assert.match(result.id, /^[0-9a-f-]{36}$/);
    createdId = result.id;
    assert.match(prompts[0].message, /Create acme-upload in Local emulator\/dev\?/);
    assert.ok(api.api.emulatorUrl()?.startsWith('http://127.0.0.1:'));
    const links = JSON.parse(readFileSync(join(workspaceRoot, '.sources-sdk', 'links.json'), 'utf8'));
    assert.ok(JSON.stringify(links).includes(createdId));
  });

  test('upload of the same content is unchanged and asks nothing', async () => {
    const result = await commands.executeCommand('sourcesSdk.uploadSpec', join(workspaceRoot, file)) as { action: string; id: string };
    assert.deepEqual(result, { outcome: 'done', action: 'unchanged', id: createdId, plan: 'unchanged' });
    assert.equal(prompts.length, 0);
  });

  test('upload of a change shows the diff, asks, and updates; declining sends nothing', async () => {
    const path = writeSpec(file, connectionSpec('acme-upload', 'second'));
    respondWith(undefined);
    const declined = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path)) as { action: string };
    assert.equal(declined.action, 'cancelled');
    assert.equal(state.diffs.length, 1, 'diff shown before asking');
    assert.ok(state.diffs[0].left.startsWith('sources-sdk-remote:'));
    respondWith('Update');
    const updated = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path)) as { action: string; id: string };
    assert.deepEqual(updated, { outcome: 'done', action: 'updated', id: createdId, plan: 'update' });
    assert.match(prompts.at(-1)!.message, /Update acme-upload in Local emulator\/dev\?/);
  });

  test('compare reports same, then a one-line summary of a difference', async () => {
    const same = await commands.executeCommand('sourcesSdk.compareWithRemote', Uri.file(join(workspaceRoot, file))) as { same: boolean; summary: string; id: string };
    assert.equal(same.same, true);
    assert.equal(same.id, createdId);
    const path = writeSpec(file, connectionSpec('acme-upload', 'third'));
    const differs = await commands.executeCommand('sourcesSdk.compareWithRemote', Uri.file(path)) as { same: boolean; summary: string };
    assert.equal(differs.same, false);
    assert.match(differs.summary, /description/);
    assert.ok(state.diffs.length >= 2);
    assert.ok(state.messages.some((m) => m.level === 'info' && /description/.test(m.text)));
  });

  test('a remote change since the last sync → Compare / Overwrite / Cancel', async () => {
    // Someone else updates the remote through the API (via a second file linked nowhere, with force).
    // require, not import(): npm test loads TypeScript through tsx's CommonJS hook only (scripts/runTests.mjs).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createFlowServiceClient } = require('../../core/api/flowServiceClient') as typeof import('../../core/api/flowServiceClient');
    const client = createFlowServiceClient({
      environment: { name: 'x', platformUrl: api.api.emulatorUrl()!, imsUrl: api.api.emulatorUrl()!, orgId: 'LOCAL@AdobeOrg', clientId: 'sources-sdk-local-client', sandbox: 'dev', scopes: ['openid'] },
      clientSecret: 'sources-sdk-local-secret',
    });
    await client.update('connectionSpecs', createdId, connectionSpec('acme-upload', 'changed behind your back'));
    const path = join(workspaceRoot, file);
    respondWith('Cancel');
    const cancelled = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path)) as { action: string };
    assert.equal(cancelled.action, 'cancelled');
    // Conflict first: the only question, with what changed on each side.
    assert.equal(prompts.length, 1, JSON.stringify(prompts));
    assert.match(prompts[0].message, /changed since your last sync/);
    assert.deepEqual(prompts[0].items, ['Compare', 'Overwrite', 'Take Remote']);
    assert.match(String((prompts[0] as { detail?: string }).detail), /Remote: changed since your last sync[\s\S]*Your file: also changed[\s\S]*Differences: 1 change: description changed/);
    assert.equal((await client.get('connectionSpecs', createdId)).description, 'changed behind your back');
    prompts = [];
    respondWith('Overwrite');
    const overwritten = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path)) as { action: string };
    assert.equal(overwritten.action, 'updated');
    assert.equal(prompts.length, 1, 'Overwrite is the only answer needed');
    assert.equal((await client.get('connectionSpecs', createdId)).description, 'third');
  });

  test('force: true overwrites a conflicting remote without asking (confirm: true)', async () => {
    const path = writeSpec(file, connectionSpec('acme-upload', 'fourth'));
    const result = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path), { confirm: true, force: true }) as { action: string };
    assert.equal(result.action, 'updated');
    assert.equal(prompts.length, 0);
  });

  test('a linked remote deleted meanwhile: the editor offers Create Again, and it works', async () => {
    const path = writeSpec('gone-connectionSpec.json', connectionSpec('gone-soon'));
    const created = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path), { confirm: true }) as { action: string; id: string };
    assert.equal(created.action, 'created');
    const dataDir = join(storage, 'emulator');
    const { readdirSync, rmSync: remove } = await import('node:fs');
    // Delete the remote spec the way the platform would lose it: the emulator has no DELETE, so stop it and remove
    // the stored file; the restart (on a new port) loads the sandbox without it.
    await commands.executeCommand('sourcesSdk.stopEmulator');
    const stored = (function find(dir: string): string | undefined {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) { const hit = find(full); if (hit) return hit; } else if (entry.name === `${created.id}.json`) return full;
      }
      return undefined;
    })(dataDir);
    assert.ok(stored, 'the emulator stored the spec');
    remove(stored);
    writeSpec('gone-connectionSpec.json', connectionSpec('gone-soon', 'edited'));
    respondWith(undefined);
    const declined = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path)) as { action: string };
    assert.equal(declined.action, 'cancelled');
    assert.equal(prompts.length, 1);
    assert.match(prompts[0].message, /gone-soon no longer exists in Local emulator\/dev\. Create it again\?/);
    assert.deepEqual(prompts[0].items, ['Create Again']);
    respondWith('Create Again');
    const again = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path)) as { action: string; id: string };
    assert.equal(again.action, 'created', JSON.stringify(again));
    assert.notEqual(again.id, created.id);
    const unchanged = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path)) as { action: string; id: string };
    assert.deepEqual(unchanged, { outcome: 'done', action: 'unchanged', id: again.id, plan: 'unchanged' }, 'the file is linked to the new remote');
  });

  test('one API client per environment: one IMS token serves several commands', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startTestEmulator } = require('../emulator/helpers/emulator') as typeof import('../emulator/helpers/emulator');
    const tokenRequests: string[] = [];
    const emu = await startTestEmulator({ clientId: 'token-count-client', clientSecret: 'token-count-secret', log: (line) => { if (line.startsWith('POST /ims/token')) tokenRequests.push(line); } });
    try {
      state.userSettings['sourcesSdk.environments'] = [{ name: 'Token count', platform: emu.url, orgId: 'TOKENS@AdobeOrg', clientId: 'token-count-client', sandbox: 'dev' }];
      await commands.executeCommand('sourcesSdk.setClientSecret', 'Token count', 'token-count-secret');
      await commands.executeCommand('sourcesSdk.selectEnvironment', 'Token count');
      const path = writeSpec('tokens-connectionSpec.json', connectionSpec('token-count'));
      const created = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path), { confirm: true }) as { action: string; id: string };
      assert.equal(created.action, 'created', JSON.stringify(created));
      assert.equal((await commands.executeCommand('sourcesSdk.compareWithRemote', Uri.file(path)) as { same: boolean }).same, true);
      writeSpec('tokens-connectionSpec.json', connectionSpec('token-count', 'changed'));
      assert.equal((await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path), { confirm: true }) as { action: string }).action, 'updated');
      const fetched = await commands.executeCommand('sourcesSdk.fetchConnectionSpec', { id: created.id, mode: 'open' }) as { action: string };
      assert.equal(fetched.action, 'opened', JSON.stringify(fetched));
      assert.equal(tokenRequests.length, 1, `token requests: ${tokenRequests.join(' | ')}`);
    } finally {
      await commands.executeCommand('sourcesSdk.selectEnvironment', 'Local emulator');
      await commands.executeCommand('sourcesSdk.setClientSecret', 'Token count', '');
      delete state.userSettings['sourcesSdk.environments'];
      await emu.close();
    }
  });

  test('fetch (save) writes the authoring form and refuses to overwrite different content unless asked', async () => {
    const target = join(workspaceRoot, 'fetched-connectionSpec.json');
    const saved = await commands.executeCommand('sourcesSdk.fetchConnectionSpec', { id: createdId, mode: 'save', targetUri: target }) as { action: string; uri: string };
    assert.equal(saved.action, 'saved');
    const text = readFileSync(target, 'utf8');
    assert.ok(!/"id"|createdAt|updatedAt|imsOrgId/.test(text), 'server-managed fields removed');
    assert.match(text, /^\{\n {2}"name": "acme-upload"/);
    const again = await commands.executeCommand('sourcesSdk.fetchConnectionSpec', { id: createdId, mode: 'save', targetUri: target }) as { action: string };
    assert.equal(again.action, 'unchanged');
    writeFileSync(target, '{ "name": "local edits" }\n');
    respondWith('Cancel');
    const cancelled = await commands.executeCommand('sourcesSdk.fetchConnectionSpec', { id: createdId, mode: 'save', targetUri: target }) as { action: string };
    assert.equal(cancelled.action, 'cancelled');
    assert.equal(readFileSync(target, 'utf8'), '{ "name": "local edits" }\n', 'a cancelled fetch writes nothing');
    const question = prompts.find((p) => p.kind === 'message');
    assert.deepEqual(question?.items, ['Overwrite', 'Compare'], 'no second Cancel next to the one the modal brings');
    const forced = await commands.executeCommand('sourcesSdk.fetchConnectionSpec', { id: createdId, mode: 'save', targetUri: target, overwrite: true }) as { action: string };
    assert.equal(forced.action, 'saved');
    assert.equal(readFileSync(target, 'utf8'), text);
  });

  test('fetch without id offers "name — id" quick pick with no progress showing while it waits; "Open read-only" shows a read-only remote document', async () => {
    respondWith('RestStorageToAEP — 6499120c-0b15-42dc-936e-847ea3c24d72', 'Open read-only');
    const opened = await commands.executeCommand('sourcesSdk.fetchFlowSpec') as { action: string; uri: string; id: string };
    assert.equal(opened.action, 'opened');
    assert.equal(opened.id, '6499120c-0b15-42dc-936e-847ea3c24d72');
    assert.ok(opened.uri.startsWith('sources-sdk-remote:'));
    assert.equal(prompts[0].kind, 'quickPick');
    assert.equal(prompts[0].underProgress, false, 'no progress notification while the picker waits for the user');
    assert.deepEqual(prompts[1].items, ['Save to workspace', 'Choose folder…', 'Open read-only'], 'then asks where it goes');
    assert.equal(prompts[1].underProgress, false);
    assert.ok(state.shown.includes(opened.uri));
    const doc = await workspace.openTextDocument(Uri.parse(opened.uri));
    assert.match(doc.getText(), /"sourceConnectionSpecIds"/);
  });

  test('register appends the id to RestStorageToAEP once, never twice', async () => {
    const first = await commands.executeCommand('sourcesSdk.registerInFlowSpec', { connectionSpecId: createdId, confirm: true }) as { changed: boolean; flowSpecId: string };
    assert.deepEqual({ changed: first.changed, flowSpecId: first.flowSpecId }, { changed: true, flowSpecId: '6499120c-0b15-42dc-936e-847ea3c24d72' });
    // The workspace links file remembers what the flow spec lists now, so SSDK820 clears on the linked file.
    const links = JSON.parse(readFileSync(join(workspaceRoot, '.sources-sdk', 'links.json'), 'utf8'));
    const seen = Object.values(links.seenFlowSpecs as Record<string, Record<string, { sourceConnectionSpecIds: string[] }>>)[0];
    assert.ok(seen['6499120c-0b15-42dc-936e-847ea3c24d72'].sourceConnectionSpecIds.includes(createdId), JSON.stringify(links.seenFlowSpecs));
    const second = await commands.executeCommand('sourcesSdk.registerInFlowSpec', Uri.file(join(workspaceRoot, file))) as { changed: boolean; alreadyRegistered: boolean };
    assert.equal(second.changed, false);
    assert.equal(second.alreadyRegistered, true);
    assert.ok(state.messages.some((m) => /already registered/.test(m.text)));
  });

  test('Flow Service tree: environment → groups → specs (name, id), linked files offer compare', async () => {
    type Node = { type: string; resource?: string; id?: string; name?: string };
    const tree = state.treeProviders['sourcesSdk.flowService'] as {
      getChildren(n?: Node): Promise<Node[]>;
      getTreeItem(n: Node): { label: string; description?: string; contextValue?: string };
    };
    const [envNode] = await tree.getChildren();
    assert.equal(tree.getTreeItem(envNode).label, 'Local emulator');
    const groups = await tree.getChildren(envNode);
    assert.deepEqual(groups.map((g) => tree.getTreeItem(g).label), ['Connection specs', 'Flow specs', 'Connections', 'Flows']);
    // The instance groups read the emulator's connections and flows (none yet in this sandbox).
    const connections = await tree.getChildren(groups[2]);
    assert.deepEqual(connections.map((n) => tree.getTreeItem(n).label), ['No base connections in this sandbox']);
    assert.deepEqual((await tree.getChildren(groups[3])).map((n) => tree.getTreeItem(n).label), ['No flows in this sandbox']);
    const connectionSpecs = await tree.getChildren(groups[0]);
    const mine = connectionSpecs.find((n) => n.id === createdId)!;
    const item = tree.getTreeItem(mine);
    assert.deepEqual({ label: item.label, description: item.description }, { label: 'acme-upload', description: createdId });
    assert.equal(item.contextValue, 'remoteSpec.connectionSpecs.linked');
    const flowSpecs = await tree.getChildren(groups[1]);
    assert.ok(flowSpecs.some((n) => n.name === 'RestStorageToAEP' && tree.getTreeItem(n).contextValue === 'remoteSpec.flowSpecs'));
    const opened = await commands.executeCommand('sourcesSdk.openRemoteSpec', mine) as { uri: string; id: string };
    assert.equal(opened.id, createdId);
  });

  test('a cancelled progress returns "cancelled"', async () => {
    state.cancelNextProgress = true;
    const result = await commands.executeCommand('sourcesSdk.fetchConnectionSpec', { id: createdId }) as { action: string };
    assert.equal(result.action, 'cancelled');
  });
});

describe('refusals', () => {
  test('one trust check: upload, register, promote, the emulator, Test Source and Preview Source are refused alike', async () => {
    api.testing!.setUntrustedOverride(true);
    const path = writeSpec('untrusted-connectionSpec.json', connectionSpec('untrusted'));
    const upload = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path), { confirm: true }) as { outcome: string; action: string };
    assert.deepEqual({ outcome: upload.outcome, action: upload.action }, { outcome: 'refused', action: 'refused' });
    const register = await commands.executeCommand('sourcesSdk.registerInFlowSpec', { connectionSpecId: 'x', confirm: true }) as { outcome: string; refused: boolean; changed: boolean };
    assert.deepEqual({ outcome: register.outcome, refused: register.refused, changed: register.changed }, { outcome: 'refused', refused: true, changed: false });
    const emulator = await commands.executeCommand('sourcesSdk.startEmulator') as { outcome: string; refused: boolean; reason: string };
    assert.deepEqual({ outcome: emulator.outcome, refused: emulator.refused }, { outcome: 'refused', refused: true });
    const tested = await commands.executeCommand('sourcesSdk.testSourceInEmulator', Uri.file(path), { quiet: true }) as { outcome: string; action: string };
    assert.deepEqual({ outcome: tested.outcome, action: tested.action }, { outcome: 'refused', action: 'refused' });
    const previewed = await commands.executeCommand('sourcesSdk.previewSource', Uri.file(path)) as { outcome: string; reason: string };
    assert.equal(previewed.outcome, 'refused');
    const promoted = await commands.executeCommand('sourcesSdk.promoteSpec', Uri.file(path), { confirm: true }) as { outcome: string };
    assert.equal(promoted.outcome, 'refused');
    // One sentence pattern, one warning each, each with the action that fixes it.
    const warnings = state.messages.filter((m) => m.level === 'warning');
    assert.deepEqual(warnings.map((m) => m.text), [
      'Uploading is disabled in an untrusted workspace: trust the workspace to use it.',
      'Registering in a flow spec is disabled in an untrusted workspace: trust the workspace to use it.',
      'The local emulator is disabled in an untrusted workspace: trust the workspace to use it.',
      'Test Source in Emulator is disabled in an untrusted workspace: trust the workspace to use it.',
      'Preview Source is disabled in an untrusted workspace: trust the workspace to use it.',
      'Promoting is disabled in an untrusted workspace: trust the workspace to use it.',
    ]);
    assert.ok(warnings.every((m) => m.actions?.join() === 'Manage Workspace Trust'));
    state.isTrusted = false;
    api.testing!.setUntrustedOverride(undefined);
    notificationAnswers = ['Manage Workspace Trust'];
    assert.equal((await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path), { confirm: true }) as { outcome: string }).outcome, 'refused');
    await waitUntil('the trust editor opened', () => state.executed.some((c) => c.id === 'workbench.trust.manage'));
  });

  test('the commands that start from a spec document refuse a file that is none, or a spec they cannot take, saying why', async () => {
    const notSpec = join(workspaceRoot, 'not-a-spec.json');
    writeFileSync(notSpec, '{ "hello": 1 }\n');
    state.documents = state.documents.filter((d) => d.uri.fsPath !== notSpec);
    for (const [id, options] of [
      ['sourcesSdk.uploadSpec', { confirm: true }], ['sourcesSdk.testSourceInEmulator', { quiet: true }], ['sourcesSdk.compareWithRemote', undefined],
      ['sourcesSdk.compareAcrossSandboxes', {}], ['sourcesSdk.promoteSpec', { confirm: true }],
    ] as const) {
      const result = await commands.executeCommand(id, Uri.file(notSpec), options) as { outcome: string; reason?: string };
      assert.equal(result.outcome, 'refused', id);
      assert.match(result.reason ?? '', /not-a-spec\.json is not a connection spec or flow spec/, id);
    }
    const flowSpec = writeSpec('refused-flowSpec.json', { name: 'f', sourceConnectionSpecIds: [] });
    const tested = await commands.executeCommand('sourcesSdk.testSourceInEmulator', Uri.file(flowSpec), { quiet: true }) as { outcome: string; reason?: string };
    assert.equal(tested.outcome, 'refused');
    assert.match(tested.reason ?? '', /refused-flowSpec\.json is a flow spec: open the connection spec of the source to test/);
  });

  test('a file with error diagnostics is not uploaded: the notification lists the first errors and offers Show Problems', async () => {
    const path = writeSpec('broken-connectionSpec.json', connectionSpec('broken'));
    state.diagnostics.set(Uri.file(path).toString(), [
      { severity: DiagnosticSeverity.Error, message: 'bad pagination.', range: new Range(3, 0, 3, 1) },
      { severity: DiagnosticSeverity.Error, message: 'Value must be one of: "a", "b".', range: new Range(5, 0, 5, 1) },
      { severity: DiagnosticSeverity.Error, message: 'missing name;', range: new Range(7, 0, 7, 1) },
      { severity: DiagnosticSeverity.Error, message: 'fourth', range: new Range(9, 0, 9, 1) },
    ]);
    notificationAnswers = ['Show Problems'];
    const result = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path), { confirm: true }) as { outcome: string; action: string; reason: string };
    assert.deepEqual({ outcome: result.outcome, action: result.action }, { outcome: 'refused', action: 'refused' });
    assert.match(result.reason, /4 errors.*line 4: bad pagination/);
    const [shown] = state.messages;
    assert.equal(shown.text, 'Upload refused: broken-connectionSpec.json has 4 errors — line 4: bad pagination; line 6: Value must be one of: "a", "b"; '
      + 'line 8: missing name (and 1 more). Fix them, then upload again.');
    assert.doesNotMatch(shown.text, /[.;:,]\s*[.;:,)]|\.\./, 'no doubled punctuation');
    assert.deepEqual(shown.actions, ['Show Problems']);
    await waitUntil('the Problems view opened', () => state.executed.some((c) => c.id === 'workbench.actions.view.problems'));
  });

  test('workspace-level environments are ignored with a warning; prod sandbox asks naming it', async () => {
    const url = api.api.emulatorUrl()!;
    state.workspaceSettings['sourcesSdk.environments'] = [{ name: 'evil', platform: 'http://127.0.0.1:1', orgId: 'E@AdobeOrg', clientId: 'e' }];
    state.userSettings['sourcesSdk.environments'] = [{ name: 'Emu prod', platform: url, orgId: 'LOCAL@AdobeOrg', clientId: 'sources-sdk-local-client', sandbox: 'prod' }];
    const selected = await commands.executeCommand('sourcesSdk.selectEnvironment', 'Emu prod');
    assert.deepEqual(selected, { outcome: 'done', name: 'Emu prod' });
    assert.equal(api.api.statusBarText(), '$(warning) Emu prod · prod');
    assert.ok(state.messages.some((m) => m.level === 'warning' && /workspace settings is ignored/.test(m.text)));
    const ignored = await commands.executeCommand('sourcesSdk.selectEnvironment', 'evil') as { outcome: string; error: string };
    assert.equal(ignored.outcome, 'failed', 'an environment from workspace settings cannot be selected');
    assert.match(ignored.error, /No environment named "evil"/);
    assert.deepEqual(await commands.executeCommand('sourcesSdk.setClientSecret', 'Emu prod', 'sources-sdk-local-secret'), { outcome: 'done', envName: 'Emu prod', stored: true });
    assert.equal(context.secretValues.get('sourcesSdk.clientSecret.Emu prod'), 'sources-sdk-local-secret');
    const path = writeSpec('prod-connectionSpec.json', connectionSpec('prod-one'));
    respondWith(undefined);
    const result = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(path)) as { action: string };
    assert.equal(result.action, 'cancelled');
    assert.match(prompts[0].message + prompts[0].items.join(), /Create prod-one in the PRODUCTION sandbox "prod" of Emu prod\?/);
    assert.ok(!state.logLines.some((l) => l.includes('sources-sdk-local-secret')), 'the secret never reaches the log');
    await commands.executeCommand('sourcesSdk.selectEnvironment', 'Local emulator');
    delete state.workspaceSettings['sourcesSdk.environments'];
    assert.ok(existsSync(join(storage, 'emulator')));
  });
});

describe('the command result contract', () => {
  test('the small commands answer done, and what cannot run is refused or cancelled, never a rejection', async () => {
    assert.deepEqual(await commands.executeCommand('sourcesSdk.refreshFlowService'), { outcome: 'done', refreshed: true });
    assert.deepEqual(await commands.executeCommand('sourcesSdk.showLog'), { outcome: 'done', shown: true });
    assert.deepEqual(await commands.executeCommand('sourcesSdk.restartLanguageServer'), { outcome: 'done', restarted: true });
    assert.deepEqual(await commands.executeCommand('sourcesSdk.selectEnvironment'), { outcome: 'cancelled', cancelled: true, reason: 'no environment chosen' });
    delete state.userSettings['sourcesSdk.environments'];
    const secret = await commands.executeCommand('sourcesSdk.setClientSecret') as { outcome: string; reason: string };
    assert.equal(secret.outcome, 'refused', 'no environment needs a secret');
    assert.match(secret.reason, /sourcesSdk\.environments/);
    const notSpec = join(workspaceRoot, 'notes.json');
    writeFileSync(notSpec, '{ "hello": 1 }\n');
    state.documents = state.documents.filter((d) => d.uri.fsPath !== notSpec);
    const compared = await commands.executeCommand('sourcesSdk.compareWithRemote', Uri.file(notSpec)) as { outcome: string; same: boolean };
    assert.deepEqual({ outcome: compared.outcome, same: compared.same }, { outcome: 'refused', same: false });
    const card = await commands.executeCommand('sourcesSdk.previewCard', Uri.file(notSpec)) as { outcome: string; opened: boolean; reason: string };
    assert.deepEqual({ outcome: card.outcome, opened: card.opened }, { outcome: 'refused', opened: false });
    assert.match(card.reason, /is not a connection spec/);
    const started = await commands.executeCommand('sourcesSdk.startEmulator') as { outcome: string; url: string };
    assert.equal(started.outcome, 'done');
    assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+/);
    assert.deepEqual(await commands.executeCommand('sourcesSdk.stopEmulator'), { outcome: 'done', stopped: true });
  });

  test('an unexpected error inside a command becomes failed, reported once with its command, not a rejection', async () => {
    const missing = join(workspaceRoot, 'no-such-folder', 'gone-connectionSpec.json');
    const result = await commands.executeCommand('sourcesSdk.uploadSpec', Uri.file(missing), { confirm: true }) as { outcome: string; error: string };
    assert.equal(result.outcome, 'failed');
    assert.match(result.error, /ENOENT|no such file/i);
    const errors = state.messages.filter((m) => m.level === 'error');
    assert.equal(errors.length, 1, JSON.stringify(state.messages));
    assert.match(errors[0].text, /^sourcesSdk\.uploadSpec: /);
  });
});

describe("the extension's messages and log speak the editor's terms", () => {
  test('an environment nobody listens on: the error names the editor command and setting, not a CLI flag or variable', async () => {
    // A port that was just free: nothing listens there (fetch refuses some low ports outright, so not 1).
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    state.userSettings['sourcesSdk.environments'] = [{ name: 'Nobody home', platform: `http://127.0.0.1:${port}`, orgId: 'NOBODY@AdobeOrg', clientId: 'nobody', sandbox: 'dev' }];
    try {
      await commands.executeCommand('sourcesSdk.setClientSecret', 'Nobody home', 'nobody-secret');
      await commands.executeCommand('sourcesSdk.selectEnvironment', 'Nobody home');
      const path = writeSpec('nobody-connectionSpec.json', connectionSpec('nobody'));
      const result = await commands.executeCommand('sourcesSdk.compareWithRemote', Uri.file(path)) as { outcome: string; error: string };
      assert.equal(result.outcome, 'failed', JSON.stringify(result));
      assert.match(result.error, /Could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\): nothing is listening there\. Is the emulator running \(Sources SDK: Start Local Emulator\)\? Check the environment's (IMS|platform) URL \((imsUrl|platform) in the sourcesSdk\.environments setting\)/);
      const shown = state.messages.filter((m) => m.level === 'error');
      assert.equal(shown.length, 1, JSON.stringify(state.messages));
      assert.match(shown[0].text, /Start Local Emulator/);
    } finally {
      await commands.executeCommand('sourcesSdk.selectEnvironment', 'Local emulator');
      await commands.executeCommand('sourcesSdk.setClientSecret', 'Nobody home', '');
      delete state.userSettings['sourcesSdk.environments'];
    }
  });

  test('nothing the extension logged in this file advises a CLI flag, CLI command or the CLI\'s environment variables', () => {
    const cliAdvice = /(^|[\s(`])--[a-z]|sources-sdk (push|pull|emulator|diff|register|test|preview|validate)\b|SOURCES_SDK_(PLATFORM|IMS)_URL/;
    assert.ok(state.logLines.length > 10, 'the log was written');
    assert.deepEqual(state.logLines.filter((line) => cliAdvice.test(line)), []);
  });
});

/**
 * Fetch lands in the workspace (issue 14 point 3), driven through the real extension code in plain Node against the
 * bundled emulator with the fake `vscode` API: the "where does it go" question, the default file and folder, the
 * link, the spec language, the notification, the tree's fetch action, and a file saved from a read-only remote
 * document (Save As) being linked. The in-editor suite (test/vscode/fetch.suite.ts) checks the same in VS Code.
 */
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings, installFakeVscode, fakeExtensionContext, state, commands, Uri, workspace, window } from './clientHarness/fakeVscode';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require('../../client/extension') as typeof import('../../client/extension');

type Api = ReturnType<typeof extension.activate>;
type Prompt = { kind: string; message: string; items: string[] };
type FetchResult = { outcome: string; action: string; uri?: string; id?: string; error?: string };

const REST_STORAGE_TO_AEP = '6499120c-0b15-42dc-936e-847ea3c24d72';
const FLOW_SPEC_LANGUAGE = 'sources-sdk-flow-spec';

const root = mkdtempSync(join(tmpdir(), 'ssdk-fetch-'));
const workspaceRoot = join(root, 'ws');
const elsewhere = join(root, 'elsewhere');
let api: Api;
let context: ReturnType<typeof fakeExtensionContext>;
let prompts: Prompt[] = [];
/** Answers of quick picks and modals, in order; notifications get `notificationAnswer`, folder pickers `folderAnswer`. */
let answers: Array<string | undefined> = [];
let notificationAnswer: string | undefined;
let folderAnswer: string | undefined;

function linksOf(folder: string): string {
  const file = join(folder, '.sources-sdk', 'links.json');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Whether links.json records `relativePath` as linked to the remote `id`. */
function isLinked(relativePath: string, id: string): boolean {
  const links = JSON.parse(linksOf(workspaceRoot) || '{"environments":{}}') as { environments: Record<string, Record<string, { remoteId: string }>> };
  return Object.values(links.environments).some((files) => files[relativePath]?.remoteId === id);
}

function documentOf(path: string) {
  return state.documents.find((d) => d.uri.fsPath === path);
}

async function until(what: string, probe: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

before(async () => {
  mkdirSync(workspaceRoot, { recursive: true });
  mkdirSync(elsewhere, { recursive: true });
  state.workspaceRoot = workspaceRoot;
  state.defaults = defaultSettings();
  delete process.env.SOURCES_SDK_EMULATOR_URL;
  context = fakeExtensionContext(join(root, 'storage'));
  api = extension.activate(context as never);
  await api.ready;
  api.testing!.setPromptResponder((prompt) => {
    prompts.push(prompt);
    if (prompt.kind === 'notification') return notificationAnswer;
    if (prompt.kind === 'folder') return folderAnswer;
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
  notificationAnswer = undefined;
  folderAnswer = undefined;
  state.shown = [];
  state.documents = [];
  window.activeTextEditor = undefined;
  rmSync(join(workspaceRoot, '.sources-sdk'), { recursive: true, force: true });
});

describe('fetch from the palette', () => {
  test('asks where it goes; "Save to workspace" writes <name>-flowSpec.json, links it, opens it as a spec and says so', async () => {
    answers = [`RestStorageToAEP — ${REST_STORAGE_TO_AEP}`, 'Save to workspace'];
    const result = await commands.executeCommand('sourcesSdk.fetchFlowSpec') as FetchResult;
    const target = join(workspaceRoot, 'RestStorageToAEP-flowSpec.json');
    assert.deepEqual(result, { outcome: 'done', action: 'saved', uri: Uri.file(target).toString(), id: REST_STORAGE_TO_AEP });

    const where = prompts[1];
    assert.equal(where.kind, 'quickPick');
    assert.match(where.message, /Where should RestStorageToAEP go\?/);
    assert.deepEqual(where.items, ['Save to workspace', 'Choose folder…', 'Open read-only'], 'Save to workspace first: Enter saves');

    assert.match(readFileSync(target, 'utf8'), /"name": "RestStorageToAEP"/);
    assert.ok(isLinked('RestStorageToAEP-flowSpec.json', REST_STORAGE_TO_AEP), linksOf(workspaceRoot));
    assert.deepEqual(state.shown, [Uri.file(target).toString()], 'the saved file is opened');
    assert.equal(documentOf(target)?.languageId, FLOW_SPEC_LANGUAGE);
    const notification = prompts.find((p) => p.kind === 'notification');
    assert.equal(notification?.message, 'Saved RestStorageToAEP to RestStorageToAEP-flowSpec.json');
    assert.deepEqual(notification?.items, ['Open']);
    rmSync(target);
  });

  test('the default folder is the active spec editor\'s; the notification\'s Open shows the file again', async () => {
    const sub = join(workspaceRoot, 'specs');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'mine-flowSpec.json'), '{ "name": "mine" }\n');
    window.activeTextEditor = { document: await workspace.openTextDocument(Uri.file(join(sub, 'mine-flowSpec.json'))) };
    answers = ['Save to workspace'];
    notificationAnswer = 'Open';
    const result = await commands.executeCommand('sourcesSdk.fetchFlowSpec', { id: REST_STORAGE_TO_AEP }) as FetchResult;
    const target = join(sub, 'RestStorageToAEP-flowSpec.json');
    assert.equal(result.uri, Uri.file(target).toString(), JSON.stringify(result));
    assert.equal(prompts[0].kind, 'quickPick', 'an id without a mode still asks where it goes');
    assert.ok(isLinked('specs/RestStorageToAEP-flowSpec.json', REST_STORAGE_TO_AEP), linksOf(workspaceRoot));
    await until('Open to show the file again', () => state.shown.filter((u) => u === Uri.file(target).toString()).length === 2);
    rmSync(sub, { recursive: true });
  });

  test('"Choose folder…" saves into the picked folder; outside the workspace the file is not linked and the message says so', async () => {
    answers = ['Choose folder…'];
    folderAnswer = elsewhere;
    const result = await commands.executeCommand('sourcesSdk.fetchFlowSpec', { id: REST_STORAGE_TO_AEP }) as FetchResult;
    const target = join(elsewhere, 'RestStorageToAEP-flowSpec.json');
    assert.equal(result.outcome, 'done', JSON.stringify(result));
    assert.equal(result.uri, Uri.file(target).toString());
    assert.ok(existsSync(target));
    assert.equal(prompts.find((p) => p.kind === 'folder')?.message, 'Folder to save RestStorageToAEP-flowSpec.json in');
    assert.equal(linksOf(workspaceRoot), '', 'no link for a file outside the workspace folders');
    assert.match(prompts.find((p) => p.kind === 'notification')?.message ?? '', /not linked/);
    rmSync(target);
  });

  test('a `folder` (or `targetUri`) argument means save there without asking', async () => {
    const folder = join(workspaceRoot, 'given');
    const result = await commands.executeCommand('sourcesSdk.fetchFlowSpec', { id: REST_STORAGE_TO_AEP, folder }) as FetchResult;
    assert.equal(result.uri, Uri.file(join(folder, 'RestStorageToAEP-flowSpec.json')).toString(), JSON.stringify(result));
    assert.ok(isLinked('given/RestStorageToAEP-flowSpec.json', REST_STORAGE_TO_AEP));
    const target = join(workspaceRoot, 'exact.flowSpec.json');
    const exact = await commands.executeCommand('sourcesSdk.fetchFlowSpec', { id: REST_STORAGE_TO_AEP, targetUri: target }) as FetchResult;
    assert.equal(exact.uri, Uri.file(target).toString());
    assert.equal(prompts.filter((p) => p.kind !== 'notification').length, 0, 'nothing asked');
    rmSync(folder, { recursive: true });
    rmSync(target);
  });

  test('dismissing the question, or the folder picker, writes nothing', async () => {
    answers = [undefined];
    const dismissed = await commands.executeCommand('sourcesSdk.fetchFlowSpec', { id: REST_STORAGE_TO_AEP }) as FetchResult;
    assert.equal(dismissed.outcome, 'cancelled');
    answers = ['Choose folder…'];
    const noFolder = await commands.executeCommand('sourcesSdk.fetchFlowSpec', { id: REST_STORAGE_TO_AEP }) as FetchResult;
    assert.equal(noFolder.outcome, 'cancelled');
    assert.equal(existsSync(join(workspaceRoot, 'RestStorageToAEP-flowSpec.json')), false);
    assert.equal(prompts.filter((p) => p.kind === 'notification').length, 0);
  });

  test('"Open read-only" opens the remote document, whose name is already a spec file name', async () => {
    answers = ['Open read-only'];
    const result = await commands.executeCommand('sourcesSdk.fetchFlowSpec', { id: REST_STORAGE_TO_AEP }) as FetchResult;
    assert.equal(result.outcome, 'done');
    assert.equal(result.action, 'opened');
    const uri = Uri.parse(result.uri!);
    assert.equal(uri.scheme, 'sources-sdk-remote');
    assert.ok(uri.path.endsWith('/RestStorageToAEP-flowSpec.json'), uri.path);
    assert.deepEqual(state.shown, [result.uri]);
  });
});

describe('fetch from the Flow Service tree', () => {
  test('the fetch action saves without asking, opens the file as a spec and says so', async () => {
    const node = { type: 'spec', resource: 'flowSpecs', id: REST_STORAGE_TO_AEP, name: 'RestStorageToAEP' };
    const result = await commands.executeCommand('sourcesSdk.fetchFlowSpec', node) as FetchResult;
    const target = join(workspaceRoot, 'RestStorageToAEP-flowSpec.json');
    assert.deepEqual(result, { outcome: 'done', action: 'saved', uri: Uri.file(target).toString(), id: REST_STORAGE_TO_AEP });
    assert.deepEqual(prompts.map((p) => p.kind), ['notification'], 'no question, one notification');
    assert.equal(prompts[0].message, 'Saved RestStorageToAEP to RestStorageToAEP-flowSpec.json');
    assert.deepEqual(state.shown, [Uri.file(target).toString()]);
    assert.equal(documentOf(target)?.languageId, FLOW_SPEC_LANGUAGE);
    assert.ok(isLinked('RestStorageToAEP-flowSpec.json', REST_STORAGE_TO_AEP));

    // Again with the same content: nothing written, still opened, linked and said.
    const again = await commands.executeCommand('sourcesSdk.fetchFlowSpec', node) as FetchResult;
    assert.equal(again.action, 'unchanged');
    assert.match(prompts.at(-1)!.message, /already holds RestStorageToAEP/);
    rmSync(target);
  });

  test('a different file already there is never overwritten without asking', async () => {
    const target = join(workspaceRoot, 'RestStorageToAEP-flowSpec.json');
    writeFileSync(target, '{ "name": "local edits" }\n');
    answers = [undefined];
    const node = { type: 'spec', resource: 'flowSpecs', id: REST_STORAGE_TO_AEP, name: 'RestStorageToAEP' };
    const result = await commands.executeCommand('sourcesSdk.fetchFlowSpec', node) as FetchResult;
    assert.equal(result.outcome, 'cancelled', JSON.stringify(result));
    assert.equal(readFileSync(target, 'utf8'), '{ "name": "local edits" }\n');
    assert.deepEqual(prompts.map((p) => p.kind), ['message']);
    rmSync(target);
  });
});

describe('a read-only remote document saved into the workspace', () => {
  test('a file saved with its content (Save As) is linked and gets the spec language; other saves are left alone', async () => {
    const opened = await commands.executeCommand('sourcesSdk.fetchFlowSpec', { id: REST_STORAGE_TO_AEP, mode: 'open' }) as FetchResult;
    const remoteText = (await workspace.openTextDocument(Uri.parse(opened.uri!))).getText();

    const unrelated = join(workspaceRoot, 'unrelated.json');
    writeFileSync(unrelated, '{ "name": "something else" }\n');
    await (await workspace.openTextDocument(Uri.file(unrelated))).save();

    // What Save As does: a new file with the document's text, saved (format-on-save may re-indent it). Content
    // detection is off so that the language can only come from the link.
    state.defaults['sourcesSdk.detectByContent'] = false;
    const saved = join(workspaceRoot, 'copy.json');
    writeFileSync(saved, JSON.stringify(JSON.parse(remoteText), null, 4));
    const document = await workspace.openTextDocument(Uri.file(saved));
    assert.equal(document.languageId, 'json');
    await document.save();
    await until('the saved file to be linked', () => isLinked('copy.json', REST_STORAGE_TO_AEP));
    await until('the spec language', () => document.languageId === FLOW_SPEC_LANGUAGE);
    await until('the notification', () => prompts.some((p) => p.kind === 'notification'));
    assert.equal(prompts.find((p) => p.kind === 'notification')?.message, 'Saved RestStorageToAEP to copy.json; it is linked to the remote spec.');
    assert.equal(isLinked('unrelated.json', REST_STORAGE_TO_AEP), false);
    assert.equal(documentOf(unrelated)?.languageId, 'json');
    state.defaults['sourcesSdk.detectByContent'] = true;
    rmSync(saved);
    rmSync(unrelated);
  });

  test('the editor title action of a remote document saves it into the workspace', async () => {
    const opened = await commands.executeCommand('sourcesSdk.fetchFlowSpec', { id: REST_STORAGE_TO_AEP, mode: 'open' }) as FetchResult;
    const result = await commands.executeCommand('sourcesSdk.fetchFlowSpec', Uri.parse(opened.uri!)) as FetchResult;
    const target = join(workspaceRoot, 'RestStorageToAEP-flowSpec.json');
    assert.deepEqual(result, { outcome: 'done', action: 'saved', uri: Uri.file(target).toString(), id: REST_STORAGE_TO_AEP });
    assert.equal(prompts.filter((p) => p.kind === 'quickPick').length, 0, 'no question: the title action is "save"');
    // The connection spec command ignores a flow spec document (its own title action is the flow spec one).
    answers = [undefined];
    const other = await commands.executeCommand('sourcesSdk.fetchConnectionSpec', Uri.parse(opened.uri!)) as FetchResult;
    assert.equal(other.outcome, 'cancelled');
    rmSync(target);
  });
});

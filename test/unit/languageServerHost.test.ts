/**
 * The one language client lifecycle (client/languageServerHost.ts) that the desktop and the browser entries share:
 * only the factory differs (a stdio client, a Web Worker client). Driven through the fake `vscode` API with stand-in
 * clients (the real server over stdio is tested in test/lsp, the worker one in test:web).
 */
import { test, describe, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installFakeVscode, languageClientModule, state, Uri, window, workspace } from './clientHarness/fakeVscode';
import { tempFolders } from '../helpers/tempFolders';

installFakeVscode();
// Loaded after the fake is installed, so the client's `require('vscode')` gets it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LanguageServerHost } = require('../../client/languageServerHost') as typeof import('../../client/languageServerHost');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Prompts } = require('../../client/prompts') as typeof import('../../client/prompts');

type StandIn = InstanceType<typeof languageClientModule.LanguageClient>;
type Factory = ConstructorParameters<typeof LanguageServerHost>[0];

const tempFolder = tempFolders();
let made: StandIn[];
let prompted: Array<{ message: string; items: string[] }>;
let prompts: InstanceType<typeof Prompts>;

/** A factory of stand-in clients; `failing` makes their start reject as a server that cannot start would. */
function factory(failing = false): Factory {
  return async () => {
    const client = new languageClientModule.LanguageClient();
    if (failing) client.start = async () => { throw new Error('spawn ENOENT'); };
    made.push(client);
    return client as never;
  };
}

function host(failing = false, where = '') {
  return new LanguageServerHost(factory(failing), window.createOutputChannel() as never, prompts, where);
}

beforeEach(() => {
  made = [];
  prompted = [];
  state.logLines = [];
  state.documents = [];
  prompts = new Prompts();
  prompts.setResponder((prompt) => { prompted.push({ message: prompt.message, items: prompt.items }); return undefined; });
});

describe('language server lifecycle (desktop and browser)', () => {
  test('concurrent starts share one client; state goes starting → running → stopped', async () => {
    const server = host();
    assert.equal(server.state(), 'stopped');
    const first = server.start();
    const second = server.start();
    assert.equal(server.state(), 'starting');
    assert.equal(await first, await second);
    assert.equal(made.length, 1);
    assert.equal(server.state(), 'running');
    assert.equal(await server.start(), made[0], 'a running client is reused');
    await server.stop();
    assert.equal(server.state(), 'stopped');
    assert.equal(made[0].isRunning(), false);
  });

  test('restart stops the client and starts a fresh one, saying where it runs', async () => {
    const server = host(false, ' in a web worker');
    await server.start();
    await server.restart();
    assert.equal(made.length, 2);
    assert.equal(made[0].isRunning(), false, 'the old client is stopped');
    assert.equal(made[1].isRunning(), true);
    assert.equal(server.state(), 'running');
    assert.ok(state.logLines.includes('[info] Sources SDK language server restarted in a web worker'), state.logLines.join('\n'));
    server.dispose();
  });

  test('a server that cannot start is shown once with Show Log, logged, rejected, and tried again on the next start', async () => {
    const server = host(true);
    await assert.rejects(server.start(), /spawn ENOENT/);
    assert.equal(server.state(), 'stopped');
    assert.deepEqual(prompted, [{ message: 'The Sources SDK language server failed to start: spawn ENOENT', items: ['Show Log'] }]);
    assert.ok(state.logLines.some((l) => l.startsWith('[error] The Sources SDK language server failed to start')));
    await assert.rejects(server.start());
    assert.equal(made.length, 2, 'a later start makes a new client');
  });

  test('the server starts with the first spec document, never for a plain JSON file', async () => {
    const folder = tempFolder('host-');
    writeFileSync(join(folder, 'notes.json'), '{}\n');
    writeFileSync(join(folder, 'a-connectionSpec.json'), '{}\n');
    const server = host();
    const subscription = server.startWithFirstSpec();
    await workspace.openTextDocument(Uri.file(join(folder, 'notes.json')));
    assert.equal(made.length, 0);
    assert.equal(server.state(), 'stopped');
    await workspace.openTextDocument(Uri.file(join(folder, 'a-connectionSpec.json')));
    assert.notEqual(server.state(), 'stopped', 'opening the spec started the server');
    await server.start();
    assert.equal(made.length, 1, 'opening the spec started the server; start() reused it');
    subscription.dispose();
    await server.stop();
  });
});

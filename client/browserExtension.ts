/**
 * Browser entry point (package.json `browser`): vscode.dev, github.dev and code-server's web worker extension host.
 * Runs the same language server as the desktop flavour in a Web Worker (every editing feature: diagnostics,
 * completion, hover, quick fixes, symbols, rename, formatting) and content detection. Commands that need Node are
 * hidden by the `sourcesSdk.nodeHost` context key the desktop flavour sets; run anyway (a keybinding, a link),
 * they say what the browser cannot do and where to do it instead (webLimits.ts).
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/browser';
import { COMMAND_IDS, browserLimitOf, isBrowserCommand, type BrowserCommandId, type CommandId } from './commandTable';
import { pickActiveEnvironment, resolveEnvironments, userValue } from './environments';
import { browserLimitMessage, probeFromBrowser, type BrowserReach } from './browser/webLimits';
import { createWorkerLanguageClient } from './browser/workerClient';
import { registerContentDetection } from './contentDetection';
import { createOutput } from './output';
import { done, refused } from './commands/result';
import { Prompts } from './prompts';

/** Messages through the one seam, as on the desktop. */
const prompts = new Prompts();

/** What `activate` resolves to in the browser (tests await `ready`). */
export interface SourcesSdkBrowserApi {
  ready: Promise<void>;
  api: {
    flavour: 'browser';
    languageClientState(): 'starting' | 'running' | 'stopped';
  };
}

let languageClient: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): SourcesSdkBrowserApi {
  const log = createOutput();
  context.subscriptions.push(log, registerContentDetection(log));
  const handlers: Record<BrowserCommandId, () => Promise<unknown>> = {
    'sourcesSdk.showLog': async () => { log.show(true); return done({ shown: true }); },
    'sourcesSdk.restartLanguageServer': () => restartInBrowser(log),
  };
  context.subscriptions.push(...COMMAND_IDS.map((id) => vscode.commands.registerCommand(id,
    () => (isBrowserCommand(id) ? handlers[id]() : refuseInBrowser(id, log)))));

  const ready = createWorkerLanguageClient(context).then(async (client) => {
    languageClient = client;
    context.subscriptions.push({ dispose: () => void client.stop().catch(() => undefined) });
    await client.start();
    log.info('Sources SDK language server running in a web worker');
  }).catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    log.error(`The Sources SDK language server failed to start: ${message}`);
    void prompts.error(`The Sources SDK language server failed to start: ${message}`);
    throw err;
  });
  return {
    ready,
    api: {
      flavour: 'browser',
      languageClientState: () => {
        if (!languageClient) return 'starting';
        if (languageClient.state === State.Running) return 'running';
        return languageClient.state === State.Starting ? 'starting' : 'stopped';
      },
    },
  };
}

/** Restarts the worker server: it is the browser's own, so restarting it works here exactly as on the desktop. */
async function restartInBrowser(log: vscode.LogOutputChannel): Promise<unknown> {
  if (!languageClient) return refused('The language server has not started yet.', { error: 'The language server has not started yet.' });
  await languageClient.stop();
  await languageClient.start();
  log.info('Sources SDK language server restarted in a web worker');
  return done({ restarted: true });
}

/** The browser's answer to a command it does not run (the result contract): `refused`, explaining the limit. */
async function refuseInBrowser(id: CommandId, log: vscode.LogOutputChannel): Promise<unknown> {
  const reach = browserLimitOf(id)?.limit === 'remote' ? await reachOfActiveEnvironment() : undefined;
  const message = browserLimitMessage(id, reach);
  log.warn(`${id}: ${message}`);
  void prompts.warning(`Sources SDK: ${message}`);
  // `error` too: callers written before the result contract read it.
  return refused(message, { error: message });
}

/** Whether the browser may call the active environment's hosts (the local emulator never runs here). */
async function reachOfActiveEnvironment(): Promise<BrowserReach> {
  const config = vscode.workspace.getConfiguration('sourcesSdk');
  const sandbox = userValue(config.inspect<string>('localEmulator.sandbox')) ?? 'dev';
  const { environments } = resolveEnvironments(config.inspect<unknown>('environments'), sandbox);
  const active = pickActiveEnvironment(environments, userValue(config.inspect<string>('activeEnvironment')));
  if (active.isLocalEmulator) return { reachable: false, host: 'the local emulator', reason: 'local-emulator' };
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Checking whether the browser can reach ${active.config.name}…`, cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return probeFromBrowser([active.config.imsUrl, active.config.platformUrl], (url, init) => fetch(url, init), abort.signal);
    },
  );
}

export async function deactivate(): Promise<void> {
  const client = languageClient;
  languageClient = undefined;
  if (client) await client.stop().catch(() => undefined);
}

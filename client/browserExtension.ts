/**
 * Browser entry point (package.json `browser`): vscode.dev, github.dev and code-server's web worker extension host.
 * Runs the same language server as the desktop flavour in a Web Worker (every editing feature: diagnostics,
 * completion, hover, quick fixes, symbols, rename, formatting) and content detection. Commands that need Node are
 * hidden by the `sourcesSdk.nodeHost` context key the desktop flavour sets; run anyway (a keybinding, a link),
 * they say what the browser cannot do and where to do it instead (webLimits.ts).
 */
import * as vscode from 'vscode';
import { COMMAND_IDS, browserLimitOf, isBrowserCommand, type BrowserCommandId, type CommandId } from './commandTable';
import { environmentsFromSettings } from './settings';
import { browserLimitMessage, probeFromBrowser, type BrowserReach } from './browser/webLimits';
import { createWorkerLanguageClient } from './browser/workerClient';
import { registerContentDetection } from './contentDetection';
import { LanguageServerHost, type ServerState } from './languageServerHost';
import { createOutput } from './output';
import { done, failed, refused } from './commands/result';
import { generateSourceDocs } from './commands/generateDocs';
import { withRemoteProgress } from './progress';
import { Prompts } from './prompts';

/** Messages through the one seam, as on the desktop. */
const prompts = new Prompts();

/** What `activate` resolves to in the browser (tests await `ready`). */
export interface SourcesSdkBrowserApi {
  ready: Promise<void>;
  api: {
    flavour: 'browser';
    languageClientState(): ServerState;
  };
}

/** The language server's owner, stopped by deactivate(). */
let server: LanguageServerHost | undefined;

export function activate(context: vscode.ExtensionContext): SourcesSdkBrowserApi {
  const log = createOutput();
  const host = new LanguageServerHost((channel) => createWorkerLanguageClient(context.extensionUri, channel), log, prompts, ' in a web worker');
  server = host;
  context.subscriptions.push(log, host, registerContentDetection(log));
  const handlers: Record<BrowserCommandId, (...args: unknown[]) => Promise<unknown>> = {
    'sourcesSdk.showLog': async () => { log.show(true); return done({ shown: true }); },
    // The worker server is the browser's own, so restarting it works here exactly as on the desktop.
    'sourcesSdk.restartLanguageServer': async () => { await host.restart(); return done({ restarted: true }); },
    // The same handler as the desktop's: the page is written through the workspace file system.
    'sourcesSdk.generateSourceDocs': (uri, options) => generateSourceDocs({ prompts, log }, uri, options),
  };
  context.subscriptions.push(...COMMAND_IDS.map((id) => vscode.commands.registerCommand(id,
    (...args: unknown[]) => (isBrowserCommand(id) ? runInBrowser(id, log, () => handlers[id](...args)) : refuseInBrowser(id, log)))));

  // Every document a browser opens may be a spec: the server starts at once rather than with the first spec.
  const ready = host.start().then(() => undefined);
  return { ready, api: { flavour: 'browser', languageClientState: () => host.state() } };
}

/** Runs a command the browser offers under the result contract: anything it throws is logged, shown and `failed`. */
async function runInBrowser(id: CommandId, log: vscode.LogOutputChannel, handler: () => Promise<unknown>): Promise<unknown> {
  try {
    return await handler();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error(`${id}: ${message}`);
    void prompts.error(`Sources SDK: ${message}`);
    return failed(message);
  }
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
  const { active } = environmentsFromSettings();
  if (active.isLocalEmulator) return { reachable: false, host: 'the local emulator', reason: 'local-emulator' };
  return withRemoteProgress(`Checking whether the browser can reach ${active.config.name}…`,
    (signal) => probeFromBrowser([active.config.imsUrl, active.config.platformUrl], (url, init) => fetch(url, init), signal));
}

export async function deactivate(): Promise<void> {
  const host = server;
  server = undefined;
  await host?.stop();
}

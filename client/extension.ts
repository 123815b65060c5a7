/**
 * Extension entry point: starts the language client, registers commands, the Flow Service tree, the status bar and
 * CodeLens. Activation failures are shown, then rethrown. `activate` resolves to `{ ready, api }` so tests await
 * `ready` instead of sleeping.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NODE_HOST_CONTEXT_KEY } from './browser/webLimits';
import { registerCodeLens } from './codeLens';
import { createPreviewHost } from './preview/command';
import { CommandContext } from './commands/common';
import { registerCommands } from './commands/index';
import { registerContentDetection } from './contentDetection';
import { PublishedDiagnostics, specErrors } from './diagnostics';
import { EmulatorHost } from './emulatorHost';
import { createLanguageClient, describeState } from './languageClient';
import { findLinkedFile } from './links';
import { createOutput } from './output';
import { PromptResponder, Prompts } from './prompts';
import { disposeRefusals } from './refusalDiagnostics';
import { REMOTE_SCHEME, RemoteDocuments } from './remoteDocuments';
import { Session } from './session';
import { EnvironmentStatusBar } from './statusBar';
import { FlowServiceTree, TreeSnapshotItem } from './tree';
import { TestValueStore } from './testValues';

/** What `activate` resolves to (see docs/commands.md, "Extension API"). */
export interface SourcesSdkExtensionApi {
  ready: Promise<void>;
  api: {
    activeEnvironment(): { name: string; sandbox: string; platformUrl: string; isLocalEmulator: boolean };
    statusBarText(): string;
    /** Theme color id of the status bar item's background; `statusBarItem.warningBackground` in a prod sandbox. */
    statusBarBackground(): string | undefined;
    emulatorUrl(): string | undefined;
    languageClientState(): 'starting' | 'running' | 'stopped';
    setPromptResponder(responder: PromptResponder | undefined): void;
    setUntrustedOverride(untrusted: boolean | undefined): void;
    /** The Flow Service tree as rendered, groups expanded (loads the lists from the active environment). */
    flowServiceTree(): Promise<TreeSnapshotItem[]>;
  };
}

let languageClient: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): SourcesSdkExtensionApi {
  try {
    return activateOrThrow(context);
  } catch (err) {
    void vscode.window.showErrorMessage(`Sources SDK Tools failed to start: ${err instanceof Error ? err.message : String(err)}`);
    throw err;
  }
}

function activateOrThrow(context: vscode.ExtensionContext): SourcesSdkExtensionApi {
  // Shows the Node-only commands and the Flow Service view (`isWeb` alone cannot tell: code-server is web and Node).
  void vscode.commands.executeCommand('setContext', NODE_HOST_CONTEXT_KEY, true);
  const log = createOutput();
  const prompts = new Prompts();
  const emulator = new EmulatorHost(context.globalStorageUri, log);
  const session = new Session(context.secrets, emulator, log, prompts);
  const remoteDocuments = new RemoteDocuments();
  let untrustedOverride: boolean | undefined;
  const isTrusted = () => (untrustedOverride === undefined ? vscode.workspace.isTrusted : !untrustedOverride);

  const tree = new FlowServiceTree(session, async (resource, id) => findLinkedFile(session.active().syncIdentity, resource, id));
  const statusBar = new EnvironmentStatusBar(session);
  context.subscriptions.push(
    log, emulator, session, remoteDocuments, tree, statusBar,
    vscode.workspace.registerTextDocumentContentProvider(REMOTE_SCHEME, remoteDocuments),
    vscode.window.createTreeView('sourcesSdk.flowService', { treeDataProvider: tree, showCollapseAll: true }),
    session.onDidChange(() => tree.refresh()),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === REMOTE_SCHEME) remoteDocuments.forget(doc.uri);
    }),
    registerContentDetection(log),
    registerCodeLens(),
    { dispose: disposeRefusals },
  );

  const publishedDiagnostics = new PublishedDiagnostics();
  const ctx: CommandContext = {
    session, prompts, log, remoteDocuments, isTrusted, preview: createPreviewHost(context),
    refreshTree: () => tree.refresh(),
    specErrors: (document) => specErrors(languageClient, publishedDiagnostics, document),
    testValues: new TestValueStore(context.workspaceState, context.secrets),
  };
  context.subscriptions.push(...registerCommands(ctx));

  languageClient = createLanguageClient(context, publishedDiagnostics);
  const client = languageClient;
  context.subscriptions.push({ dispose: () => void client.stop().catch(() => undefined) });
  const ready = client.start().then(
    () => log.info('Sources SDK language server running'),
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      log.error(`The Sources SDK language server failed to start: ${message}`);
      void vscode.window.showErrorMessage(`The Sources SDK language server failed to start: ${message}`, 'Show Log')
        .then((choice) => { if (choice) log.show(true); });
      throw err;
    },
  );

  return {
    ready,
    api: {
      activeEnvironment: () => {
        const env = session.active();
        return { name: env.config.name, sandbox: env.config.sandbox, platformUrl: env.config.platformUrl, isLocalEmulator: env.isLocalEmulator };
      },
      statusBarText: () => statusBar.text,
      statusBarBackground: () => statusBar.backgroundColorId,
      emulatorUrl: () => emulator.currentUrl(),
      languageClientState: () => describeState(languageClient),
      setPromptResponder: (responder) => prompts.setResponder(responder),
      flowServiceTree: () => tree.snapshot(),
      setUntrustedOverride: (untrusted) => {
        untrustedOverride = untrusted;
        void vscode.commands.executeCommand('setContext', 'sourcesSdk.untrustedOverride', untrusted === true);
      },
    },
  };
}

export async function deactivate(): Promise<void> {
  const client = languageClient;
  languageClient = undefined;
  if (client) await client.stop().catch(() => undefined);
}

/**
 * Extension entry point: registers commands, the Flow Service tree, the status bar, CodeLens and content detection;
 * the language server starts with the first spec document (not for every JSON file). Activation failures are shown,
 * then rethrown. `activate` resolves to `{ ready, api }` so tests await `ready` instead of sleeping; deactivation
 * waits for the local emulator to stop with its data flushed.
 */
import * as vscode from 'vscode';
import { NODE_HOST_CONTEXT_KEY } from './commandTable';
import { registerCodeLens } from './codeLens';
import { cardPreviews, registerCardPreviewSerializer, type CardPreviewInfo } from './cardPreview/panel';
import { createPreviewHost } from './preview/command';
import { previewPanels, registerPreviewSerializer, type PreviewPanelInfo } from './preview/panel';
import { CommandContext } from './commands/common';
import { registerCommands } from './commands/index';
import { registerContentDetection } from './contentDetection';
import { EmulatorHost } from './emulatorHost';
import { createNodeLanguageClient } from './languageClient';
import { SPEC_LANGUAGES } from './languages';
import { LanguageServerHost, type ServerState } from './languageServerHost';
import { findLinkedFile } from './links';
import { createOutput } from './output';
import { PromptResponder, Prompts } from './prompts';
import { disposeRefusals } from './refusalDiagnostics';
import { REMOTE_SCHEME, RemoteDocuments } from './remoteDocuments';
import { registerRemoteSaveAs } from './remoteSaveAs';
import { Session } from './session';
import { EnvironmentStatusBar } from './statusBar';
import { FlowServiceTree, TreeSnapshotItem } from './tree';
import { checkBeforeUpload } from './uploadGate';
import { ValueStore } from './values';

/** What `activate` resolves to (see docs/commands.md, "Extension API"). Read-only: nothing here changes behaviour. */
export interface SourcesSdkExtensionApi {
  ready: Promise<void>;
  api: {
    activeEnvironment(): { name: string; sandbox: string; platformUrl: string; isLocalEmulator: boolean };
    statusBarText(): string;
    /** Theme color id of the status bar item's background; `statusBarItem.warningBackground` in a prod sandbox. */
    statusBarBackground(): string | undefined;
    /** Whether the status bar item is shown (only while a spec editor or the Flow Service view is visible). */
    statusBarVisible(): boolean;
    emulatorUrl(): string | undefined;
    languageClientState(): ServerState;
    /** The Flow Service tree as rendered, groups expanded (loads the lists from the active environment). */
    flowServiceTree(): Promise<TreeSnapshotItem[]>;
  };
  /**
   * Seams for the extension's own tests, present only when VS Code runs the extension in test mode
   * (`ExtensionMode.Test`, i.e. `--extensionTestsPath`): an installed extension never exposes them.
   */
  testing?: {
    setPromptResponder(responder: PromptResponder | undefined): void;
    setUntrustedOverride(untrusted: boolean | undefined): void;
    /** The open Preview Source and Card and Forms panels, and whether VS Code restored them after a reload. */
    webviewPanels(): Array<PreviewPanelInfo | CardPreviewInfo>;
  };
}

/** What deactivate() must finish before the extension host goes away (the emulator's pending writes). */
let shutdown: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): SourcesSdkExtensionApi {
  try {
    return activateOrThrow(context);
  } catch (err) {
    // No command has run and no test can have set a responder yet: a fresh Prompts shows it directly.
    void new Prompts().error(`Sources SDK Tools failed to start: ${err instanceof Error ? err.message : String(err)}`);
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
  const serverModule = context.asAbsolutePath('dist/server.js');
  const server = new LanguageServerHost((channel) => createNodeLanguageClient(serverModule, channel), log, prompts);
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  let untrustedOverride: boolean | undefined;
  const isTrusted = () => (untrustedOverride === undefined ? vscode.workspace.isTrusted : !untrustedOverride);

  const tree = new FlowServiceTree(session, async (resource, id) => findLinkedFile(session.active().syncIdentity, resource, id));
  const treeView = vscode.window.createTreeView('sourcesSdk.flowService', { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new EnvironmentStatusBar(session, treeView);
  context.subscriptions.push(
    log, emulator, session, remoteDocuments, tree, treeView, statusBar, server,
    vscode.workspace.registerTextDocumentContentProvider(REMOTE_SCHEME, remoteDocuments),
    session.onDidChange(() => tree.refresh()),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === REMOTE_SCHEME) remoteDocuments.forget(doc.uri);
    }),
    registerContentDetection(log),
    server.startWithFirstSpec(),
    registerCodeLens(),
    { dispose: disposeRefusals },
    // Panels open before a window reload come back, redrawn from what they showed.
    registerPreviewSerializer(context.extensionUri),
    registerCardPreviewSerializer(),
  );

  const ctx: CommandContext = {
    session, prompts, log, remoteDocuments, isTrusted, preview: createPreviewHost(context),
    refreshTree: () => tree.refresh(),
    checkBeforeUpload: async (document, text) => checkBeforeUpload(await server.start(), document, text),
    restartLanguageServer: () => server.restart(),
    values: new ValueStore(context.secrets, context.workspaceState),
    workspaceState: context.workspaceState,
  };
  context.subscriptions.push(...registerCommands(ctx), registerRemoteSaveAs(ctx));
  shutdown = async () => {
    await emulator.stop().catch((err: unknown) => log.error(`Stopping the local emulator failed: ${String(err)}`));
    await server.stop();
  };

  // Resolves once the language server runs, if a spec is open at activation; otherwise at once (the server starts
  // with the first spec document).
  const specOpen = vscode.workspace.textDocuments.some((d) => SPEC_LANGUAGES.includes(d.languageId));
  const ready = specOpen ? server.start().then(() => undefined) : Promise.resolve();

  return {
    ready,
    api: {
      activeEnvironment: () => {
        const env = session.active();
        return { name: env.config.name, sandbox: env.config.sandbox, platformUrl: env.config.platformUrl, isLocalEmulator: env.isLocalEmulator };
      },
      statusBarText: () => statusBar.text,
      statusBarBackground: () => statusBar.backgroundColorId,
      statusBarVisible: () => statusBar.visible,
      emulatorUrl: () => emulator.currentUrl(),
      languageClientState: () => server.state(),
      flowServiceTree: () => tree.snapshot(),
    },
    testing: testMode ? {
      setPromptResponder: (responder) => prompts.setResponder(responder),
      setUntrustedOverride: (untrusted) => {
        untrustedOverride = untrusted;
        void vscode.commands.executeCommand('setContext', 'sourcesSdk.untrustedOverride', untrusted === true);
      },
      webviewPanels: () => [...previewPanels(), ...cardPreviews()],
    } : undefined,
  };
}

/** Stops the local emulator (its pending writes flushed to disk) and the language server before the host exits. */
export async function deactivate(): Promise<void> {
  const stop = shutdown;
  shutdown = undefined;
  if (stop) await stop();
}

/**
 * Starts the bundled language server (`dist/server.js`) over stdio for both spec language ids, and keeps the
 * `sourcesSdk.serverRunning` context key in step with its state (commands that need diagnostics use it).
 */
import * as vscode from 'vscode';
import type { PublishedDiagnostics } from './diagnostics';
import { ARTIFACT_DOCUMENT_SELECTOR } from './artifactsSelector';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';

import { SPEC_LANGUAGES } from './languages';

export { CONNECTION_SPEC_LANGUAGE, FLOW_SPEC_LANGUAGE, SPEC_LANGUAGES } from './languages';

export function createLanguageClient(context: vscode.ExtensionContext, published: PublishedDiagnostics): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...SPEC_LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
      ...ARTIFACT_DOCUMENT_SELECTOR,
    ],
    outputChannel: vscode.window.createOutputChannel('Sources SDK Language Server', { log: true }),
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => {
        published.record(uri, diagnostics);
        next(uri, diagnostics);
      },
    },
  };
  const client = new LanguageClient('sourcesSdk', 'Sources SDK Language Server', serverOptions, clientOptions);
  context.subscriptions.push(
    client.onDidChangeState((e) => {
      void vscode.commands.executeCommand('setContext', 'sourcesSdk.serverRunning', e.newState === State.Running);
    }),
  );
  return client;
}

/** 'starting' | 'running' | 'stopped' for the test API. */
export function describeState(client: LanguageClient | undefined): 'starting' | 'running' | 'stopped' {
  if (!client) return 'stopped';
  if (client.state === State.Running) return 'running';
  return client.state === State.Starting ? 'starting' : 'stopped';
}

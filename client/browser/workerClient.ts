/**
 * The browser flavour's language client: the server (`dist/browser/server.js`, built from the same server/ code as
 * the Node one) runs in a Web Worker. The worker is started from a Blob URL of the file's text rather than from the
 * file's URL: under code-server the extension's files are behind `vscode-remote://`, which a Worker cannot load,
 * while `workspace.fs` reads them everywhere (vscode.dev, github.dev, @vscode/test-web, code-server).
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { SPEC_LANGUAGES } from '../languages';

/** The browser globals used here (the project compiles without the DOM libs). */
declare const Blob: new (parts: string[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string; revokeObjectURL(url: string): void };
declare const Worker: new (url: string, options?: { name?: string }) => ConstructorParameters<typeof LanguageClient>[3];
declare const TextDecoder: new () => { decode(bytes: Uint8Array): string };

export async function createWorkerLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const serverFile = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(serverFile));
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url, { name: 'Sources SDK Language Server' });
  // Not revoked right away: VS Code's extension host wraps Worker in a bootstrap that loads the URL later.
  context.subscriptions.push({ dispose: () => URL.revokeObjectURL(url) });
  const clientOptions: LanguageClientOptions = {
    // Any scheme: in the browser workspace files are virtual (vscode-vfs for github.dev, vscode-test-web, …).
    documentSelector: SPEC_LANGUAGES.map((language) => ({ language })),
    outputChannel: vscode.window.createOutputChannel('Sources SDK Language Server', { log: true }),
  };
  const client = new LanguageClient('sourcesSdk', 'Sources SDK Language Server', clientOptions, worker);
  return client;
}

/**
 * The browser flavour's language client: the server (`dist/browser/server.js`, built from the same server/ code as
 * the Node one) runs in a Web Worker. The worker is started from a Blob URL of the file's text rather than from the
 * file's URL: under code-server the extension's files are behind `vscode-remote://`, which a Worker cannot load,
 * while `workspace.fs` reads them everywhere (vscode.dev, github.dev, @vscode/test-web, code-server).
 * Its life (start, restart, state, stop) is client/languageServerHost.ts's, shared with the desktop flavour.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { SPEC_LANGUAGES } from '../languages';

/** The browser globals used here (the project compiles without the DOM libs). */
declare const Blob: new (parts: string[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string; revokeObjectURL(url: string): void };
type WorkerLike = ConstructorParameters<typeof LanguageClient>[3] & { terminate(): void };
declare const Worker: new (url: string, options?: { name?: string }) => WorkerLike;
declare const TextDecoder: new () => { decode(bytes: Uint8Array): string };

/** A client that owns its worker: stopping the client ends the worker (a restart makes a fresh client and worker). */
class WorkerLanguageClient extends LanguageClient {
  constructor(options: LanguageClientOptions, private readonly ownWorker: WorkerLike, private readonly workerUrl: string) {
    super('sourcesSdk', 'Sources SDK Language Server', options, ownWorker);
  }

  override async stop(timeout?: number): Promise<void> {
    try {
      await super.stop(timeout);
    } finally {
      this.ownWorker.terminate();
      URL.revokeObjectURL(this.workerUrl);
    }
  }
}

/** A (not yet started) client whose server runs in a new Web Worker, logging to `outputChannel`. */
export async function createWorkerLanguageClient(extensionUri: vscode.Uri, outputChannel: vscode.LogOutputChannel): Promise<LanguageClient> {
  const serverFile = vscode.Uri.joinPath(extensionUri, 'dist', 'browser', 'server.js');
  const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(serverFile));
  // Not revoked before the client stops: VS Code's extension host wraps Worker in a bootstrap that loads the URL later.
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url, { name: 'Sources SDK Language Server' });
  const clientOptions: LanguageClientOptions = {
    // Any scheme: in the browser workspace files are virtual (vscode-vfs for github.dev, vscode-test-web, …).
    documentSelector: SPEC_LANGUAGES.map((language) => ({ language })),
    outputChannel,
  };
  return new WorkerLanguageClient(clientOptions, worker, url);
}

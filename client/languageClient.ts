/**
 * The desktop flavour's language client: the bundled server (`dist/server.js`) over stdio, for both spec language
 * ids and the artifacts folder, files and unsaved documents. Its life (start with the first spec document, restart,
 * state, stop) is client/languageServerHost.ts's, shared with the browser flavour.
 */
import type * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { ARTIFACT_DOCUMENT_SELECTOR } from './artifactsSelector';
import { SPEC_LANGUAGES } from './languages';

/** Port the server's inspector listens on in debug mode (`.vscode/launch.json` attaches to it). */
const SERVER_INSPECT_PORT = 6019;

/** A (not yet started) client for the server module at `serverModule`, logging to `outputChannel`. */
export function createNodeLanguageClient(serverModule: string, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', `--inspect=${SERVER_INSPECT_PORT}`] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...SPEC_LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
      ...ARTIFACT_DOCUMENT_SELECTOR,
    ],
    outputChannel,
  };
  return new LanguageClient('sourcesSdk', 'Sources SDK Language Server', serverOptions, clientOptions);
}

/**
 * The bundled language server (`dist/server.js`, stdio) for both spec language ids. It starts with the first spec
 * document — never for plain JSON files — and can be restarted from the palette (*Restart Language Server*).
 */
import * as vscode from 'vscode';
import type { Prompts } from './prompts';
import { ARTIFACT_DOCUMENT_SELECTOR } from './artifactsSelector';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';

import { SPEC_LANGUAGES } from './languages';

export { CONNECTION_SPEC_LANGUAGE, FLOW_SPEC_LANGUAGE, SPEC_LANGUAGES } from './languages';

/** Port the server's inspector listens on in debug mode (`.vscode/launch.json` attaches to it). */
export const SERVER_INSPECT_PORT = 6019;

export type ServerState = 'starting' | 'running' | 'stopped';

/** Owns the language client: created and started on demand, stopped on dispose. */
export class LanguageServerHost implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly outputChannel = vscode.window.createOutputChannel('Sources SDK Language Server', { log: true });
  private readonly subscriptions: vscode.Disposable[] = [this.outputChannel];

  constructor(private readonly serverModule: string, private readonly log: vscode.LogOutputChannel, private readonly prompts: Prompts) {}

  /** Starts the server when a spec (or an artifacts-folder file) is or becomes open; plain JSON files never start it. */
  startWithFirstSpec(): vscode.Disposable {
    const maybeStart = (document: vscode.TextDocument) => {
      const served = SPEC_LANGUAGES.includes(document.languageId) || vscode.languages.match(ARTIFACT_DOCUMENT_SELECTOR, document) > 0;
      if (served) void this.start().catch(() => undefined);
    };
    vscode.workspace.textDocuments.forEach(maybeStart);
    return vscode.workspace.onDidOpenTextDocument(maybeStart);
  }

  /** The running client, starting the server first if needed. Rejects (after showing why) when it cannot start. */
  start(): Promise<LanguageClient> {
    if (this.client?.state === State.Running) return Promise.resolve(this.client);
    this.starting ??= this.createAndStart().finally(() => { this.starting = undefined; });
    return this.starting;
  }

  /** Stops the server and starts a fresh one (palette: *Restart Language Server*). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
    this.log.info('Sources SDK language server restarted');
  }

  state(): ServerState {
    if (this.starting) return 'starting';
    return this.client?.state === State.Running ? 'running' : 'stopped';
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.stop().catch(() => undefined);
  }

  dispose(): void {
    void this.stop();
    for (const s of this.subscriptions) s.dispose();
  }

  private async createAndStart(): Promise<LanguageClient> {
    const serverOptions: ServerOptions = {
      run: { module: this.serverModule, transport: TransportKind.stdio },
      debug: { module: this.serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', `--inspect=${SERVER_INSPECT_PORT}`] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        ...SPEC_LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
        ...ARTIFACT_DOCUMENT_SELECTOR,
      ],
      outputChannel: this.outputChannel,
    };
    const client = new LanguageClient('sourcesSdk', 'Sources SDK Language Server', serverOptions, clientOptions);
    try {
      await client.start();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`The Sources SDK language server failed to start: ${message}`);
      void this.prompts.error(`The Sources SDK language server failed to start: ${message}`, 'Show Log')
        .then((choice) => { if (choice) this.log.show(true); });
      await client.stop().catch(() => undefined);
      throw err;
    }
    this.client = client;
    this.log.info('Sources SDK language server running');
    return client;
  }
}

/**
 * The one owner of the language client's life, for both flavours: the desktop entry (client/extension.ts, the
 * server over stdio, client/languageClient.ts) and the browser entry (client/browserExtension.ts, the server in a Web
 * Worker, client/browser/workerClient.ts) differ only in how a client is made. Start on demand (concurrent callers
 * share one start), restart (palette: *Restart Language Server*), state, stop; a failed start is shown with *Show
 * Log* and logged, then rejected. No Node import, so the browser bundle uses it as is.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ARTIFACT_DOCUMENT_SELECTOR } from './artifactsSelector';
import { SPEC_LANGUAGES } from './languages';
import type { Prompts } from './prompts';

export type ServerState = 'starting' | 'running' | 'stopped';

/** Makes a (not yet started) language client writing to `outputChannel`. */
export type LanguageClientFactory = (outputChannel: vscode.LogOutputChannel) => Promise<BaseLanguageClient> | BaseLanguageClient;

/** Owns the language client: created and started on demand, stopped on dispose. */
export class LanguageServerHost implements vscode.Disposable {
  private client: BaseLanguageClient | undefined;
  private starting: Promise<BaseLanguageClient> | undefined;
  private readonly outputChannel = vscode.window.createOutputChannel('Sources SDK Language Server', { log: true });

  /** `where` ends the log lines ("… running in a web worker"); empty on the desktop. */
  constructor(
    private readonly createClient: LanguageClientFactory,
    private readonly log: vscode.LogOutputChannel,
    private readonly prompts: Prompts,
    private readonly where = '',
  ) {}

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
  start(): Promise<BaseLanguageClient> {
    if (this.client?.isRunning()) return Promise.resolve(this.client);
    this.starting ??= this.createAndStart().finally(() => { this.starting = undefined; });
    return this.starting;
  }

  /** Stops the server and starts a fresh one (palette: *Restart Language Server*). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
    this.log.info(`Sources SDK language server restarted${this.where}`);
  }

  state(): ServerState {
    if (this.starting) return 'starting';
    return this.client?.isRunning() ? 'running' : 'stopped';
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.stop().catch(() => undefined);
  }

  dispose(): void {
    void this.stop().finally(() => this.outputChannel.dispose());
  }

  private async createAndStart(): Promise<BaseLanguageClient> {
    let client: BaseLanguageClient | undefined;
    try {
      client = await this.createClient(this.outputChannel);
      await client.start();
    } catch (err) {
      const message = `The Sources SDK language server failed to start${this.where}: ${err instanceof Error ? err.message : String(err)}`;
      this.log.error(message);
      void this.prompts.error(message, 'Show Log').then((choice) => { if (choice) this.log.show(true); });
      await client?.stop().catch(() => undefined);
      throw err;
    }
    this.client = client;
    this.log.info(`Sources SDK language server running${this.where}`);
    return client;
  }
}

/**
 * A minimal LSP client for tests: spawns the bundled server (`node dist/server.js --stdio`), speaks JSON-RPC over
 * its pipes and turns publishDiagnostics notifications into awaitable events (no sleeps: waits resolve on the
 * notification or fail at a deadline).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection,
  type Diagnostic, type InitializeResult, type PublishDiagnosticsParams, type TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const SERVER_PATH = join(__dirname, '..', '..', 'dist', 'server.js');

/** The text-document capabilities a typical editor sends, for the stdio and the Web Worker test clients alike. */
export const EDITOR_DOCUMENT_CAPABILITIES = {
  completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
  hover: { contentFormat: ['markdown', 'plaintext'] },
  publishDiagnostics: { versionSupport: true },
};

type Waiter = { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void };

/** What the stdio and the Web Worker test clients both do: open a document, send a request. */
export interface LspTestClient {
  open(uri: string, languageId: string, text: string): Promise<unknown>;
  request<T>(method: string, params: unknown): Promise<T>;
}

/**
 * Formats a minified copy of `specText` at `uri` through `client` and checks the result is the same JSON, laid out
 * with two-space indentation: one check for the Node and the browser server alike.
 */
export async function assertFormatsMinified(client: LspTestClient, uri: string, languageId: string, specText: string): Promise<void> {
  const minified = JSON.stringify(JSON.parse(specText));
  await client.open(uri, languageId, minified);
  const edits = await client.request<TextEdit[]>('textDocument/formatting', {
    textDocument: { uri }, options: { tabSize: 2, insertSpaces: true },
  });
  const formatted = TextDocument.applyEdits(TextDocument.create(uri, languageId, 1, minified), edits);
  assert.deepEqual(JSON.parse(formatted), JSON.parse(specText));
  assert.match(formatted, /^\{\n {2}"name"/);
}

export class TestLspClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  /** Latest diagnostics per URI. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Everything the server logged (window/logMessage). */
  readonly logs: string[] = [];
  private waiters: Waiter[] = [];
  private exited: Promise<number | null>;
  settings: Record<string, unknown> = { detectByContent: true };

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {
    this.process = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: this.env });
    this.exited = new Promise((resolve) => this.process.once('exit', (code) => resolve(code)));
    this.process.stderr?.on('data', (chunk: Buffer) => this.logs.push(`stderr: ${chunk.toString()}`));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      const ready = this.waiters.filter((w) => w.uri === params.uri && w.accept(params));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve(params);
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => this.logs.push(params.message));
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  /** initialize + initialized, with the capabilities a typical editor sends. */
  async initialize(): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: EDITOR_DOCUMENT_CAPABILITIES,
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the first publishDiagnostics for `uri` that `accept`s (default: any), or rejects at the deadline. */
  waitForDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri))?.slice(0, 500)}`));
      }, timeoutMs);
      const waiter: Waiter = { uri, accept, resolve: (p) => { clearTimeout(timer); resolve(p); } };
      this.waiters.push(waiter);
    });
  }

  /** Opens a document and waits for the diagnostics of that version. */
  async open(uri: string, languageId: string, text: string, version = 1): Promise<Diagnostic[]> {
    const published = this.waitForDiagnostics(uri, (p) => p.version === version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return (await published).diagnostics;
  }

  /** Sends changes (incremental or full) and waits for the diagnostics of the new version. */
  async change(uri: string, version: number, changes: unknown[]): Promise<Diagnostic[]> {
    const published = this.waitForDiagnostics(uri, (p) => p.version === version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return (await published).diagnostics;
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  /** shutdown + exit; resolves with the process exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Kills the server if a test failed before shutdown. */
  kill(): void {
    if (this.process.exitCode === null) this.process.kill();
    this.connection.dispose();
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }
}

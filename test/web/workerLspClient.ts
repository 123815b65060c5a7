/**
 * The browser language server bundle (`dist/browser/server.js`) in a real Web Worker of headless Chromium, spoken
 * to over JSON-RPC from Node: messages cross the page with `exposeFunction` / `evaluate`. Used by the worker test
 * and by `npm run bench` (first diagnostics in the worker).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  AbstractMessageReader, AbstractMessageWriter, createMessageConnection, type DataCallback, type Disposable, type Message,
  type MessageConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { launchChromium } from '../../scripts/codeServer/browser.mjs';
import { EDITOR_DOCUMENT_CAPABILITIES } from '../lsp/lspClient';

export const BROWSER_SERVER_PATH = join(__dirname, '..', '..', 'dist', 'browser', 'server.js');
const ORIGIN = 'http://sources-sdk-worker.test';

class PageReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  private readonly queue: Message[] = [];
  push(message: Message): void {
    if (this.callback) this.callback(message);
    else this.queue.push(message);
  }
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    for (const message of this.queue.splice(0)) callback(message);
    return { dispose: () => { this.callback = undefined; } };
  }
}

class PageWriter extends AbstractMessageWriter {
  constructor(private readonly page: Page) { super(); }
  async write(message: Message): Promise<void> {
    await this.page.evaluate((m) => (globalThis as unknown as { toWorker(m: unknown): void }).toWorker(m), message as unknown as object);
  }
  end(): void { /* the page closes with the browser */ }
}

export class WorkerLspClient {
  readonly logs: string[] = [];
  private readonly waiters: Array<{ uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];

  private constructor(
    private readonly browser: Browser, private readonly ownsBrowser: boolean, readonly page: Page,
    readonly connection: MessageConnection, readonly workerStartedAt: number,
  ) {}

  /**
   * Starts the worker from the bundle's text in a new page and connects; launches Chromium unless `browser` is
   * given (the bench reuses one). The worker loads its script over (intercepted) http like VS Code's does:
   * `serverSource` or dist/browser/server.js. `workerStartedAt` is the performance.now() just before it is created.
   */
  static async start(existing?: Browser, serverSource?: string): Promise<WorkerLspClient> {
    const browser = existing ?? await launchChromium();
    try {
      const page = await browser.newPage();
      const source = serverSource ?? readFileSync(BROWSER_SERVER_PATH, 'utf8');
      await page.route(`${ORIGIN}/**`, (route) => route.fulfill(route.request().url().endsWith('/server.js')
        ? { contentType: 'text/javascript', body: source }
        : { contentType: 'text/html', body: '<!doctype html><title>worker</title>' }));
      const reader = new PageReader();
      await page.exposeFunction('fromWorker', (message: Message) => reader.push(message));
      await page.goto(`${ORIGIN}/`);
      const workerStartedAt = performance.now();
      await page.evaluate((url) => {
        const g = globalThis as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        const worker = new g.Worker(url);
        worker.onmessage = (e: { data: unknown }) => g.fromWorker(e.data);
        worker.onerror = (e: { message: string }) => g.fromWorker({ jsonrpc: '2.0', method: 'test/workerError', params: e.message });
        g.toWorker = (m: unknown) => worker.postMessage(m);
      }, `${ORIGIN}/server.js`);
      const connection = createMessageConnection(reader, new PageWriter(page));
      const client = new WorkerLspClient(browser, !existing, page, connection, workerStartedAt);
      connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => client.published(p));
      connection.onNotification('window/logMessage', (p: { message: string }) => client.logs.push(p.message));
      connection.onNotification('test/workerError', (m: string) => client.logs.push(`worker error: ${m}`));
      connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ detectByContent: true })));
      connection.onRequest('client/registerCapability', () => null);
      connection.listen();
      return client;
    } catch (err) {
      if (!existing) await browser.close();
      throw err;
    }
  }

  private published(p: PublishDiagnosticsParams): void {
    for (const waiter of this.waiters.filter((w) => w.uri === p.uri && w.accept(p))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(p);
    }
  }

  async initialize(): Promise<{ serverInfo?: { name: string; version?: string }; capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest<{ serverInfo?: { name: string; version?: string }; capabilities: Record<string, unknown> }>('initialize', {
      processId: null, rootUri: null,
      capabilities: {
        workspace: { configuration: true },
        textDocument: EDITOR_DOCUMENT_CAPABILITIES,
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Opens a document and resolves with its first diagnostics (rejects at the deadline with the worker's log). */
  open(uri: string, languageId: string, text: string, timeoutMs = 30_000): Promise<PublishDiagnosticsParams> {
    const published = new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; log: ${this.logs.join(' | ')}`)), timeoutMs);
      this.waiters.push({ uri, accept: (p) => p.version === 1, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return published;
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  async close(): Promise<void> {
    this.connection.dispose();
    if (this.ownsBrowser) await this.browser.close();
    else await this.page.close();
  }
}

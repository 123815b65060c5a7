/**
 * Language server entry for a Web Worker (the browser flavour: vscode.dev, github.dev, code-server's web worker
 * extension host). The same handlers as the Node entry; only the transport and the runtime differ.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { timersFromGlobals } from './runtime';
import { startServer } from './startServer';

// The worker's global scope (typed by what the reader accepts: the project compiles without the DOM libs).
const worker = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));

// A worker has no process: the version is inlined at build time (esbuild `define`, see esbuild.mjs).
declare const SOURCES_SDK_VERSION: string;

startServer(connection, {
  timer: timersFromGlobals(),
  version: typeof SOURCES_SDK_VERSION === 'string' ? SOURCES_SDK_VERSION : '0.0.0',
  platform: 'browser',
  // No file system in a worker: the artifacts-folder checks and the workspace index stay off (open documents only).
});

/**
 * Language server entry for a Web Worker (the browser flavour: vscode.dev, github.dev, code-server's web worker
 * extension host). The same handlers as the Node entry; only the transport and the runtime differ.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { timersFromGlobals } from './runtime';
import { startServer } from './startServer';
import { TOOL_VERSION } from '../core/version';

// The worker's global scope (typed by what the reader accepts: the project compiles without the DOM libs).
const worker = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));

startServer(connection, {
  timer: timersFromGlobals(),
  version: TOOL_VERSION, // package.json's, inlined by the bundler (core/version.ts)
  platform: 'browser',
  // No file system in a worker: the artifacts-folder checks and the workspace index stay off (open documents only).
});

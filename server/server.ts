/**
 * Language server entry point (`node dist/server.js --stdio`). createConnection picks the transport from argv
 * (--stdio, --node-ipc, --socket=N); everything else lives in startServer. The Web Worker entry is browserServer.ts.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';
import { nodeHostFiles } from './nodeHostFiles';

const connection = createConnection(ProposedFeatures.all);

// stdout carries the protocol: anything printed with console.* must go to the client's log instead.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

// One bad document must never take the server down for every other open file.
process.on('uncaughtException', (err) => connection.console.error(`uncaught: ${err instanceof Error ? err.stack : String(err)}`));
process.on('unhandledRejection', (err) => connection.console.error(`unhandled rejection: ${err instanceof Error ? err.stack : String(err)}`));

startServer(connection, {
  timer: {
    setImmediate: (callback) => {
      const handle = setImmediate(callback);
      return { dispose: () => clearImmediate(handle) };
    },
    setTimeout: (callback, ms) => {
      const handle = setTimeout(callback, ms);
      return { dispose: () => clearTimeout(handle) };
    },
  },
  version: process.env.SOURCES_SDK_VERSION ?? '0.1.0',
  platform: 'node',
  files: nodeHostFiles,
});

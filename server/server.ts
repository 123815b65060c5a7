/**
 * Language server entry point (`node dist/server.js --stdio`). createConnection picks the transport from argv
 * (--stdio, --node-ipc, --socket=N); everything else lives in startServer.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';
import { installHostFiles } from './hostFiles';
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

installHostFiles(nodeHostFiles);
startServer(connection);

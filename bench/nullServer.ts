/**
 * The yardstick of `npm run bench`: a language server that does nothing but keep the open documents and answer every
 * open or change with empty diagnostics, over the same stdio transport and libraries as dist/server.js
 * (vscode-languageserver's connection and incremental document store). What the real server takes beyond this is
 * the analysis and the work around it.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } } }));
const publish = (document: TextDocument) => {
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
};
documents.onDidOpen((e) => publish(e.document));
documents.onDidChangeContent((e) => publish(e.document));
documents.listen(connection);
connection.listen();

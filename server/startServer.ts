/**
 * LSP wiring: capabilities, the open-document store, push diagnostics and thin feature handlers over the
 * spec engine (core/analysis/engine.ts). Every handler runs through runSafe.
 */
import {
  CodeActionKind, DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SpecEngine } from '../core/analysis/engine';
import { DIAGNOSTIC_SOURCE, type SpecKind } from '../core/analysis/types';
import { DocumentKinds } from './documentKinds';
import { SpecDiagnosticsRequest, type SpecDiagnosticsResult } from './protocol';
import { toProtocolCodeActions, toProtocolDiagnostics, toProtocolWorkspaceEdit } from './lspTypes';
import { params as check, RequestGate } from './requestGuard';
import { runSafe } from './runSafe';
import type { ServerRuntime } from './runtime';
import { ArtifactsService } from './artifactsService';
import { WorkspaceIndex } from './workspaceIndex';
import { watchWorkspaceFiles, workspaceRootsOf } from './workspaceFeatures';
import { installHostFiles, uriToPath } from './hostFiles';
import { GUESS_FILE_PATTERN, GuessFiles } from './guessFiles';

/** Completion trigger characters: inside keys/values (`"`), after a colon, in a new object, in `${`. */
export const TRIGGER_CHARACTERS = ['"', ':', '{', '$'];

/**
 * Wires every handler onto `connection` and starts listening. `runtime` carries what differs between the Node and
 * the Web Worker host (timers, version, file reads), so nothing here touches `process` or Node modules.
 */
export function startServer(connection: Connection, runtime: ServerRuntime): void {
  if (runtime.files) installHostFiles(runtime.files);
  const documents = new TextDocuments(TextDocument);
  // Created in onInitialize, once the client's capabilities (markdown or plain text) are known.
  let engine: SpecEngine | undefined;
  const getEngine = () => (engine ??= new SpecEngine());
  let canPullConfiguration = false;
  let canRegisterConfigurationChange = false;
  const kinds = new DocumentKinds(connection, () => canPullConfiguration);
  // Requests before initialize get -32002 and malformed params -32602 (see requestGuard.ts).
  const gate = new RequestGate(connection);
  const artifacts = new ArtifactsService(connection, documents, (uri) => scheduleValidation(uri));
  const index = new WorkspaceIndex(() => { for (const d of documents.all()) scheduleValidation(d.uri); }, (message) => connection.console.warn(message));
  const guessFiles = new GuessFiles((specPath) => {
    for (const d of documents.all()) if (uriToPath(d.uri) === specPath) scheduleValidation(d.uri);
  });
  let workspaceRoots: string[] = [];

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    gate.open();
    const caps = params.capabilities;
    canPullConfiguration = caps.workspace?.configuration === true;
    canRegisterConfigurationChange = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    workspaceRoots = workspaceRootsOf(params);
    const completionItem = caps.textDocument?.completion?.completionItem;
    engine = new SpecEngine({
      clientCapabilities: {
        textDocument: {
          completion: {
            completionItem: {
              documentationFormat: completionItem?.documentationFormat ?? ['plaintext'],
              commitCharactersSupport: completionItem?.commitCharactersSupport ?? false,
              labelDetailsSupport: completionItem?.labelDetailsSupport ?? false,
            },
          },
          hover: { contentFormat: caps.textDocument?.hover?.contentFormat ?? ['plaintext'] },
        },
      },
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'sources-sdk-language-server', version: runtime.version },
    };
  });

  connection.onInitialized(() => {
    watchWorkspaceFiles(connection, index, artifacts, [{ pattern: GUESS_FILE_PATTERN, fileEvent: (uri) => guessFiles.fileEvent(uri) }]);
    index.start(workspaceRoots);
    if (canRegisterConfigurationChange) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'sourcesSdk' });
    }
  });

  // --- Diagnostics: pushed on open/change. Computed on the next turn of the event loop so a burst of queued
  // edits collapses into one analysis of the newest version; a result for an outdated version is dropped.
  const scheduled = new Set<string>();
  const scheduleValidation = (uri: string) => {
    if (scheduled.has(uri)) return;
    scheduled.add(uri);
    runtime.timer.setImmediate(() => {
      scheduled.delete(uri);
      void validate(uri);
    });
  };
  const validate = async (uri: string) => {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const diagnostics = await runSafe(connection, `diagnostics for ${uri}`, [], async () => {
      const kind = await kinds.kindOf(document);
      // A generated spec's guesses file (read once, then on file events) adds its guesses as information.
      const guesses = kind === 'connectionSpec' ? await guessFiles.guessesFor(uri) : undefined;
      const own = kind ? toProtocolDiagnostics(await getEngine().analyze(document, kind, guesses ? { guesses } : {})) : [];
      // The summary comes from the parse the analysis just cached: nothing is parsed twice per keystroke.
      if (kind && index.updateFromDocument(uri, kind, () => getEngine().parse(document).root, (offset) => document.positionAt(offset))) {
        for (const other of documents.all()) if (other.uri !== uri) scheduleValidation(other.uri);
      }
      return [...own, ...await artifacts.diagnosticsFor(uri, kind !== undefined), ...index.diagnosticsFor(uri)];
    });
    const current = documents.get(uri);
    if (!current || current.version !== version) return; // a newer version is (or will be) scheduled
    await connection.sendDiagnostics({ uri, version, diagnostics });
  };

  documents.onDidOpen((e) => { artifacts.touch(e.document.uri, true); scheduleValidation(e.document.uri); });
  documents.onDidChangeContent((e) => { artifacts.touch(e.document.uri); scheduleValidation(e.document.uri); });
  documents.onDidClose((e) => {
    artifacts.touch(e.document.uri, true); // its diagnostics now come from the file on disk
    void index.fileEvent(e.document.uri, 2).catch(() => undefined); // and so does its index entry (unsaved edits are gone)
    getEngine().forget(e.document.uri);
    kinds.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  connection.onDidChangeConfiguration(() => {
    kinds.clear();
    for (const document of documents.all()) scheduleValidation(document.uri);
  });

  // The upload gate: diagnostics of exactly the text the client is about to upload, computed now. The open document
  // is reused when it holds that very text (its parse is cached); otherwise the text is analysed as given. Unlike the
  // features below this is not wrapped in runSafe: an empty answer after a failure would let a broken spec through,
  // so a failure reaches the client as an error and the upload is refused.
  connection.onRequest(SpecDiagnosticsRequest, async (params): Promise<SpecDiagnosticsResult> => {
    const { uri, languageId, version } = params.textDocument;
    const kind = await kinds.kindOfText(uri, languageId, params.text);
    if (!kind) return { kind: null, version, diagnostics: [] };
    const open = documents.get(uri);
    const document = open && open.getText() === params.text ? open : TextDocument.create(uri, languageId, version, params.text);
    return { kind, version, diagnostics: toProtocolDiagnostics(await getEngine().analyze(document, kind)) };
  });

  /** The open document and its kind, or undefined when it is not a spec (features then answer empty). */
  const specDocument = async (uri: string): Promise<{ document: TextDocument; kind: SpecKind } | undefined> => {
    const document = documents.get(uri);
    if (!document) return undefined;
    const kind = await kinds.kindOf(document);
    return kind ? { document, kind } : undefined;
  };

  connection.onCompletion(gate.handle('completion', null, check.position, async (params) => {
    const spec = await specDocument(params.textDocument.uri);
    return spec ? getEngine().complete(spec.document, params.position, spec.kind) : null;
  }));
  connection.onHover(gate.handle('hover', null, check.position, async (params) => {
    const spec = await specDocument(params.textDocument.uri);
    if (!spec) return null;
    return index.hover(spec.document.getText(), params.position) ?? getEngine().hover(spec.document, params.position, spec.kind);
  }));
  connection.onCodeAction(gate.handle('code actions', [], check.codeAction, async (params) => {
    const spec = await specDocument(params.textDocument.uri);
    // Only quick fixes are offered; a client asking for other kinds only (e.g. source actions) gets none.
    const wantsQuickFixes = !params.context.only || params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind));
    if (!wantsQuickFixes) return [];
    const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    return spec ? [...toProtocolCodeActions(getEngine().codeActions(spec.document, params.range, ours)),
      ...index.registerAction(spec.document.uri, ours), ...await guessFiles.checkedActions(spec.document.uri, ours)] : [];
  }));
  connection.onDocumentSymbol(gate.handle('document symbols', [], check.textDocument, async (params) => {
    const spec = await specDocument(params.textDocument.uri);
    return spec ? getEngine().documentSymbols(spec.document) : [];
  }));
  connection.onDefinition(gate.handle('definition', [], check.position, async (params) => {
    const spec = await specDocument(params.textDocument.uri);
    return spec ? [...getEngine().definition(spec.document, params.position), ...index.definition(spec.document.getText(), params.position)] : [];
  }));
  connection.onReferences(gate.handle('references', [], check.references, async (params) => {
    const spec = await specDocument(params.textDocument.uri);
    return spec ? getEngine().references(spec.document, params.position, params.context.includeDeclaration) : [];
  }));
  connection.onPrepareRename(gate.handle('prepare rename', null, check.position, async (params) => {
    const spec = await specDocument(params.textDocument.uri);
    return (spec && getEngine().prepareRename(spec.document, params.position)) ?? null;
  }));
  connection.onRenameRequest(gate.handle('rename', null, check.rename, async (params) => {
    const spec = await specDocument(params.textDocument.uri);
    return spec ? toProtocolWorkspaceEdit(getEngine().rename(spec.document, params.position, params.newName)) : null;
  }));
  /** Formatting that would exceed a bound answers no edit: the reason goes to the log, and once per file to the user. */
  const toldAboutFormatting = new Set<string>();
  const formattingRefused = (uri: string) => (reason: string) => {
    connection.console.warn(`${reason} (${uri})`);
    if (toldAboutFormatting.has(uri)) return;
    toldAboutFormatting.add(uri);
    void connection.window.showWarningMessage(reason);
  };
  connection.onDocumentFormatting(gate.handle('formatting', [], check.formatting, async (params) => {
    const spec = await specDocument(params.textDocument.uri);
    return spec ? getEngine().format(spec.document, undefined, params.options, formattingRefused(spec.document.uri)) : [];
  }));
  connection.onDocumentRangeFormatting(gate.handle('range formatting', [], check.rangeFormatting, async (params) => {
    const spec = await specDocument(params.textDocument.uri);
    return spec ? getEngine().format(spec.document, params.range, params.options, formattingRefused(spec.document.uri)) : [];
  }));
  connection.onFoldingRanges(gate.handle('folding ranges', [], check.textDocument, async (params) => {
    const spec = await specDocument(params.textDocument.uri);
    return spec ? getEngine().foldingRanges(spec.document) : [];
  }));
  connection.onSelectionRanges(gate.handle('selection ranges', [], check.selectionRanges, async (params) => {
    const spec = await specDocument(params.textDocument.uri);
    return spec ? getEngine().selectionRanges(spec.document, params.positions) : [];
  }));
  connection.onDocumentLinks(gate.handle('document links', [], check.textDocument, async (params) => {
    const spec = await specDocument(params.textDocument.uri);
    return spec ? getEngine().documentLinks(spec.document) : [];
  }));

  documents.listen(connection);
  connection.listen();
}

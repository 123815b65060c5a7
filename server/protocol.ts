/**
 * The language server's custom requests, typed once and imported by both the extension (client/) and the server.
 * Nothing here runs: it only names the methods and the shapes of their parameters and results.
 *
 * `sourcesSdk/specDiagnostics` is the upload gate: the extension sends the exact text it is about to upload and gets
 * that text's diagnostics back, computed now. Unlike published (push) diagnostics, which may describe an older
 * version of the document, the answer cannot be stale, and it covers content-detected specs (`.json` files that are
 * specs by content) as the `sourcesSdk.detectByContent` setting of that file says.
 */
import { RequestType, type Diagnostic } from 'vscode-languageserver-protocol';

/** Parameters of {@link SpecDiagnosticsRequest}. */
export interface SpecDiagnosticsParams {
  /** The document the text belongs to: its URI (for the file name and per-folder settings) and language id. */
  textDocument: { uri: string; languageId: string; version: number };
  /** The exact text to analyse (what would be uploaded), not necessarily what the server last saw. */
  text: string;
}

/** Result of {@link SpecDiagnosticsRequest}. */
export interface SpecDiagnosticsResult {
  /** The spec kind the text was analysed as, or null when it is not a spec (then `diagnostics` is empty). */
  kind: 'connectionSpec' | 'flowSpec' | null;
  /** Echo of the version asked about, so a caller can match answers to requests. */
  version: number;
  diagnostics: Diagnostic[];
}

/** Method name of {@link SpecDiagnosticsRequest}. */
export const SPEC_DIAGNOSTICS_METHOD = 'sourcesSdk/specDiagnostics';

/** Diagnostics of the given text of a document, computed on request (the extension's upload gate). */
export const SpecDiagnosticsRequest = new RequestType<SpecDiagnosticsParams, SpecDiagnosticsResult, void>(SPEC_DIAGNOSTICS_METHOD);

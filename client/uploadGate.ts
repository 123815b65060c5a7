/**
 * The upload gate: asks the language server for the diagnostics of exactly the text about to be uploaded
 * (`sourcesSdk/specDiagnostics`, server/protocol.ts). The answer is computed for that text on request, so it can never
 * be the stale publication of an older version, and it follows the server's view of content-detected specs.
 */
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { SpecDiagnosticsRequest } from '../server/protocol';

/** LSP's DiagnosticSeverity.Error. */
const ERROR_SEVERITY = 1;

/** What the gate found: the errors (one line each, "line N: message") or that the text is not a spec at all. */
export type GateVerdict = { kind: 'connectionSpec' | 'flowSpec'; errors: string[] } | { kind: null; errors: [] };

/** Diagnostics of `text` as the content of `document`; throws when the server cannot answer (the caller refuses). */
export async function checkBeforeUpload(client: BaseLanguageClient, document: vscode.TextDocument, text: string): Promise<GateVerdict> {
  const result = await client.sendRequest(SpecDiagnosticsRequest, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri), languageId: document.languageId, version: document.version },
    text,
  });
  if (result.kind === null) return { kind: null, errors: [] };
  const errors = result.diagnostics.filter((d) => d.severity === ERROR_SEVERITY).map((d) => `line ${d.range.start.line + 1}: ${trimEnd(d.message)}`);
  return { kind: result.kind, errors };
}

/** A message ends without its final period: the caller joins several with "; " and adds its own punctuation. */
function trimEnd(message: string): string {
  return message.trim().replace(/[.;:]+$/, '');
}

/**
 * Error diagnostics of a spec document, asked from the language server directly (LSP pull diagnostics) so an upload
 * never races the editor's own diagnostic refresh; falls back to what the editor shows.
 */
import * as vscode from 'vscode';
import { DocumentDiagnosticReportKind, DocumentDiagnosticRequest, LanguageClient, State } from 'vscode-languageclient/node';
import { SPEC_LANGUAGES } from './languageClient';

/** One line per error: "line 12: message". */
export async function specErrors(client: LanguageClient | undefined, document: vscode.TextDocument): Promise<string[]> {
  if (client && client.state === State.Running && SPEC_LANGUAGES.includes(document.languageId)) {
    try {
      const report = await client.sendRequest(DocumentDiagnosticRequest.type, {
        textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
      });
      if (report.kind === DocumentDiagnosticReportKind.Full) {
        return report.items.filter((d) => d.severity === 1).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
      }
    } catch {
      // Server without pull diagnostics or busy: use what the editor has.
    }
  }
  return vscode.languages.getDiagnostics(document.uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
    .map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
}

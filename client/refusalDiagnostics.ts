/**
 * Flow Service refusals shown where they belong: a 4xx answer to an upload, promote or registration whose message
 * names a field becomes a diagnostic on that field of the file (the first line when nothing in the message can be
 * placed). Kept in a collection of its own, so the language server's diagnostics never overwrite it and the next
 * successful upload of the file clears it.
 */
import * as vscode from 'vscode';
import { isBodyRefusal, locateRefusal } from '../core/refusals/locate';

let collection: vscode.DiagnosticCollection | undefined;

function diagnostics(): vscode.DiagnosticCollection {
  collection ??= vscode.languages.createDiagnosticCollection('sources-sdk-flow-service');
  return collection;
}

/** Shows `error` on `document` when it is a body refusal; returns whether it did. */
export function showRefusal(document: vscode.TextDocument, error: unknown): boolean {
  if (!isBodyRefusal(error)) return false;
  const { range } = locateRefusal(error.message, document.getText());
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character),
    error.message, vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'Flow Service';
  if (error.details.code) diagnostic.code = error.details.code;
  diagnostics().set(document.uri, [diagnostic]);
  return true;
}

/**
 * Shows a refused registration (a flow spec PUT) where it belongs: on the local flow spec file linked to that flow
 * spec when there is one, else on the connection spec file. Returns whether it was shown.
 */
export async function showRegistrationRefusal(error: unknown, flowSpecFile: vscode.Uri | undefined, connectionSpecFile: vscode.Uri | undefined): Promise<boolean> {
  if (!isBodyRefusal(error)) return false;
  for (const uri of [flowSpecFile, connectionSpecFile]) {
    if (!uri) continue;
    const document = await vscode.workspace.openTextDocument(uri).then((d) => d, () => undefined);
    if (document) return showRefusal(document, error);
  }
  return false;
}

/** Clears the refusal of a file (after a successful upload). */
export function clearRefusal(uri: vscode.Uri): void {
  collection?.delete(uri);
}

/** Disposes the collection (extension deactivation). */
export function disposeRefusals(): void {
  collection?.dispose();
  collection = undefined;
}

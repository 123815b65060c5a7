/**
 * Error diagnostics of a spec document, as the language server sees them. An upload may act on a file that was
 * opened a moment ago, before the server has published anything: so we ask the server directly (pull diagnostics)
 * when it supports that, else wait (bounded) for its first publication for that file, else use what the editor has.
 */
import * as vscode from 'vscode';
import { DocumentDiagnosticReportKind, DocumentDiagnosticRequest, LanguageClient, State } from 'vscode-languageclient/node';
import { SPEC_LANGUAGES } from './languageClient';

/** How long an upload waits for the server's first diagnostics of a just-opened file. */
const FIRST_PUBLICATION_TIMEOUT_MS = 5000;

/** Remembers which documents the server has published diagnostics for (fed by the client's middleware). */
export class PublishedDiagnostics {
  private readonly published = new Map<string, readonly vscode.Diagnostic[]>();
  private readonly waiters = new Map<string, Array<() => void>>();

  record(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): void {
    const key = uri.toString();
    this.published.set(key, diagnostics);
    for (const wake of this.waiters.get(key) ?? []) wake();
    this.waiters.delete(key);
  }

  /** Diagnostics of `uri` once published, or undefined after `timeoutMs`. */
  async waitFor(uri: vscode.Uri, timeoutMs: number): Promise<readonly vscode.Diagnostic[] | undefined> {
    const key = uri.toString();
    if (this.published.has(key)) return this.published.get(key);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      const list = this.waiters.get(key) ?? [];
      list.push(() => { clearTimeout(timer); resolve(); });
      this.waiters.set(key, list);
    });
    return this.published.get(key);
  }
}

function describe(d: { range: { start: { line: number } }; message: string }): string {
  return `line ${d.range.start.line + 1}: ${d.message}`;
}

/** One line per error: "line 12: message". */
export async function specErrors(client: LanguageClient | undefined, published: PublishedDiagnostics, document: vscode.TextDocument): Promise<string[]> {
  const serverSeesIt = client !== undefined && client.state === State.Running && SPEC_LANGUAGES.includes(document.languageId);
  if (serverSeesIt) {
    try {
      const report = await client.sendRequest(DocumentDiagnosticRequest.type, {
        textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
      });
      if (report.kind === DocumentDiagnosticReportKind.Full) return report.items.filter((d) => d.severity === 1).map(describe);
    } catch {
      // The server pushes diagnostics instead: wait for its publication below.
    }
    const diagnostics = await published.waitFor(document.uri, FIRST_PUBLICATION_TIMEOUT_MS);
    if (diagnostics) return diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(describe);
  }
  return vscode.languages.getDiagnostics(document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(describe);
}

/**
 * Preview's warnings on the spec, where they are about, and their fixes as quick fixes: after a run, each warning
 * with a spec location becomes a diagnostic (source `preview`) on that place of the spec file; a warning that
 * carries a fix (core/run/responseHints.ts) offers it in the light bulb. They describe the text that ran, so any
 * edit of the file clears them; the next preview shows them again if they still hold.
 */
import * as vscode from 'vscode';
import { locateSpecPath } from '../../core/run/specLocation';
import { specFixEdit } from '../../core/run/specFix';
import type { RunWarning, SpecFix } from '../../core/run/types';
import { SPEC_LANGUAGES } from '../languages';

/** The `source` of preview diagnostics. */
export const PREVIEW_SOURCE = 'preview';

export class PreviewDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  /** Created with the first run shown, so activation costs nothing for those who never preview. */
  private collection: vscode.DiagnosticCollection | undefined;
  /** The fix of each shown diagnostic, by file and diagnostic key. */
  private readonly fixes = new Map<string, Map<string, SpecFix>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  private diagnostics(): vscode.DiagnosticCollection {
    if (!this.collection) {
      this.collection = vscode.languages.createDiagnosticCollection('sources-sdk-preview');
      this.subscriptions.push(
        this.collection,
        vscode.languages.registerCodeActionsProvider(SPEC_LANGUAGES.map((language) => ({ language })), this,
          { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
        vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.clear(e.document.uri); }),
      );
    }
    return this.collection;
  }

  /** Shows the warnings of a run of `document` (replacing the previous run's). */
  show(document: vscode.TextDocument, warnings: readonly RunWarning[]): void {
    const text = document.getText();
    const fixes = new Map<string, SpecFix>();
    const diagnostics: vscode.Diagnostic[] = [];
    for (const warning of warnings) {
      if (!warning.specPath) continue;
      const place = locateSpecPath(text, warning.specPath);
      if (!place) continue;
      const range = new vscode.Range(document.positionAt(place.offset), document.positionAt(place.offset + place.length));
      const diagnostic = new vscode.Diagnostic(range, warning.fix ? `${warning.message} (quick fix: ${warning.fix.title})` : warning.message, vscode.DiagnosticSeverity.Warning);
      diagnostic.source = PREVIEW_SOURCE;
      diagnostic.code = warning.code;
      diagnostics.push(diagnostic);
      if (warning.fix) fixes.set(keyOf(diagnostic), warning.fix);
    }
    this.diagnostics().set(document.uri, diagnostics);
    this.fixes.set(document.uri.toString(), fixes);
  }

  clear(uri: vscode.Uri): void {
    if (!this.fixes.has(uri.toString())) return;
    this.collection?.delete(uri);
    this.fixes.delete(uri.toString());
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const fixes = this.fixes.get(document.uri.toString());
    if (!fixes) return [];
    const text = document.getText();
    return context.diagnostics.filter((d) => d.source === PREVIEW_SOURCE).flatMap((diagnostic) => {
      const fix = fixes.get(keyOf(diagnostic));
      if (!fix) return [];
      const edit = specFixEdit(text, fix);
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length)), edit.content);
      return [action];
    });
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.collection = undefined;
    this.fixes.clear();
  }
}

function keyOf(d: vscode.Diagnostic): string {
  return `${String(d.code)}|${d.range.start.line}:${d.range.start.character}`;
}

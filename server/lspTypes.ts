/**
 * vscode-json-languageservice (and so the engine) uses a newer vscode-languageserver-types than
 * vscode-languageserver 9 does; the only difference that matters is `Diagnostic.message`, which the newer types
 * widen to `string | MarkupContent`. The engine only produces strings, so these helpers narrow at the boundary.
 */
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver';
import type {
  CodeAction as EngineCodeAction, Diagnostic as EngineDiagnostic, WorkspaceEdit as EngineWorkspaceEdit,
} from 'vscode-json-languageservice';

/** Engine diagnostics as protocol diagnostics (markup messages flattened to their text). */
export function toProtocolDiagnostics(diagnostics: readonly EngineDiagnostic[]): Diagnostic[] {
  return diagnostics.map(toProtocolDiagnostic);
}

function toProtocolDiagnostic(d: EngineDiagnostic): Diagnostic {
  const message = typeof d.message === 'string' ? d.message : d.message.value;
  return { ...d, message, relatedInformation: d.relatedInformation } as Diagnostic;
}

/** Engine code actions as protocol code actions (their attached diagnostics narrowed the same way). */
export function toProtocolCodeActions(actions: readonly EngineCodeAction[]): CodeAction[] {
  return actions.map((a) => ({ ...a, diagnostics: a.diagnostics && toProtocolDiagnostics(a.diagnostics) }) as CodeAction);
}

/**
 * A workspace edit as the protocol type. The engine builds `changes` maps of plain TextEdits only, which both
 * type versions describe identically; the newer types merely allow more edit kinds.
 */
export function toProtocolWorkspaceEdit(edit: EngineWorkspaceEdit | undefined): WorkspaceEdit | null {
  return edit ? (edit as unknown as WorkspaceEdit) : null;
}

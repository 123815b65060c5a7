/**
 * How a command that starts from a spec document gets it: the document behind its argument (else the active editor),
 * or the command's own refusal. `specDocument` (common.ts) throws a user-level message — no spec open, not a spec
 * file — which `refuse` turns into the command's `refused` result; `reject` may refuse a document the command cannot
 * take (a flow spec for a source-only command); any other error is thrown. One shape instead of a try/catch per
 * command.
 */
import type * as vscode from 'vscode';
import type { SpecKind } from '../../core/spec/kinds';
import { specDocument, UserError } from './common';

/** The spec document a command acts on. */
export interface FoundSpec {
  document: vscode.TextDocument;
  kind: SpecKind;
}

/** The document and its kind, or `{ refused }` holding what `refuse` made of the reason. */
export async function specDocumentOr<R>(
  uriArg: unknown,
  refuse: (reason: string) => R,
  reject?: (found: FoundSpec) => string | undefined,
): Promise<FoundSpec | { refused: R }> {
  let found: FoundSpec;
  try {
    found = await specDocument(uriArg);
  } catch (err) {
    if (err instanceof UserError) return { refused: refuse(err.message) };
    throw err;
  }
  const reason = reject?.(found);
  return reason === undefined ? found : { refused: refuse(reason) };
}

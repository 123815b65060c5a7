/**
 * Gives plain `.json` documents whose content clearly is a spec our language id, so only our server validates them
 * (the built-in JSON extension stops seeing them: no duplicate diagnostics or completions).
 */
import * as vscode from 'vscode';
import { readSetting } from './settings';
import { resolveKind } from '../core/spec/kindResolver';
import { SPEC_KINDS } from '../core/spec/kinds';

/**
 * Where workspace files live: on disk, unsaved, and in the browser's virtual workspaces (vscode.dev/github.dev
 * repositories, @vscode/test-web, code-server's files seen from its web worker host). Not output channels, git views or our read-only remote documents.
 */
const DETECT_SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-test-web', 'vscode-remote']);

/** Large files are never specs; looking at them would only cost time on every open. */
const MAX_DETECT_LENGTH = 2_000_000;

async function detect(document: vscode.TextDocument, log: vscode.LogOutputChannel): Promise<void> {
  if (document.languageId !== 'json') return;
  if (!DETECT_SCHEMES.has(document.uri.scheme)) return;
  const text = document.getText();
  if (text.length > MAX_DETECT_LENGTH) return;
  const resolved = resolveKind({
    languageId: document.languageId,
    fileName: document.uri.path,
    text,
    detectByContent: readSetting('detectByContent', document.uri),
  });
  // Files named like specs get our language from package.json; a `json` one kept its language on purpose.
  if (resolved?.by !== 'content') return;
  const kind = resolved.kind;
  const languageId = SPEC_KINDS[kind].languageId;
  try {
    await vscode.languages.setTextDocumentLanguage(document, languageId);
    log.info(`Treating ${vscode.workspace.asRelativePath(document.uri)} as a ${SPEC_KINDS[kind].label} (detected by content)`);
  } catch (err) {
    // The document may have been closed meanwhile: nothing to fix then.
    log.warn(`Could not set the language of ${document.uri.toString()}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Checks every open document now and every document opened later. */
export function registerContentDetection(log: vscode.LogOutputChannel): vscode.Disposable {
  for (const document of vscode.workspace.textDocuments) void detect(document, log);
  return vscode.workspace.onDidOpenTextDocument((document) => void detect(document, log));
}

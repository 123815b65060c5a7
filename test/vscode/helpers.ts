// Shared helpers of the in-editor suites: the extension's test API, workspace files, and waiting without sleeps.
import * as vscode from 'vscode';
import * as path from 'node:path';
import type { SourcesSdkExtensionApi } from '../../client/extension';
import type { PromptRequest } from '../../client/prompts';
import type { TreeSnapshotItem } from '../../client/tree';

/** Marketplace id (`publisher.name`) of the extension under test. */
export const EXTENSION_ID = 'sources-sdk-tools.sources-sdk-tools';
export const CONNECTION_SPEC_LANGUAGE = 'sources-sdk-connection-spec';
export const FLOW_SPEC_LANGUAGE = 'sources-sdk-flow-spec';

/** What `activate()` returns: the extension's own type, so the tests cannot drift from it. */
export type ExtensionTestApi = SourcesSdkExtensionApi;
/** One row of the Flow Service tree as the extension renders it. */
export type TreeRow = TreeSnapshotItem;
/** A question the extension asked (quick pick, modal, input box), as its test seam reports it. */
export type Prompt = PromptRequest;

/** Every notification the extension showed since the suite's responder was set (newest last). */
export const notifications: Prompt[] = [];

/**
 * Records every question (quick pick, modal, input) into `prompts` and every notification into `notifications`, and
 * answers each with the first item matching one of `answers`; one matching none is dismissed (what Escape or a
 * modal's Cancel does).
 */
export function answerPromptsWith(extension: ExtensionTestApi, prompts: Prompt[], ...answers: RegExp[]): void {
  extension.testing!.setPromptResponder((prompt) => {
    (prompt.kind === 'notification' ? notifications : prompts).push(prompt);
    return prompt.items.find((item) => answers.some((answer) => answer.test(item)));
  });
}

/** Activates the extension (if needed) and waits for its `ready` promise: language client running, commands registered. */
export async function activateExtension(): Promise<ExtensionTestApi> {
  const extension = vscode.extensions.getExtension<ExtensionTestApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  const exports = await extension.activate();
  if (!exports || typeof exports.ready?.then !== 'function') throw new Error('activate() did not return { ready }');
  await exports.ready;
  return exports;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs an open workspace folder');
  return folder.uri.fsPath;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), relativePath));
}

/** Opens a workspace file in an editor and returns its document. */
export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/**
 * Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs` naming `what`.
 * Polling with a deadline instead of fixed sleeps: fast when things are fast, a clear failure when they are not.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Resolves with the diagnostics of `uri` once `accept` holds for them; re-checks on every onDidChangeDiagnostics
 * event (and once immediately), so no polling interval is guessed.
 */
export function waitForDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      cleanup();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const current = vscode.languages.getDiagnostics(uri).map(describeDiagnostic);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics of ${uri.fsPath}; current: ${JSON.stringify(current)}`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/** Diagnostics published by our language server (source 'sources-sdk'). */
export function ourDiagnostics(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) => d.source === 'sources-sdk');
}

export function diagnosticCode(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function describeDiagnostic(d: vscode.Diagnostic): string {
  return `${d.source ?? '?'} ${diagnosticCode(d)} ${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`;
}

/** Position just after the first occurrence of `needle` in the document (plus `offset` characters). */
export function positionAfter(document: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const index = document.getText().indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" not found in ${document.uri.fsPath}`);
  return document.positionAt(index + needle.length + offset);
}

/** Flattens hover contents to plain text. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n');
}

/** The hover text just after `needle` in `document`, once the language server has some to give. */
export function hoverTextAfter(document: vscode.TextDocument, needle: string): Promise<string> {
  const position = positionAfter(document, needle);
  return waitFor(`hover on ${needle}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const joined = hoverText(hovers);
    return joined.trim() ? joined : undefined;
  });
}

/** Closes every editor so that one test's open documents do not influence the next. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

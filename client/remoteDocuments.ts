/**
 * Read-only virtual documents (`sources-sdk-remote:`) showing remote specs in authoring form: the left side of every
 * diff and the target of "open remote spec". Contents are cached when fetched; re-fetched on demand otherwise.
 */
import { kindInfoOfResource } from '../core/spec/kinds';
import * as vscode from 'vscode';
import type { SpecResource } from '../core/api/types';
import { remoteDocumentPath } from './specText';

export const REMOTE_SCHEME = 'sources-sdk-remote';

export class RemoteDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  /** Stores `text` under a fresh URI (unique per call so a diff never shows stale content) and returns it. */
  put(resource: SpecResource, id: string, name: string, text: string, envLabel: string): vscode.Uri {
    const uri = vscode.Uri.from({
      scheme: REMOTE_SCHEME,
      path: remoteDocumentPath(resource, id, name),
      query: `env=${encodeURIComponent(envLabel)}&v=${++this.counter}`,
    });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  /** Shows new text under an existing URI (an open diff updates in place). */
  replace(uri: vscode.Uri, text: string): void {
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  /** Drops the cached text of a closed remote document (each fetch makes a new URI, so nothing else would). */
  forget(uri: vscode.Uri): void {
    this.contents.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '// This remote spec is no longer cached: fetch it again.\n';
  }

  /** Opens the document read-only with the right language id so it gets highlighting. */
  async show(uri: vscode.Uri, resource: SpecResource): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const languageId = kindInfoOfResource(resource).languageId;
    const typed = doc.languageId === languageId ? doc : await vscode.languages.setTextDocumentLanguage(doc, languageId);
    await vscode.window.showTextDocument(typed, { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}

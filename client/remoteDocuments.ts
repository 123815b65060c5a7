/**
 * Read-only virtual documents (`sources-sdk-remote:`) showing remote specs in authoring form: the left side of every
 * diff and the target of "open remote spec"; also other read-only results (a test run's), which, unlike an untitled
 * document, never ask to be saved. Contents are cached when fetched; re-fetched on demand otherwise.
 * Documents opened for reading (not diff sides) also remember where they came from, so that a file saved from one
 * (*Save As*) can be linked to its remote spec (client/remoteSaveAs.ts).
 */
import { kindInfoOfResource } from '../core/spec/kinds';
import * as vscode from 'vscode';
import type { RemoteSpec, SpecResource } from '../core/api/types';
import { REMOTE_SCHEME, canonicalJson, remoteDocumentPath } from './specText';

export { REMOTE_SCHEME };

/** Where a read-only remote document came from: enough to record a link for a file saved from it. */
export interface RemoteOrigin {
  resource: SpecResource;
  remote: RemoteSpec;
  /** The environment identity the link is recorded under (the session's `syncIdentity` when fetched). */
  syncIdentity: string;
}

/** How many opened remote documents are remembered for linking a *Save As* (the oldest are dropped). */
const REMEMBERED_ORIGINS = 20;

export class RemoteDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;
  /** Newest last; kept after the document closes (a *Save As* closes it before the saved file is reported). */
  private readonly origins: Array<{ uri: string; json: string | undefined; origin: RemoteOrigin }> = [];

  /**
   * Stores `text` under a fresh URI (unique per call so a diff never shows stale content) and returns it. With
   * `origin`, a file later saved with the same JSON can be linked to that remote spec ({@link takeOriginOf}).
   */
  put(resource: SpecResource, id: string, name: string, text: string, envLabel: string, origin?: RemoteOrigin): vscode.Uri {
    const uri = vscode.Uri.from({
      scheme: REMOTE_SCHEME,
      path: remoteDocumentPath(resource, id, name),
      query: `env=${encodeURIComponent(envLabel)}&v=${++this.counter}`,
    });
    this.contents.set(uri.toString(), text);
    if (origin) {
      this.origins.push({ uri: uri.toString(), json: canonicalJson(text), origin });
      if (this.origins.length > REMEMBERED_ORIGINS) this.origins.shift();
    }
    this.changed.fire(uri);
    return uri;
  }

  /**
   * Stores a read-only text that is not a remote spec (a test run's result, say) under `path` with a fresh URI per
   * call, and returns it. Its language follows the path's extension.
   */
  putText(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REMOTE_SCHEME, path, query: `v=${++this.counter}` });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  /** The origin of an opened remote document (undefined for diff sides and unknown URIs). */
  originOf(uri: vscode.Uri): RemoteOrigin | undefined {
    return this.origins.find((entry) => entry.uri === uri.toString())?.origin;
  }

  /**
   * The origin of the most recent remote document whose JSON equals `text`, removed so that one read-only document
   * links at most one saved file; undefined when none matches.
   */
  takeOriginOf(text: string): RemoteOrigin | undefined {
    if (this.origins.length === 0) return undefined;
    const json = canonicalJson(text);
    if (json === undefined) return undefined;
    for (let i = this.origins.length - 1; i >= 0; i--) {
      if (this.origins[i].json === json) return this.origins.splice(i, 1)[0].origin;
    }
    return undefined;
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
    this.origins.length = 0;
  }
}

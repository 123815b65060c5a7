/**
 * Wiring of the workspace-wide features: which folders to index, and file watching (created, changed and deleted
 * spec files, links files and artifact files) through dynamically registered `workspace/didChangeWatchedFiles`.
 */
import { DidChangeWatchedFilesNotification, type Connection, type InitializeParams } from 'vscode-languageserver';
import type { ArtifactsService } from './artifactsService';
import { INDEX_PATTERNS, type WorkspaceIndex } from './workspaceIndex';

/** Artifact files changed on disk (not open) must be re-checked too. */
const ARTIFACT_PATTERNS = ['**/*-{category,label,description}.txt', '**/*-icon.svg', '**/Artifacts/*'];

/** The workspace folder URIs of an initialize request (or its root URI). */
export function workspaceRootsOf(params: InitializeParams): string[] {
  if (params.workspaceFolders && params.workspaceFolders.length > 0) return params.workspaceFolders.map((f) => f.uri);
  return params.rootUri ? [params.rootUri] : [];
}

/** Another consumer of file events: its watcher pattern and what it does with an event. */
export interface FileEventConsumer {
  pattern: string;
  fileEvent(uri: string, type: number): void;
}

/** Registers the file watchers (when the client allows dynamic registration) and routes their events. */
export function watchWorkspaceFiles(connection: Connection, index: WorkspaceIndex, artifacts: ArtifactsService, others: readonly FileEventConsumer[] = []): void {
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      void index.fileEvent(change.uri, change.type).catch((err: unknown) =>
        connection.console.error(`workspace index: ${change.uri}: ${err instanceof Error ? err.message : String(err)}`));
      artifacts.touch(change.uri, true);
      for (const other of others) other.fileEvent(change.uri, change.type);
    }
  });
  const watchers = [...INDEX_PATTERNS, ...ARTIFACT_PATTERNS, ...others.map((o) => o.pattern)].map((globPattern) => ({ globPattern }));
  connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => {
    // A client without dynamic registration: the index still follows open documents.
  });
}

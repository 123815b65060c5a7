/**
 * Artifacts-folder diagnostics in the language server: when a file of an artifacts folder is opened, edited,
 * saved, closed or changed on disk, the whole folder is checked again (open buffers win over the disk) and every
 * file of it gets its diagnostics, open or not. Open documents merge them with the spec engine's through
 * `diagnosticsFor`; closed files are published directly. Which folders are artifacts folders is remembered until a
 * file event in them, so a keystroke in a spec anywhere else costs nothing here; a keystroke in a spec of an
 * artifacts folder re-checks the folder in the background (the spec's own artifact findings are about file names,
 * not its text) and re-publishes only the open files whose artifact findings changed.
 */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkFolderWith } from '../core/artifacts/loadFolder';
import { isTextOrSvg, parseArtifactName } from '../core/artifacts/names';
import { folderOf, hostFiles, pathToUri, uriToPath } from './hostFiles';
import { toProtocolDiagnostics } from './lspTypes';

/** Whether a file could belong to an artifacts folder (cheap test on its path, before any I/O). */
function mayBeArtifact(path: string): boolean {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return isTextOrSvg(name) || parseArtifactName(name) !== undefined || /[\\/]Artifacts$/.test(folderOf(path));
}

export class ArtifactsService {
  /** Latest artifact diagnostics per file path. */
  private readonly byPath = new Map<string, Diagnostic[]>();
  /** Paths published per folder, to clear files that left the folder (or a folder that stopped being one). */
  private readonly published = new Map<string, Set<string>>();
  /** The last check queued per folder (checks of one folder run one after the other). */
  private readonly running = new Map<string, Promise<void>>();
  /** Folders with a check queued that has not started yet. */
  private readonly queued = new Set<string>();
  /** Whether a folder is an artifacts folder, as its last check found (forgotten on a file event in it). */
  private readonly isArtifactsFolder = new Map<string, boolean>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    /** Re-publishes an open document (the server merges engine and artifact diagnostics there). */
    private readonly revalidate: (uri: string) => void,
  ) {}

  /**
   * Artifact diagnostics for a document. A text or SVG artifact waits for a check of its folder under way (its own
   * text is what is checked); a spec already checked once does not (its artifact findings do not depend on its text).
   */
  async diagnosticsFor(uri: string, isSpec = false): Promise<Diagnostic[]> {
    const path = uriToPath(uri);
    if (!path) return [];
    const pending = this.running.get(folderOf(path));
    if (pending && !(isSpec && this.byPath.has(path))) await pending;
    return this.byPath.get(path) ?? [];
  }

  /**
   * A file was opened, edited, saved or closed (`fileEvent` false), or created, changed or deleted on disk (true):
   * check its folder again, unless it is known not to be an artifacts folder and nothing changed on disk.
   */
  touch(uri: string, fileEvent = false): void {
    const path = uriToPath(uri);
    if (!path || !hostFiles() || !mayBeArtifact(path)) return;
    const folder = folderOf(path);
    if (fileEvent) this.isArtifactsFolder.delete(folder);
    else if (this.isArtifactsFolder.get(folder) === false) return;
    if (this.queued.has(folder)) return; // a check that has not started yet will see this change too
    this.queued.add(folder);
    const next = (this.running.get(folder) ?? Promise.resolve()).then(() => {
      this.queued.delete(folder);
      return this.check(folder);
    });
    this.running.set(folder, next);
    void next.finally(() => {
      if (this.running.get(folder) === next) this.running.delete(folder);
    });
  }

  private async check(folder: string): Promise<void> {
    const files = hostFiles();
    if (!files) return;
    const openByPath = new Map<string, TextDocument>();
    for (const document of this.documents.all()) {
      const path = uriToPath(document.uri);
      if (path && folderOf(path) === folder) openByPath.set(path, document);
    }
    const overlay = new Map([...openByPath].map(([path, document]) => [path, document.getText()]));
    let result: Awaited<ReturnType<typeof checkFolderWith>>;
    try {
      result = await checkFolderWith(folder, files, overlay);
    } catch (err) {
      this.connection.console.error(`artifacts check of ${folder} failed: ${err instanceof Error ? err.stack : String(err)}`);
      return;
    }
    this.isArtifactsFolder.set(folder, result !== undefined);
    const previous = this.published.get(folder) ?? new Set<string>();
    const now = new Set<string>();
    const changed = new Set<string>();
    for (const file of result?.files ?? []) {
      now.add(file.path);
      const diagnostics = toProtocolDiagnostics(file.diagnostics);
      if (JSON.stringify(this.byPath.get(file.path)) !== JSON.stringify(diagnostics)) changed.add(file.path);
      this.byPath.set(file.path, diagnostics);
    }
    for (const path of previous) {
      if (now.has(path)) continue;
      this.byPath.delete(path);
      changed.add(path);
    }
    if (now.size > 0) this.published.set(folder, now);
    else this.published.delete(folder);
    for (const path of new Set([...previous, ...now])) {
      const open = openByPath.get(path) ?? this.documents.all().find((d) => uriToPath(d.uri) === path);
      if (open) {
        if (changed.has(path)) this.revalidate(open.uri); // unchanged: what the document last published still holds
      } else {
        void this.connection.sendDiagnostics({ uri: pathToUri(path), diagnostics: this.byPath.get(path) ?? [] });
      }
    }
  }
}

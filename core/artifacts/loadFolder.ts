/**
 * Loads an artifacts folder through a host's file access (reading each file with a bound) into the snapshot part the
 * artifacts rules check, and checks it. Pure apart from the reader it is given.
 */
import type { Diagnostic } from 'vscode-json-languageservice';
import { checkWorkspace } from '../analysis/rules/workspace/index';
import { emptySnapshot, type ArtifactsFolderSnapshot } from '../workspace/snapshot';
import { artifactPath, relevantFiles, type ArtifactFileInput } from './folder';
import { isArtifactsFolder, isTextOrSvg, MAX_ARTIFACT_BYTES, parseArtifactName } from './names';

/** What a host offers to read a folder. Paths use `/` or the platform separator consistently; names are plain. */
export interface FolderReader {
  /** Names of the files (not sub-folders) of a folder, sorted; undefined when it cannot be listed. */
  listFiles(folder: string): Promise<string[] | undefined>;
  /**
   * A file's size and its first bytes, at most `maxBytes` of them (the size is known first, so a huge file is never
   * read whole); undefined when it cannot be read.
   */
  readFile(path: string, maxBytes: number): Promise<FileHead | undefined>;
}

/** What {@link FolderReader.readFile} returns: the size of the whole file and its first bytes. */
export interface FileHead {
  size: number;
  bytes: Uint8Array;
}

/** The diagnostics of one folder, keyed by file path. */
export interface FolderDiagnostics {
  folder: string;
  files: Array<{ path: string; diagnostics: Diagnostic[] }>;
}

function lastSegments(folder: string): { name: string; parent: string | undefined } {
  const parts = folder.split(/[\\/]+/).filter((p) => p.length > 0);
  return { name: parts[parts.length - 1] ?? '', parent: parts[parts.length - 2] };
}

/**
 * The checker's input for `folder`, or undefined when it is not an artifacts folder. `namesOnly` skips reading
 * the files (to test membership cheaply).
 */
export async function loadArtifactsFolder(folder: string, reader: FolderReader, overlay?: ReadonlyMap<string, string>,
  namesOnly = false): Promise<ArtifactsFolderSnapshot | undefined> {
  const names = await reader.listFiles(folder);
  const { name, parent } = lastSegments(folder);
  if (names === undefined || !isArtifactsFolder(name, names)) return undefined;
  const files: ArtifactFileInput[] = [];
  for (const fileName of names) {
    if (!isTextOrSvg(fileName) && parseArtifactName(fileName)?.role !== 'connectionSpec') continue;
    if (namesOnly) {
      files.push({ name: fileName, text: '' });
      continue;
    }
    const path = artifactPath(folder, fileName);
    const open = overlay?.get(path);
    if (open !== undefined) {
      files.push({ name: fileName, text: open });
      continue;
    }
    // One byte over the cap is enough to know a file is too large (its size may change between stat and read).
    const head = await reader.readFile(path, MAX_ARTIFACT_BYTES + 1);
    if (!head) continue; // vanished between listing and reading
    if (head.size > MAX_ARTIFACT_BYTES || head.bytes.length > MAX_ARTIFACT_BYTES) {
      files.push({ name: fileName, text: '', tooLarge: Math.max(head.size, head.bytes.length) });
      continue;
    }
    const text = new TextDecoder('utf-8').decode(head.bytes);
    // VS Code hides a byte order mark from the language server; do the same so the CLI and editor agree.
    files.push({ name: fileName, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, bytes: head.bytes });
  }
  return { path: folder, folderName: name, parentName: parent, files };
}

/** Loads and checks `folder`; undefined when it is not an artifacts folder. */
export async function checkFolderWith(folder: string, reader: FolderReader, overlay?: ReadonlyMap<string, string>):
  Promise<FolderDiagnostics | undefined> {
  const input = await loadArtifactsFolder(folder, reader, overlay);
  if (!input) return undefined;
  const byPath = checkWorkspace({ ...emptySnapshot(), artifactsFolders: [input] });
  const files = relevantFiles(input).map((file) => artifactPath(folder, file.name));
  return { folder, files: files.map((path) => ({ path, diagnostics: byPath.get(path) ?? [] })) };
}

/**
 * Reads an artifacts folder through a {@link FolderReader} (Node's file system for the CLI and the language server;
 * anything else a host offers) and checks it. Open editor buffers can be laid over the files so the editor checks
 * what the user sees, saved or not.
 */
import { readdir, readFile } from 'node:fs/promises';
import { checkFolderWith, loadArtifactsFolder, type FolderReader } from './loadFolder';

export { checkFolderWith, type FolderDiagnostics, type FolderReader } from './loadFolder';

/** Node's file system as a {@link FolderReader}. */
export const nodeFolderReader: FolderReader = {
  async listFiles(folder) {
    try {
      const entries = await readdir(folder, { withFileTypes: true });
      return entries.filter((e) => e.isFile()).map((e) => e.name).sort();
    } catch {
      return undefined;
    }
  },
  async readFile(path) {
    return readFile(path).catch(() => undefined);
  },
};

/** Whether `folder` is an artifacts folder on disk. */
export async function isArtifactsFolderOnDisk(folder: string): Promise<boolean> {
  return (await loadArtifactsFolder(folder, nodeFolderReader, undefined, true)) !== undefined;
}

/** Checks the artifacts folder `folder` on disk; undefined when it is not one. */
export async function checkArtifactsFolderOnDisk(folder: string, overlay?: ReadonlyMap<string, string>) {
  return checkFolderWith(folder, nodeFolderReader, overlay);
}

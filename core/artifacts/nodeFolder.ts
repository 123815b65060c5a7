/**
 * Reads an artifacts folder through a {@link FolderReader} (Node's file system for the CLI and the language server;
 * anything else a host offers) and checks it. Open editor buffers can be laid over the files so the editor checks
 * what the user sees, saved or not.
 */
import { open, readdir } from 'node:fs/promises';
import { checkFolderWith, loadArtifactsFolder, type FileHead, type FolderReader } from './loadFolder';

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
  async readFile(path, maxBytes) {
    return readFileHead(path, maxBytes);
  },
};

/**
 * A file's size (stat first) and at most `maxBytes` of its first bytes: a 2 GiB file costs one small read, never a
 * buffer of its size (nor Node's "file too large" error, which once made such a file look missing).
 */
export async function readFileHead(path: string, maxBytes: number): Promise<FileHead | undefined> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (!info.isFile()) return undefined;
    const buffer = new Uint8Array(Math.max(0, Math.min(info.size, maxBytes)));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break; // the file shrank meanwhile
      filled += bytesRead;
    }
    return { size: info.size, bytes: buffer.subarray(0, filled) };
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Whether `folder` is an artifacts folder on disk. */
export async function isArtifactsFolderOnDisk(folder: string): Promise<boolean> {
  return (await loadArtifactsFolder(folder, nodeFolderReader, undefined, true)) !== undefined;
}

/** Checks the artifacts folder `folder` on disk; undefined when it is not one. */
export async function checkArtifactsFolderOnDisk(folder: string, overlay?: ReadonlyMap<string, string>) {
  return checkFolderWith(folder, nodeFolderReader, overlay);
}

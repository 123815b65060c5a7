/**
 * Where `-o/--output` may write. Writing through a temp file and a rename would silently replace a symlink with a
 * regular file, and reading a FIFO to compare contents blocks forever; devices and sockets are never spec files.
 */
import { promises as fs } from 'node:fs';

export type OutputTarget = { ok: true; writePath: string } | { ok: false; message: string };

/**
 * Checks `-o` before anything is read or written. A missing file or a regular file is fine. A symlink is refused
 * unless `force`, which writes through it to the file it points to. FIFOs, devices, sockets and folders are
 * always refused. `shown` is the path as the user typed it, for messages.
 */
export async function resolveOutputTarget(path: string, shown: string, force: boolean): Promise<OutputTarget> {
  let info;
  try {
    info = await fs.lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, writePath: path };
    return { ok: false, message: `${shown}: cannot check the output file (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
  }
  if (info.isSymbolicLink()) {
    if (!force) return { ok: false, message: `${shown} is a symbolic link; not written (use --force to write to the file it points to)` };
    let real: string;
    try {
      real = await fs.realpath(path);
    } catch {
      return { ok: false, message: `${shown} is a symbolic link that points nowhere; not written` };
    }
    const checked = await resolveOutputTarget(real, `${shown} (→ ${real})`, false);
    return checked;
  }
  if (info.isFile()) return { ok: true, writePath: path };
  const kind = info.isFIFO() ? 'a named pipe (FIFO)' : info.isDirectory() ? 'a folder'
    : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : info.isSocket() ? 'a socket' : 'not a regular file';
  return { ok: false, message: `${shown} is ${kind}; -o writes regular files only` };
}

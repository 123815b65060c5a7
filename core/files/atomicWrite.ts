/**
 * The one way this project replaces a file (links.json, a pulled spec, the emulator's records and its secret key):
 * the content goes to a temp file in the same folder, then a rename puts it in place, so a reader or a crash sees
 * the old file or the new one, never a torn one. `durable` also fsyncs the temp file before the rename and the
 * folder after it: the emulator's promise that an acknowledged write survives a kill. Node only (not in the browser
 * build).
 */
import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** Temp files start with this (hidden, and recognisable by a loader that removes the leftovers of a crash). */
const TEMP_PREFIX = '.tmp-';

export interface AtomicWriteOptions {
  /** fsync the temp file and the folder, so the write survives a power cut once the promise resolves. */
  durable?: boolean;
  /** File mode of a new file (e.g. 0o600 for a key): set when the temp file is created, never readable by others in between. */
  mode?: number;
}

/** True for the name of a temp file a crash may have left behind (loaders delete them). */
export function isTempFileName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX);
}

/**
 * Writes `content` to a new temp file beside `file` (same folder, so the rename is atomic) and returns its path;
 * `commitStagedFile` puts it in place. Two steps, so a batch can write all its files before renaming any.
 */
export async function stageFile(file: string, content: string, options: AtomicWriteOptions = {}): Promise<string> {
  const temp = join(dirname(file), `${TEMP_PREFIX}${basename(file)}-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await fs.open(temp, 'w', options.mode);
    try {
      await handle.writeFile(content, 'utf8');
      if (options.durable) await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  return temp;
}

/** Renames a staged temp file over `file`; removes the temp file when that fails. */
export async function commitStagedFile(temp: string, file: string): Promise<void> {
  try {
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

/** fsyncs a folder, so the renames in it survive a power cut. */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces `file` with `content` atomically (its folder is created when missing); see the module comment. */
export async function writeFileAtomically(file: string, content: string, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(file);
  await fs.mkdir(dir, { recursive: true });
  await commitStagedFile(await stageFile(file, content, options), file);
  if (options.durable) await syncFolder(dir);
}

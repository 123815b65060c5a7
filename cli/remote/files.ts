/** File helpers for the remote commands: atomic writes and display paths. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { stripBom } from '../../core/sync/text';

/** Writes `text` to `file` through a temp file in the same folder + rename: readers never see a partial file. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temp, text, 'utf8');
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

/** Reads a file, or undefined when it does not exist. */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Reads a spec file as the editor shows it: without the byte order mark some Windows editors write. */
export async function readSpecFile(file: string): Promise<string> {
  return stripBom(await fs.readFile(file, 'utf8'));
}

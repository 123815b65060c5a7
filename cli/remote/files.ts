/** File helpers for the remote commands: reading specs (writes go through core/files/atomicWrite.ts). */
import { promises as fs } from 'node:fs';
import { stripBom } from '../../core/sync/text';

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

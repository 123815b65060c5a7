/**
 * Keys the emulator keeps in its data folder (the secrets key, the token signing key): 32 random bytes, base64, in a
 * file of mode 0600 created on first use and written atomically, so a restart finds the same key. Without a data
 * folder the key is random per process (nothing outlives it anyway).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../core/files/atomicWrite';

const KEY_BYTES = 32;

/** The key in `<dataDir>/<fileName>`, created when missing or unusable; a random one without `dataDir`. */
export async function loadOrCreateKey(dataDir: string | undefined, fileName: string): Promise<Buffer> {
  if (!dataDir) return randomBytes(KEY_BYTES);
  const path = join(dataDir, fileName);
  try {
    const key = Buffer.from((await fs.readFile(path, 'utf8')).trim(), 'base64');
    if (key.length === KEY_BYTES) return key;
  } catch {
    // no key yet: create one below
  }
  const key = randomBytes(KEY_BYTES);
  await writeFileAtomically(path, `${key.toString('base64')}\n`, { durable: true, mode: 0o600 });
  return key;
}

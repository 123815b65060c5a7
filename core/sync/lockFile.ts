/**
 * Cross-process mutual exclusion with a lock file created exclusively (`wx`). Used for the read-modify-write of
 * `links.json` (held for milliseconds) and for the lookup-create-link sequence of one file's push (held across
 * requests, so a heartbeat keeps it fresh). A lock whose file has not been touched for `staleMs` was left by a process
 * that crashed or was killed and is taken over.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FlowServiceError } from '../api/errors';

export interface LockOptions {
  /** How long to wait for another holder before giving up (a `config` error naming the lock file). */
  waitMs: number;
  /** Age after which an untouched lock is taken to be left over. */
  staleMs: number;
  /** While held, touch the lock this often (ms) so a long holder is never taken for a crashed one. */
  heartbeatMs?: number;
  /** Aborts the wait (not the work). */
  signal?: AbortSignal;
  /** Remove the lock's folder afterwards when it is empty (a folder of per-file locks leaves nothing behind). */
  removeEmptyFolder?: boolean;
}

/** Runs `work` while holding `lockPath`; always removes the lock afterwards. */
export async function withLockFile<T>(lockPath: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
  await makeFolder(path.dirname(lockPath));
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    try {
      await fs.writeFile(lockPath, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Another process removed the (then empty) folder between our mkdir and our write: make it again.
      if (code === 'ENOENT') {
        await makeFolder(path.dirname(lockPath));
        continue;
      }
      if (code !== 'EEXIST') throw err;
    }
    const held = await fs.stat(lockPath).catch(() => undefined);
    if (held && Date.now() - held.mtimeMs > options.staleMs) {
      await fs.rm(lockPath, { force: true });
      continue;
    }
    if (options.signal?.aborted) throw new FlowServiceError('cancelled while waiting for another sources-sdk process', 'cancelled');
    if (Date.now() > deadline) {
      throw new FlowServiceError(`${lockPath} is held by another sources-sdk process; delete it if none is running`, 'config');
    }
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
  }
  const heartbeat = options.heartbeatMs
    ? setInterval(() => {
        const now = new Date();
        void fs.utimes(lockPath, now, now).catch(() => undefined);
      }, options.heartbeatMs)
    : undefined;
  heartbeat?.unref();
  try {
    return await work();
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    await fs.rm(lockPath, { force: true });
    // Fails harmlessly (ENOTEMPTY) while another file's lock is held.
    if (options.removeEmptyFolder) await fs.rmdir(path.dirname(lockPath)).catch(() => undefined);
  }
}

/**
 * `mkdir -p` that survives another process removing the (empty) folder, or its empty parent, while it is being made:
 * a recursive mkdir then fails with ENOENT, and trying again makes the whole path anew.
 */
async function makeFolder(folder: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fs.mkdir(folder, { recursive: true });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 20) throw err;
    }
  }
}

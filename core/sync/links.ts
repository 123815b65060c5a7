/**
 * The link store: which remote spec a local file stands for, per environment and sandbox, and the remote state at
 * the last sync (used to detect that someone changed the remote since). Kept outside the spec files, in
 * `<workspaceRoot>/.sources-sdk/links.json`, so spec files stay pure authoring documents.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FlowServiceError } from '../api/errors';
import type { EnvironmentConfig, SpecResource } from '../api/types';
import { stripBom } from './text';

/** Remote state of one linked file at its last sync. */
export interface LinkRecord {
  resource: SpecResource;
  remoteId: string;
  /** `updatedAt` of the remote spec at the last sync. */
  updatedAt?: number;
  /** {@link contentHash} of the remote spec at the last sync. */
  contentHash: string;
  /** ISO time of the last sync. */
  syncedAt: string;
}

/** Storage of links; the CLI uses {@link FileLinkStore}, the extension may pass its own. */
export interface LinkStore {
  get(environmentKey: string, filePath: string): Promise<LinkRecord | undefined>;
  set(environmentKey: string, filePath: string, record: LinkRecord): Promise<void>;
  delete(environmentKey: string, filePath: string): Promise<void>;
}

/** Key of an environment+sandbox: `${platformUrl}|${orgId}|${sandbox}`. */
export function environmentKey(environment: Pick<EnvironmentConfig, 'platformUrl' | 'orgId' | 'sandbox'>): string {
  return `${environment.platformUrl.replace(/\/+$/, '')}|${environment.orgId}|${environment.sandbox || 'prod'}`;
}

/** Location of the links file below a workspace root. */
export function linksFilePath(workspaceRoot: string): string {
  return path.join(workspaceRoot, '.sources-sdk', 'links.json');
}

/** How long a writer waits for another process's lock on the links file. */
const LOCK_WAIT_MS = 10_000;
/** Age after which a lock is taken to be left over from a crashed writer. */
const STALE_LOCK_MS = 60_000;

interface LinksFile {
  version: 1;
  environments: Record<string, Record<string, LinkRecord>>;
}

/**
 * Links in `<root>/.sources-sdk/links.json`, keyed by file path relative to the root (forward slashes).
 * Writes are serialised and atomic (temp file + rename), so concurrent pushes never lose each other's links and a
 * crash never leaves a half-written file. Within a process a queue orders them; across processes (two CLI runs in
 * one CI job, the CLI beside the extension) each read-modify-write holds `links.json.lock`.
 */
export class FileLinkStore implements LinkStore {
  private queue: Promise<unknown> = Promise.resolve();
  readonly file: string;

  constructor(readonly workspaceRoot: string) {
    this.file = linksFilePath(workspaceRoot);
  }

  /** The key a file is stored under. */
  relativeKey(filePath: string): string {
    const absolute = path.resolve(this.workspaceRoot, filePath);
    return path.relative(this.workspaceRoot, absolute).split(path.sep).join('/');
  }

  async get(environmentKey: string, filePath: string): Promise<LinkRecord | undefined> {
    await this.queue.catch(() => undefined);
    const data = await this.read();
    return data.environments[environmentKey]?.[this.relativeKey(filePath)];
  }

  set(environmentKey: string, filePath: string, record: LinkRecord): Promise<void> {
    return this.mutate((data) => {
      (data.environments[environmentKey] ??= {})[this.relativeKey(filePath)] = record;
    });
  }

  delete(environmentKey: string, filePath: string): Promise<void> {
    return this.mutate((data) => {
      delete data.environments[environmentKey]?.[this.relativeKey(filePath)];
    });
  }

  private mutate(change: (data: LinksFile) => void): Promise<void> {
    const next = this.queue.catch(() => undefined).then(() =>
      this.withFileLock(async () => {
        const data = await this.read();
        change(data);
        await this.writeAtomically(data);
      }),
    );
    this.queue = next;
    return next;
  }

  private async read(): Promise<LinksFile> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, environments: {} };
      throw err;
    }
    let parsed: Partial<LinksFile> | null;
    try {
      // Editors on Windows may save a byte order mark, which JSON.parse rejects.
      parsed = JSON.parse(stripBom(text)) as Partial<LinksFile> | null;
    } catch (err) {
      throw new FlowServiceError(
        `${this.file} is not valid JSON (${(err as Error).message}): fix it (a merge conflict?) or delete it to forget the links`,
        'config',
      );
    }
    const environments = parsed && typeof parsed === 'object' ? parsed.environments : undefined;
    return { version: 1, environments: environments && typeof environments === 'object' ? environments : {} };
  }

  /** Runs `work` while holding `links.json.lock` (created exclusively); a lock older than a minute is stale. */
  private async withFileLock<T>(work: () => Promise<T>): Promise<T> {
    const lock = `${this.file}.lock`;
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        await fs.writeFile(lock, `${process.pid}\n`, { flag: 'wx' });
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const held = await fs.stat(lock).catch(() => undefined);
      // A writer holds the lock for milliseconds; one this old was left by a process that crashed or was killed.
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) {
        await fs.rm(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new FlowServiceError(`${lock} is held by another sources-sdk process; delete it if none is running`, 'config');
      }
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
    try {
      return await work();
    } finally {
      await fs.rm(lock, { force: true });
    }
  }

  private async writeAtomically(data: LinksFile): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await fs.writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, 'utf8');
      await fs.rename(temp, this.file);
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw err;
    }
  }
}

/** An in-memory store (tests, or hosts that keep links elsewhere). */
export class MemoryLinkStore implements LinkStore {
  private readonly records = new Map<string, LinkRecord>();
  async get(environmentKey: string, filePath: string) {
    return this.records.get(`${environmentKey}\n${filePath}`);
  }
  async set(environmentKey: string, filePath: string, record: LinkRecord) {
    this.records.set(`${environmentKey}\n${filePath}`, record);
  }
  async delete(environmentKey: string, filePath: string) {
    this.records.delete(`${environmentKey}\n${filePath}`);
  }
}

/**
 * The link store: which remote spec a local file stands for, per environment and sandbox, and the remote state at
 * the last sync (used to detect that someone changed the remote since). Kept outside the spec files, in
 * `<workspaceRoot>/.sources-sdk/links.json`, so spec files stay pure authoring documents.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { EnvironmentConfig, RemoteSpec, SpecResource } from '../api/types';
import { syncIdentity } from '../config/environments';
import { writeFileAtomically } from '../files/atomicWrite';
import { withLockFile } from './lockFile';
import { emptyLinksFile, parseLinksFile, type LinkRecord, type LinksFile, type SeenFlowSpecRecord } from './linksFile';

export type { LinkRecord } from './linksFile';

/** Storage of links; the CLI and the extension use {@link FileLinkStore}, tests may pass {@link MemoryLinkStore}. */
export interface LinkStore {
  get(environmentKey: string, filePath: string): Promise<LinkRecord | undefined>;
  set(environmentKey: string, filePath: string, record: LinkRecord): Promise<void>;
  delete(environmentKey: string, filePath: string): Promise<void>;
  /**
   * Remembers what a remote flow spec listed when the tools last saw it (after registering), for the workspace
   * check SSDK820. Optional: stores without it remember nothing.
   */
  recordSeenFlowSpec?(environmentKey: string, flowSpec: RemoteSpec): Promise<void>;
  /**
   * Runs `work` (a file's lookup-create-link sequence) so that no other process or caller runs one for the same
   * file at the same time: the second one then sees the first one's link. Optional: stores without it run `work`.
   */
  exclusive?<T>(filePath: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/**
 * Key of an environment+sandbox in the link store: core's stable sync identity (`local|org|sandbox` for the
 * emulator on any port, `prod|org|sandbox`, …; see config/environments.ts `syncIdentity`).
 */
export function environmentKey(environment: Pick<EnvironmentConfig, 'platformUrl' | 'orgId' | 'sandbox'>): string {
  return syncIdentity(environment);
}

/** Location of the links file below a workspace root. */
export function linksFilePath(workspaceRoot: string): string {
  return path.join(workspaceRoot, '.sources-sdk', 'links.json');
}

/** links.json: a writer holds its lock for milliseconds, so a short wait and a one-minute staleness suffice. */
const LINKS_LOCK = { waitMs: 10_000, staleMs: 60_000 };
/** A file's push lock is held across requests (retries included): wait longer, keep it fresh with a heartbeat. */
const PUSH_LOCK = { waitMs: 180_000, staleMs: 60_000, heartbeatMs: 10_000 };

/**
 * Links in `<root>/.sources-sdk/links.json`, keyed by file path relative to the root (forward slashes).
 * Writes are serialised and atomic (temp file + rename), so concurrent pushes never lose each other's links and a
 * crash never leaves a half-written file. Within a process a queue orders them; across processes (two CLI runs in
 * one CI job, the CLI beside the extension) each read-modify-write holds `links.json.lock`. Every read validates
 * the file (see linksFile.ts) and migrates keys of older versions; the next write stores them migrated.
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

  /** Reads and validates the whole file (throws the validation error); used to check it before remote work. */
  async readAll(): Promise<LinksFile> {
    await this.queue.catch(() => undefined);
    return this.read();
  }

  /**
   * The absolute path of the file linked to remote `remoteId` in `environmentKey`, if any (where a refusal about that
   * remote spec is shown). Undefined as well when the links file cannot be read: the caller falls back to another file.
   */
  async fileLinkedTo(environmentKey: string, resource: SpecResource, remoteId: string): Promise<string | undefined> {
    let data: LinksFile;
    try {
      data = await this.readAll();
    } catch {
      return undefined;
    }
    for (const [relative, record] of Object.entries(data.environments[environmentKey] ?? {})) {
      if (record.resource === resource && record.remoteId === remoteId) return path.join(this.workspaceRoot, ...relative.split('/'));
    }
    return undefined;
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

  recordSeenFlowSpec(environmentKey: string, flowSpec: RemoteSpec): Promise<void> {
    return this.mutate((data) => {
      ((data.seenFlowSpecs ??= {})[environmentKey] ??= {})[flowSpec.id] = seenRecord(flowSpec);
    });
  }

  /** Holds `.sources-sdk/locks/<hash of the file key>.lock` while `work` runs (one push of one file at a time). */
  exclusive<T>(filePath: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const digest = createHash('sha256').update(this.relativeKey(filePath)).digest('hex').slice(0, 32);
    const lock = path.join(path.dirname(this.file), 'locks', `${digest}.lock`);
    return withLockFile(lock, { ...PUSH_LOCK, signal, removeEmptyFolder: true }, work);
  }

  private mutate(change: (data: LinksFile) => void): Promise<void> {
    const next = this.queue.catch(() => undefined).then(() =>
      withLockFile(`${this.file}.lock`, LINKS_LOCK, async () => {
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
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyLinksFile();
      throw err;
    }
    return parseLinksFile(this.file, text);
  }

  private async writeAtomically(data: LinksFile): Promise<void> {
    await writeFileAtomically(this.file, `${JSON.stringify(data, null, 2)}\n`);
  }
}

/** What a links file keeps of a remote flow spec it saw. */
function seenRecord(flowSpec: RemoteSpec): SeenFlowSpecRecord {
  const ids = Array.isArray(flowSpec.sourceConnectionSpecIds) ? flowSpec.sourceConnectionSpecIds.filter((v): v is string => typeof v === 'string') : [];
  return { ...(typeof flowSpec.name === 'string' ? { name: flowSpec.name } : {}), sourceConnectionSpecIds: ids, seenAt: new Date().toISOString() };
}

/** An in-memory store (tests, or hosts that keep links elsewhere). */
export class MemoryLinkStore implements LinkStore {
  private readonly records = new Map<string, LinkRecord>();
  /** Flow specs recorded as seen, by `environmentKey\nid`. */
  readonly seenFlowSpecs = new Map<string, SeenFlowSpecRecord>();
  private readonly running = new Map<string, Promise<unknown>>();
  async get(environmentKey: string, filePath: string) {
    return this.records.get(`${environmentKey}\n${filePath}`);
  }
  async set(environmentKey: string, filePath: string, record: LinkRecord) {
    this.records.set(`${environmentKey}\n${filePath}`, record);
  }
  async delete(environmentKey: string, filePath: string) {
    this.records.delete(`${environmentKey}\n${filePath}`);
  }
  async recordSeenFlowSpec(environmentKey: string, flowSpec: RemoteSpec) {
    this.seenFlowSpecs.set(`${environmentKey}\n${flowSpec.id}`, seenRecord(flowSpec));
  }
  exclusive<T>(filePath: string, work: () => Promise<T>): Promise<T> {
    const previous = this.running.get(filePath) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.running.set(filePath, next);
    return next;
  }
}

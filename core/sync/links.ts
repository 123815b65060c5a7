/**
 * The link store: which remote spec a local file stands for, per environment and sandbox, and the remote state at
 * the last sync (used to detect that someone changed the remote since). Kept outside the spec files, in
 * `<workspaceRoot>/.sources-sdk/links.json`, so spec files stay pure authoring documents.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { EnvironmentConfig, SpecResource } from '../api/types';

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

interface LinksFile {
  version: 1;
  environments: Record<string, Record<string, LinkRecord>>;
}

/**
 * Links in `<root>/.sources-sdk/links.json`, keyed by file path relative to the root (forward slashes).
 * Writes are serialised and atomic (temp file + rename), so concurrent pushes never lose each other's links and a
 * crash never leaves a half-written file.
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
    const next = this.queue.catch(() => undefined).then(async () => {
      const data = await this.read();
      change(data);
      await this.writeAtomically(data);
    });
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
    const parsed = JSON.parse(text) as Partial<LinksFile>;
    return { version: 1, environments: parsed.environments ?? {} };
  }

  private async writeAtomically(data: LinksFile): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, 'utf8');
    await fs.rename(temp, this.file);
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

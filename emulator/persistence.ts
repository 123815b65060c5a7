/**
 * Durable storage of the emulator: one JSON file per resource, under one folder per (org, sandbox):
 *
 *   <dataDir>/<org>/<sandbox>/scope.json                 written last when a scope is first seeded
 *   <dataDir>/<org>/<sandbox>/connectionSpecs/<id>.json
 *   <dataDir>/<org>/<sandbox>/flowSpecs/<id>.json
 *
 * One file per resource keeps every write O(size of one spec) even with thousands of specs. Each write goes to a
 * temp file in the same folder, is fsynced, renamed over the target and the folder is fsynced, so a crash leaves
 * either the old or the new file, never a torn one; and a caller that awaited the write knows it survives a kill.
 */
import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { commitStagedFile, isTempFileName, stageFile, syncFolder, writeFileAtomically } from '../core/files/atomicWrite';
import { SPEC_RESOURCES } from '../core/spec/kinds';
import type { Scope, SpecResourceName, StoredSpec } from './types';

const RESOURCES: readonly SpecResourceName[] = SPEC_RESOURCES;
const SCOPE_FILE = 'scope.json';

/** Makes an org id or sandbox name safe as one folder name (reversible, no `/`, no leading dot). */
export function encodeSegment(value: string): string {
  return value.replace(/[^A-Za-z0-9@_-]/g, (ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Ids are server-made uuids, but a PUT path could carry anything: never let it escape the folder. */
function fileNameForId(id: string): string {
  return `${encodeSegment(id)}.json`;
}

interface PendingWrite {
  dir: string;
  /** `undefined` deletes the file (a DELETE of a flow resource), in order with the writes around it. */
  content: string | undefined;
  waiters: Array<{ resolve: () => void; reject: (err: unknown) => void }>;
}

export interface LoadedScope {
  seeded: boolean;
  specs: Record<SpecResourceName, StoredSpec[]>;
  /** Files that could not be read or were not a stored spec, moved to the quarantine folder. */
  quarantined: QuarantinedFile[];
}

/** A file set aside on load: where it was (relative to the data folder), where it went, and why. */
export interface QuarantinedFile {
  /** Its resource folder: a spec resource or one of the flow resources (connections, flows, runs…). */
  resource: string;
  file: string;
  movedTo?: string;
  reason: string;
}

/** Folder (below the data folder) that unreadable or corrupt files are moved to on load. */
export const QUARANTINE_DIR = 'quarantine';

/** Records of one resource folder as loaded, and the files set aside on the way. */
export interface LoadedRecords<T> {
  records: T[];
  quarantined: QuarantinedFile[];
}

/**
 * A `Warning` header value for a list of `resource` when some of its files were set aside on load (the list is then
 * incomplete), else undefined. Names files relative to the data folder only.
 */
export function quarantineWarning(resource: string, quarantined: readonly QuarantinedFile[] | undefined): string | undefined {
  const files = quarantined?.filter((file) => file.resource === resource) ?? [];
  if (files.length === 0) return undefined;
  const names = files.map((file) => file.movedTo ?? file.file).join(', ');
  const text = `${files.length} unreadable or corrupt ${resource} file(s) were set aside when this sandbox was loaded: ${names}`;
  return `199 sources-sdk-emulator "${text.replace(/[^\x20-\x7e]|"|\\/g, '?')}"`;
}

/** The log line for a file set aside on load. */
export function quarantineLogLine(file: QuarantinedFile): string {
  return `data folder: ${file.file} could not be loaded (${file.reason}); ${file.movedTo ? `moved to ${file.movedTo}` : 'left in place and skipped'}`;
}

/** Parses a stored spec file; throws when it is not JSON or lacks the fields every stored spec has. */
function parseStoredSpec(text: string): StoredSpec {
  const parsed = JSON.parse(text) as unknown;
  const spec = parsed as Partial<StoredSpec> | null;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec) || typeof spec.id !== 'string' || typeof spec.createdAt !== 'number' || typeof spec.updatedAt !== 'number') {
    throw new Error('not a stored spec (an object with id, createdAt and updatedAt)');
  }
  return spec as StoredSpec;
}

/** Parses a stored record of a flow resource; throws when it is not JSON or lacks the id and createdAt every record has. */
function parseStoredRecord<T>(text: string): T {
  const record = JSON.parse(text) as { id?: unknown; createdAt?: unknown } | null;
  if (record === null || typeof record !== 'object' || Array.isArray(record) || typeof record.id !== 'string' || typeof record.createdAt !== 'number') {
    throw new Error('not a stored record (an object with id and createdAt)');
  }
  return record as T;
}

/** File-backed persistence for all scopes under one data folder. */
export class DiskPersistence {
  private readonly createdDirs = new Set<string>();

  constructor(private readonly dataDir: string) {}

  private scopeDir(scope: Scope): string {
    return join(this.dataDir, encodeSegment(scope.orgId), encodeSegment(scope.sandboxName));
  }

  private async ensureDir(dir: string): Promise<void> {
    if (this.createdDirs.has(dir)) return;
    await fs.mkdir(dir, { recursive: true });
    // The new folder's own entry must be durable too, or a crash could lose every file inside it.
    let current = dir;
    while (current.length > this.dataDir.length) {
      const parent = join(current, '..');
      await syncFolder(parent);
      current = parent;
    }
    this.createdDirs.add(dir);
  }

  /** Reads a scope folder; leftover temp files from an interrupted write are deleted. */
  async loadScope(scope: Scope): Promise<LoadedScope> {
    const dir = this.scopeDir(scope);
    const result: LoadedScope = { seeded: false, specs: { connectionSpecs: [], flowSpecs: [] }, quarantined: [] };
    try {
      await fs.access(join(dir, SCOPE_FILE));
      result.seeded = true;
    } catch {
      result.seeded = false;
    }
    for (const resource of RESOURCES) {
      const loaded = await this.readFolder(scope, resource, parseStoredSpec);
      result.specs[resource] = loaded.records;
      result.quarantined.push(...loaded.quarantined);
    }
    return result;
  }

  /**
   * Durably writes one spec. Writes are group-committed: everything that arrives while a batch is being flushed
   * goes into the next batch, which writes and fsyncs its temp files in parallel, renames them in arrival order
   * and fsyncs each folder once. A later write of the same spec replaces an earlier one still waiting in the
   * batch, so the file always ends with the last accepted version. Resolves once the spec is on disk.
   */
  writeSpec(scope: Scope, resource: SpecResourceName, spec: StoredSpec): Promise<void> {
    return this.writeRecord(scope, resource, spec);
  }

  /** Durably writes one record of any resource folder (specs, connections, flows, runs…), like `writeSpec`. */
  writeRecord(scope: Scope, resource: string, record: { id: string }): Promise<void> {
    const dir = join(this.scopeDir(scope), resource);
    return this.enqueueWrite(dir, join(dir, fileNameForId(record.id)), `${JSON.stringify(record, null, 2)}\n`);
  }

  /** Durably removes one record; ordered with the writes of the same batch. */
  deleteRecord(scope: Scope, resource: string, id: string): Promise<void> {
    const dir = join(this.scopeDir(scope), resource);
    return this.enqueueWrite(dir, join(dir, fileNameForId(id)), undefined);
  }

  /**
   * Every record of one resource folder of a scope, oldest first; leftover temp files are deleted, and a file that
   * cannot be read or is not a record is moved to the quarantine folder (like `loadScope` does for specs) so the rest
   * of the sandbox loads.
   */
  loadRecords<T extends { id: string; createdAt: number }>(scope: Scope, resource: string): Promise<LoadedRecords<T>> {
    return this.readFolder(scope, resource, (text) => parseStoredRecord<T>(text));
  }

  /**
   * Reads one resource folder of a scope, oldest first (listing order is creation order, like the in-memory store):
   * leftover temp files from an interrupted write are deleted, and a file `parse` rejects is quarantined.
   */
  private async readFolder<T extends { id: string; createdAt: number }>(scope: Scope, resource: string, parse: (text: string) => T): Promise<LoadedRecords<T>> {
    const resourceDir = join(this.scopeDir(scope), resource);
    const loaded: LoadedRecords<T> = { records: [], quarantined: [] };
    let names: string[];
    try {
      names = await fs.readdir(resourceDir);
    } catch {
      return loaded; // folder not created yet: nothing stored
    }
    for (const name of names) {
      if (isTempFileName(name)) {
        await fs.rm(join(resourceDir, name), { force: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;
      try {
        loaded.records.push(parse(await fs.readFile(join(resourceDir, name), 'utf8')));
      } catch (err) {
        loaded.quarantined.push(await this.quarantine(scope, resource, name, err));
      }
    }
    loaded.records.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    return loaded;
  }

  private pending = new Map<string, PendingWrite>();
  private flushing: Promise<void> | undefined;

  private enqueueWrite(dir: string, path: string, content: string | undefined): Promise<void> {
    return new Promise<void>((resolvePromise, rejectPromise) => {
      const existing = this.pending.get(path);
      // Delete then set keeps the map in arrival order of the latest version.
      this.pending.delete(path);
      this.pending.set(path, {
        dir,
        content,
        waiters: [...(existing?.waiters ?? []), { resolve: resolvePromise, reject: rejectPromise }],
      });
      this.flushing ??= this.flushLoop();
    });
  }

  /** Resolves when no write is pending or in flight. */
  async flushed(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        const batch = this.pending;
        this.pending = new Map();
        try {
          await this.flushBatch(batch);
          for (const write of batch.values()) for (const waiter of write.waiters) waiter.resolve();
        } catch {
          // One write the file system refuses (a name too long, a full folder) must fail only its own request:
          // redo the batch one write at a time, in arrival order. Writes are idempotent (temp file + rename).
          for (const [path, write] of batch) {
            try {
              await this.flushBatch(new Map([[path, write]]));
              for (const waiter of write.waiters) waiter.resolve();
            } catch (err) {
              const failure = this.storageError(path, err);
              for (const waiter of write.waiters) waiter.reject(failure);
            }
          }
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async flushBatch(batch: Map<string, PendingWrite>): Promise<void> {
    const dirs = new Set(Array.from(batch.values(), (write) => write.dir));
    for (const dir of dirs) await this.ensureDir(dir);
    const staged = await Promise.all(
      Array.from(batch.entries(), async ([path, write]) => ({
        path,
        tempPath: write.content === undefined ? undefined : await stageFile(path, write.content, { durable: true }),
      })),
    );
    for (const { path, tempPath } of staged) {
      if (tempPath === undefined) await fs.rm(path, { force: true });
      else await commitStagedFile(tempPath, path);
    }
    await Promise.all(Array.from(dirs, (dir) => syncFolder(dir)));
  }

  /**
   * Moves an unreadable or corrupt file to `<data>/quarantine/<org>/<sandbox>/<resource>/`, so the rest of its
   * sandbox loads, and the file is kept for the user to inspect. If even the move fails, the file is skipped.
   */
  private async quarantine(scope: Scope, resource: string, name: string, err: unknown): Promise<QuarantinedFile> {
    const from = join(this.scopeDir(scope), resource, name);
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    const reason = code ?? (err instanceof Error ? err.message : String(err));
    const entry: QuarantinedFile = { resource, file: relative(this.dataDir, from), reason };
    const targetDir = join(this.dataDir, QUARANTINE_DIR, encodeSegment(scope.orgId), encodeSegment(scope.sandboxName), resource);
    try {
      await fs.mkdir(targetDir, { recursive: true });
      let target = join(targetDir, name);
      try {
        await fs.access(target);
        target = join(targetDir, `${Date.now()}-${name}`); // an earlier quarantined copy keeps its name
      } catch {
        // free
      }
      await fs.rename(from, target);
      entry.movedTo = relative(this.dataDir, target);
    } catch {
      // left in place; it is skipped again on the next load
    }
    return entry;
  }

  /** An error naming the file relative to the data folder: messages never show absolute paths. */
  private storageError(path: string, err: unknown): Error {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    return new Error(`could not store ${relative(this.dataDir, path)} in the data folder${code ? ` (${code})` : ''}`);
  }

  /** Marks a scope as seeded; written after the seeds so an interrupted seeding is redone on next start. */
  async markSeeded(scope: Scope, sandboxId: string): Promise<void> {
    const dir = this.scopeDir(scope);
    await this.ensureDir(dir);
    const content = JSON.stringify({ ...scope, sandboxId, seededAt: Date.now() }, null, 2);
    await writeFileAtomically(join(dir, SCOPE_FILE), `${content}\n`, { durable: true });
  }
}

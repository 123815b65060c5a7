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
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Scope, SpecResourceName, StoredSpec } from './types';

const RESOURCES: SpecResourceName[] = ['connectionSpecs', 'flowSpecs'];
const SCOPE_FILE = 'scope.json';

/** Makes an org id or sandbox name safe as one folder name (reversible, no `/`, no leading dot). */
export function encodeSegment(value: string): string {
  return value.replace(/[^A-Za-z0-9@_-]/g, (ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Ids are server-made uuids, but a PUT path could carry anything: never let it escape the folder. */
function fileNameForId(id: string): string {
  return `${encodeSegment(id)}.json`;
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `content` to `path` atomically and durably (temp file, fsync, rename, fsync dir). */
export async function writeFileDurably(path: string, dir: string, content: string): Promise<void> {
  const tempPath = join(dir, `.tmp-${randomBytes(6).toString('hex')}`);
  const handle = await fs.open(tempPath, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tempPath, path);
  await fsyncDir(dir);
}

export interface LoadedScope {
  seeded: boolean;
  specs: Record<SpecResourceName, StoredSpec[]>;
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
      await fsyncDir(parent);
      current = parent;
    }
    this.createdDirs.add(dir);
  }

  /** Reads a scope folder; leftover temp files from an interrupted write are deleted. */
  async loadScope(scope: Scope): Promise<LoadedScope> {
    const dir = this.scopeDir(scope);
    const result: LoadedScope = { seeded: false, specs: { connectionSpecs: [], flowSpecs: [] } };
    try {
      await fs.access(join(dir, SCOPE_FILE));
      result.seeded = true;
    } catch {
      result.seeded = false;
    }
    for (const resource of RESOURCES) {
      const resourceDir = join(dir, resource);
      let names: string[];
      try {
        names = await fs.readdir(resourceDir);
      } catch {
        continue; // folder not created yet: nothing stored
      }
      for (const name of names) {
        if (name.startsWith('.tmp-')) {
          await fs.rm(join(resourceDir, name), { force: true });
          continue;
        }
        if (!name.endsWith('.json')) continue;
        const text = await fs.readFile(join(resourceDir, name), 'utf8');
        result.specs[resource].push(JSON.parse(text) as StoredSpec);
      }
      // Listing order is creation order, like the in-memory store.
      result.specs[resource].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    }
    return result;
  }

  async writeSpec(scope: Scope, resource: SpecResourceName, spec: StoredSpec): Promise<void> {
    const dir = join(this.scopeDir(scope), resource);
    await this.ensureDir(dir);
    await writeFileDurably(join(dir, fileNameForId(spec.id)), dir, `${JSON.stringify(spec, null, 2)}\n`);
  }

  /** Marks a scope as seeded; written after the seeds so an interrupted seeding is redone on next start. */
  async markSeeded(scope: Scope, sandboxId: string): Promise<void> {
    const dir = this.scopeDir(scope);
    await this.ensureDir(dir);
    const content = JSON.stringify({ ...scope, sandboxId, seededAt: Date.now() }, null, 2);
    await writeFileDurably(join(dir, SCOPE_FILE), dir, `${content}\n`);
  }
}

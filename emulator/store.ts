/**
 * The emulator's spec store: connection and flow specs kept per (org, sandbox) scope, in memory and, when a data
 * folder is given, on disk. Writes are group-committed in arrival order (see DiskPersistence.writeSpec), so
 * concurrent PUTs land in the order they were accepted, and a call resolves only once its write is durable.
 */
import { SPEC_RESOURCES } from '../core/spec/kinds';
import { createHash, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { SERVER_MANAGED_FIELDS } from '../core/serverManagedFields';
import { DiskPersistence, quarantineLogLine, quarantineWarning, type QuarantinedFile } from './persistence';
import { builtinSeedFlowSpecs } from './seeds';
import type { Scope, SpecResourceName, StoredSpec } from './types';


/** The client id recorded as creator of seeded specs (the platform's own connectors client). */
const SEED_CLIENT_ID = 'acp_foundation_connectors';

interface ScopeData {
  sandboxId: string;
  specs: Record<SpecResourceName, Map<string, StoredSpec>>;
  /** Files set aside when the scope was loaded (see DiskPersistence.quarantine). */
  quarantined?: QuarantinedFile[];
}

export interface SpecStoreOptions {
  dataDir?: string;
  /** Seed RestStorageToAEP and GenericStreamingAEP (default true). */
  seed?: boolean;
  seedConnectionSpecs?: object[];
  seedFlowSpecs?: object[];
  /** Where load problems (quarantined files) are reported; default nowhere. */
  log?: (line: string) => void;
}

/** A uuid (v4 layout) derived from text, so seeds and sandbox ids are stable across restarts. */
export function stableUuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function scopeKey(scope: Scope): string {
  return JSON.stringify([scope.orgId, scope.sandboxName]);
}

function authoredFields(body: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...body };
  for (const field of SERVER_MANAGED_FIELDS) delete copy[field];
  return copy;
}

export class SpecStore {
  private readonly scopes = new Map<string, Promise<ScopeData>>();
  private readonly persistence: DiskPersistence | undefined;
  private lastTimestamp = 0;

  constructor(private readonly options: SpecStoreOptions = {}) {
    this.persistence = options.dataDir ? new DiskPersistence(resolve(options.dataDir)) : undefined;
  }

  /** Epoch ms, strictly increasing even for writes within the same millisecond. */
  private nextTimestamp(): number {
    this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp + 1);
    return this.lastTimestamp;
  }

  /**
   * Persists a record, then publishes it in memory. The persistence layer resolves writes in arrival order, so
   * memory ends with the last accepted version too; without a data folder the record is published at once.
   */
  private async commit(scope: Scope, data: ScopeData, resource: SpecResourceName, record: StoredSpec): Promise<StoredSpec> {
    if (this.persistence) await this.persistence.writeSpec(scope, resource, record);
    data.specs[resource].set(record.id, record);
    return record;
  }

  /** Resolves when every write accepted so far is durable. */
  async idle(): Promise<void> {
    await this.persistence?.flushed();
  }

  private scopeData(scope: Scope): Promise<ScopeData> {
    const key = scopeKey(scope);
    let data = this.scopes.get(key);
    if (!data) {
      data = this.openScope(scope);
      // A failed load must not poison the scope forever: forget it so the next request retries.
      data.catch(() => this.scopes.delete(key));
      this.scopes.set(key, data);
    }
    return data;
  }

  private async openScope(scope: Scope): Promise<ScopeData> {
    const data: ScopeData = {
      sandboxId: stableUuid(`sandbox:${scope.orgId}:${scope.sandboxName}`),
      specs: { connectionSpecs: new Map(), flowSpecs: new Map() },
    };
    let seeded = false;
    if (this.persistence) {
      const loaded = await this.persistence.loadScope(scope);
      seeded = loaded.seeded;
      if (loaded.quarantined.length > 0) data.quarantined = loaded.quarantined;
      for (const file of loaded.quarantined) this.options.log?.(quarantineLogLine(file));
      for (const resource of SPEC_RESOURCES) {
        for (const spec of loaded.specs[resource]) {
          data.specs[resource].set(spec.id, spec);
          this.lastTimestamp = Math.max(this.lastTimestamp, spec.updatedAt);
        }
      }
    }
    if (!seeded) await this.seedScope(scope, data);
    return data;
  }

  private async seedScope(scope: Scope, data: ScopeData): Promise<void> {
    const seeds: Array<[SpecResourceName, Record<string, unknown>]> = [];
    const builtins = this.options.seed !== false ? builtinSeedFlowSpecs() : [];
    // A seeded flow spec named like a built-in one (e.g. examples/ holding a RestStorageToAEP copy) takes its place
    // and its id, instead of adding a second spec of that name that would make lookups by name ambiguous.
    const builtinIds = new Map(builtins.map((spec) => [spec.name, spec.id]));
    const extraFlowSpecs = (this.options.seedFlowSpecs ?? []).map((raw) => {
      const spec = raw as Record<string, unknown>;
      const id = typeof spec.id === 'string' && spec.id ? spec.id : builtinIds.get(spec.name);
      return id ? { ...spec, id } : spec;
    });
    const replaced = new Set(extraFlowSpecs.map((spec) => spec.id));
    for (const spec of builtins) if (!replaced.has(spec.id)) seeds.push(['flowSpecs', spec]);
    for (const spec of extraFlowSpecs) seeds.push(['flowSpecs', spec]);
    for (const spec of this.options.seedConnectionSpecs ?? []) {
      seeds.push(['connectionSpecs', spec as Record<string, unknown>]);
    }
    const writes: Promise<StoredSpec>[] = [];
    for (const [index, [resource, spec]] of seeds.entries()) {
      const id =
        typeof spec.id === 'string' && spec.id
          ? spec.id
          : stableUuid(`seed:${scope.orgId}:${scope.sandboxName}:${resource}:${index}:${String(spec.name)}`);
      // A seeding interrupted by a crash is redone; anything already stored (maybe edited since) wins.
      if (data.specs[resource].has(id)) continue;
      writes.push(this.commit(scope, data, resource, this.buildRecord(scope, data, id, spec, SEED_CLIENT_ID, undefined)));
    }
    await Promise.all(writes);
    await this.persistence?.markSeeded(scope, data.sandboxId);
  }

  private buildRecord(
    scope: Scope,
    data: ScopeData,
    id: string,
    body: Record<string, unknown>,
    clientId: string,
    previous: StoredSpec | undefined,
  ): StoredSpec {
    const now = this.nextTimestamp();
    const user = `${clientId}@AdobeID`;
    return {
      id,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      createdBy: previous?.createdBy ?? user,
      updatedBy: user,
      createdClient: previous?.createdClient ?? clientId,
      updatedClient: clientId,
      sandboxId: data.sandboxId,
      sandboxName: scope.sandboxName,
      imsOrgId: scope.orgId,
      ...authoredFields(body),
    };
  }

  /** Every spec of one kind in a scope, in creation order. */
  async list(scope: Scope, resource: SpecResourceName): Promise<StoredSpec[]> {
    const data = await this.scopeData(scope);
    return Array.from(data.specs[resource].values());
  }

  async get(scope: Scope, resource: SpecResourceName, id: string): Promise<StoredSpec | undefined> {
    const data = await this.scopeData(scope);
    return data.specs[resource].get(id);
  }

  /** Creates a spec with a new uuid; resolves once durable. */
  async create(
    scope: Scope,
    resource: SpecResourceName,
    body: Record<string, unknown>,
    clientId: string,
  ): Promise<StoredSpec> {
    const data = await this.scopeData(scope);
    return this.commit(scope, data, resource, this.buildRecord(scope, data, randomUUID(), body, clientId, undefined));
  }

  /** Full replacement of an existing spec; `undefined` when the id is unknown in this scope. */
  async replace(
    scope: Scope,
    resource: SpecResourceName,
    id: string,
    body: Record<string, unknown>,
    clientId: string,
  ): Promise<StoredSpec | undefined> {
    const data = await this.scopeData(scope);
    const previous = data.specs[resource].get(id);
    if (!previous) return undefined;
    return this.commit(scope, data, resource, this.buildRecord(scope, data, id, body, clientId, previous));
  }

  /**
   * A `Warning` header value for a list of `resource` in `scope` when files of it were quarantined on load (the
   * list is then incomplete), else undefined.
   */
  async loadWarning(scope: Scope, resource: SpecResourceName): Promise<string | undefined> {
    return quarantineWarning(resource, (await this.scopeData(scope)).quarantined);
  }

  /** Scopes opened so far (for tests and the health route). */
  openScopes(): Scope[] {
    return Array.from(this.scopes.keys()).map((key) => {
      const [orgId, sandboxName] = JSON.parse(key) as [string, string];
      return { orgId, sandboxName };
    });
  }
}

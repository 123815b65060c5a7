/**
 * One store for the Flow Service instance resources the emulator keeps beside the specs: base connections,
 * source and target connections, mapping sets, flows, runs, and the records runs read. Kept per (org, sandbox)
 * in memory and, with a data folder, as one JSON file per record next to the specs
 * (`<dataDir>/<org>/<sandbox>/<resource>/<id>.json`), written through the same durable, group-committed
 * persistence: a call resolves only once its write is on disk.
 */
import { randomUUID } from 'node:crypto';
import { FLOW_RESOURCE_LIST, INSTANCE_RESOURCES, type InstanceResource } from '../../core/api/flowResources';
import { quarantineLogLine, quarantineWarning, type DiskPersistence, type QuarantinedFile } from '../persistence';
import { stableUuid } from '../store';
import type { Scope } from '../types';

/**
 * The resource folders this store keeps: the instance resources of the flow-resources table, and `runRecords`
 * (what each run read, an emulator extension).
 */
export type FlowResourceName = InstanceResource | 'runRecords';
export const FLOW_RESOURCES: readonly FlowResourceName[] = [...INSTANCE_RESOURCES, 'runRecords'];

/** A stored record. Fields starting with `_` are the emulator's own (e.g. encrypted secrets) and never served. */
export type StoredResource = Record<string, unknown> & { id: string; createdAt: number; updatedAt: number };

/** Resources whose items carry `version`/`etag` (a quoted uuid that changes on every update), per the table. */
const VERSIONED: ReadonlySet<FlowResourceName> = new Set(FLOW_RESOURCE_LIST.filter((row) => row.versioned).map((row) => row.resource as InstanceResource));

/** Server-managed fields a client may not set on any of these resources (a create drops them, a PATCH is refused). */
export const SERVER_FIELDS: readonly string[] = [
  'id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'createdClient', 'updatedClient',
  'sandboxId', 'sandboxName', 'imsOrgId', 'etag', 'version', 'createdDate', 'modifiedDate', 'modifiedBy',
];

/** A new etag in the platform's form: a JSON string holding a quoted uuid. */
export function newEtag(): string {
  return `"${randomUUID()}"`;
}

/** Compares an If-Match header with an etag: surrounding quotes and a weak prefix are ignored (docs send both). */
export function etagMatches(ifMatch: string, etag: string): boolean {
  const bare = (value: string): string => value.trim().replace(/^W\//, '').replace(/^"+|"+$/g, '');
  return bare(ifMatch) === bare(etag);
}

/** The record as served: internal `_` fields removed. */
export function publicView(record: StoredResource): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!key.startsWith('_')) out[key] = value;
  return out;
}

type ScopeData = Map<FlowResourceName, Map<string, StoredResource>>;

export class FlowResourceStore {
  private readonly scopes = new Map<string, Promise<ScopeData>>();
  /** Files set aside when each scope was loaded, by scope key (see DiskPersistence.loadRecords). */
  private readonly quarantined = new Map<string, QuarantinedFile[]>();
  private lastTimestamp = 0;
  /** Called once per scope after it is loaded (the run scheduler re-arms persisted flows). */
  onScopeOpened: ((scope: Scope) => void) | undefined;
  /**
   * Called while a scope loads from disk, before anyone can read it: the records it returns replace the loaded ones
   * and are written back (runs interrupted by a stop are marked failed).
   */
  repairOnLoad: ((list: (resource: FlowResourceName) => StoredResource[]) => Array<{ resource: FlowResourceName; record: StoredResource }>) | undefined;

  constructor(
    private readonly persistence: DiskPersistence | undefined,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  private static key(scope: Scope): string {
    return JSON.stringify([scope.orgId, scope.sandboxName]);
  }

  private nextTimestamp(): number {
    this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp + 1);
    return this.lastTimestamp;
  }

  private scopeData(scope: Scope): Promise<ScopeData> {
    const key = FlowResourceStore.key(scope);
    let data = this.scopes.get(key);
    if (!data) {
      data = this.load(scope);
      data.catch(() => this.scopes.delete(key));
      this.scopes.set(key, data);
      data.then(() => this.onScopeOpened?.(scope)).catch(() => undefined);
    }
    return data;
  }

  private async load(scope: Scope): Promise<ScopeData> {
    const data: ScopeData = new Map(FLOW_RESOURCES.map((name) => [name, new Map()]));
    if (!this.persistence) return data;
    const quarantined: QuarantinedFile[] = [];
    for (const name of FLOW_RESOURCES) {
      const loaded = await this.persistence.loadRecords<StoredResource>(scope, name);
      for (const record of loaded.records) {
        data.get(name)!.set(record.id, record);
        this.lastTimestamp = Math.max(this.lastTimestamp, record.updatedAt ?? 0);
      }
      quarantined.push(...loaded.quarantined);
    }
    for (const file of quarantined) this.log(quarantineLogLine(file));
    if (quarantined.length > 0) this.quarantined.set(FlowResourceStore.key(scope), quarantined);
    for (const { resource, record } of this.repairOnLoad?.((name) => [...data.get(name)!.values()]) ?? []) {
      data.get(resource)!.set(record.id, record);
      await this.persistence.writeRecord(scope, resource, record);
    }
    return data;
  }

  /** Loads a scope if needed (used at start-up to resume schedules of scopes found on disk). */
  async open(scope: Scope): Promise<void> {
    await this.scopeData(scope);
  }

  /** A `Warning` header value for a list of `resource` when files of it were set aside on load, else undefined. */
  async loadWarning(scope: Scope, resource: FlowResourceName): Promise<string | undefined> {
    await this.scopeData(scope);
    return quarantineWarning(resource, this.quarantined.get(FlowResourceStore.key(scope)));
  }

  async list(scope: Scope, resource: FlowResourceName): Promise<StoredResource[]> {
    return Array.from((await this.scopeData(scope)).get(resource)!.values());
  }

  async get(scope: Scope, resource: FlowResourceName, id: string): Promise<StoredResource | undefined> {
    return (await this.scopeData(scope)).get(resource)!.get(id);
  }

  private serverFields(scope: Scope, clientId: string, now: number): Record<string, unknown> {
    const user = `${clientId}@AdobeID`;
    return {
      createdAt: now, updatedAt: now, createdBy: user, updatedBy: user, createdClient: clientId, updatedClient: clientId,
      sandboxId: stableUuid(`sandbox:${scope.orgId}:${scope.sandboxName}`), sandboxName: scope.sandboxName, imsOrgId: scope.orgId,
    };
  }

  /** Creates a record from a client body (server fields stripped) plus emulator-computed `extra` fields. */
  async create(
    scope: Scope,
    resource: FlowResourceName,
    body: Record<string, unknown>,
    clientId: string,
    extra: Record<string, unknown> = {},
    id: string = randomUUID(),
  ): Promise<StoredResource> {
    const data = await this.scopeData(scope);
    const authored: Record<string, unknown> = { ...body };
    for (const field of SERVER_FIELDS) delete authored[field];
    const now = this.nextTimestamp();
    const record: StoredResource = { id, ...this.serverFields(scope, clientId, now), ...authored, ...extra } as StoredResource;
    return this.store(scope, data, resource, record, true);
  }

  /**
   * Read-modify-write of one record: `change` gets the current record (synchronously after the scope is loaded,
   * so no other request interleaves) and returns the next one, or `undefined` to leave it. Audit fields are
   * advanced; `bumpEtag` is false for changes the server makes on its own (run progress, a flow's last run),
   * which the platform does not treat as a new version. The new record is visible at once and durable when
   * the promise resolves. Resolves `undefined` when the record does not exist or `change` declined.
   */
  async mutate(
    scope: Scope,
    resource: FlowResourceName,
    id: string,
    change: (current: StoredResource) => StoredResource | undefined,
    options: { clientId?: string; bumpEtag?: boolean } = {},
  ): Promise<StoredResource | undefined> {
    const data = await this.scopeData(scope);
    const current = data.get(resource)!.get(id);
    if (!current) return undefined;
    const next = change(current);
    if (!next) return undefined;
    const record: StoredResource = { ...next, id, updatedAt: this.nextTimestamp() };
    if (options.clientId) {
      record.updatedBy = `${options.clientId}@AdobeID`;
      record.updatedClient = options.clientId;
    }
    return this.store(scope, data, resource, record, options.bumpEtag !== false);
  }

  /**
   * Puts `record` in place (a new etag first for a versioned resource when `bumpEtag`): visible at once, durable when
   * the promise resolves.
   */
  private async store(scope: Scope, data: ScopeData, resource: FlowResourceName, record: StoredResource, bumpEtag: boolean): Promise<StoredResource> {
    if (VERSIONED.has(resource) && bumpEtag) {
      const etag = newEtag();
      record.version = etag;
      record.etag = etag;
    }
    data.get(resource)!.set(record.id, record);
    await this.persistence?.writeRecord(scope, resource, record);
    return record;
  }

  /** Deletes a record; resolves once the deletion is durable. */
  async remove(scope: Scope, resource: FlowResourceName, id: string): Promise<void> {
    const data = await this.scopeData(scope);
    data.get(resource)!.delete(id);
    await this.persistence?.deleteRecord(scope, resource, id);
  }

  /** Resolves when every write accepted so far is durable. */
  async idle(): Promise<void> {
    await this.persistence?.flushed();
  }
}

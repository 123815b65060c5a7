/** An in-memory FlowServiceClient for sync engine tests: specs per resource, server fields filled like the service. */
import { randomUUID } from 'node:crypto';
import { FlowServiceError } from '../../../core/api/errors';
import type { EnvironmentConfig, FlowServiceClient, ListOptions, RemoteSpec, SpecResource } from '../../../core/api/types';

export const testEnvironment: EnvironmentConfig = {
  name: 'Memory',
  platformUrl: 'http://127.0.0.1:1',
  imsUrl: 'http://127.0.0.1:1',
  orgId: 'MEM@AdobeOrg',
  clientId: 'mem',
  sandbox: 'prod',
  scopes: [],
};

export class MemoryFlowService implements FlowServiceClient {
  readonly environment = testEnvironment;
  readonly specs: Record<SpecResource, Map<string, RemoteSpec>> = { connectionSpecs: new Map(), flowSpecs: new Map() };
  readonly calls: string[] = [];
  private tick = 1000;
  /** Test hook: rewrite a PUT body before storing it (e.g. to simulate a lost update). */
  onPut?: (body: Record<string, unknown>) => Record<string, unknown>;

  seed(resource: SpecResource, spec: Record<string, unknown>): RemoteSpec {
    const stored = { ...spec, id: (spec.id as string) ?? randomUUID(), createdAt: this.tick, updatedAt: this.tick++ } as RemoteSpec;
    this.specs[resource].set(stored.id, stored);
    return stored;
  }

  /** Changes a spec "behind the tool's back". */
  touch(resource: SpecResource, id: string, change: Record<string, unknown>): void {
    const spec = this.specs[resource].get(id)!;
    this.specs[resource].set(id, { ...spec, ...change, updatedAt: this.tick++ });
  }

  async list(resource: SpecResource, options: ListOptions = {}): Promise<RemoteSpec[]> {
    this.calls.push(`list ${resource} ${(options.property ?? []).join('&')}`);
    const name = options.property?.find((p) => p.startsWith('name=='))?.slice(6);
    return [...this.specs[resource].values()].filter((s) => name === undefined || s.name === name).map((s) => structuredClone(s));
  }

  async get(resource: SpecResource, id: string): Promise<RemoteSpec> {
    this.calls.push(`get ${resource} ${id}`);
    const spec = this.specs[resource].get(id);
    if (!spec) throw new FlowServiceError(`not found ${id}`, 'not-found', { status: 404 });
    return structuredClone(spec);
  }

  async create(resource: SpecResource, body: Record<string, unknown>): Promise<RemoteSpec> {
    this.calls.push(`create ${resource}`);
    return structuredClone(this.seed(resource, { ...body, id: undefined }));
  }

  async update(resource: SpecResource, id: string, body: Record<string, unknown>): Promise<RemoteSpec> {
    this.calls.push(`update ${resource} ${id}`);
    const existing = this.specs[resource].get(id);
    if (!existing) throw new FlowServiceError(`not found ${id}`, 'not-found', { status: 404 });
    if (body.id !== undefined && body.id !== id) throw new FlowServiceError('id mismatch', 'validation', { status: 400 });
    const stored = { ...(this.onPut ? this.onPut(body) : body), id, createdAt: existing.createdAt, updatedAt: this.tick++ } as RemoteSpec;
    this.specs[resource].set(id, stored);
    return structuredClone(stored);
  }
}

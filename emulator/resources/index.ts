/**
 * The instance resources of the emulator, assembled: one store, one route table, the run service and the
 * streaming inlet. `emulator.ts` calls `handle` for every request before the spec routes.
 */
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Reply, RequestContext } from '../http';
import type { TokenAuthority } from '../ims';
import { DiskPersistence } from '../persistence';
import type { SpecStore } from '../store';
import type { EmulatorClock, Scope } from '../types';
import { baseConnections } from './baseConnections';
import { mappingSets, sourceConnections, targetConnections } from './connections';
import type { ResourceServices } from './descriptor';
import { exploreRoute } from './explore';
import { flows } from './flows';
import { handleInlet, INLET_ROOT } from './inlet';
import { FlowResourceStore } from './resourceStore';
import { ResourceRoutes } from './routes';
import { createRunRoute, runRecordsRoute, runs } from './runRoutes';
import { RunService, systemClock, type Execute } from './runs';
import { SecretBox } from './secrets';

export type { Execute } from './runs';
export { KEPT_RECORDS_PER_RUN } from './runs';

export interface FlowResourcesOptions {
  dataDir?: string;
  specs: SpecStore;
  tokens: TokenAuthority;
  /** The execution engine (`runSpec` of core/run). */
  execute: Execute;
  clock?: EmulatorClock;
  log?: (line: string) => void;
}

/** Reverses persistence's `encodeSegment` (`%xx` escapes). */
function decodeSegment(segment: string): string {
  return segment.replace(/%([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export class FlowResources {
  readonly store: FlowResourceStore;
  readonly runs: RunService;
  private readonly routes: ResourceRoutes;
  private readonly services: ResourceServices;

  constructor(private readonly options: FlowResourcesOptions) {
    const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
    this.store = new FlowResourceStore(dataDir ? new DiskPersistence(dataDir) : undefined, options.log);
    this.runs = new RunService(this.store, options.specs, () => this.services, options.execute, options.clock ?? systemClock, options.log);
    this.services = {
      specs: options.specs,
      store: this.store,
      secrets: new SecretBox(dataDir),
      scheduler: this.runs,
      baseUrl: (ctx) => `http://${ctx.req.headers.host ?? 'localhost'}`,
    };
    this.store.onScopeOpened = (scope) => {
      this.runs.resume(scope).catch((err: unknown) => options.log?.(`resuming schedules failed: ${err instanceof Error ? err.message : String(err)}`));
    };
    this.routes = new ResourceRoutes(
      {
        descriptors: [baseConnections, sourceConnections, targetConnections, mappingSets, flows, runs],
        subRoutes: { 'connections/explore': exploreRoute(options.execute, options.log), 'runs/records': runRecordsRoute },
        collectionPosts: { runs: createRunRoute(this.runs) },
      },
      options.tokens,
      this.services,
    );
  }

  /** Loads every sandbox that has flows on disk, so their schedules resume without waiting for a request. */
  async resumePersisted(): Promise<void> {
    const dataDir = this.options.dataDir ? resolve(this.options.dataDir) : undefined;
    if (!dataDir) return;
    const scopes: Scope[] = [];
    for (const org of await fs.readdir(dataDir).catch(() => [] as string[])) {
      for (const sandbox of await fs.readdir(join(dataDir, org)).catch(() => [] as string[])) {
        const hasFlows = await fs.stat(join(dataDir, org, sandbox, 'flows')).then((s) => s.isDirectory(), () => false);
        if (hasFlows) scopes.push({ orgId: decodeSegment(org), sandboxName: decodeSegment(sandbox) });
      }
    }
    await Promise.all(scopes.map((scope) => this.store.open(scope)));
  }

  /** Handles the request when it is one of the instance resources or the inlet; `undefined` otherwise. */
  async handle(ctx: RequestContext): Promise<Reply | undefined> {
    if (ctx.path.startsWith(`${INLET_ROOT}/`)) return handleInlet(ctx, this.store, this.runs);
    return this.routes.handle(ctx, ctx.path);
  }

  /** Resolves once runs in progress have finished and every write is durable. */
  async idle(): Promise<void> {
    await this.runs.idle();
    await this.store.idle();
  }

  /** Stops schedules and running reads, then waits for pending writes. */
  async stop(): Promise<void> {
    await this.runs.stop();
    await this.store.idle();
  }
}

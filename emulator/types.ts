/**
 * Public option and fault types of the local Flow Service + IMS emulator.
 * Other parts of the project (client tests, bench, extension tests) code against these shapes.
 */

/**
 * Narrows a fault to some requests. `path` is a path prefix (`/flowSpecs`, `/ims/token/v3`) or a glob with `*` and
 * `?` (`/connectionSpecs/*`), tried on the full path and on the path below the Flow Service root; never a regex.
 */
export interface FaultMatch {
  method?: string;
  path?: string;
}

interface FaultBase {
  /** How many matching requests the fault still applies to; counts down; omitted = forever. */
  times?: number;
  match?: FaultMatch;
}

/** Answer with this status instead of serving the request (429 carries `Retry-After` when given). */
export interface StatusFault extends FaultBase {
  kind: 'status';
  status: 429 | 500 | 502 | 503 | 504;
  retryAfterSeconds?: number;
}

/**
 * Answer with a Flow Service refusal instead of serving the request: `status` (default 400) with the error body of
 * `FLOW-<code>-<status>` (default code 1100) whose message is `message`. Rehearses refusals the emulator's own checks
 * never give (a registration the platform turns down, a permission answer), e.g. for mapping messages to fields.
 */
export interface RefuseFault extends FaultBase {
  kind: 'refuse';
  status?: 400 | 403 | 404 | 409 | 412 | 422;
  code?: string;
  message: string;
}

/** Wait `ms` before serving the request normally. */
export interface DelayFault extends FaultBase {
  kind: 'delay';
  ms: number;
}

/** Destroy the socket without answering (the client sees a reset / network error). */
export interface DropFault extends FaultBase {
  kind: 'drop';
}

/** Answer 200 with a body that is not JSON. */
export interface MalformedFault extends FaultBase {
  kind: 'malformed';
}

export type FaultSpec = StatusFault | RefuseFault | DelayFault | DropFault | MalformedFault;

export interface EmulatorOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Persistence folder; undefined = in-memory only. */
  dataDir?: string;
  /** When both are set, only these credentials get tokens. */
  clientId?: string;
  clientSecret?: string;
  /** Default true: seed RestStorageToAEP + GenericStreamingAEP in every (org, sandbox) on first use. */
  seed?: boolean;
  /** Extra authoring-form connection specs created in every (org, sandbox) on first use. */
  seedConnectionSpecs?: object[];
  /** Extra authoring-form flow specs created in every (org, sandbox) on first use (emulator extension). */
  seedFlowSpecs?: object[];
  faults?: FaultSpec[];
  /**
   * Serve the fault route `/__emulator/faults` (off by default; the CLI's `--faults`). Every call to it needs the
   * header `x-emulator-admin-token` with {@link RunningEmulator.adminToken}, and POST needs a JSON content type.
   */
  faultRoute?: boolean;
  /** The admin token for the fault route; default a random one per run. */
  adminToken?: string;
  /** One line per request; never receives tokens or secrets. */
  log?: (line: string) => void;
  /** Lifetime of issued tokens; default 86399 (as IMS). */
  tokenTtlSeconds?: number;
  /** Time and timers of scheduled flow runs; default the system clock. Tests pass a manual clock. */
  clock?: EmulatorClock;
  /** Cap on one source response's bytes (after decompression) in explore and runs; default the engine's 64 MiB. */
  maxResponseBytes?: number;
}

/** The scheduler's view of time: scheduled runs use only these, so a test can advance time without sleeping. */
export interface EmulatorClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Collection of a spec kind (the kind table's resource, core/spec/kinds.ts). */
export type { SpecResource as SpecResourceName } from '../core/spec/kinds';

/** One (org, sandbox) pair: the unit of isolation and of persistence. */
export interface Scope {
  orgId: string;
  sandboxName: string;
}

/** A stored spec: authored fields plus the server-managed ones. */
export type StoredSpec = Record<string, unknown> & { id: string; createdAt: number; updatedAt: number };

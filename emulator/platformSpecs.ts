/**
 * Connection specs that belong to the platform, not to an author: the ones the emulator accepts as the target of a
 * dataflow. The platform lists its own specs under `GET /connectionSpecs` in every sandbox, read-only, and clients
 * look them up there by name (a client's "create a data lake target connection" finds `datalake` in that list and
 * takes its id), so the emulator serves them the same way: in every list (first, as the oldest), by id, never
 * stored, never changed. Written from the documented facts (the Data Lake target spec id `c604ff05-…`, the only
 * `targetConnectionSpecIds` value of both Sources SDK flow specs, batch and streaming alike); the fields the docs do
 * not show (provider id, auth) are left out rather than made up.
 */
import { DATA_LAKE_TARGET_SPEC_ID } from '../core/spec/wellKnownIds';
import type { StoredSpec } from './types';

/** The client id recorded as creator of the platform's specs (the platform's own connectors client). */
const PLATFORM_CLIENT_ID = 'acp_foundation_connectors';
/** A fixed creation time, so the specs sort before anything an author creates and look the same on every run. */
const PLATFORM_CREATED_AT = Date.UTC(2020, 0, 1);

/** What a platform spec is for; the emulator accepts `target` specs in `POST /targetConnections`. */
export type PlatformSpecRole = 'target';

interface PlatformSpec {
  role: PlatformSpecRole;
  spec: StoredSpec;
}

function platformSpec(role: PlatformSpecRole, id: string, authored: Record<string, unknown>): PlatformSpec {
  const user = `${PLATFORM_CLIENT_ID}@AdobeID`;
  return {
    role,
    spec: {
      id,
      createdAt: PLATFORM_CREATED_AT,
      updatedAt: PLATFORM_CREATED_AT,
      createdBy: user,
      updatedBy: user,
      createdClient: PLATFORM_CLIENT_ID,
      updatedClient: PLATFORM_CLIENT_ID,
      ...authored,
    },
  };
}

const PLATFORM_SPECS: readonly PlatformSpec[] = [
  platformSpec('target', DATA_LAKE_TARGET_SPEC_ID, {
    name: 'datalake',
    version: '1.0',
    description: 'The data lake: the target of every Sources SDK dataflow, batch and streaming (a dataset, params.dataSetId).',
    attributes: { isSource: false },
  }),
];

/** The platform's connection specs, fresh copies, oldest first. */
export function platformConnectionSpecs(): StoredSpec[] {
  return PLATFORM_SPECS.map((entry) => structuredClone(entry.spec));
}

/** The platform connection spec with this id (a fresh copy), or undefined. */
export function platformConnectionSpec(id: string): StoredSpec | undefined {
  const found = PLATFORM_SPECS.find((entry) => entry.spec.id === id);
  return found ? structuredClone(found.spec) : undefined;
}

/** True when `id` is a platform spec a target connection may use. */
export function isPlatformTargetSpec(id: string): boolean {
  return PLATFORM_SPECS.some((entry) => entry.role === 'target' && entry.spec.id === id);
}

/** The refusal for changing a platform spec: what it is and what to do instead. */
export function readOnlyMessage(spec: StoredSpec, method: string): string {
  return `The connection spec '${String(spec.name)}' (${spec.id}) belongs to the platform and is read-only: ${method} is refused. ` +
    'It is listed so clients can look it up by name; use its id as the connectionSpec of a target connection.';
}

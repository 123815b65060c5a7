/**
 * Normalisation of specs between their server form and their authoring (file) form, plus canonical JSON and
 * content hashes used to detect remote changes.
 *
 * Choice about `id`: authoring files never carry `id`, for connection specs and flow specs alike. The link store
 * remembers which remote id a file stands for, so the same file can be pushed to several environments. When a flow
 * spec is PUT, the sync engine adds `id` to the body (the documented PUT bodies include it).
 */
import { createHash } from 'node:crypto';
import { isServerManagedField } from '../serverManagedFields';


/** Conventional top-level key order of spec files; other keys follow in their existing order. */
export const CONVENTIONAL_KEY_ORDER: readonly string[] = [
  'name',
  'providerId',
  'version',
  'type',
  'description',
  'attributes',
  'authSpec',
  'sourceSpec',
  'exploreSpec',
  'permissionsInfo',
  'sourceConnectionSpecIds',
  'targetConnectionSpecIds',
  'optionSpec',
  'transformationSpecs',
  'scheduleSpec',
  'runSpec',
];

/** A copy of `spec` without server-managed top-level fields. */
export function toAuthoringForm(spec: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec)) {
    if (!isServerManagedField(key)) out[key] = value;
  }
  return out;
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** JSON with keys sorted at every level, 2-space indent and a trailing newline: equal data gives equal text. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeysDeep(value), null, 2)}\n`;
}

/** sha256 (hex) of the canonical authoring form: equal for specs that differ only in server fields or key order. */
export function contentHash(spec: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(toAuthoringForm(spec))).digest('hex');
}

/** Pretty JSON for a spec file: conventional top-level key order, nested order kept, 2-space indent, final newline. */
export function formatSpecFile(spec: Record<string, unknown>): string {
  const ordered: Record<string, unknown> = {};
  for (const key of CONVENTIONAL_KEY_ORDER) if (key in spec) ordered[key] = spec[key];
  for (const [key, value] of Object.entries(spec)) if (!(key in ordered)) ordered[key] = value;
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

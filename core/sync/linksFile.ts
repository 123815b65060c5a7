/**
 * The on-disk shape of `.sources-sdk/links.json`, checked on every read before anything is sent anywhere: a file of
 * the wrong shape (a bad merge, a hand edit) is a clear error naming the file and the field, never a silent loss of
 * links or a TypeError after a remote spec was created. Keys written by older versions (URL with port, sandbox as
 * typed) are migrated to the stable sync identity; unknown top-level keys and a newer `version` are kept as they are.
 */
import { FlowServiceError } from '../api/errors';
import { migrateSyncIdentity } from '../config/environments';
import { isSpecResource, type SpecResource } from '../spec/kinds';
import { stripBom } from './text';

/** Remote state of one linked file at its last sync. */
export interface LinkRecord {
  resource: SpecResource;
  remoteId: string;
  /** `updatedAt` of the remote spec at the last sync. */
  updatedAt?: number;
  /** Content hash (core/sync/normalize.ts `contentHash`) of the remote spec at the last sync. */
  contentHash: string;
  /** ISO time of the last sync. */
  syncedAt: string;
}

/**
 * A remote flow spec as the tools last saw it (after *Register in Flow Spec* or `sources-sdk register`): the ids it
 * listed, so the workspace check SSDK820 knows a connection spec is registered without a local copy of the flow spec.
 */
export interface SeenFlowSpecRecord {
  name?: string;
  sourceConnectionSpecIds: string[];
  /** ISO time it was seen. */
  seenAt: string;
}

/** The version this code writes; a file with a higher one keeps its number (and its unknown keys). */
export const LINKS_FILE_VERSION = 1;

/** The parsed file: known parts typed, everything else carried through untouched. */
export interface LinksFile {
  version: number;
  environments: Record<string, Record<string, LinkRecord>>;
  /** Remote flow specs last seen, per environment (sync identity) and flow spec id. Optional: older files lack it. */
  seenFlowSpecs?: Record<string, Record<string, SeenFlowSpecRecord>>;
  [unknownKey: string]: unknown;
}

function invalid(file: string, field: string, problem: string): FlowServiceError {
  return new FlowServiceError(
    `${file}: ${field} ${problem}. Fix that entry (a merge conflict or a hand edit?) or delete the file to forget the links; nothing was sent.`,
    'config',
    { code: 'invalid-links-file' },
  );
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

function checkRecord(file: string, field: string, value: unknown): LinkRecord {
  if (!isObject(value)) throw invalid(file, field, 'must be an object');
  if (!isSpecResource(value.resource)) throw invalid(file, `${field}.resource`, 'must be "connectionSpecs" or "flowSpecs"');
  if (typeof value.remoteId !== 'string' || !value.remoteId) throw invalid(file, `${field}.remoteId`, 'must be a non-empty string');
  if (value.updatedAt !== undefined && (typeof value.updatedAt !== 'number' || !Number.isFinite(value.updatedAt))) {
    throw invalid(file, `${field}.updatedAt`, 'must be a number');
  }
  if (typeof value.contentHash !== 'string') throw invalid(file, `${field}.contentHash`, 'must be a string');
  if (typeof value.syncedAt !== 'string') throw invalid(file, `${field}.syncedAt`, 'must be a string');
  return value as unknown as LinkRecord;
}

function checkSeenFlowSpecs(file: string, value: unknown): Record<string, Record<string, SeenFlowSpecRecord>> {
  if (!isObject(value)) throw invalid(file, 'seenFlowSpecs', 'must be an object keyed by environment');
  const out: Record<string, Record<string, SeenFlowSpecRecord>> = {};
  for (const [key, flowSpecs] of Object.entries(value)) {
    const field = `seenFlowSpecs[${JSON.stringify(key)}]`;
    if (!isObject(flowSpecs)) throw invalid(file, field, 'must be an object keyed by flow spec id');
    const target = (out[migrateSyncIdentity(key) ?? key] ??= {});
    for (const [id, seen] of Object.entries(flowSpecs)) {
      const at = `${field}[${JSON.stringify(id)}]`;
      if (!isObject(seen)) throw invalid(file, at, 'must be an object');
      const ids = seen.sourceConnectionSpecIds;
      if (!Array.isArray(ids) || !ids.every((v) => typeof v === 'string')) throw invalid(file, `${at}.sourceConnectionSpecIds`, 'must be a list of strings');
      if (seen.name !== undefined && typeof seen.name !== 'string') throw invalid(file, `${at}.name`, 'must be a string');
      if (typeof seen.seenAt !== 'string') throw invalid(file, `${at}.seenAt`, 'must be a string');
      if (!target[id] || target[id].seenAt < seen.seenAt) target[id] = seen as unknown as SeenFlowSpecRecord;
    }
  }
  return out;
}

/**
 * Validates parsed JSON as a links file and migrates old environment keys. Throws a `config` FlowServiceError
 * (code `invalid-links-file`) naming `file` and the first wrong field.
 */
export function validateLinksFile(file: string, parsed: unknown): LinksFile {
  if (!isObject(parsed)) throw invalid(file, 'the top level', 'must be a JSON object');
  const version = parsed.version ?? LINKS_FILE_VERSION;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw invalid(file, 'version', 'must be a positive integer');
  const rawEnvironments = parsed.environments ?? {};
  if (!isObject(rawEnvironments)) throw invalid(file, 'environments', 'must be an object keyed by environment');
  const environments: Record<string, Record<string, LinkRecord>> = {};
  for (const [key, files] of Object.entries(rawEnvironments)) {
    const field = `environments[${JSON.stringify(key)}]`;
    if (!isObject(files)) throw invalid(file, field, 'must be an object keyed by file path');
    const identity = migrateSyncIdentity(key) ?? key;
    const target = (environments[identity] ??= {});
    for (const [filePath, record] of Object.entries(files)) {
      const checked = checkRecord(file, `${field}[${JSON.stringify(filePath)}]`, record);
      // Two old keys may meet in one identity (the emulator on two ports): keep the most recent sync of each file.
      const existing = target[filePath];
      if (!existing || existing.syncedAt < checked.syncedAt) target[filePath] = checked;
    }
  }
  const checked: LinksFile = { ...parsed, version, environments };
  if (parsed.seenFlowSpecs !== undefined) checked.seenFlowSpecs = checkSeenFlowSpecs(file, parsed.seenFlowSpecs);
  return checked;
}

/** An empty links file of the current version. */
export function emptyLinksFile(): LinksFile {
  return { version: LINKS_FILE_VERSION, environments: {} };
}

/**
 * The text of a links file (a byte order mark allowed: editors on Windows may save one) parsed and validated; throws
 * the same `invalid-links-file` error for bad JSON as {@link validateLinksFile} does for a wrong shape.
 */
export function parseLinksFile(file: string, text: string): LinksFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripBom(text));
  } catch (err) {
    throw new FlowServiceError(
      `${file} is not valid JSON (${(err as Error).message}): fix it (a merge conflict?) or delete it to forget the links`,
      'config',
      { code: 'invalid-links-file' },
    );
  }
  return validateLinksFile(file, parsed);
}

/**
 * Per-request limits, checked before anything is stored: what the emulator accepts it must be able to keep, list,
 * persist and load again. A body nested 5,000 deep was stored and then broke every list of its sandbox (500 until
 * restart); a 300-character sandbox name failed the disk write of every other client's spec in the same batch.
 */
import { jsonDepth, MAX_JSON_DEPTH, measureJson, MIB } from '../core/run/jsonMeasure';

/** Deepest object/array nesting accepted in a request body (real specs stay under 30); the same bound as run records. */
export const MAX_BODY_DEPTH = MAX_JSON_DEPTH;

/** Longest org id or sandbox name accepted (real ones are under 40 characters; folder names must stay short). */
export const MAX_SCOPE_HEADER_LENGTH = 128;

/**
 * Largest streaming event accepted by the inlet, in bytes of JSON (the emulator's own bound: one event is one record,
 * and runs keep at most 16 MiB of records). A request may carry several events up to the 10 MB body limit.
 */
export const MAX_EVENT_BYTES = MIB;

/** Why event number `index` (0-based) posted to an inlet cannot be stored, or undefined when it can. */
export function eventLimitProblem(event: unknown, index: number): string | undefined {
  const size = measureJson(event, { maxDepth: MAX_JSON_DEPTH, maxBytes: MAX_EVENT_BYTES });
  if (size.over === 'depth') return `Event ${index + 1} is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays: flatten it.`;
  if (size.over === 'bytes') return `Event ${index + 1} is larger than ${MAX_EVENT_BYTES / MIB} MiB of JSON: send smaller events.`;
  return undefined;
}

/** Why a request body cannot be stored, or undefined when it can. */
export function bodyLimitProblem(value: unknown): string | undefined {
  if (jsonDepth(value, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) return `The request body is nested deeper than ${MAX_BODY_DEPTH} levels.`;
  return undefined;
}

/** Why an org id or sandbox name header cannot be used, or undefined when it can. */
export function scopeHeaderProblem(name: string, value: string): string | undefined {
  if (value.length > MAX_SCOPE_HEADER_LENGTH) return `The header ${name} is longer than ${MAX_SCOPE_HEADER_LENGTH} characters.`;
  return undefined;
}

/**
 * Fault injection (an emulator feature; the real API has nothing like it): lets tests and users rehearse
 * throttling, outages, slow answers, dropped connections and garbage bodies.
 */
import { FLOW_SERVICE_PATH } from '../core/api/flowResources';
import type { FaultSpec, FaultMatch } from './types';

const STATUS_CODES = new Set([429, 500, 502, 503, 504]);
const REFUSAL_CODES = new Set([400, 403, 404, 409, 412, 422]);

/** Checks and normalises one fault (from JSON, the CLI or the admin route); throws a readable Error. */
export function validateFault(input: unknown): FaultSpec {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('a fault must be an object');
  const fault = input as Record<string, unknown>;
  const times = fault.times;
  if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 0)) {
    throw new Error('fault.times must be a non-negative integer');
  }
  const match = fault.match;
  if (match !== undefined) {
    if (match === null || typeof match !== 'object') throw new Error('fault.match must be an object');
    const { method, path } = match as Record<string, unknown>;
    if (method !== undefined && typeof method !== 'string') throw new Error('fault.match.method must be a string');
    if (path !== undefined && typeof path !== 'string') throw new Error('fault.match.path must be a string');
    if (typeof path === 'string' && path.length > MAX_PATTERN_LENGTH) throw new Error(`fault.match.path must be at most ${MAX_PATTERN_LENGTH} characters`);
    if (typeof path === 'string' && (/^\^|\$$|[()|+{}\\]/.test(path))) {
      throw new Error('fault.match.path is a path prefix or a glob (* and ?), not a regular expression: drop ^ $ ( ) | + { } \\');
    }
  }
  switch (fault.kind) {
    case 'status':
      if (typeof fault.status !== 'number' || !STATUS_CODES.has(fault.status)) {
        throw new Error('fault.status must be one of 429, 500, 502, 503, 504');
      }
      if (fault.retryAfterSeconds !== undefined && (typeof fault.retryAfterSeconds !== 'number' || fault.retryAfterSeconds < 0)) {
        throw new Error('fault.retryAfterSeconds must be a non-negative number');
      }
      break;
    case 'refuse':
      if (fault.status !== undefined && (typeof fault.status !== 'number' || !REFUSAL_CODES.has(fault.status))) {
        throw new Error('fault.status of a refusal must be one of 400, 403, 404, 409, 412, 422');
      }
      if (fault.code !== undefined && (typeof fault.code !== 'string' || !/^\d{4}$/.test(fault.code))) throw new Error('fault.code must be four digits, e.g. "1413"');
      if (typeof fault.message !== 'string' || !fault.message.trim() || fault.message.length > 1000) {
        throw new Error('fault.message of a refusal must be a non-empty string of at most 1000 characters');
      }
      break;
    case 'delay':
      if (typeof fault.ms !== 'number' || fault.ms < 0) throw new Error('fault.ms must be a non-negative number');
      break;
    case 'drop':
    case 'malformed':
      break;
    default:
      throw new Error(`unknown fault kind ${JSON.stringify(fault.kind)} (status, refuse, delay, drop, malformed)`);
  }
  return { ...(fault as unknown as FaultSpec) };
}

/** Longest `match.path` accepted: patterns are short paths, and matching cost grows with their length. */
export const MAX_PATTERN_LENGTH = 200;
/** Most faults active at once. */
export const MAX_FAULTS = 100;

const FLOW_SERVICE_PREFIX = FLOW_SERVICE_PATH;

/**
 * `*` (any run of characters, `/` included) and `?` (one character) wildcards, matched over the whole text by the
 * linear two-pointer algorithm (at most one backtrack point): no regular expression is ever built from a request,
 * so no pattern can make matching slow.
 */
export function globMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * A plain pattern is a path prefix; one with `*` or `?` is a glob over the whole path. Either is tried against the
 * full path and against the path below the Flow Service root, so `/flowSpecs` (or `flowSpecs`) means the flow spec
 * routes. Never a regular expression.
 */
export function pathMatches(pattern: string, path: string): boolean {
  const rooted = pattern.startsWith('/') || pattern.startsWith('*') ? pattern : `/${pattern}`;
  const below = path.startsWith(`${FLOW_SERVICE_PREFIX}/`) ? path.slice(FLOW_SERVICE_PREFIX.length) : undefined;
  const test = /[*?]/.test(rooted) ? (candidate: string) => globMatches(rooted, candidate) : (candidate: string) => candidate.startsWith(rooted);
  return test(path) || (below !== undefined && test(below));
}

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path && !pathMatches(match.path, path)) return false;
  return true;
}

/** What to do with one request: wait `delayMs`, then either serve it or apply `terminal`. */
export interface FaultDecision {
  delayMs: number;
  terminal?: Exclude<FaultSpec, { kind: 'delay' }>;
}

/** The active fault list. Faults are tried in order; delays add up; the first terminal fault wins. */
export class FaultInjector {
  private faults: FaultSpec[] = [];

  constructor(initial: FaultSpec[] = []) {
    this.set(initial);
  }

  set(faults: FaultSpec[]): void {
    if (faults.length > MAX_FAULTS) throw new Error(`at most ${MAX_FAULTS} faults can be active at once`);
    this.faults = faults.map(validateFault);
  }

  list(): FaultSpec[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Picks the faults for a request and counts down their `times`. */
  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { delayMs: 0 };
    for (const fault of this.faults) {
      if (fault.times !== undefined && fault.times <= 0) continue;
      if (!matches(fault.match, method, path)) continue;
      if (fault.kind === 'delay') {
        decision.delayMs += fault.ms;
      } else if (decision.terminal) {
        continue; // keep its count: it did not apply to this request
      } else {
        decision.terminal = fault;
      }
      if (fault.times !== undefined) fault.times -= 1;
    }
    this.faults = this.faults.filter((f) => f.times === undefined || f.times > 0);
    return decision;
  }
}

/**
 * Parses the CLI form of a fault: JSON (`{"kind":"status","status":503}`) or the compact
 * `KIND[:key=value]...`, where KIND is a status code (429, 500, 502, 503, 504), `delay`, `drop` or `malformed`
 * and keys are `times`, `retry` (seconds), `ms`, `method`, `path`. Example: `429:retry=2:times=3:path=/flowSpecs`.
 */
export function parseFaultArgument(text: string): FaultSpec {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return validateFault(JSON.parse(trimmed));
  const [head, ...pairs] = trimmed.split(':');
  const fault: Record<string, unknown> = {};
  if (/^\d+$/.test(head ?? '')) {
    fault.kind = 'status';
    fault.status = Number(head);
  } else {
    fault.kind = head;
  }
  const match: FaultMatch = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`fault option '${pair}' must be key=value`);
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (key === 'times' || key === 'ms') fault[key] = Number(value);
    else if (key === 'retry') fault.retryAfterSeconds = Number(value);
    else if (key === 'method') match.method = value;
    else if (key === 'path') match.path = value;
    else throw new Error(`unknown fault option '${key}' (times, retry, ms, method, path)`);
  }
  if (match.method !== undefined || match.path !== undefined) fault.match = match;
  return validateFault(fault);
}

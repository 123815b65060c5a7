/**
 * JSONPath evaluation for `contentPath`, `explodeEntityPath`, `pointerPath`, `continuationTokenPath` and
 * `endConditionName`, through json-p3 (RFC 9535 JSONPath; no script evaluation, so a spec from anywhere cannot run
 * code). Paths written without the leading `$` (`paging.next`, seen in the docs) are read as `$.paging.next`.
 * The regular expressions of `match()` and `search()` run in linear time (see `linearRegex.ts`).
 */
import { JSONPathEnvironment, type JSONPathQuery } from 'json-p3';
import { installLinearRegex, unsafePattern } from './linearRegex';
import { SpecError } from './specModel';

const environment = new JSONPathEnvironment();
installLinearRegex(environment);

const compiled = new Map<string, JSONPathQuery>();

/** The RFC 9535 form of a spec path: `paging.next` → `$.paging.next`, `[0].a` → `$[0].a`. */
export function normalizePath(path: string): string {
  const trimmed = path.trim();
  if (trimmed.startsWith('$')) return trimmed;
  return trimmed.startsWith('[') ? `$${trimmed}` : `$.${trimmed}`;
}

/** Compiles (once) the path at `specPath`; a path the library rejects is a `SpecError` there. */
export function compilePath(path: string, specPath: string): JSONPathQuery {
  const normalized = normalizePath(path);
  let query = compiled.get(normalized);
  if (!query) {
    try {
      query = environment.compile(normalized);
    } catch (err) {
      throw new SpecError(`${specPath} is not a valid JSONPath (${JSON.stringify(path)}): ${(err as Error).message}`, specPath);
    }
    const unsafe = unsafePattern(query);
    if (unsafe) {
      throw new SpecError(`${specPath} calls ${unsafe.fn}() with the pattern ${JSON.stringify(unsafe.pattern)}, which is refused: ${unsafe.reason}.`, specPath);
    }
    if (compiled.size > 500) compiled.clear(); // many distinct paths only in fuzzing; keep the cache bounded
    compiled.set(normalized, query);
  }
  return query;
}

/** Every value the path selects in `data`. */
export function selectAll(query: JSONPathQuery, data: unknown): unknown[] {
  return query.query(data as Parameters<JSONPathQuery['query']>[0]).values();
}

/** The first value the path selects, or `undefined` when it selects nothing. */
export function selectFirst(query: JSONPathQuery, data: unknown): unknown {
  const values = selectAll(query, data);
  return values.length ? values[0] : undefined;
}

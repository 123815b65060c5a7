/**
 * List answers, the way the platform's list endpoints answer them and its clients read them:
 * `{items, _links, count}` on every list (`_links.next` only when another page follows; `count` = the items of this
 * page), `property` filters, `orderby` (`+`/`-` prefixes, comma-separated fields), `limit`, `count=true`.
 *
 * `_links.next.href` has the form of the OpenAPI's example, `/connections?continuationToken=…`: the token is its only
 * query parameter and holds no `=`, so a client that takes the text after the first `=` (as `aepp` does) pages to
 * the end. The query that made the list (filters, sort, page size) travels inside the opaque token, so following
 * the href alone keeps it; a client that sends its parameters again with the token (the same ones) is served the
 * same way, and one that changes the filter or the sort mid-way is told to start again.
 */
import { describeListFields, isListField, linkPathOf, type FlowResource } from '../core/api/flowResources';
import { isFilterError, matchesFilter, parsePropertyFilter, readPath, type PropertyFilter } from './filters';
import { flowError, json, type Reply, type RequestContext } from './http';

/** The query of a list, as the continuation token carries it. */
interface ListQuery {
  property: string[];
  orderby?: string;
  limit?: number;
}

interface SortKey {
  field: string;
  descending: boolean;
}

/** Opaque continuation token: base64url (no padding, so no `=`) of the query and the offset of the next item. */
export function encodeContinuation(query: ListQuery, offset: number): string {
  const payload = { o: offset, p: query.property, ...(query.orderby !== undefined ? { s: query.orderby } : {}), ...(query.limit !== undefined ? { l: query.limit } : {}) };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function decodeContinuation(token: string): { query: ListQuery; offset: number } | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; p?: unknown; s?: unknown; l?: unknown };
    const offsetOk = typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0;
    const propertyOk = Array.isArray(parsed.p) && parsed.p.every((p) => typeof p === 'string');
    const sortOk = parsed.s === undefined || typeof parsed.s === 'string';
    const limitOk = parsed.l === undefined || (typeof parsed.l === 'number' && Number.isInteger(parsed.l) && parsed.l > 0);
    if (!offsetOk || !propertyOk || !sortOk || !limitOk) return undefined;
    return { offset: parsed.o as number, query: { property: parsed.p as string[], orderby: parsed.s as string | undefined, limit: parsed.l as number | undefined } };
  } catch {
    return undefined;
  }
}

/**
 * Parses `orderby`: fields separated by commas, each with an optional `+` (ascending, the default) or `-` prefix.
 * A `+` sent unencoded in a query string arrives as a space and is read as `+`.
 */
export function parseOrderBy(resource: FlowResource, text: string): SortKey[] | { code: '1432' | '1433'; message: string } {
  const keys: SortKey[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.replace(/^ /, '+').trim();
    const prefix = /^[+-]/.test(entry) ? entry[0] : '';
    const field = entry.slice(prefix.length);
    if (field === '' || !/^[A-Za-z_$]/.test(field)) {
      const bad = field === '' ? `'${entry}'` : `'${field[0]}' in '${entry}'`;
      return { code: '1432', message: `Invalid sort prefix ${bad} in orderby: write a field, +field (ascending) or -field (descending), e.g. orderby=-createdAt.` };
    }
    if (!isListField(resource, field)) {
      return { code: '1433', message: `Invalid orderby field '${field}' for ${resource}: sort on ${describeListFields(resource)}.` };
    }
    keys.push({ field, descending: prefix === '-' });
  }
  return keys;
}

/** Numbers before text; text by code points; a missing value after every present one, in either direction. */
function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  const ta = typeof a === 'object' ? JSON.stringify(a) : String(a);
  const tb = typeof b === 'object' ? JSON.stringify(b) : String(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

function sortItems<T extends Record<string, unknown>>(items: readonly T[], keys: readonly SortKey[]): T[] {
  if (keys.length === 0) return [...items];
  // Array.prototype.sort is stable: equal keys keep creation order.
  return [...items].sort((x, y) => {
    for (const key of keys) {
      const a = readPath(x, key.field);
      const b = readPath(y, key.field);
      const missingA = a === undefined || a === null;
      const missingB = b === undefined || b === null;
      if (missingA || missingB) {
        if (missingA !== missingB) return missingA ? 1 : -1;
        continue;
      }
      const order = compareValues(a, b);
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** The request's query, merged with the one its continuation token carries; or the FLOW error to answer. */
function readQuery(ctx: RequestContext): { query: ListQuery; offset: number; countOnly: boolean } | Reply {
  const params = ctx.url.searchParams;
  const limitText = params.get('limit');
  const limit = limitText === null ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    return flowError('1451', 400, `Invalid query parameter limit='${limitText}': use a positive integer.`, ctx.requestId);
  }
  const countOnly = params.get('count') === 'true';
  if (countOnly && limit !== undefined) {
    return flowError('1401', 400, 'The query parameters limit and count cannot be used together.', ctx.requestId);
  }
  const given: ListQuery = { property: params.getAll('property'), orderby: params.get('orderby') ?? undefined, limit };
  const tokenText = params.get('continuationToken');
  if (tokenText === null) return { query: given, offset: 0, countOnly };
  const token = decodeContinuation(tokenText);
  if (!token) {
    return flowError('1451', 400, 'Invalid query parameter continuationToken: it is not one this list issued. Send the href of _links.next as it is, or list again without continuationToken.', ctx.requestId);
  }
  const propertyChanged = given.property.length > 0 && !sameList(given.property, token.query.property);
  const sortChanged = given.orderby !== undefined && given.orderby !== token.query.orderby;
  if (propertyChanged || sortChanged) {
    const what = propertyChanged ? 'property filters' : 'orderby';
    return flowError('1451', 400, `The continuationToken belongs to a list with other ${what}: send it alone (or with the same parameters), or list again without it.`, ctx.requestId);
  }
  // The page size may change between pages; filters and sort come from the token.
  return { query: { ...token.query, limit: limit ?? token.query.limit }, offset: token.offset, countOnly };
}

/**
 * A list answer over `all` (in creation order) for `resource`: filters, sort, `count=true`, and one page of `limit`
 * items from the continuation token's offset with `_links.next` when more remain.
 */
export function listReply(ctx: RequestContext, resource: FlowResource, all: ReadonlyArray<Record<string, unknown>>): Reply {
  const read = readQuery(ctx);
  if ('status' in read) return read;
  const { query, offset, countOnly } = read;
  const filters: PropertyFilter[] = [];
  for (const raw of query.property) {
    const parsed = parsePropertyFilter(resource, raw);
    if (isFilterError(parsed)) return flowError(parsed.code, 400, parsed.message, ctx.requestId);
    filters.push(parsed);
  }
  const sortKeys = query.orderby === undefined ? [] : parseOrderBy(resource, query.orderby);
  if (!Array.isArray(sortKeys)) return flowError(sortKeys.code, 400, sortKeys.message, ctx.requestId);

  const selected = filters.length ? all.filter((item) => filters.every((f) => matchesFilter(item, f))) : all;
  if (countOnly) return json(200, { count: selected.length });
  const sorted = sortItems(selected, sortKeys);
  const end = query.limit === undefined ? sorted.length : Math.min(sorted.length, offset + query.limit);
  const items = sorted.slice(offset, end);
  const links: Record<string, unknown> = {};
  if (end < sorted.length) links.next = { href: `${linkPathOf(resource)}?continuationToken=${encodeContinuation(query, end)}` };
  return json(200, { items, _links: links, count: items.length });
}

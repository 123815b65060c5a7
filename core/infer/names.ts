/**
 * The names APIs give to records arrays, paging parameters and paging fields, as one vocabulary shared by the
 * OpenAPI import (which reads a description) and preview (which reads real responses). Names are compared
 * normalised: lower case, letters and digits only, so `page_size`, `pageSize`, `page-size` and `page[size]` are one.
 */

/** `page[size]` → `pagesize`, `@odata.nextLink` → `odatanextlink`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const set = (...names: string[]) => new Set(names);

/** Properties that hold the records of a list response, best first. */
export const RECORD_ARRAY_NAMES = ['data', 'items', 'results', 'records', 'entries', 'values', 'rows', 'elements',
  'objects', 'list', 'hits', 'content', 'resources', 'collection', 'nodes'];

/** Query parameters carrying an offset. */
export const OFFSET_PARAMS = set('offset', 'skip', 'start', 'startindex', 'startat', 'first');
/** Query parameters carrying a page size. */
export const LIMIT_PARAMS = set('limit', 'perpage', 'pagesize', 'size', 'count', 'top', 'max', 'maxresults',
  'maxitems', 'maxrecords', 'rows', 'take', 'pagelimit', 'batchsize', 'num');
/** Query parameters carrying a page number. */
export const PAGE_PARAMS = set('page', 'pagenumber', 'pageno', 'pagenum', 'pageindex', 'p');
/** Query (or header) parameters carrying a cursor or continuation token. */
export const CURSOR_PARAMS = set('cursor', 'after', 'pagetoken', 'nexttoken', 'token', 'continuation',
  'continuationtoken', 'startingafter', 'marker', 'pageafter', 'pagecursor', 'nextcursor', 'scrollid', 'nextpagetoken',
  'startcursor', 'xcontinuationtoken', 'xpagetoken', 'xcursor');

/** Response fields holding the next page's URL (a bare `next` counts when its value is a URL). */
export const NEXT_URL_FIELDS = set('next', 'nexturl', 'nextlink', 'nextpage', 'nextpageurl', 'nextpagelink',
  'nexthref', 'odatanextlink', 'nextpageuri', 'nexturi');
/** Response fields holding the next page's token or cursor. */
export const TOKEN_FIELDS = set('nextcursor', 'cursor', 'nexttoken', 'nextpagetoken', 'pagetoken', 'continuationtoken',
  'continuation', 'aftercursor', 'after', 'endcursor', 'nextmarker', 'marker', 'scrollid', 'nextkey', 'nextpagecursor',
  'next');
/** Boolean response fields that are true while more pages follow. */
export const HAS_MORE_FIELDS = set('hasmore', 'more', 'hasnext', 'hasnextpage', 'moreresults', 'hasmoreitems',
  'hasmorepages', 'morerecords');
/** Boolean response fields that are true on the last page. */
export const IS_LAST_FIELDS = set('islast', 'last', 'lastpage', 'islastpage', 'done', 'endofresults', 'finished');
/** Number fields holding the total count of records. */
export const TOTAL_FIELDS = set('total', 'totalcount', 'totalresults', 'totalitems', 'totalrecords', 'totalsize', 'count');
/** Response headers holding the number of pages. */
export const PAGE_COUNT_HEADERS = set('xtotalpages', 'xpagecount', 'xpages', 'totalpages', 'xtotalpagecount', 'pagecount');

/** Query parameters bounding the start of a time window (when typed as a date or date-time). */
export const WINDOW_START_WORDS = ['since', 'after', 'from', 'start', 'min', 'gte', 'gt', 'begin'];
/** Query parameters bounding the end of a time window. */
export const WINDOW_END_WORDS = ['before', 'until', 'to', 'end', 'max', 'lte', 'lt'];

/** True when `name` (normalised) is in `names`. */
export function isNamed(name: string, names: ReadonlySet<string>): boolean {
  return names.has(normalizeName(name));
}

/**
 * The query parameter a token field is most likely sent back as: `next_cursor` → `cursor`, `nextPageToken` →
 * `pageToken`, `after_cursor` → `after`; the field's own name otherwise.
 */
export function tokenParameterFor(field: string): string {
  const stripped = field.replace(/^next[_-]?/i, '');
  if (stripped !== field && stripped) return stripped.charAt(0).toLowerCase() + stripped.slice(1);
  const cursorSuffix = /^(.+?)[_-]?cursor$/i.exec(field);
  if (cursorSuffix && cursorSuffix[1].toLowerCase() !== 'next') return cursorSuffix[1];
  return field;
}

/** A JSONPath (`$.a.b`, bracketed where a name is not an identifier) for a path of property names. */
export function jsonPathOf(path: readonly string[]): string {
  return `$${path.map((p) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? `.${p}` : `['${p.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`)).join('')}`;
}

/** How well an array's property path names the records: higher is better; `resource` is the path's last noun. */
export function recordArrayScore(path: readonly string[], resource: string | undefined): number {
  if (path.length === 0) return 50; // the response is the array itself
  const leaf = normalizeName(path[path.length - 1]);
  const wanted = resource ? normalizeName(resource) : undefined;
  let score = 10;
  const known = RECORD_ARRAY_NAMES.indexOf(leaf);
  if (known >= 0) score = 80 - known;
  if (wanted && (leaf === wanted || leaf === singular(wanted) || singular(leaf) === singular(wanted))) score = 100;
  return score - (path.length - 1) * 5; // shallower is likelier
}

function singular(name: string): string {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  if (name.endsWith('s')) return name.slice(0, -1);
  return name;
}

/** The resource a path names: its last segment that is not a parameter or a version (`/v2/lists/{id}/members` → `members`). */
export function resourceOfPath(path: string): string | undefined {
  const segments = path.split('/').filter((s) => s && !s.includes('{') && !/^v\d+(\.\d+)?$/i.test(s) && s !== 'api');
  return segments[segments.length - 1];
}

/**
 * What a real response shows about where its records are and how it pages, read from the data itself (preview's
 * counterpart of the OpenAPI import's schema walk, with the same vocabulary, ./names.ts): arrays of objects, and the
 * fields that carry a next page's URL, a next token, `has_more`-style flags or an offset with a total.
 * Walks stay shallow (depth 4) and never enter the records themselves.
 */
import {
  HAS_MORE_FIELDS, IS_LAST_FIELDS, isNamed, jsonPathOf, LIMIT_PARAMS, NEXT_URL_FIELDS, normalizeName, OFFSET_PARAMS,
  PAGE_PARAMS, recordArrayScore, TOKEN_FIELDS, TOTAL_FIELDS,
} from './names';

const MAX_DEPTH = 4;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value found in a response, with its property path. */
export interface FoundField {
  path: string[];
  jsonPath: string;
  value: unknown;
}

/** Every property of `body` (not inside arrays) down to the walk's depth, in document order. */
export function responseFields(body: unknown): FoundField[] {
  const out: FoundField[] = [];
  const visit = (node: unknown, path: string[]) => {
    if (!isObject(node) || path.length >= MAX_DEPTH) return;
    for (const [name, value] of Object.entries(node)) {
      const here = [...path, name];
      out.push({ path: here, jsonPath: jsonPathOf(here), value });
      visit(value, here);
    }
  };
  visit(body, []);
  return out;
}

/** Arrays of objects in `body`, the likeliest records first (`$` when the body is one). */
export function recordArraysIn(body: unknown, resource?: string): FoundField[] {
  const isRecords = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every(isObject);
  const found: Array<FoundField & { score: number }> = [];
  if (isRecords(body)) found.push({ path: [], jsonPath: '$', value: body, score: 200 });
  for (const field of responseFields(body)) {
    if (isRecords(field.value)) found.push({ ...field, score: recordArrayScore(field.path, resource) });
  }
  return found.sort((a, b) => b.score - a.score || a.path.length - b.path.length);
}

const looksLikeUrl = (v: unknown) => typeof v === 'string' && (/^https?:\/\//i.test(v) || /^\/[^/\s]*/.test(v) || /^\?\S+=/.test(v));
const leaf = (f: FoundField) => f.path[f.path.length - 1];

/** The field holding the next page's URL (`next`, `paging.next`, `_links.next.href`, `@odata.nextLink`…), if any. */
export function nextUrlField(body: unknown): FoundField | undefined {
  return responseFields(body).find((f) => looksLikeUrl(f.value) && (isNamed(leaf(f), NEXT_URL_FIELDS)
    || (normalizeName(leaf(f)) === 'href' && f.path.length > 1 && isNamed(f.path[f.path.length - 2], NEXT_URL_FIELDS))));
}

/** The field holding the next page's token (`next_cursor`, `meta.after_cursor`, `nextPageToken`…), if any. */
export function tokenField(body: unknown): FoundField | undefined {
  return responseFields(body).find((f) => typeof f.value === 'string' && f.value !== '' && !looksLikeUrl(f.value) && isNamed(leaf(f), TOKEN_FIELDS));
}

/** A boolean that ends the pages (`has_more` false, or `is_last` true), with the value that ends them. */
export function endFlagField(body: unknown): (FoundField & { endValue: boolean }) | undefined {
  const fields = responseFields(body).filter((f) => typeof f.value === 'boolean');
  const more = fields.find((f) => isNamed(leaf(f), HAS_MORE_FIELDS));
  if (more) return { ...more, endValue: false };
  const last = fields.find((f) => isNamed(leaf(f), IS_LAST_FIELDS));
  return last ? { ...last, endValue: true } : undefined;
}

/** Offset paging told by the response: an offset (`offset`, `skip`, `start`) beside a total, and the page size. */
export function offsetFields(body: unknown): { offset: FoundField; total: FoundField; limit?: FoundField } | undefined {
  const numbers = responseFields(body).filter((f) => typeof f.value === 'number');
  const offset = numbers.find((f) => isNamed(leaf(f), OFFSET_PARAMS));
  const total = numbers.find((f) => isNamed(leaf(f), TOTAL_FIELDS) && f !== offset);
  if (!offset || !total) return undefined;
  const limit = numbers.find((f) => isNamed(leaf(f), LIMIT_PARAMS) && f !== total && f !== offset);
  return { offset, total, ...(limit ? { limit } : {}) };
}

/** Page paging told by the response: a page number beside a page count. */
export function pageFields(body: unknown): { page: FoundField; limit?: FoundField } | undefined {
  const numbers = responseFields(body).filter((f) => typeof f.value === 'number');
  const page = numbers.find((f) => isNamed(leaf(f), PAGE_PARAMS) || normalizeName(leaf(f)) === 'currentpage');
  const pages = numbers.find((f) => ['totalpages', 'pagecount', 'lastpage', 'pages', 'numpages'].includes(normalizeName(leaf(f))));
  if (!page || !pages) return undefined;
  const limit = numbers.find((f) => isNamed(leaf(f), LIMIT_PARAMS) && f !== page && f !== pages);
  return { page, ...(limit ? { limit } : {}) };
}

/**
 * Fixes inferred from the responses a run read, for the warnings an author acts on:
 * `contentPath` finding nothing → the records array the response holds; no pagination (absent or `NONE`) while the
 * response carries a next page's URL, a next token, an offset with a total or a page with a page count → the
 * matching `paginationParams` block; an `endConditionName` that no response holds → the end flag that is there.
 * Each fix is a list of values to set at spec locations (core/run/specFix.ts applies them to the text).
 */
import {
  endFlagField, nextUrlField, offsetFields, pageFields, recordArraysIn, tokenField, type FoundField,
} from '../infer/responseShape';
import { isNamed, LIMIT_PARAMS, resourceOfPath, tokenParameterFor } from '../infer/names';
import { compilePath, selectFirst } from './jsonPath';
import { PAGINATION } from './pagination';
import { isObject, type SpecModel } from './specModel';
import type { RunWarning, SpecFix } from './types';

const ATTRIBUTE_PATH = ['sourceSpec', 'attributes'];
const leaf = (f: FoundField) => f.path[f.path.length - 1];

/** The fix of `content-without-records`: point `contentPath` at the records array of `body`, if it has one. */
export function contentPathFix(spec: unknown, model: SpecModel, body: unknown): SpecFix | undefined {
  const best = recordArraysIn(body, resourceOfPath(model.urlParams.path))[0];
  if (!best) return undefined;
  const attributes = (spec as { sourceSpec?: { attributes?: Record<string, unknown> } }).sourceSpec?.attributes;
  const objectForm = isObject(attributes?.contentPath);
  return {
    title: `Set contentPath to ${best.jsonPath}`,
    edits: [{ path: [...ATTRIBUTE_PATH, 'contentPath', ...(objectForm ? ['path'] : [])], value: best.jsonPath }],
  };
}

/** The `paginationParams` block the first response suggests, and what in it suggests it. */
export function paginationFix(body: unknown, url: URL, contentCount: number): { fix: SpecFix; evidence: string } | undefined {
  let block: Record<string, unknown> | undefined;
  let evidence = '';
  const next = nextUrlField(body);
  const token = next ? undefined : tokenField(body);
  const offset = next || token ? undefined : offsetFields(body);
  const page = next || token || offset ? undefined : pageFields(body);
  if (next) {
    const link = new URL(String(next.value), url);
    const limitName = [...link.searchParams.keys(), ...url.searchParams.keys()].find((k) => isNamed(k, LIMIT_PARAMS)) ?? 'limit';
    const limitValue = Number(link.searchParams.get(limitName) ?? url.searchParams.get(limitName)) || contentCount || 100;
    block = { type: 'POINTER', limitName, limitValue, pointerPath: next.jsonPath };
    evidence = `the response holds the next page's URL at ${next.jsonPath}`;
  } else if (token) {
    block = { type: 'CONTINUATION_TOKEN', continuationTokenPath: token.jsonPath, parameterType: 'QUERYPARAM', parameterName: tokenParameterFor(leaf(token)) };
    evidence = `the response holds a next-page token at ${token.jsonPath} (sent back as "${tokenParameterFor(leaf(token))}": check the name in the API's documentation)`;
  } else if (offset && Number(offset.total.value) > contentCount) {
    const limitValue = typeof offset.limit?.value === 'number' && offset.limit.value > 0 ? offset.limit.value : contentCount;
    block = { type: 'OFFSET', limitName: offset.limit ? leaf(offset.limit) : 'limit', limitValue, offSetName: leaf(offset.offset) };
    evidence = `the response has ${offset.offset.jsonPath} and a total of ${String(offset.total.value)} at ${offset.total.jsonPath}`;
  } else if (page) {
    const limitValue = typeof page.limit?.value === 'number' && page.limit.value > 0 ? page.limit.value : contentCount;
    block = { type: 'PAGE', limitName: page.limit ? leaf(page.limit) : 'limit', limitValue, pageParamName: leaf(page.page), initialPageIndex: Number(page.page.value) };
    evidence = `the response has a page number at ${page.page.jsonPath} and a page count`;
  }
  if (!block) return undefined;
  return { fix: { title: `Set paginationParams to ${String(block.type)} (${evidence.split(' (')[0]})`, edits: [{ path: [...ATTRIBUTE_PATH, 'paginationParams'], value: block }] }, evidence };
}

/** The fix of `end-condition-missing`: the end flag `body` has (`has_more` → Const:false, `is_last` → Const:true). */
export function endConditionFix(body: unknown): SpecFix | undefined {
  const flag = endFlagField(body);
  if (!flag) return undefined;
  return {
    title: `Set endConditionName to ${flag.jsonPath} (ends at ${String(flag.endValue)})`,
    edits: [
      { path: [...ATTRIBUTE_PATH, 'paginationParams', 'endConditionName'], value: flag.jsonPath },
      { path: [...ATTRIBUTE_PATH, 'paginationParams', 'endConditionValue'], value: `Const:${String(flag.endValue)}` },
    ],
  };
}

/**
 * Watches the pages of a run for what only the whole run can tell: a missing pagination (from the first page) and
 * an `endConditionName` that no page holds.
 */
export class ResponseHints {
  private first: { body: unknown; url: URL; contentCount: number } | undefined;
  private readonly endQuery: ReturnType<typeof compilePath> | undefined;
  private endSeen = false;
  private pages = 0;

  /** Whether the spec has no `paginationParams` at all (the model reads that as NONE). */
  private readonly paginationAbsent: boolean;

  constructor(private readonly model: SpecModel, spec: unknown) {
    this.paginationAbsent = (spec as { sourceSpec?: { attributes?: Record<string, unknown> } }).sourceSpec?.attributes?.paginationParams === undefined;
    const type = String(model.paginationParams.type ?? 'NONE').toUpperCase();
    const endName = model.paginationParams.endConditionName;
    if (type === 'OFFSET' && typeof endName === 'string' && endName) {
      try { this.endQuery = compilePath(endName, `${PAGINATION}.endConditionName`); } catch { /* the paginator reports it */ }
    }
  }

  /** One page the run read (its parsed body, the URL requested, the records found at contentPath). */
  observe(body: unknown, url: URL, contentCount: number): void {
    this.pages++;
    this.first ??= { body, url, contentCount };
    if (this.endQuery && !this.endSeen && selectFirst(this.endQuery, body) !== undefined) this.endSeen = true;
  }

  /** The warnings the pages seen justify, with their fixes. */
  warnings(): RunWarning[] {
    const out: RunWarning[] = [];
    if (!this.first) return out;
    const type = String(this.model.paginationParams.type ?? 'NONE').toUpperCase();
    if (type === 'NONE' && this.first.contentCount > 0) {
      const found = paginationFix(this.first.body, this.first.url, this.first.contentCount);
      if (found) {
        out.push({
          code: 'pagination-missing', specPath: PAGINATION, fix: found.fix,
          message: `The spec reads one page (pagination ${this.paginationAbsent ? 'absent' : 'NONE'}), but ${found.evidence}: the source likely has more pages`,
        });
      }
    }
    if (this.endQuery && !this.endSeen) {
      const fix = endConditionFix(this.first.body);
      out.push({
        code: 'end-condition-missing', specPath: `${PAGINATION}.endConditionName`, ...(fix ? { fix } : {}),
        message: `endConditionName ${JSON.stringify(this.model.paginationParams.endConditionName)} is in none of the ${this.pages} response${this.pages === 1 ? '' : 's'}: the end condition never ends the run` +
          (fix ? `; the response has ${fix.edits[0].value as string}` : '; the run ends only on a short or empty page'),
      });
    }
    return out;
  }
}


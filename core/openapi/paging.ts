/**
 * `paginationParams` from an operation's paging parameters and response fields, with the real names:
 * a cursor/token parameter with a response field carrying the next token → CONTINUATION_TOKEN; a response field
 * holding the next page's URL → POINTER; offset/limit → OFFSET (with `has_more`-style fields as the end condition);
 * page/per_page → PAGE (with a page-count response header as `endPageIndex`); nothing → NONE.
 * The page size is the size parameter's maximum, else its default, else 100.
 */
import {
  CURSOR_PARAMS, HAS_MORE_FIELDS, IS_LAST_FIELDS, isNamed, jsonPathOf, LIMIT_PARAMS, NEXT_URL_FIELDS, normalizeName,
  OFFSET_PARAMS, PAGE_COUNT_HEADERS, PAGE_PARAMS, TOKEN_FIELDS, tokenParameterFor,
} from '../infer/names';
import type { ApiDescription, JsonObject } from './document';
import type { Operation, OperationParameter } from './operations';
import { schemaFields, schemaType, type SchemaField } from './schemaWalk';

export interface PagingMapping {
  paginationParams: JsonObject;
  /** Query parameters the paging adds outside `paginationParams` (CONTINUATION_TOKEN's page size). */
  queryParams: Record<string, string>;
  /** Names of the operation's parameters the paging uses (not offered as source parameters). */
  usedParameters: string[];
  /** What to check, or undefined when nothing was guessed (no paging, nothing suggesting any). */
  note?: string;
}

const DEFAULT_PAGE_SIZE = 100;

const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The page size to ask for: the parameter's maximum, else its default, else 100. */
export function pageSizeOf(param: OperationParameter | undefined): number {
  if (!param) return DEFAULT_PAGE_SIZE;
  const size = number(param.schema.maximum) ?? number(param.schema.default);
  return size !== undefined && size >= 1 ? Math.floor(size) : DEFAULT_PAGE_SIZE;
}

const isText = (f: SchemaField) => f.type === undefined || f.type === 'string';
const looksLikeUrl = (f: SchemaField) => ['uri', 'url', 'uri-reference', 'iri'].includes(String(f.schema.format))
  || /url|link|href|uri/i.test(f.name) || /\burl\b|\blink\b/i.test(String(f.schema.description ?? ''));

/** Reads the paging of `op`. */
export function inferPaging(api: ApiDescription, op: Operation): PagingMapping {
  const query = op.parameters.filter((p) => p.in === 'query' || p.in === 'header');
  const find = (names: ReadonlySet<string>, where: Array<OperationParameter['in']> = ['query'], numeric = false) => query.find((p) =>
    where.includes(p.in) && isNamed(p.name, names) && (!numeric || ['integer', 'number'].includes(String(schemaType(api, p.schema)))));
  const fields = op.responseSchema === undefined ? [] : schemaFields(api, op.responseSchema);
  const limit = find(LIMIT_PARAMS, ['query'], true) ?? find(LIMIT_PARAMS);
  const limitName = limit?.name ?? 'limit';
  const limitValue = pageSizeOf(limit);
  const sizeWords = limit ? `\`${limit.name}\` (page size ${limitValue}, ${number(limit.schema.maximum) !== undefined ? 'its maximum' : number(limit.schema.default) !== undefined ? 'its default' : 'a default chosen here'})` : undefined;
  const noLimit = limit ? '' : '; the operation has no page-size parameter, so `limit` is sent and probably ignored';

  // CONTINUATION_TOKEN: a cursor parameter sent back with a token field of the response.
  const cursor = find(CURSOR_PARAMS, ['query', 'header']);
  const tokenFields = fields.filter((f) => isText(f) && isNamed(f.name, TOKEN_FIELDS) && !looksLikeUrl(f));
  const urlFields = fields.filter((f) => isText(f) && (isNamed(f.name, NEXT_URL_FIELDS) || (normalizeName(f.name) === 'href' && f.path.length > 1 && isNamed(f.path[f.path.length - 2], NEXT_URL_FIELDS))) && (looksLikeUrl(f) || !cursor));
  if (cursor && tokenFields.length > 0) {
    const field = tokenFields.find((f) => normalizeName(f.name).includes(normalizeName(cursor.name))) ?? tokenFields[0];
    const inHeader = cursor.in === 'header';
    return {
      paginationParams: {
        type: 'CONTINUATION_TOKEN', continuationTokenPath: jsonPathOf(field.path),
        parameterType: inHeader ? 'HEADERPARAM' : 'QUERYPARAM', parameterName: cursor.name,
      },
      queryParams: limit ? { [limit.name]: String(limitValue) } : {},
      usedParameters: [cursor.name, ...(limit ? [limit.name] : [])],
      note: `pagination inferred from the ${inHeader ? 'header' : 'parameter'} \`${cursor.name}\` and the response field \`${field.path.join('.')}\`${sizeWords ? `, ${sizeWords} sent in queryParams` : ''}: check it against a preview`,
    };
  }
  // POINTER: the response holds the next page's URL.
  if (urlFields.length > 0) {
    const field = urlFields[0];
    return {
      paginationParams: { type: 'POINTER', limitName, limitValue, pointerPath: jsonPathOf(field.path) },
      queryParams: {},
      usedParameters: [...(limit ? [limit.name] : []), ...(cursor ? [cursor.name] : [])],
      note: `pagination inferred from the response field \`${field.path.join('.')}\` (the next page's URL)${sizeWords ? ` and ${sizeWords}` : ''}${noLimit}: check it against a preview`,
    };
  }
  const offset = find(OFFSET_PARAMS, ['query'], true);
  if (offset) {
    const hasMore = fields.find((f) => f.type === 'boolean' && isNamed(f.name, HAS_MORE_FIELDS));
    const isLast = hasMore ? undefined : fields.find((f) => f.type === 'boolean' && isNamed(f.name, IS_LAST_FIELDS));
    const end = hasMore ?? isLast;
    return {
      paginationParams: {
        type: 'OFFSET', limitName, limitValue, offSetName: offset.name,
        ...(end ? { endConditionName: jsonPathOf(end.path), endConditionValue: hasMore ? 'Const:false' : 'Const:true' } : {}),
      },
      queryParams: {},
      usedParameters: [offset.name, ...(limit ? [limit.name] : [])],
      note: `pagination inferred from the parameters \`${offset.name}\`/\`${limitName}\`${end ? ` and the response field \`${end.path.join('.')}\`` : ''}${limit ? ` (page size ${limitValue})` : ''}${noLimit}: check it against a preview`,
    };
  }
  const page = find(PAGE_PARAMS, ['query'], true) ?? find(PAGE_PARAMS);
  if (page) {
    const first = number(page.schema.minimum) ?? number(page.schema.default) ?? 1;
    const countHeader = Object.keys(op.responseHeaders).find((h) => isNamed(h, PAGE_COUNT_HEADERS));
    return {
      paginationParams: {
        type: 'PAGE', limitName, limitValue, pageParamName: page.name, initialPageIndex: Math.max(0, Math.floor(first)),
        ...(countHeader ? { endPageIndex: `headers.${countHeader.toLowerCase()}` } : {}),
      },
      queryParams: {},
      usedParameters: [page.name, ...(limit ? [limit.name] : [])],
      note: `pagination inferred from the parameters \`${page.name}\`/\`${limitName}\`, pages from ${Math.max(0, Math.floor(first))}${countHeader ? `, the last page from the ${countHeader} header` : ', until an empty page'}${noLimit}: check it against a preview`,
    };
  }
  if (tokenFields.length > 0) {
    const field = tokenFields[0];
    const name = tokenParameterFor(field.name);
    return {
      paginationParams: { type: 'CONTINUATION_TOKEN', continuationTokenPath: jsonPathOf(field.path), parameterType: 'QUERYPARAM', parameterName: name },
      queryParams: {},
      usedParameters: [],
      note: `the response field \`${field.path.join('.')}\` looks like a next-page token, but no parameter of the operation takes it: the token is sent as \`${name}\`, a guess to check against a preview`,
    };
  }
  return { paginationParams: { type: 'NONE' }, queryParams: {}, usedParameters: [] };
}

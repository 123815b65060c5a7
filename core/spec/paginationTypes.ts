/**
 * The pagination types of `sourceSpec.attributes.paginationParams`, one table: per type the keys it needs and the
 * ones it understands, with what each key means. The run engine's strategies (core/run/pagination), the
 * `paginationParams` rule (core/analysis/rules/pagination.ts), completion and the quick fixes read it; a unit test
 * ties it to the bundled schema's `type` enum and per-type `required` lists.
 */

/** A key of `paginationParams` (besides `type`). */
export type PaginationKey = 'limitName' | 'limitValue' | 'offSetName' | 'endConditionName' | 'endConditionValue'
  | 'pointerPath' | 'continuationTokenPath' | 'parameterType' | 'parameterName' | 'delayRequestMillis'
  | 'pageParamName' | 'initialPageIndex' | 'endPageIndex' | 'maximumRequest';

export type PaginationTypeName = 'OFFSET' | 'POINTER' | 'CONTINUATION_TOKEN' | 'PAGE' | 'NONE';

export interface PaginationType {
  name: PaginationTypeName;
  /** What it does, in one sentence. */
  description: string;
  required: readonly PaginationKey[];
  optional: readonly PaginationKey[];
}

export interface PaginationKeyInfo {
  /** What the key holds. */
  description: string;
  /** A value the quick fix and completion put in, as JSON. */
  sample: string | number;
  /** The key that only means something together with this one (completion inserts both). */
  partner?: PaginationKey;
}

/** The five documented types, in the schema's enum order. */
export const PAGINATION_TYPES: readonly PaginationType[] = [
  { name: 'OFFSET', description: 'sends the page size in limitName and the offset in offSetName; an optional end condition stops the loop',
    required: ['limitName', 'limitValue', 'offSetName'], optional: ['endConditionName', 'endConditionValue', 'delayRequestMillis'] },
  { name: 'POINTER', description: 'follows the next-page pointer found at pointerPath',
    required: ['limitName', 'limitValue', 'pointerPath'], optional: ['delayRequestMillis'] },
  { name: 'CONTINUATION_TOKEN', description: 'reads the token at continuationTokenPath and sends it as parameterName',
    required: ['continuationTokenPath', 'parameterType', 'parameterName'], optional: ['delayRequestMillis'] },
  { name: 'PAGE', description: 'sends the page number in pageParamName from initialPageIndex up to endPageIndex',
    required: ['limitName', 'limitValue', 'pageParamName'], optional: ['initialPageIndex', 'endPageIndex', 'maximumRequest', 'delayRequestMillis'] },
  { name: 'NONE', description: 'one request returns everything', required: [], optional: [] },
];

export const PAGINATION_KEYS: Readonly<Record<PaginationKey, PaginationKeyInfo>> = {
  limitName: { description: 'the query parameter that carries the page size', sample: 'limit', partner: 'limitValue' },
  limitValue: { description: 'the page size', sample: 100, partner: 'limitName' },
  offSetName: { description: 'the query parameter that carries the offset', sample: 'offset' },
  endConditionName: { description: 'the JSONPath of the response attribute that ends the loop', sample: '$.hasMore', partner: 'endConditionValue' },
  endConditionValue: { description: 'the value that ends the loop, written Const:<value>', sample: 'Const:false', partner: 'endConditionName' },
  pointerPath: { description: 'where the next page\'s URL is in the response', sample: '$.paging.next' },
  continuationTokenPath: { description: 'where the token is in the response', sample: '$.meta.next_cursor' },
  parameterType: { description: 'where the token is sent: QUERYPARAM or HEADERPARAM', sample: 'QUERYPARAM', partner: 'parameterName' },
  parameterName: { description: 'the query parameter or header that carries the token', sample: 'cursor', partner: 'parameterType' },
  delayRequestMillis: { description: 'the pause between requests, in milliseconds', sample: 1000 },
  pageParamName: { description: 'the query parameter that carries the page number', sample: 'page' },
  initialPageIndex: { description: 'the first page number (default 0)', sample: 1 },
  endPageIndex: { description: 'the last page number, or headers.<name> to read it from a response header', sample: 'headers.x-page-count' },
  maximumRequest: { description: 'the most requests in one run (default 10000)', sample: 10000 },
};

const BY_NAME = new Map(PAGINATION_TYPES.map((type) => [type.name, type]));

/** The type named `name` (exact spelling), or undefined. */
export function paginationType(name: string | undefined): PaginationType | undefined {
  return name === undefined ? undefined : BY_NAME.get(name as PaginationTypeName);
}

/** The type names, in table order. */
export const PAGINATION_TYPE_NAMES: readonly PaginationTypeName[] = PAGINATION_TYPES.map((type) => type.name);

/** Every key some type uses. */
export const ALL_PAGINATION_KEYS: readonly PaginationKey[] = Object.keys(PAGINATION_KEYS) as PaginationKey[];

/** `"pointerPath" (where the next page's URL is in the response)`: how messages name a key. */
export function describeKey(key: PaginationKey): string {
  return `"${key}" (${PAGINATION_KEYS[key].description})`;
}

/**
 * The type a `paginationParams` without (or with an unknown) `type` most likely means: the only type whose
 * type-specific keys it holds (`offSetName` → OFFSET, `pointerPath` → POINTER…). Keys several types share
 * (`limitName`, `delayRequestMillis`) decide nothing.
 */
export function inferPaginationType(keys: Iterable<string>): PaginationTypeName | undefined {
  const candidates = new Set<PaginationTypeName>();
  for (const key of keys) {
    const canonical = key === 'offsetName' ? 'offSetName' : key;
    const owners = PAGINATION_TYPES.filter((type) => type.required.includes(canonical as PaginationKey) || type.optional.includes(canonical as PaginationKey));
    if (owners.length === 1) candidates.add(owners[0].name);
  }
  return candidates.size === 1 ? [...candidates][0] : undefined;
}

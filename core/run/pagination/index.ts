/** The paginator for a `paginationParams.type`: one strategy per row of the pagination-types table. */
import { PAGINATION_TYPE_NAMES, type PaginationTypeName } from '../../spec/paginationTypes';
import { SpecError, type JsonObject } from '../specModel';
import { createContinuationTokenPaginator } from './continuationToken';
import { createNonePaginator } from './none';
import { createOffsetPaginator } from './offset';
import { createPagePaginator } from './page';
import { createPointerPaginator } from './pointer';
import { PAGINATION, type Paginator } from './types';

export type { PageSeen, PageStep, PageStop, Paginator } from './types';
export { isStop, PAGINATION } from './types';

/** Typed by the table's names: a type added to the table without a strategy does not compile. */
const FACTORIES: Record<PaginationTypeName, (params: JsonObject) => Paginator> = {
  OFFSET: createOffsetPaginator,
  POINTER: createPointerPaginator,
  CONTINUATION_TOKEN: createContinuationTokenPaginator,
  PAGE: createPagePaginator,
  NONE: createNonePaginator,
};

/** The pagination types the engine runs (the table's, core/spec/paginationTypes.ts). */
export const PAGINATION_TYPES: readonly PaginationTypeName[] = PAGINATION_TYPE_NAMES;

/** Creates the paginator `params.type` names; an unknown type is a `SpecError`. */
export function createPaginator(params: JsonObject): Paginator {
  const type = typeof params.type === 'string' ? params.type.toUpperCase() : 'NONE';
  const factory = FACTORIES[type as PaginationTypeName] as ((params: JsonObject) => Paginator) | undefined;
  if (!factory) {
    throw new SpecError(`Unknown pagination type ${JSON.stringify(params.type)}; use one of ${PAGINATION_TYPES.join(', ')}`, `${PAGINATION}.type`);
  }
  return factory(params);
}

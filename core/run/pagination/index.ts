/** The paginator for a `paginationParams.type`. */
import { SpecError, type JsonObject } from '../specModel';
import { createContinuationTokenPaginator } from './continuationToken';
import { createNonePaginator } from './none';
import { createOffsetPaginator } from './offset';
import { createPagePaginator } from './page';
import { createPointerPaginator } from './pointer';
import { PAGINATION, type Paginator } from './types';

export type { PageSeen, PageStep, PageStop, Paginator } from './types';
export { isStop, PAGINATION } from './types';

const FACTORIES: Record<string, (params: JsonObject) => Paginator> = {
  OFFSET: createOffsetPaginator,
  POINTER: createPointerPaginator,
  CONTINUATION_TOKEN: createContinuationTokenPaginator,
  PAGE: createPagePaginator,
  NONE: createNonePaginator,
};

/** The pagination types the engine runs. */
export const PAGINATION_TYPES = Object.keys(FACTORIES);

/** Creates the paginator `params.type` names; an unknown type is a `SpecError`. */
export function createPaginator(params: JsonObject): Paginator {
  const type = typeof params.type === 'string' ? params.type.toUpperCase() : 'NONE';
  const factory = FACTORIES[type];
  if (!factory) {
    throw new SpecError(`Unknown pagination type ${JSON.stringify(params.type)}; use one of ${PAGINATION_TYPES.join(', ')}`, `${PAGINATION}.type`);
  }
  return factory(params);
}

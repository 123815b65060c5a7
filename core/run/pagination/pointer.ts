/**
 * `POINTER`: the first request sends `limitName=limitValue`; each next request is the URL found at `pointerPath`
 * (resolved against the current URL when relative), until it is absent, null or empty.
 */
import { describeKey } from '../../spec/paginationTypes';
import { compilePath, selectFirst } from '../jsonPath';
import { numberOf, SpecError, stringOf, type JsonObject } from '../specModel';
import { isAbsent, PAGINATION, type Paginator } from './types';

export function createPointerPaginator(params: JsonObject): Paginator {
  const pointerPath = stringOf(params.pointerPath);
  if (!pointerPath) throw new SpecError(`POINTER pagination needs ${describeKey('pointerPath')}`, `${PAGINATION}.pointerPath`);
  const query = compilePath(pointerPath, `${PAGINATION}.pointerPath`);
  const limitName = stringOf(params.limitName);
  const limit = numberOf(params.limitValue) ?? stringOf(params.limitValue);

  return {
    delayMs: 0,
    first: () => ({ query: limitName && limit !== undefined ? { [limitName]: String(limit) } : {} }),
    next(page) {
      const next = selectFirst(query, page.body);
      if (isAbsent(next)) return { stop: true, reason: `no ${pointerPath} in the response` };
      if (typeof next !== 'string') return { stop: true, reason: `${pointerPath} is not a URL` };
      return { url: new URL(next, page.url).toString() };
    },
  };
}

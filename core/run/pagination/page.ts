/**
 * `PAGE`: sends `limitName=limitValue` and `pageParamName` from `initialPageIndex` (default 0) through
 * `endPageIndex` (a number, or `headers.<name>` read from each response), or until a page is empty; never more than
 * `maximumRequest` requests (default 10000), reaching which is a `maximum-request-reached` warning.
 */
import { describeKey } from '../../spec/paginationTypes';
import { numberOf, SpecError, stringOf, type JsonObject } from '../specModel';
import { PAGINATION, type Paginator } from './types';

export function createPagePaginator(params: JsonObject): Paginator {
  const pageParam = stringOf(params.pageParamName);
  if (!pageParam) throw new SpecError(`PAGE pagination needs ${describeKey('pageParamName')}`, `${PAGINATION}.pageParamName`);
  const limitName = stringOf(params.limitName);
  const limit = numberOf(params.limitValue) ?? stringOf(params.limitValue);
  const endSpec = params.endPageIndex;
  const endHeader = typeof endSpec === 'string' && /^headers\./i.test(endSpec) ? endSpec.slice('headers.'.length) : undefined;
  const endFixed = endHeader ? undefined : numberOf(endSpec);
  if (endSpec !== undefined && endSpec !== null && endSpec !== '' && endHeader === undefined && endFixed === undefined) {
    throw new SpecError('endPageIndex must be a page number or "headers.<response header name>"', `${PAGINATION}.endPageIndex`);
  }
  const maximum = numberOf(params.maximumRequest) ?? 10_000;
  let page = numberOf(params.initialPageIndex) ?? 0;
  let requests = 1;
  const step = () => ({ query: { ...(limitName && limit !== undefined ? { [limitName]: String(limit) } : {}), [pageParam]: String(page) } });

  return {
    delayMs: 0,
    first: step,
    next(seen) {
      if (seen.contentCount === 0) return { stop: true, reason: 'empty page' };
      const end = endHeader !== undefined ? numberOf(seen.headers.get(endHeader) ?? undefined) : endFixed;
      if (end !== undefined && page >= end) return { stop: true, reason: `page ${page} is endPageIndex` };
      if (requests >= maximum) {
        return {
          stop: true,
          reason: 'maximumRequest reached',
          warning: {
            code: 'maximum-request-reached',
            message: `Stopped after maximumRequest (${maximum}) requests; the source may have more pages`,
            specPath: `${PAGINATION}.maximumRequest`,
          },
        };
      }
      page++;
      requests++;
      return step();
    },
  };
}

/**
 * `CONTINUATION_TOKEN`: the first request has no token; each next one sends `parameterName=<token>` as a query
 * parameter (`parameterType: QUERYPARAM`, the default) or a header (`HEADERPARAM`), the token read at
 * `continuationTokenPath`, until it is absent, null or empty; `delayRequestMillis` is waited between requests.
 */
import { describeKey } from '../../spec/paginationTypes';
import { compilePath, selectFirst } from '../jsonPath';
import { numberOf, SpecError, stringOf, type JsonObject } from '../specModel';
import { isAbsent, PAGINATION, type Paginator } from './types';

export function createContinuationTokenPaginator(params: JsonObject): Paginator {
  const tokenPath = stringOf(params.continuationTokenPath);
  if (!tokenPath) {
    throw new SpecError(`CONTINUATION_TOKEN pagination needs ${describeKey('continuationTokenPath')}`, `${PAGINATION}.continuationTokenPath`);
  }
  const parameterName = stringOf(params.parameterName);
  if (!parameterName) throw new SpecError(`CONTINUATION_TOKEN pagination needs ${describeKey('parameterName')}`, `${PAGINATION}.parameterName`);
  const inHeader = String(params.parameterType ?? 'QUERYPARAM').toUpperCase() === 'HEADERPARAM';
  const query = compilePath(tokenPath, `${PAGINATION}.continuationTokenPath`);
  const limitName = stringOf(params.limitName);
  const limit = numberOf(params.limitValue) ?? stringOf(params.limitValue);
  const limitQuery = limitName && limit !== undefined ? { [limitName]: String(limit) } : {};

  return {
    delayMs: Math.max(0, numberOf(params.delayRequestMillis) ?? 0),
    first: () => ({ query: limitQuery }),
    next(page) {
      const token = selectFirst(query, page.body);
      if (isAbsent(token)) return { stop: true, reason: `no ${tokenPath} in the response` };
      const text = typeof token === 'string' ? token : JSON.stringify(token);
      return inHeader ? { query: limitQuery, headers: { [parameterName]: text } } : { query: { ...limitQuery, [parameterName]: text } };
    },
  };
}

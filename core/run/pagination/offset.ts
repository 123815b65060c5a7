/**
 * `OFFSET`: sends `limitName=limitValue` and `offSetName` from 0 up by `limitValue`; stops when the end condition
 * (`endConditionName` JSONPath equals the `Const:` value of `endConditionValue`) holds, or a page comes back short or
 * empty.
 */
import { describeKey } from '../../spec/paginationTypes';
import { compilePath, selectFirst } from '../jsonPath';
import { numberOf, SpecError, stringOf, type JsonObject } from '../specModel';
import { PAGINATION, type Paginator } from './types';

/** The literal of an `endConditionValue` (`Const:false` → `false`; a value without the prefix is taken as written). */
function constValue(value: unknown): string | undefined {
  const text = stringOf(value) ?? (typeof value === 'boolean' ? String(value) : undefined);
  if (text === undefined) return undefined;
  return text.startsWith('Const:') ? text.slice('Const:'.length) : text;
}

export function createOffsetPaginator(params: JsonObject): Paginator {
  const offsetName = stringOf(params.offSetName) ?? stringOf(params.offsetName);
  if (!offsetName) throw new SpecError(`OFFSET pagination needs ${describeKey('offSetName')}`, `${PAGINATION}.offSetName`);
  const limitName = stringOf(params.limitName);
  const limit = numberOf(params.limitValue);
  if (limitName && (limit === undefined || limit <= 0)) {
    throw new SpecError('OFFSET pagination needs a positive "limitValue" (the page size)', `${PAGINATION}.limitValue`);
  }
  const endName = stringOf(params.endConditionName);
  const endQuery = endName ? compilePath(endName, `${PAGINATION}.endConditionName`) : undefined;
  const endValue = constValue(params.endConditionValue);
  let offset = 0;
  const step = () => ({ query: { ...(limitName ? { [limitName]: String(limit) } : {}), [offsetName]: String(offset) } });

  return {
    delayMs: 0,
    first: step,
    next(page) {
      if (endQuery && endValue !== undefined) {
        const found = selectFirst(endQuery, page.body);
        if (found !== undefined && String(found) === endValue) return { stop: true, reason: `${endName} is ${endValue}` };
      }
      if (page.contentCount === 0) return { stop: true, reason: 'empty page' };
      if (limit !== undefined && page.contentCount < limit) return { stop: true, reason: 'short page' };
      offset += limit ?? page.contentCount;
      return step();
    },
  };
}

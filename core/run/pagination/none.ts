/** `NONE`: one request. */
import type { Paginator } from './types';

export function createNonePaginator(): Paginator {
  return { delayMs: 0, first: () => ({}), next: () => ({ stop: true, reason: 'NONE pagination makes one request' }) };
}

/**
 * One interface behind the five pagination types. The runner asks a paginator for the first page's request
 * changes, makes the request, then hands it each page and gets either the next request's changes or a stop.
 */
import type { RunWarning } from '../types';

/** What a page request adds to (or replaces in) the base request. */
export interface PageStep {
  /** Query parameters set on the base URL. */
  query?: Record<string, string>;
  /** Headers added to the base headers. */
  headers?: Record<string, string>;
  /** A complete URL to request instead of the base one (POINTER's next link). */
  url?: string;
}

/** A page as the paginator sees it. */
export interface PageSeen {
  /** The parsed body (`undefined` when empty). */
  body: unknown;
  headers: Headers;
  /** The URL requested. */
  url: string;
  /** Records found at `contentPath`, before explode. */
  contentCount: number;
}

/** The end of the pages; `warning` when it stopped on a limit rather than because the source had no more. */
export interface PageStop {
  stop: true;
  reason: string;
  warning?: RunWarning;
}

export interface Paginator {
  /** Changes for the first request. */
  first(): PageStep;
  /** Changes for the request after `page`, or a stop. */
  next(page: PageSeen): PageStep | PageStop;
  /** Milliseconds to wait between requests (CONTINUATION_TOKEN's `delayRequestMillis`). */
  readonly delayMs: number;
}

export function isStop(step: PageStep | PageStop): step is PageStop {
  return (step as PageStop).stop === true;
}

/** The spec path of `paginationParams` (and of a field in it). */
export const PAGINATION = 'sourceSpec.attributes.paginationParams';

/** A value at a JSONPath is "absent" when missing, null or an empty string. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

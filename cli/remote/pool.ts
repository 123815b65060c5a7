/** Bounded concurrency for the commands that work through many files, and their `--concurrency` flag. */
import { ConfigError } from './config';

/** Default number of files handled at once: enough to hide latency, low enough not to trigger throttling. */
export const DEFAULT_CONCURRENCY = 8;

/** Parses `--concurrency` (an integer from 1 to 64), default {@link DEFAULT_CONCURRENCY}. */
export function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CONCURRENCY;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new ConfigError(`--concurrency must be an integer from 1 to 64, got ${value}`);
  return n;
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(workers);
  return results;
}

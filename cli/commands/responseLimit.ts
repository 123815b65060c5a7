/**
 * `--max-response-mb <n>` of `sources-sdk preview` and `sources-sdk emulator`: the cap on one source response's
 * bytes after decompression (core/transport/body.ts), in MiB. Default 64.
 */
import { UsageError } from './setValues';

export const MAX_RESPONSE_FLAG = '--max-response-mb <n>';
export const MAX_RESPONSE_HELP = 'most MiB read from one source response, counted after decompression (default 64)';

/** The flag's value in bytes, or undefined when the flag is absent; a `UsageError` for anything but a number ≥ 1. */
export function maxResponseBytes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb < 1) throw new UsageError(`--max-response-mb must be a number of MiB of at least 1, not ${JSON.stringify(value)}`);
  return Math.round(mb * 1024 * 1024);
}

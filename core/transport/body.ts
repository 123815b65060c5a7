/**
 * Response bodies read with a cap on bytes. fetch inflates gzip, deflate and br as the body streams; the bytes are
 * counted as they arrive after inflation, and reading stops (the stream cancelled, so inflation stops too) as soon as
 * the cap is passed. An endless body or a small archive that inflates to gigabytes ends in a clear error naming the
 * cap, never in an exhausted process or a socket error.
 */
import { TransportError } from './errors';

/** "64 MiB", "1.5 MiB", "512 KiB", "300 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

/** The text of `response`, or a `too-large` TransportError once more than `maxBytes` (after inflation) arrived. */
export async function readCappedText(response: Response, maxBytes: number, what: string, advice: string): Promise<string> {
  const tooLarge = () => new TransportError(
    `The answer from ${what} is larger than the ${formatBytes(maxBytes)} limit on one response (counted after decompression); ` +
      `reading stopped. ${advice}`,
    'too-large',
    { limitBytes: maxBytes, status: response.status },
  );
  const declared = Number(response.headers.get('content-length'));
  if (!response.headers.get('content-encoding') && Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

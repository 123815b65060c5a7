/**
 * Header values that cannot be sent. fetch refuses a value with a line break or NUL and one with a character above
 * U+00FF with a bare `TypeError`, which callers used to report as "Could not reach …". Checked before sending, the
 * error names the header and says what is wrong with its value (never the value itself: it may be a secret).
 */
import { TransportError } from './errors';

/** What is wrong with a header value, or undefined when it can be sent. */
export function headerValueProblem(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return 'contains a line break (CR or LF)';
  if (value.includes('\0')) return 'contains a NUL character';
  const wide = [...value].find((c) => c.codePointAt(0)! > 0xff);
  if (wide) return `contains the character U+${wide.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, outside Latin-1`;
  return undefined;
}

/** The advice every header message ends with. */
export const HEADER_VALUE_RULE = 'a header value must be one line of Latin-1 text (no line break, no character above U+00FF)';

/** Throws a `header-value` TransportError naming the first header whose value cannot be sent. */
export function assertHeaderValues(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerValueProblem(value);
    if (problem) throw new TransportError(`The value of the header ${name} ${problem}: ${HEADER_VALUE_RULE}`, 'header-value', { header: name });
  }
}

/**
 * Per-request limits, checked before anything is stored: what the emulator accepts it must be able to keep, list,
 * persist and load again. A body nested 5,000 deep was stored and then broke every list of its sandbox (500 until
 * restart); a 300-character sandbox name failed the disk write of every other client's spec in the same batch.
 */

/** Deepest object/array nesting accepted in a request body (real specs stay under 30). */
export const MAX_BODY_DEPTH = 100;

/** Longest org id or sandbox name accepted (real ones are under 40 characters; folder names must stay short). */
export const MAX_SCOPE_HEADER_LENGTH = 128;

/** Deepest object/array nesting of a parsed JSON value, measured without recursion; stops once above `stopAbove`. */
export function jsonDepth(value: unknown, stopAbove = Infinity): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const here = depth + 1;
    if (here > max) {
      max = here;
      if (max > stopAbove) return max;
    }
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, here]);
    }
  }
  return max;
}

/** Why a request body cannot be stored, or undefined when it can. */
export function bodyLimitProblem(value: unknown): string | undefined {
  if (jsonDepth(value, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) return `The request body is nested deeper than ${MAX_BODY_DEPTH} levels.`;
  return undefined;
}

/** Why an org id or sandbox name header cannot be used, or undefined when it can. */
export function scopeHeaderProblem(name: string, value: string): string | undefined {
  if (value.length > MAX_SCOPE_HEADER_LENGTH) return `The header ${name} is longer than ${MAX_SCOPE_HEADER_LENGTH} characters.`;
  return undefined;
}

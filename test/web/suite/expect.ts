/**
 * Assertions for the in-browser suite. Node's `assert` is not available in a web worker extension host, and these
 * few checks do not justify bundling a browser port of it.
 */
export function ok(value: unknown, message: string): asserts value {
  if (!value) throw new Error(`expected: ${message}`);
}

export function equal<T>(actual: T, expected: T, message: string): void {
  if (actual !== expected) throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function match(text: string, pattern: RegExp, message: string): void {
  if (!pattern.test(text)) throw new Error(`${message}: ${JSON.stringify(text.slice(0, 400))} does not match ${pattern}`);
}

/**
 * How deep and how large a JSON value is, measured without recursion and without building its text: a record nested
 * 5,000 levels overflows the stack of every recursive walk (`JSON.stringify`, `structuredClone`, redaction, schema
 * inference), and a record of hundreds of MB cannot be turned into one string ("Invalid string length"). The engine
 * and the emulator measure first, then decide, so neither ever meets those errors.
 */

/** Deepest object/array nesting the engine keeps in a record and the emulator stores (real records stay far below). */
export const MAX_JSON_DEPTH = 100;

export interface JsonMeasure {
  /** Deepest object/array nesting (a scalar is 0, `{}` is 1). */
  depth: number;
  /** Approximate size of its JSON text in UTF-8 bytes (escapes not counted). */
  bytes: number;
  /** Set when the walk stopped early because the value is deeper than `maxDepth` or larger than `maxBytes`. */
  over?: 'depth' | 'bytes';
}

const scalarBytes = (value: unknown): number =>
  typeof value === 'string' ? Buffer.byteLength(value, 'utf8') + 2 : value === null || value === undefined ? 4 : String(value).length;

/** Measures `value`; stops as soon as it is deeper than `maxDepth` or larger than `maxBytes` (then `over` says which). */
export function measureJson(value: unknown, bounds: { maxDepth?: number; maxBytes?: number } = {}): JsonMeasure {
  const maxDepth = bounds.maxDepth ?? Infinity;
  const maxBytes = bounds.maxBytes ?? Infinity;
  let depth = 0;
  let bytes = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (node === null || typeof node !== 'object') {
      bytes += scalarBytes(node);
    } else {
      const here = level + 1;
      if (here > depth) depth = here;
      if (depth > maxDepth) return { depth, bytes, over: 'depth' };
      if (Array.isArray(node)) {
        bytes += 2 + Math.max(0, node.length - 1);
        for (const child of node) stack.push([child, here]);
      } else {
        const entries = Object.entries(node as Record<string, unknown>);
        bytes += 2 + Math.max(0, entries.length - 1);
        for (const [key, child] of entries) {
          bytes += Buffer.byteLength(key, 'utf8') + 3;
          stack.push([child, here]);
        }
      }
    }
    if (bytes > maxBytes) return { depth, bytes, over: 'bytes' };
  }
  return { depth, bytes };
}

/** Deepest object/array nesting of `value`; stops once above `stopAbove`. */
export function jsonDepth(value: unknown, stopAbove = Infinity): number {
  return measureJson(value, { maxDepth: stopAbove }).depth;
}

/** One MiB, the unit of the `--max-…-mb` flags. */
export const MIB = 1024 * 1024;

/** "12.3 MiB" for a byte count. */
export function mebibytes(bytes: number): string {
  return `${(bytes / MIB).toFixed(bytes < 10 * MIB ? 1 : 0)} MiB`;
}

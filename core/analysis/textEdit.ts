/**
 * What changed between two versions of a text, and whether the change can alter the text's token structure. The
 * engine uses both to skip work an edit cannot affect (the size guard's token scan, schema validation of untouched
 * members).
 */

/** Where two texts differ: `[start, oldEnd)` of the old one became `[start, newEnd)` of the new one. */
export interface ChangedRegion {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** An edit from a known earlier text (computed once per version, shared by the engine's steps). */
export interface EditFrom {
  before: string;
  region: ChangedRegion;
}

/** The one region two texts differ in (the longest common prefix and suffix left out). */
export function changedRegion(before: string, after: string): ChangedRegion {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  // Whole blocks first: comparing two slices is one native comparison, far cheaper per character than a loop here,
  // and a keystroke leaves kilobytes equal on both sides of it.
  while (start + BLOCK <= limit && before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK)) start += BLOCK;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix + BLOCK <= limit - start
    && before.slice(before.length - suffix - BLOCK, before.length - suffix) === after.slice(after.length - suffix - BLOCK, after.length - suffix)) suffix += BLOCK;
  while (suffix < limit - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

/** Characters compared at once by {@link changedRegion}. */
const BLOCK = 256;

/** Characters that open, close or escape a JSON token (strings, comments, containers) or end a line. */
const STRUCTURAL = new Set([...'"\\/*{}[]\r\n'].map((c) => c.charCodeAt(0)));
/** Characters that form a token with the one after them (`\"`, `//`, `/*`, `*\/`, `\r\n`). */
const JOINING = new Set([...'\\/*\r'].map((c) => c.charCodeAt(0)));

/**
 * True when `after` has the same tokens as `before` apart from the characters inside them: no bracket, quote, escape,
 * comment mark or line end was added or removed, nor did one come to stand next to another (so string and comment
 * boundaries, nesting and the line count are those of `before`).
 */
export function sameStructure(before: string, after: string, region = changedRegion(before, after)): boolean {
  // The character before the edit now stands next to what follows it: it must not join it. (What follows cannot join
  // anything: only the characters checked below would.)
  if (region.start > 0 && JOINING.has(before.charCodeAt(region.start - 1))) return false;
  for (let i = region.start; i < region.oldEnd; i++) if (STRUCTURAL.has(before.charCodeAt(i))) return false;
  for (let i = region.start; i < region.newEnd; i++) if (STRUCTURAL.has(after.charCodeAt(i))) return false;
  return true;
}

/**
 * Documents that parse but are mis-nested: a missing and an extra closing bracket that balance, so the members
 * between them land in the wrong object (a `}` typed too early and the last one deleted to silence "End of file
 * expected"; a `}` deleted and one added at the end). The parser cannot see it; the indentation can. Here:
 * - the first line whose indentation disagrees with the nesting (walk.ts) says which side the mistake is on: a line
 *   indented as an outer level's member means a closer is missing before it; one indented deeper than its
 *   container's members means a closer before it was extra;
 * - that one closer is inserted (after the last value before the line) or removed (the closers just before it), and
 *   the text, now unbalanced, goes through the syntax recovery (recover.ts) for the other half;
 * - a pair is kept only when the result reads cleanly with every line's indentation agreeing with the nesting, and
 *   no other pair gives a different document (two closers side by side are one repair).
 * Whether the repaired document is better is the engine's call (core/analysis/misnesting.ts): it must explain
 * schema findings, not just agree with the indentation.
 */
import { createScanner, getNodePath, parse, parseTree, SyntaxKind, type Node } from 'jsonc-parser';
import { recoverSyntax, toOriginal } from './recover';
import { Lines, walk, type Mismatch } from './walk';
import type { Edit } from './candidates';

/** What a mis-nesting repair moves: the closer inserted, the closer removed, the first member it moves. */
export interface Misnesting {
  /** Both edits, sorted, in the original's coordinates. */
  edits: Edit[];
  /** The original with `edits` applied. */
  repaired: string;
  /** The first property that moves to another object (its key, in the original). */
  moved: { start: number; end: number; key: string };
  /** The object it sits in, and the one its indentation says it belongs to (property names; `undefined`: top level). */
  sitsIn?: string;
  belongsTo?: string;
  /** Where the closer goes and which one is extra, as 0-based lines of the original. */
  missingLine: number;
  extraLine: number;
}

/** Closers tried for removal before a line indented too deep. */
const REMOVALS_TRIED = 3;

/** The repair of a parsed but mis-nested `text`, when exactly one reads cleanly; see the module comment. */
export function findMisnesting(text: string): Misnesting | undefined {
  const lines = new Lines(text);
  const walked = walk(text, lines);
  if (walked.error || !walked.mismatch) return undefined;
  const found = new Map<string, { repaired: string; edits: Edit[] }>();
  for (const first of firstEdits(text, walked.mismatch)) {
    const halfway = apply(text, first);
    const rest = recoverSyntax(halfway);
    if (rest.repaired === undefined || rest.mistakes.length !== 1) continue;
    const clean = walk(rest.repaired);
    if (clean.error || clean.mismatch) continue;
    const second = rest.edits[0];
    const inOriginal: Edit = { start: toOriginal([first], second.start), end: toOriginal([first], second.end), newText: second.newText };
    if (overlaps(first, inOriginal)) continue;
    // Two closers side by side give the same document whichever is removed: one repair, the first tried.
    const value = JSON.stringify(parse(rest.repaired));
    if (!found.has(value)) found.set(value, { repaired: rest.repaired, edits: [first, inOriginal].sort((a, b) => a.start - b.start) });
  }
  if (found.size !== 1) return undefined;
  const [{ repaired, edits }] = found.values();
  return describe(text, lines, repaired, edits);
}

/** The single-closer edits that undo the first disagreement: insert one before the line, or remove one before it. */
function firstEdits(text: string, mismatch: Mismatch): Edit[] {
  const frame = mismatch.stack[mismatch.stack.length - 1];
  if (!frame) return [];
  if (mismatch.kind === 'outer') {
    // The container is still open where the line says it ended: close it after the last value before the line.
    const at = lastValueEnd(text, mismatch.before);
    return [{ start: at, end: at, newText: `\n${indentOfLineAt(text, frame.openOffset)}${frame.close}` }];
  }
  // Indented as a member of a container closed before it: one of the closers just before the line was extra.
  const closers: Edit[] = [];
  for (let i = mismatch.closer ? mismatch.offset : mismatch.before - 1; i >= 0 && closers.length < REMOVALS_TRIED; i--) {
    const c = text[i];
    if (c === '}' || c === ']') closers.push({ start: i, end: i + 1, newText: '' });
    else if (c !== ',' && !/\s/.test(c)) break;
  }
  return closers;
}

/** End of the last value at or before `offset` (before a separating comma, so the closer goes inside the list). */
function lastValueEnd(text: string, offset: number): number {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  if (text[end - 1] === ',') {
    end--;
    while (end > 0 && /\s/.test(text[end - 1])) end--;
  }
  return end;
}

function apply(text: string, edit: Edit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

function overlaps(a: Edit, b: Edit): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Maps an offset of the original to the repaired text (an offset inside a removed range maps to its start). */
function toRepaired(edits: readonly Edit[], offset: number): number {
  let shift = 0;
  for (const edit of edits) {
    if (offset < edit.start) break;
    if (offset < edit.end) return edit.start + shift;
    shift += edit.newText.length - (edit.end - edit.start);
  }
  return offset + shift;
}

/** The leading whitespace of the line `offset` is on. */
function indentOfLineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

/** The name of the property whose value holds `property` (through arrays: `authSpec` for an entry's key). */
function ownerName(property: Node | undefined): string | undefined {
  for (let node = property?.parent; node?.parent; node = node.parent) {
    if (node.parent.type === 'property') return node.parent.children?.[0]?.value as string | undefined;
  }
  return undefined;
}

/** The first property whose place differs between the original and the repaired text, with both places' names. */
function describe(text: string, lines: Lines, repaired: string, edits: Edit[]): Misnesting | undefined {
  const original = parseTree(text);
  const fixed = parseTree(repaired);
  if (!original || !fixed) return undefined;
  const scanner = createScanner(text, true);
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token !== SyntaxKind.StringLiteral) continue;
    const start = scanner.getTokenOffset();
    const key = findKey(original, start);
    if (!key) continue;
    const moved = findKey(fixed, toRepaired(edits, start));
    if (!moved) continue;
    const before = getNodePath(key.parent as Node).join('\u0000');
    const after = getNodePath(moved.parent as Node).join('\u0000');
    if (before === after) continue;
    const [insertion, removal] = edits[0].newText ? [edits[0], edits[1]] : [edits[1], edits[0]];
    return {
      edits, repaired,
      moved: { start, end: start + scanner.getTokenLength(), key: key.value as string },
      sitsIn: ownerName(key.parent), belongsTo: ownerName(moved.parent),
      missingLine: lines.lineOf(insertion.start), extraLine: lines.lineOf(removal.start),
    };
  }
  return undefined;
}

/** The key node (a property's first child) starting at `offset`, if a key starts there. */
function findKey(root: Node, offset: number): Node | undefined {
  let node: Node | undefined = root;
  while (node) {
    if (node.type === 'property' && node.children?.[0]?.offset === offset) return node.children[0];
    node = node.children?.find((child) => child.offset <= offset && offset < child.offset + child.length);
  }
  return undefined;
}

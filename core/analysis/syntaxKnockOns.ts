/**
 * One problem, one report after a JSON syntax error. When the parser cannot read a member or element it recovers
 * by guessing (a stray "`" becomes a key, the real key becomes its value…), and every layer above then reports on
 * the guess: more syntax messages on the same spot, "unknown key", "missing property" for the member it lost.
 * Those are dropped; the first syntax error of each damaged stretch stays, and so does every finding outside it (a
 * stray character near the top must not hide a real defect further down).
 */
import type { ASTNode, Diagnostic, JSONDocument, TextDocument } from 'vscode-json-languageservice';

/** Codes of the syntax layer that can knock on (comments and trailing commas parse cleanly around themselves). */
const SYNTAX = 'SSDK001';
const NEVER_DROPPED = new Set(['SSDK002', 'SSDK003', 'SSDK004', 'SSDK005', 'SSDK090', 'SSDK091']);

/** Past this many damaged stretches the file is mostly broken; later errors keep all their findings. */
const MAX_STRETCHES = 200;

interface Damage {
  start: number;
  end: number;
  /** The object or array whose member could not be read. */
  container: ASTNode | undefined;
}

/** `diagnostics` minus the knock-on findings of each JSON syntax error. */
export function withoutSyntaxKnockOns(document: TextDocument, json: JSONDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  const syntax = diagnostics.filter((d) => d.code === SYNTAX)
    .map((d) => document.offsetAt(d.range.start)).sort((a, b) => a - b);
  if (syntax.length === 0) return diagnostics;
  const damages = damagedStretches(document, json, syntax);
  const firstOfStretch = new Set(damages.map((damage) => damage.start));
  const containerStarts = new Set<number>();
  for (const damage of damages) for (const offset of reportOffsetsOf(damage.container)) containerStarts.add(offset);
  return diagnostics.filter((d) => {
    const code = String(d.code);
    if (NEVER_DROPPED.has(code)) return true;
    const offset = document.offsetAt(d.range.start);
    const stretch = stretchAt(damages, offset);
    if (code === SYNTAX) return firstOfStretch.has(offset) || !stretch;
    if (stretch) return false;
    // "Missing property" of the object that lost a member: the lost member may well be the missing one.
    const missing = (d.data as { missingProperty?: unknown } | undefined)?.missingProperty;
    return !(typeof missing === 'string' && containerStarts.has(offset));
  });
}

/** The stretch containing `offset` (stretches are sorted and disjoint: binary search). */
function stretchAt(damages: readonly Damage[], offset: number): Damage | undefined {
  let low = 0;
  let high = damages.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const damage = damages[middle];
    if (offset < damage.start) high = middle - 1;
    else if (offset > damage.end) low = middle + 1;
    else return damage;
  }
  return undefined;
}

/** Clusters syntax errors into stretches: a stretch covers the unreadable member and the rest of its line. */
function damagedStretches(document: TextDocument, json: JSONDocument, offsets: number[]): Damage[] {
  const damages: Damage[] = [];
  for (const offset of offsets) {
    const lineEnd = endOfLine(document, offset);
    const last = damages[damages.length - 1];
    if (last && offset <= last.end) {
      last.end = Math.max(last.end, lineEnd);
      continue;
    }
    // A tree lookup per stretch, not per error: a badly broken file has thousands of errors in a few stretches.
    if (damages.length >= MAX_STRETCHES) break;
    const member = memberAt(json, offset);
    const end = Math.max(lineEnd, member ? member.offset + member.length : offset);
    damages.push({ start: offset, end, container: member?.parent?.type === 'property' ? member.parent.parent : member?.parent });
  }
  return damages;
}

/** The property or array element at `offset` (the unit the parser failed to read), if any. */
function memberAt(json: JSONDocument, offset: number): ASTNode | undefined {
  let node: ASTNode | undefined = json.getNodeFromOffset(offset, true);
  while (node && node.parent && node.type !== 'property' && node.parent.type !== 'array') node = node.parent;
  if (!node?.parent) return undefined;
  return node;
}

/** Where the language service reports "Missing property" for this container: its key, or its own start. */
function reportOffsetsOf(container: ASTNode | undefined): number[] {
  if (!container) return [];
  const offsets = [container.offset];
  if (container.parent?.type === 'property') offsets.push(container.parent.keyNode.offset);
  return offsets;
}

function endOfLine(document: TextDocument, offset: number): number {
  const position = document.positionAt(offset);
  return document.offsetAt({ line: position.line + 1, character: 0 }) - 1;
}

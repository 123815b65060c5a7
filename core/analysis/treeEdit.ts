/**
 * Edits the engine applies to the previous parse tree instead of parsing again:
 * - white space between tokens (a space typed before a key, a line broken between two values) changes no value:
 *   the tree, the schema problems and the rules' findings of the previous version all still hold, each moved by the
 *   edit's length. Nothing is redone for a keystroke that does not change what is checked. Findings carry positions
 *   only in their ranges (never in their message or data), which is what makes moving them exact;
 * - a letter typed in (or removed from) a string value: the tree is moved and that one string gets its new value;
 *   the schema (member-wise) and the rules then check the new tree.
 * test/unit/memberValidation.test.ts compares the results with a full analysis on random edits.
 */
import { createScanner, ScanError, SyntaxKind } from 'jsonc-parser';
import type { ASTNode, Diagnostic, JSONDocument, PropertyASTNode, StringASTNode, TextDocument } from 'vscode-json-languageservice';
import type { ChangedRegion, EditFrom } from './textEdit';

const WHITE_SPACE = new Set([32, 9, 10, 13]); // space, tab, line feed, carriage return

/** True when `after` differs from `before` only by white space between tokens of `root` (the parse of `before`). */
export function whiteSpaceOnly(before: string, after: string, region: ChangedRegion, root: ASTNode | undefined): boolean {
  if (!root) return false;
  for (let i = region.start; i < region.oldEnd; i++) if (!WHITE_SPACE.has(before.charCodeAt(i))) return false;
  for (let i = region.start; i < region.newEnd; i++) if (!WHITE_SPACE.has(after.charCodeAt(i))) return false;
  // White space inside a string (or a key) is part of its value.
  let node: ASTNode | undefined = root;
  while (node) {
    if (node.type === 'string' || node.type === 'number' || node.type === 'boolean' || node.type === 'null') {
      return !(node.offset < region.start && region.start < node.offset + node.length);
    }
    node = childAt(node, region.start);
  }
  return true;
}

/** The child of `node` whose range holds `offset` (by type: a property's `children` builds a new array on every call). */
function childAt(node: ASTNode, offset: number): ASTNode | undefined {
  const holds = (child: ASTNode | undefined) => child !== undefined && child.offset <= offset && offset < child.offset + child.length;
  if (node.type === 'object') return holding(node.properties, offset);
  if (node.type === 'array') return holding(node.items, offset);
  if (node.type === 'property') return holds(node.keyNode) ? node.keyNode : holds(node.valueNode) ? node.valueNode : undefined;
  return undefined;
}

/** The node of `nodes` (in text order, not overlapping) whose range holds `offset`: a binary search (objects can be huge). */
function holding(nodes: readonly ASTNode[], offset: number): ASTNode | undefined {
  let low = 0;
  let high = nodes.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const node = nodes[middle];
    if (offset < node.offset) high = middle - 1;
    else if (offset >= node.offset + node.length) low = middle + 1;
    else return node;
  }
  return undefined;
}

/**
 * The string value (not a key) of `root` an edit lies inside, with its new value, when the new text of that string
 * still is one clean string token: the tree then only needs moving and that value set (see {@link moveTree}).
 */
export function editInsideString(after: string, region: ChangedRegion, root: ASTNode | undefined): { node: StringASTNode; value: string } | undefined {
  let node: ASTNode | undefined = root;
  while (node && node.type !== 'string') node = childAt(node, region.start);
  if (!node || (node.parent?.type === 'property' && node.parent.keyNode === node)) return undefined;
  // Strictly between the quotes, before and after the edit.
  if (!(node.offset < region.start && region.oldEnd < node.offset + node.length)) return undefined;
  const token = after.slice(node.offset, node.offset + node.length + region.newEnd - region.oldEnd);
  // Most strings hold no escape, quote or control character: then the value is the text between the quotes.
  if (plainStringToken(token)) return { node, value: token.slice(1, -1) };
  const scanner = createScanner(token, false);
  if (scanner.scan() !== SyntaxKind.StringLiteral || scanner.getTokenError() !== ScanError.None || scanner.getTokenLength() !== token.length) return undefined;
  return { node, value: scanner.getTokenValue() };
}

/** Whether `token` is a quote, characters other than a quote, a backslash or a control character, and a quote. */
function plainStringToken(token: string): boolean {
  if (token.length < 2 || token.charCodeAt(0) !== 34 || token.charCodeAt(token.length - 1) !== 34) return false;
  for (let i = 1; i < token.length - 1; i++) {
    const c = token.charCodeAt(i);
    if (c === 34 || c === 92 || c < 32) return false;
  }
  return true;
}

/** Where an offset of the previous version is now: starts at or after the edit move, ends after its start move. */
export function mover(region: ChangedRegion): { start(offset: number): number; end(offset: number): number } {
  const delta = region.newEnd - region.oldEnd;
  return {
    start: (offset) => (offset >= region.oldEnd ? offset + delta : offset),
    end: (offset) => (offset > region.start ? offset + delta : offset),
  };
}

/** Moves every node of the tree (in place) to where it is after a {@link whiteSpaceOnly} edit. */
export function moveTree(root: ASTNode, region: ChangedRegion): void {
  const move = mover(region);
  const stack: ASTNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    // A node that ends where the edit starts or before keeps its place, and so does everything inside it.
    if (node.offset + node.length <= region.start) continue;
    const start = move.start(node.offset);
    const end = move.end(node.offset + node.length);
    (node as { offset: number }).offset = start;
    (node as { length: number }).length = end - start;
    // The children by type (a property's `children` builds a new array on every call).
    if (node.type === 'object') {
      for (const property of node.properties) stack.push(property);
    } else if (node.type === 'array') {
      for (const item of node.items) stack.push(item);
    } else if (node.type === 'property') {
      const property = node as PropertyASTNode & { colonOffset?: number };
      if (property.colonOffset !== undefined && property.colonOffset >= 0) property.colonOffset = move.start(property.colonOffset);
      stack.push(property.keyNode);
      if (property.valueNode) stack.push(property.valueNode);
    }
  }
}

/**
 * The previous parse (`json`, clean: no syntax error, no comment) updated in place for the text after `edit`, when
 * the edit allows it: white space between tokens (the tree moved; `whiteSpaceOnly`), or one string value (the tree
 * moved and that value set). Undefined when the text must be parsed again. `lineCountMayChange` says whether a line
 * break was typed or removed (the engine's size guard then looks again); `editedString` is the string whose value changed.
 */
export function updatedTree(json: JSONDocument, after: string, edit: EditFrom):
  { whiteSpaceOnly: boolean; lineCountMayChange: boolean; editedString?: StringASTNode } | undefined {
  const { before, region } = edit;
  const root = json.root;
  if (!root) return undefined;
  if (whiteSpaceOnly(before, after, region, root)) {
    const lineCountMayChange = /[\r\n]/.test(after.slice(region.start, region.newEnd) + before.slice(region.start, region.oldEnd));
    moveTree(root, region);
    return { whiteSpaceOnly: true, lineCountMayChange };
  }
  const inString = editInsideString(after, region, root);
  if (!inString) return undefined;
  moveTree(root, region);
  (inString.node as { value: string }).value = inString.value;
  return { whiteSpaceOnly: false, lineCountMayChange: false, editedString: inString.node };
}

/** A diagnostic with its offsets in the text it was found in (what can be moved after an edit). */
export interface PlacedDiagnostic {
  start: number;
  end: number;
  diagnostic: Diagnostic;
}

/**
 * A diagnostic of the previous version where it is after `region` changed: a start at or after the change moves by
 * its length, and so does an end after the change's start (a diagnostic about a node that holds the edit grows with
 * it). The same item when nothing moved.
 */
export function movedDiagnostic<T extends PlacedDiagnostic>(document: TextDocument, item: T, region: ChangedRegion): T | PlacedDiagnostic {
  const move = mover(region);
  const start = move.start(item.start);
  const end = Math.max(start, move.end(item.end));
  if (start === item.start && end === item.end) return item;
  return { start, end, diagnostic: { ...item.diagnostic, range: { start: document.positionAt(start), end: document.positionAt(end) } } };
}

interface Remembered {
  text: string;
  key: string;
  items: PlacedDiagnostic[];
}

/** The last diagnostics of each document, with their offsets, to move after a {@link whiteSpaceOnly} edit. */
export class MovableResults {
  private readonly last = new Map<string, Remembered>();

  constructor(private readonly keep: number) {}

  /** Remembers `diagnostics` as the answer for `document` under `key` (the kind and what the caller knew). */
  remember(document: TextDocument, key: string, diagnostics: readonly Diagnostic[]): void {
    this.last.delete(document.uri);
    const items = diagnostics.map((diagnostic) => ({ start: document.offsetAt(diagnostic.range.start), end: document.offsetAt(diagnostic.range.end), diagnostic }));
    this.last.set(document.uri, { text: document.getText(), key, items });
    if (this.last.size > this.keep) this.last.delete(this.last.keys().next().value as string);
  }

  /** The remembered answer moved to `document`, when it was for `before` under the same `key`; else undefined. */
  moved(document: TextDocument, key: string, before: string, region: ChangedRegion): Diagnostic[] | undefined {
    const last = this.last.get(document.uri);
    if (!last || last.text !== before || last.key !== key) return undefined;
    const items = last.items.map((item) => movedDiagnostic(document, item, region));
    this.last.set(document.uri, { text: document.getText(), key, items });
    return items.map((item) => item.diagnostic);
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}

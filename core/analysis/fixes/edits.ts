/**
 * Text-edit builders for quick fixes: insert properties into an object with the document's indentation,
 * remove a property or array item together with its comma, and find the node a diagnostic points at.
 */
import type { ASTNode, ObjectASTNode, TextDocument, TextEdit } from 'vscode-json-languageservice';
import { detectIndentUnit, indentationAt, nodeAtOffset } from '../astUtil';

/** The outermost node that starts at `start` and fits in [start, end] (a key, a value, a property). */
export function nodeAtRange(root: ASTNode | undefined, start: number, end: number): ASTNode | undefined {
  let node = nodeAtOffset(root, start);
  if (!node || node.offset !== start) return undefined;
  while (node.parent && node.parent.offset === start && node.parent.offset + node.parent.length <= end) node = node.parent;
  return node;
}

function editFor(document: TextDocument, start: number, end: number, newText: string): TextEdit {
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, newText };
}

/** Replace a node's text. */
export function replaceNode(document: TextDocument, node: ASTNode, newText: string): TextEdit {
  return editFor(document, node.offset, node.offset + node.length, newText);
}

/** Formats `value` as JSON whose continuation lines start with `indent`. */
function formatValue(value: unknown, unit: string, indent: string): string {
  return JSON.stringify(value, null, unit).split('\n').join(`\n${indent}`);
}

/**
 * Inserts `entries` as new properties of `object`, after its last property, matching the layout: one line per
 * property when the object is multi-line (or empty), inline when the object is written on one line.
 */
export function insertProperties(document: TextDocument, object: ObjectASTNode, entries: Array<[string, unknown]>): TextEdit {
  const text = document.getText();
  const unit = detectIndentUnit(text);
  const objectIndent = indentationAt(document, object.offset).line;
  const last = object.properties[object.properties.length - 1];
  if (!last) {
    const childIndent = objectIndent + unit;
    const body = entries.map(([key, value]) => `${childIndent}${JSON.stringify(key)}: ${formatValue(value, unit, childIndent)}`);
    return editFor(document, object.offset + 1, object.offset + object.length - 1, `\n${body.join(',\n')}\n${objectIndent}`);
  }
  const first = object.properties[0];
  const inline = document.positionAt(first.offset).line === document.positionAt(object.offset).line;
  const end = last.offset + last.length;
  if (inline) {
    const body = entries.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ')}`);
    return editFor(document, end, end, `, ${body.join(', ')}`);
  }
  const childIndent = indentationAt(document, first.offset).line;
  const body = entries.map(([key, value]) => `${childIndent}${JSON.stringify(key)}: ${formatValue(value, unit, childIndent)}`);
  return editFor(document, end, end, `,\n${body.join(',\n')}`);
}

/** Removes a property or array item and the comma that separates it from its neighbour. */
export function removeNode(document: TextDocument, node: ASTNode): TextEdit | undefined {
  const container = node.parent;
  if (!container) return undefined;
  const siblings: ASTNode[] = container.type === 'object' ? container.properties
    : container.type === 'array' ? container.items : [];
  const index = siblings.indexOf(node);
  if (index < 0) return undefined;
  const end = node.offset + node.length;
  if (index > 0) {
    const previous = siblings[index - 1];
    return editFor(document, previous.offset + previous.length, end, '');
  }
  const next = siblings[index + 1];
  return editFor(document, node.offset, next ? next.offset : end, '');
}

/**
 * Removes several properties of one object in one go: consecutive ones as one range, each range taking the comma
 * before it (or after it, for a run at the start), so the edits never overlap.
 */
export function removeProperties(document: TextDocument, object: ObjectASTNode, remove: ReadonlySet<ASTNode>): TextEdit[] {
  const properties = object.properties;
  const edits: TextEdit[] = [];
  for (let i = 0; i < properties.length; i++) {
    if (!remove.has(properties[i])) continue;
    let last = i;
    while (last + 1 < properties.length && remove.has(properties[last + 1])) last++;
    const end = properties[last].offset + properties[last].length;
    if (i > 0) edits.push(editFor(document, properties[i - 1].offset + properties[i - 1].length, end, ''));
    else edits.push(editFor(document, properties[i].offset, last + 1 < properties.length ? properties[last + 1].offset : end, ''));
    i = last;
  }
  return edits;
}

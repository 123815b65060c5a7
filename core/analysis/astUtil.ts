/**
 * Small helpers to walk the vscode-json-languageservice AST. Every helper tolerates unexpected shapes by returning
 * `undefined`, so rules can chain look-ups without guarding each step.
 */
import type {
  ArrayASTNode,
  ASTNode,
  ObjectASTNode,
  PropertyASTNode,
  StringASTNode,
  TextDocument,
} from 'vscode-json-languageservice';

/** The node as an object node, or undefined. */
export function asObject(node: ASTNode | undefined): ObjectASTNode | undefined {
  return node && node.type === 'object' ? node : undefined;
}

/** The node as an array node, or undefined. */
export function asArray(node: ASTNode | undefined): ArrayASTNode | undefined {
  return node && node.type === 'array' ? node : undefined;
}

/** The string value of a node, or undefined when it is not a string. */
export function stringValue(node: ASTNode | undefined): string | undefined {
  return node && node.type === 'string' ? node.value : undefined;
}

/** The first property named `key` of an object node (JSON duplicates are reported elsewhere). */
export function findProperty(node: ASTNode | undefined, key: string): PropertyASTNode | undefined {
  const obj = asObject(node);
  if (!obj) return undefined;
  for (const prop of obj.properties) if (prop.keyNode.value === key) return prop;
  return undefined;
}

/** The value node of property `key`, or undefined. */
export function getValue(node: ASTNode | undefined, key: string): ASTNode | undefined {
  return findProperty(node, key)?.valueNode;
}

/** Follow a path of property names and array indexes from `node`. */
export function getPath(node: ASTNode | undefined, path: ReadonlyArray<string | number>): ASTNode | undefined {
  let current = node;
  for (const segment of path) {
    if (!current) return undefined;
    if (typeof segment === 'number') {
      const arr = asArray(current);
      current = arr ? arr.items[segment] : undefined;
    } else {
      current = getValue(current, segment);
    }
  }
  return current;
}

/** The property nodes of an object, or an empty list. */
export function propertiesOf(node: ASTNode | undefined): readonly PropertyASTNode[] {
  return asObject(node)?.properties ?? [];
}

/** The items of an array, or an empty list. */
export function itemsOf(node: ASTNode | undefined): readonly ASTNode[] {
  return asArray(node)?.items ?? [];
}

/** Path of property names / indexes from the root down to `node` (used by fixes and hovers). */
export function pathOf(node: ASTNode): Array<string | number> {
  const path: Array<string | number> = [];
  let child: ASTNode = node;
  let parent = node.parent;
  while (parent) {
    if (parent.type === 'property') {
      if (child === parent.valueNode) path.unshift(parent.keyNode.value);
    } else if (parent.type === 'array') {
      path.unshift(parent.items.indexOf(child));
    }
    child = parent;
    parent = parent.parent;
  }
  return path;
}

/** Innermost node whose extent contains `offset` (inclusive of the end, so a cursor after a char counts). */
export function nodeAtOffset(root: ASTNode | undefined, offset: number): ASTNode | undefined {
  let node = root;
  if (!node || offset < node.offset || offset > node.offset + node.length) return undefined;
  for (;;) {
    const children = node.children;
    if (!children) return node;
    let next: ASTNode | undefined;
    for (const child of children) {
      if (offset >= child.offset && offset <= child.offset + child.length) {
        next = child;
        break;
      }
    }
    if (!next) return node;
    node = next;
  }
}

/**
 * Maps indexes into the decoded value of a string node to document offsets. Strings without escapes map
 * directly (offset + 1 + index); strings with escapes are scanned once.
 */
export function stringOffsetMapper(document: TextDocument, node: StringASTNode): (index: number) => number {
  const contentStart = node.offset + 1;
  const rawLength = node.length - 2;
  if (rawLength === node.value.length) return (index) => contentStart + index;
  const raw = textAt(document, contentStart, contentStart + Math.max(0, rawLength));
  const offsets: number[] = [];
  for (let i = 0; i < raw.length; ) {
    offsets.push(contentStart + i);
    if (raw.charCodeAt(i) === 92 /* \ */) i += raw.charAt(i + 1) === 'u' ? 6 : 2;
    else i += 1;
  }
  offsets.push(contentStart + raw.length);
  return (index) => offsets[Math.min(index, offsets.length - 1)] ?? contentStart;
}

/**
 * The text between two offsets. Rules read the text this way, never whole: what a rule reads is what decides when it
 * must run again (Rule.reads, checked by test/unit/ruleReads.test.ts).
 */
export function textAt(document: TextDocument, start: number, end: number): string {
  return document.getText({ start: document.positionAt(start), end: document.positionAt(end) });
}

/** Visit every node depth-first (iterative, so deep documents cannot overflow the stack). */
export function walk(root: ASTNode | undefined, visit: (node: ASTNode) => void): void {
  if (!root) return;
  const stack: ASTNode[] = [root];
  while (stack.length) {
    const node = stack.pop() as ASTNode;
    visit(node);
    // Children by type, last first so the first is visited first (a property's `children` builds an array per call).
    if (node.type === 'object') {
      for (let i = node.properties.length - 1; i >= 0; i--) stack.push(node.properties[i]);
    } else if (node.type === 'array') {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else if (node.type === 'property') {
      if (node.valueNode) stack.push(node.valueNode);
      stack.push(node.keyNode);
    }
  }
}

/** Indentation unit and the indentation of the line holding `offset` (used to format inserted JSON). */
export function indentationAt(document: TextDocument, offset: number): { line: string; unit: string } {
  const text = document.getText();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let end = lineStart;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return { line: text.substring(lineStart, end), unit: detectIndentUnit(text) };
}

/** The indentation unit the document uses (first indented line), default two spaces. */
export function detectIndentUnit(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text.length > 4096 ? text.substring(0, 4096) : text);
  if (!match) return '  ';
  return match[1].startsWith('\t') ? '\t' : match[1];
}

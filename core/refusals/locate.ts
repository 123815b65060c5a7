/**
 * Places a Flow Service refusal (a 4xx message about the body) on the field it names in the spec file. Messages
 * name fields in several ways (the error formats of https://developer.adobe.com/experience-platform-apis/references/flow-service/ carry free-text `detailed-message`/`errorMessage`);
 * each is tried in turn:
 *
 * 1. a JSONPath (`$.sourceSpec.attributes.urlParams`, `$['authSpec'][0]`) or a JSON Pointer (`/authSpec/0/spec`);
 * 2. a dotted path (`sourceSpec.attributes.paginationParams.type`, `authSpec[1].spec.properties.host`);
 * 3. a quoted key or value (`'pageSize'`, `"OAuth2 Refresh Code"`): a property of that name, else a string of
 *    that value;
 * 4. a property named in a schema message (`required property host`, `Unrecognized field foo`, `Missing field x`).
 *
 * A path that resolves only partly points at its deepest existing part (a missing property is reported on the
 * object that should hold it). Anything unplaceable goes on the first line. Pure: text in, range out.
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { Range } from 'vscode-json-languageservice';
import { FlowServiceError } from '../api/errors';
import { LineIndex } from '../artifacts/textPositions';

/** True for a 4xx answer about the request body (not auth, not a missing spec, not a local conflict). */
export function isBodyRefusal(error: unknown): error is FlowServiceError {
  const status = error instanceof FlowServiceError ? error.details.status : undefined;
  return error instanceof FlowServiceError && error.kind === 'validation' && status !== undefined && status >= 400 && status < 500;
}

/** Where a refusal message belongs in a file. */
export interface RefusalLocation {
  range: Range;
  /** How it was found; `unplaced` means the first line (nothing in the message matched the file). */
  how: 'json-path' | 'dotted-path' | 'quoted' | 'schema-property' | 'unplaced';
  /** The path of the node, e.g. `sourceSpec.attributes.urlParams`, when placed. */
  path?: string;
}

type Segment = string | number;

/** Locates `message` in `text`; never throws. */
export function locateRefusal(message: string, text: string): RefusalLocation {
  const index = new LineIndex(text);
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const place = (node: Node, how: RefusalLocation['how']): RefusalLocation => {
    // A property's value: underline its key (short and visible) unless the value is a scalar.
    const target = node.parent?.type === 'property' && node.parent.children?.[1] === node && (node.type === 'object' || node.type === 'array')
      ? node.parent.children[0] : node;
    return { range: index.range(target.offset, target.offset + target.length), how, path: pathString(nodePath(node)) };
  };
  const unplaced: RefusalLocation = { range: index.lineRange(0), how: 'unplaced' };
  if (!root) return unplaced;

  for (const path of jsonPaths(message)) {
    const node = deepest(root, path);
    if (node && node !== root) return place(node, 'json-path');
  }
  for (const path of dottedPaths(message)) {
    const node = deepest(root, path);
    if (node && node !== root) return place(node, 'dotted-path');
  }
  for (const word of quotedWords(message)) {
    const node = findKey(root, word) ?? findStringValue(root, word);
    if (node) return place(node, 'quoted');
  }
  for (const word of schemaProperties(message)) {
    const node = findKey(root, word);
    if (node) return place(node, 'schema-property');
  }
  return unplaced;
}

/** `$.a.b[0]`, `$['a']["b"]`, and JSON Pointers `/a/0/b` (at least two characters after the slash). */
function jsonPaths(message: string): Segment[][] {
  const out: Segment[][] = [];
  for (const match of message.matchAll(/\$((?:\.[A-Za-z_$][\w$-]*|\[\d+\]|\[(?:'[^']*'|"[^"]*")\])+)/g)) {
    const segments: Segment[] = [];
    for (const part of match[1].matchAll(/\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[(?:'([^']*)'|"([^"]*)")\]/g)) {
      if (part[1] !== undefined) segments.push(part[1]);
      else if (part[2] !== undefined) segments.push(Number(part[2]));
      else segments.push(part[3] ?? part[4] ?? '');
    }
    out.push(segments);
  }
  for (const match of message.matchAll(/(?:^|[\s'"(=:])((?:\/[A-Za-z0-9_$~-]+){1,})(?=$|[\s'",).;:])/g)) {
    const segments = match[1].split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (segments.join('').length < 2) continue;
    out.push(segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
  }
  return out;
}

/** `a.b.c`, `a[0].b` (at least one dot or index, so ordinary words are not paths). */
function dottedPaths(message: string): Segment[][] {
  const out: Segment[][] = [];
  for (const match of message.matchAll(/[A-Za-z_$][\w$]*(?:\[\d+\])*(?:\.[A-Za-z_$][\w$]*(?:\[\d+\])*)+|[A-Za-z_$][\w$]*(?:\[\d+\])+/g)) {
    const segments: Segment[] = [];
    for (const part of match[0].matchAll(/([A-Za-z_$][\w$]*)|\[(\d+)\]/g)) {
      segments.push(part[1] !== undefined ? part[1] : Number(part[2]));
    }
    out.push(segments);
  }
  // Longer paths are more specific; try them first.
  return out.sort((a, b) => b.length - a.length);
}

function quotedWords(message: string): string[] {
  const words: string[] = [];
  for (const match of message.matchAll(/'([^'\n]{1,120})'|"([^"\n]{1,120})"|`([^`\n]{1,120})`|‘([^’\n]{1,120})’|“([^”\n]{1,120})”/g)) {
    words.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5]);
  }
  return words;
}

function schemaProperties(message: string): string[] {
  const words: string[] = [];
  const pattern = /\b(?:property|properties|field|key|parameter|attribute)\s*[:=]?\s*([A-Za-z_$][\w$]*)|\b([A-Za-z_$][\w$]*)\s+(?:is required|is missing|is not allowed|must not be|should not be|is invalid)/gi;
  for (const match of message.matchAll(pattern)) {
    const word = match[1] ?? match[2];
    if (word && !/^(is|the|a|an|of|in|not|required|missing|value|name)$/i.test(word)) words.push(word);
  }
  return words;
}

/** The node at `path`, or at its longest existing prefix; undefined when not even the first segment exists. */
function deepest(root: Node, path: Segment[]): Node | undefined {
  for (let length = path.length; length > 0; length--) {
    const node = findNodeAtLocation(root, path.slice(0, length));
    if (node) return node;
  }
  return undefined;
}

function findKey(root: Node, key: string): Node | undefined {
  let found: Node | undefined;
  visit(root, (node) => {
    if (!found && node.type === 'property' && node.children?.[0]?.value === key) found = node.children[1] ?? node.children[0];
  });
  return found;
}

function findStringValue(root: Node, value: string): Node | undefined {
  let found: Node | undefined;
  visit(root, (node) => {
    const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
    if (!found && !isKey && node.type === 'string' && node.value === value) found = node;
  });
  return found;
}

function visit(node: Node, callback: (node: Node) => void): void {
  callback(node);
  for (const child of node.children ?? []) visit(child, callback);
}

function nodePath(node: Node): Segment[] {
  const path: Segment[] = [];
  let current: Node | undefined = node;
  while (current?.parent) {
    const parent: Node = current.parent;
    if (parent.type === 'property') {
      path.unshift(String(parent.children?.[0]?.value));
      current = parent.parent;
    } else if (parent.type === 'array') {
      path.unshift(parent.children?.indexOf(current) ?? 0);
      current = parent;
    } else {
      current = parent;
    }
  }
  return path;
}

function pathString(path: Segment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/**
 * Placeholders in connection specs: `${name}` uses in the request strings of `sourceSpec.attributes` (urlParams,
 * headerParams, bodyParams) and their declarations in `sourceSpec.spec.properties` and
 * `authSpec[*].spec.properties`. Also recognises the look-alikes `{name}`, `{{NAME}}` and runtime values such as
 * `{SCHEDULE_QUERY}`. Scanning is a single linear pass per string (no regular expressions over user text).
 */
import type { ASTNode, PropertyASTNode, StringASTNode, TextDocument } from 'vscode-json-languageservice';
import { getPath, itemsOf, propertiesOf, stringOffsetMapper, stringValue, walk } from './astUtil';

/** Values the service substitutes at run time; `{X}` with these names is not a leftover doc placeholder. */
export const RUNTIME_VALUES: ReadonlySet<string> = new Set(['SCHEDULE_QUERY', 'START_TIME', 'END_TIME']);

/** Kinds of brace token found in a string. */
export type TokenKind = 'dollar' | 'brace' | 'double' | 'malformed';

/** One brace construct in a decoded string value; indexes are into the decoded value. */
export interface PlaceholderToken {
  kind: TokenKind;
  /** The text between the braces (trimmed of nothing: exactly as written). */
  name: string;
  /** Index of the first character of the whole token (`$`, or the first `{`). */
  tokenStart: number;
  /** Index just after the whole token. */
  tokenEnd: number;
  /** Index range of the name inside the braces. */
  nameStart: number;
  nameEnd: number;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** True for names that can be declared as a property and referenced as `${name}`. */
export function isPlaceholderName(name: string): boolean {
  if (name.length === 0) return false;
  const first = name.charCodeAt(0);
  if (!isLetter(first) && first !== 95 /* _ */) return false;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!isLetter(c) && !isDigit(c) && c !== 95 && c !== 46 /* . */ && c !== 45 /* - */) return false;
  }
  return true;
}

/** True for `UPPER_CASE` names (spaces allowed), the style of documentation placeholders (`{DESCRIPTION}`). */
export function isUpperCaseName(name: string): boolean {
  if (name.length < 2) return false;
  const first = name.charCodeAt(0);
  if (first < 65 || first > 90) return false;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!(c >= 65 && c <= 90) && !isDigit(c) && c !== 95 && c !== 32) return false;
  }
  return true;
}

/**
 * True for the text of a `{…}` documentation template in any case, spaces allowed (`{GET_or_POST}`,
 * `{OFFSET_ATTRIBUTE_NAME BASED_PAGINATION}`, `{Page size}`): a letter first, then letters, digits, `_`, `-`, `.` or
 * spaces. JSON-looking or expression text (quotes, colons, parentheses) is not template text.
 */
export function isTemplateName(name: string): boolean {
  if (name.length === 0 || name.length > 80) return false;
  if (!isLetter(name.charCodeAt(0))) return false;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!isLetter(c) && !isDigit(c) && c !== 95 && c !== 46 && c !== 45 && c !== 32) return false;
  }
  return name.charCodeAt(name.length - 1) !== 32;
}

/** The template name when the whole (trimmed) string is one `{…}` template, such as `"{GET_or_POST}"`. */
export function wholeTemplate(value: string): string | undefined {
  const text = value.trim();
  if (text.length < 3 || text[0] !== '{' || text[text.length - 1] !== '}' || text[1] === '{') return undefined;
  const name = text.slice(1, -1);
  return isTemplateName(name) ? name : undefined;
}

/** Finds `${…}`, `{…}` and `{{…}}` tokens in a decoded string, skipping `@{…}` pipeline expressions. */
export function scanTokens(value: string): PlaceholderToken[] {
  const tokens: PlaceholderToken[] = [];
  if (value.indexOf('{') < 0) return tokens;
  // Caches of the next '}' / '}}' at or after the scan position, so repeated look-ups stay linear overall.
  let nextClose = -2;
  let nextDoubleClose = -2;
  const closeAfter = (from: number) => {
    if (nextClose !== -1 && nextClose < from) nextClose = value.indexOf('}', from);
    return nextClose;
  };
  const doubleCloseAfter = (from: number) => {
    if (nextDoubleClose !== -1 && nextDoubleClose < from) nextDoubleClose = value.indexOf('}}', from);
    return nextDoubleClose;
  };
  let i = value.indexOf('{');
  while (i >= 0 && i < value.length) {
    const before = i > 0 ? value[i - 1] : '';
    if (before === '@') {
      i = skipBalanced(value, i);
    } else if (value[i + 1] === '{') {
      const close = doubleCloseAfter(i + 2);
      const innerOpen = close >= 0 ? value.indexOf('{', i + 2) : -1;
      if (close >= 0 && (innerOpen < 0 || innerOpen > close) && isPlaceholderName(value.substring(i + 2, close))) {
        const name = value.substring(i + 2, close);
        tokens.push({ kind: 'double', name, tokenStart: i, tokenEnd: close + 2, nameStart: i + 2, nameEnd: close });
        i = close + 2;
      } else {
        i += 1;
      }
    } else {
      const close = closeAfter(i + 1);
      if (close < 0) {
        if (before === '$') pushMalformed(tokens, value, i);
        break;
      }
      const innerOpen = value.indexOf('{', i + 1);
      if (innerOpen >= 0 && innerOpen < close) {
        if (before === '$') pushMalformed(tokens, value, i);
        i = innerOpen;
        continue;
      }
      const name = value.substring(i + 1, close);
      if (before === '$') {
        const kind: TokenKind = isPlaceholderName(name) ? 'dollar' : 'malformed';
        tokens.push({ kind, name, tokenStart: i - 1, tokenEnd: close + 1, nameStart: i + 1, nameEnd: close });
      } else if (isPlaceholderName(name) || isTemplateName(name)) {
        tokens.push({ kind: 'brace', name, tokenStart: i, tokenEnd: close + 1, nameStart: i + 1, nameEnd: close });
      }
      i = close + 1;
    }
    i = value.indexOf('{', i);
  }
  return tokens;
}

const tokenCache = new WeakMap<StringASTNode, { value: string; tokens: PlaceholderToken[] }>();

/**
 * `scanTokens` of a string node, cached per node and value (several rules and features scan the same strings; the
 * engine may give a node of the previous tree a new value, treeEdit.ts).
 */
export function tokensOf(node: StringASTNode): PlaceholderToken[] {
  const cached = tokenCache.get(node);
  if (cached && cached.value === node.value) return cached.tokens;
  const tokens = scanTokens(node.value);
  tokenCache.set(node, { value: node.value, tokens });
  return tokens;
}

function pushMalformed(tokens: PlaceholderToken[], value: string, braceIndex: number): void {
  tokens.push({ kind: 'malformed', name: '', tokenStart: braceIndex - 1, tokenEnd: braceIndex + 1,
    nameStart: braceIndex + 1, nameEnd: Math.min(value.length, braceIndex + 1) });
}

/** Index just after the `}` that closes the `{` at `open` (or the end of the string). */
function skipBalanced(value: string, open: number): number {
  let depth = 0;
  for (let i = open; i < value.length; i++) {
    if (value[i] === '{') depth++;
    else if (value[i] === '}' && --depth === 0) return i + 1;
  }
  return value.length;
}

/** Where a parameter is declared: the source inputs, or the auth spec with the given name. */
export type DeclarationSite = 'sourceSpec' | `authSpec:${string}`;

/** A declared parameter (a key of a `properties` object). */
export interface PlaceholderDeclaration {
  name: string;
  /** The property node in `…spec.properties` (its keyNode is what rename edits). */
  node: PropertyASTNode;
  where: DeclarationSite;
}

/** A `${name}` use; `start`/`end` are document offsets of the NAME. */
export interface PlaceholderUse {
  name: string;
  start: number;
  end: number;
  node: StringASTNode;
}

/** Every declaration and use in one connection spec. */
export interface PlaceholderTable {
  declarations: Map<string, PlaceholderDeclaration[]>;
  uses: PlaceholderUse[];
  /** Display names of the authSpec entries, in order (for "declared in some auth specs" checks). */
  authSpecSites: DeclarationSite[];
}

/** The request parts of `sourceSpec.attributes` whose strings may contain placeholders. */
export const REQUEST_PARTS = ['urlParams', 'headerParams', 'bodyParams'] as const;

/** Calls `visit` for every string value inside urlParams/headerParams/bodyParams of `sourceSpec.attributes`. */
export function forEachRequestString(root: ASTNode | undefined, visit: (node: StringASTNode) => void): void {
  const attributes = getPath(root, ['sourceSpec', 'attributes']);
  for (const part of REQUEST_PARTS) {
    const partNode = getPath(attributes, [part]);
    walk(partNode, (node) => {
      if (node.type !== 'string' || (node.parent?.type === 'property' && node.parent.keyNode === node)) return;
      // The HTTP method is an enum, not a value a placeholder could fill.
      if (part === 'urlParams' && node.parent?.type === 'property' && node.parent.keyNode.value === 'method'
        && node.parent.parent === partNode) return;
      visit(node);
    });
  }
}

/** Name of each authSpec entry for display (`name`, else its index). */
export function authSiteName(entry: ASTNode, index: number): DeclarationSite {
  return `authSpec:${stringValue(getPath(entry, ['name'])) ?? `#${index}`}`;
}

/** Collects declarations and `${name}` uses of a connection spec. */
export function collectPlaceholders(document: TextDocument, root: ASTNode | undefined): PlaceholderTable {
  const declarations = new Map<string, PlaceholderDeclaration[]>();
  const declare = (node: PropertyASTNode, where: DeclarationSite) => {
    const name = node.keyNode.value;
    const list = declarations.get(name);
    if (list) list.push({ name, node, where });
    else declarations.set(name, [{ name, node, where }]);
  };
  for (const prop of propertiesOf(getPath(root, ['sourceSpec', 'spec', 'properties']))) declare(prop, 'sourceSpec');
  const authSpecSites: DeclarationSite[] = [];
  itemsOf(getPath(root, ['authSpec'])).forEach((entry, index) => {
    const site = authSiteName(entry, index);
    authSpecSites.push(site);
    for (const prop of propertiesOf(getPath(entry, ['spec', 'properties']))) declare(prop, site);
  });

  const uses: PlaceholderUse[] = [];
  forEachRequestString(root, (node) => {
    const tokens = tokensOf(node);
    if (tokens.length === 0) return;
    const toOffset = stringOffsetMapper(document, node);
    for (const token of tokens) {
      if (token.kind !== 'dollar') continue;
      uses.push({ name: token.name, start: toOffset(token.nameStart), end: toOffset(token.nameEnd), node });
    }
  });
  return { declarations, uses, authSpecSites };
}

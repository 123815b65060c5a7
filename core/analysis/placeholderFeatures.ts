/**
 * Editor features for `${name}` placeholders: completion, hover, go to definition, find references and rename.
 * Pure functions of (document, parse root, offset) returning LSP types; the engine wires them to the server.
 */
import {
  CompletionItemKind,
  MarkupKind,
  type ASTNode,
  type CompletionItem,
  type Hover,
  type Location,
  type Range,
  type TextDocument,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-json-languageservice';
import { getPath, itemsOf, nodeAtOffset, pathOf, stringValue } from './astUtil';
import {
  collectPlaceholders,
  isPlaceholderName,
  type PlaceholderDeclaration,
  type PlaceholderTable,
} from './placeholders';

export { collectPlaceholders, type PlaceholderTable } from './placeholders';

/** A placeholder name found under the cursor: either a `${name}` use or a declaration key. */
interface NameAtCursor {
  name: string;
  /** Document offsets of the name text (without `${`/`}` or quotes). */
  start: number;
  end: number;
  declaration?: PlaceholderDeclaration;
}

function nameAt(table: PlaceholderTable, offset: number): NameAtCursor | undefined {
  for (const use of table.uses) {
    if (offset >= use.start && offset <= use.end) return { name: use.name, start: use.start, end: use.end };
  }
  for (const declarations of table.declarations.values()) {
    for (const declaration of declarations) {
      const key = declaration.node.keyNode;
      if (offset > key.offset && offset < key.offset + key.length) {
        return { name: declaration.name, start: key.offset + 1, end: key.offset + key.length - 1, declaration };
      }
    }
  }
  return undefined;
}

function rangeOf(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

function siteLabel(where: string): string {
  return where === 'sourceSpec' ? 'sourceSpec.spec.properties' : `authSpec "${where.slice('authSpec:'.length)}"`;
}

function describe(declaration: PlaceholderDeclaration): string {
  const schema = declaration.node.valueNode;
  const type = stringValue(getPath(schema, ['type']));
  const description = stringValue(getPath(schema, ['description'])) ?? stringValue(getPath(schema, ['title']));
  const secret = stringValue(getPath(schema, ['format'])) === 'password' ? ' (secret)' : '';
  return `${siteLabel(declaration.where)}: ${type ? `\`${type}\`` : 'untyped'}${secret}${description ? ` — ${description}` : ''}`;
}

/**
 * Completion of declared parameter names inside `${…}` in a sourceSpec.attributes string.
 * Returns undefined outside a placeholder context so the caller can fall back to schema completion.
 */
export function placeholderCompletions(document: TextDocument, root: ASTNode | undefined, offset: number): CompletionItem[] | undefined {
  const node = nodeAtOffset(root, offset);
  if (!node || node.type !== 'string' || offset <= node.offset) return undefined;
  const path = pathOf(node);
  if (path[0] !== 'sourceSpec' || path[1] !== 'attributes') return undefined;
  const text = document.getText();
  const contentStart = node.offset + 1;
  // Walk back over the partially typed name to the `${` that opens it.
  let nameStart = offset;
  while (nameStart > contentStart && isNameChar(text[nameStart - 1])) nameStart--;
  if (nameStart - 2 < contentStart || text[nameStart - 1] !== '{' || text[nameStart - 2] !== '$') return undefined;
  const contentEnd = node.offset + node.length - (text[node.offset + node.length - 1] === '"' ? 1 : 0);
  let nameEnd = offset;
  while (nameEnd < contentEnd && isNameChar(text[nameEnd])) nameEnd++;
  const closed = text[nameEnd] === '}' && nameEnd < contentEnd;
  const range = rangeOf(document, nameStart, nameEnd);
  const table = collectPlaceholders(document, root);
  const items: CompletionItem[] = [];
  for (const [name, declarations] of table.declarations) {
    const sites = declarations.map((d) => d.where === 'sourceSpec' ? 'sourceSpec' : d.where.slice('authSpec:'.length));
    const edit: TextEdit = { range, newText: closed ? name : `${name}}` };
    items.push({
      label: name,
      kind: CompletionItemKind.Variable,
      detail: `declared in ${sites.join(', ')}`,
      documentation: { kind: MarkupKind.Markdown, value: declarations.map(describe).join('\n\n') },
      filterText: name,
      sortText: declarations.some((d) => d.where === 'sourceSpec') ? `0${name}` : `1${name}`,
      textEdit: edit,
    });
  }
  return items;
}

function isNameChar(c: string | undefined): boolean {
  return !!c && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '.' || c === '-');
}

/** Hover on a `${name}` use (its declarations) or on a declaration key (its number of uses). */
export function placeholderHover(document: TextDocument, root: ASTNode | undefined, offset: number): Hover | undefined {
  const table = collectPlaceholders(document, root);
  const found = nameAt(table, offset);
  if (!found) return undefined;
  const declarations = table.declarations.get(found.name) ?? [];
  const useCount = table.uses.filter((use) => use.name === found.name).length;
  let value: string;
  if (found.declaration) {
    value = `**Parameter \`${found.name}\`**\n\n${describe(found.declaration)}\n\nUsed ${useCount} time${useCount === 1 ? '' : 's'} as \`\${${found.name}}\`.`;
  } else if (declarations.length === 0) {
    value = `**\`\${${found.name}}\`** is not declared: add it to sourceSpec.spec.properties or to every authSpec entry.`;
  } else {
    value = `**\`\${${found.name}}\`**\n\n${declarations.map((d) => `- ${describe(d)}`).join('\n')}`;
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range: rangeOf(document, found.start, found.end) };
}

function declarationLocations(document: TextDocument, declarations: readonly PlaceholderDeclaration[]): Location[] {
  return declarations.map((d) => ({
    uri: document.uri,
    range: rangeOf(document, d.node.keyNode.offset, d.node.keyNode.offset + d.node.keyNode.length),
  }));
}

/** Where the placeholder under the cursor is declared (sourceSpec and/or authSpec properties). */
export function placeholderDefinition(document: TextDocument, root: ASTNode | undefined, offset: number): Location[] {
  const table = collectPlaceholders(document, root);
  const found = nameAt(table, offset);
  return found ? declarationLocations(document, table.declarations.get(found.name) ?? []) : [];
}

/** Every `${name}` use of the placeholder under the cursor, optionally with its declarations first. */
export function placeholderReferences(document: TextDocument, root: ASTNode | undefined, offset: number,
  includeDeclaration: boolean): Location[] {
  const table = collectPlaceholders(document, root);
  const found = nameAt(table, offset);
  if (!found) return [];
  const uses = table.uses.filter((use) => use.name === found.name)
    .map((use) => ({ uri: document.uri, range: rangeOf(document, use.start, use.end) }));
  return includeDeclaration ? [...declarationLocations(document, table.declarations.get(found.name) ?? []), ...uses] : uses;
}

/** The range and name to rename when the cursor is on a placeholder use or declaration key. */
export function preparePlaceholderRename(document: TextDocument, root: ASTNode | undefined, offset: number):
  { range: Range; placeholder: string } | undefined {
  const found = nameAt(collectPlaceholders(document, root), offset);
  return found ? { range: rangeOf(document, found.start, found.end), placeholder: found.name } : undefined;
}

/**
 * Renames a placeholder everywhere: declaration keys, every `${name}` use and the matching entries of the
 * `required` arrays next to each declaration. Undefined when nothing is under the cursor or the name is invalid.
 */
export function placeholderRename(document: TextDocument, root: ASTNode | undefined, offset: number,
  newName: string): WorkspaceEdit | undefined {
  if (!isPlaceholderName(newName)) return undefined;
  const table = collectPlaceholders(document, root);
  const found = nameAt(table, offset);
  if (!found) return undefined;
  const edits: TextEdit[] = [];
  const edited = new Set<number>(); // a key declared twice in one schema must not edit its `required` entry twice
  const replace = (start: number, end: number) => {
    if (edited.has(start)) return;
    edited.add(start);
    edits.push({ range: rangeOf(document, start, end), newText: newName });
  };
  for (const declaration of table.declarations.get(found.name) ?? []) {
    const key = declaration.node.keyNode;
    replace(key.offset + 1, key.offset + key.length - 1);
    // declaration.node → properties object → its property → the schema object holding `required`.
    const schema = declaration.node.parent?.parent?.parent;
    for (const item of itemsOf(getPath(schema, ['required']))) {
      if (stringValue(item) === found.name) replace(item.offset + 1, item.offset + item.length - 1);
    }
  }
  for (const use of table.uses) if (use.name === found.name) replace(use.start, use.end);
  return { changes: { [document.uri]: edits } };
}

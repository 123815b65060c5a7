/**
 * Document outline for specs: the JSON tree, but with auth entries named by their `name`, and sourceSpec sections
 * (urlParams, paginationParams, scheduleParams, contentPath …) summarised in the detail column.
 */
import { SymbolKind, type ASTNode, type DocumentSymbol, type ObjectASTNode, type TextDocument } from 'vscode-json-languageservice';

/** Most symbols produced for one document; huge generated files would otherwise flood the client. */
const MAX_SYMBOLS = 5000;

/** Builds the outline of a parsed spec. Iterative in spirit: depth is bounded by the engine's size guard. */
export function specOutline(document: TextDocument, root: ASTNode | undefined): DocumentSymbol[] {
  if (!root || (root.type !== 'object' && root.type !== 'array')) return [];
  const budget = { left: MAX_SYMBOLS };
  return childrenOf(document, root, [], budget);
}

function childrenOf(document: TextDocument, node: ASTNode, path: string[], budget: { left: number }): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  if (node.type === 'object') {
    for (const property of node.properties) {
      if (budget.left-- <= 0) break;
      const key = property.keyNode.value;
      const value = property.valueNode;
      const symbolPath = [...path, key];
      out.push({
        name: key.length > 0 ? key : '""',
        detail: value ? detailFor(symbolPath, value) : undefined,
        kind: value ? kindOf(value) : SymbolKind.Property,
        range: rangeOf(document, property),
        selectionRange: rangeOf(document, property.keyNode),
        children: value ? childrenOf(document, value, symbolPath, budget) : [],
      });
    }
  } else if (node.type === 'array') {
    node.items.forEach((item, index) => {
      if (budget.left-- <= 0) return;
      const isAuthEntry = path.length === 1 && path[0] === 'authSpec' && item.type === 'object';
      const authName = isAuthEntry ? stringProperty(item, 'name') : undefined;
      out.push({
        name: authName ?? `[${index}]`,
        detail: isAuthEntry ? stringProperty(item, 'type') : detailFor([...path, String(index)], item),
        kind: isAuthEntry ? SymbolKind.Interface : kindOf(item),
        range: rangeOf(document, item),
        selectionRange: isAuthEntry ? rangeOf(document, nameNode(item) ?? item) : rangeOf(document, item),
        children: childrenOf(document, item, [...path, String(index)], budget),
      });
    });
  }
  return out;
}

/** A short summary shown next to well-known sections; plain values show themselves. */
function detailFor(path: string[], value: ASTNode): string | undefined {
  const key = path[path.length - 1];
  const inSourceAttributes = path.length === 3 && path[0] === 'sourceSpec' && path[1] === 'attributes';
  if (inSourceAttributes && value.type === 'object') {
    switch (key) {
      case 'paginationParams': return stringProperty(value, 'type') ?? 'pagination';
      case 'urlParams': {
        const method = stringProperty(value, 'method');
        const urlPath = stringProperty(value, 'path');
        return [method, urlPath].filter(Boolean).join(' ') || undefined;
      }
      case 'scheduleParams': return stringProperty(value, 'type') ?? 'standard';
      case 'contentPath':
      case 'explodeEntityPath': return stringProperty(value, 'path');
      default: return undefined;
    }
  }
  switch (value.type) {
    case 'string': return truncate(value.value);
    case 'number': return String(value.value);
    case 'boolean': return String(value.value);
    case 'null': return 'null';
    case 'array': return `${value.items.length} item${value.items.length === 1 ? '' : 's'}`;
    default: return undefined;
  }
}

function kindOf(node: ASTNode): SymbolKind {
  switch (node.type) {
    case 'object': return SymbolKind.Module;
    case 'array': return SymbolKind.Array;
    case 'string': return SymbolKind.String;
    case 'number': return SymbolKind.Number;
    case 'boolean': return SymbolKind.Boolean;
    default: return SymbolKind.Null;
  }
}

function nameNode(object: ObjectASTNode): ASTNode | undefined {
  return object.properties.find((p) => p.keyNode.value === 'name')?.valueNode;
}

function stringProperty(node: ASTNode, key: string): string | undefined {
  if (node.type !== 'object') return undefined;
  const value = node.properties.find((p) => p.keyNode.value === key)?.valueNode;
  return value?.type === 'string' ? value.value : undefined;
}

function rangeOf(document: TextDocument, node: ASTNode) {
  return { start: document.positionAt(node.offset), end: document.positionAt(node.offset + node.length) };
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Orders the schema's completion items the way an author needs them. The language service lists every property
 * the schema allows, so inside `paginationParams` the fields of all five types come mixed; and legacy values
 * (`oAuth2-refresh-code`, `offsetName`) would sort before the current ones. Only `sortText` and tags change:
 * nothing is hidden, so an author can still type anything the schema accepts.
 */
import { CompletionItemKind, CompletionItemTag, type ASTNode, type CompletionItem } from 'vscode-json-languageservice';
import { findProperty, stringValue } from './astUtil';
import { PAGINATION_OPTIONAL, PAGINATION_REQUIRED } from './rules/pagination';

/** Values and keys kept only for old specs: offered last and struck through. */
const LEGACY = new Set(['oAuth2-refresh-code', 'offsetName']);

function bareLabel(item: CompletionItem): string {
  const label = item.label;
  return label.length > 1 && label.startsWith('"') && label.endsWith('"') ? label.slice(1, -1) : label;
}

/** The `paginationParams` object the cursor is directly inside, if any. */
function paginationObjectAt(node: ASTNode | undefined): ASTNode | undefined {
  let current = node;
  // The cursor sits on the object itself, or on a key being typed (string → property → object).
  for (let hops = 0; current && hops < 3; hops++, current = current.parent) {
    if (current.type !== 'object') continue;
    const owner = current.parent;
    return owner?.type === 'property' && owner.keyNode.value === 'paginationParams' ? current : undefined;
  }
  return undefined;
}

/**
 * Re-ranks `items` in place for the cursor at `node` (the deepest node at the completion offset) and returns them:
 * the current pagination type's fields first, other types' fields after (marked in `detail`), legacy entries last.
 */
export function rankCompletions(items: CompletionItem[], node: ASTNode | undefined): CompletionItem[] {
  const pagination = paginationObjectAt(node);
  const type = pagination ? stringValue(findProperty(pagination, 'type')?.valueNode) : undefined;
  const ownFields = type && PAGINATION_REQUIRED[type]
    ? [...PAGINATION_REQUIRED[type], ...(PAGINATION_OPTIONAL[type] ?? [])] : undefined;
  items.forEach((item, index) => {
    const label = bareLabel(item);
    const order = String(index).padStart(4, '0');
    if (LEGACY.has(label)) {
      item.sortText = `9${order}`;
      item.tags = [CompletionItemTag.Deprecated];
    } else if (ownFields && item.kind === CompletionItemKind.Property && label !== 'type') {
      const own = ownFields.indexOf(label);
      if (own >= 0) item.sortText = `0${String(own).padStart(4, '0')}`;
      else {
        item.sortText = `5${order}`;
        item.detail = `not used by type ${type}`;
      }
    } else {
      item.sortText = `1${order}`;
    }
  });
  return items;
}

/**
 * Shapes the schema's completion items to where the cursor is. The language service lists every property the
 * schema allows, so inside `paginationParams` the keys of all five types would come mixed, inside `scheduleParams`
 * both forms', and legacy values (`oAuth2-refresh-code`, `offsetName`) would sort before the current ones.
 * - In a `paginationParams` with a known `type`, only that type's keys are offered (the pagination-types table,
 *   core/spec/paginationTypes.ts), required ones first; in a `scheduleParams`, only the keys of the form it uses.
 * - A key whose partner is needed with it (`endConditionName` and `endConditionValue`, `limitName` and `limitValue`,
 *   `scheduleStartParamName` and `scheduleEndParamName`, `incremental` and `backfill`, …) inserts both, as a snippet
 *   with a tab stop per value holding a sample; `type` in a `scheduleParams` of neither form yet inserts the whole
 *   ADVANCE form. A key with a sample but no partner starts with the sample too.
 * - Choosing an auth entry's `type` also fills in its usual `name` when the entry has none.
 * - Legacy entries come last, struck through.
 */
import {
  CompletionItemKind, CompletionItemTag, InsertTextFormat,
  type ASTNode, type CompletionItem, type TextDocument, type TextEdit,
} from 'vscode-json-languageservice';
import { findProperty, stringValue } from './astUtil';
import { AUTH_TYPE_NAMES } from '../spec/authTypes';
import { PAGINATION_KEYS, paginationType, type PaginationKey } from '../spec/paginationTypes';
import { INSERT_AS_IS, indentAt, placeholder } from './snippetText';

/** Values and keys kept only for old specs: offered last and struck through. */
const LEGACY = new Set(['oAuth2-refresh-code', 'offsetName']);

/** What completion knows about the object the cursor is in. */
interface ObjectContext {
  /** Keys to offer, in order (others the schema suggests are left out); undefined keeps the schema's list. */
  keys?: readonly string[];
  /** Why other keys are left out, for the detail of the kept ones. */
  detail?: string;
  /** The keys inserted with a key when the object lacks them (its partner; for ADVANCE's `type`, the rest of the form). */
  companions: ReadonlyMap<string, readonly string[]>;
  /** The value a key's snippet starts with (a tab stop holding it), if there is one. */
  sample(key: string): string | number | undefined;
}

const SCHEDULE_STANDARD = ['scheduleStartParamName', 'scheduleEndParamName', 'scheduleStartParamFormat', 'scheduleEndParamFormat'];
const SCHEDULE_ADVANCE = ['type', 'incremental', 'backfill', 'paramFormat'];
const SCHEDULE_SAMPLES: Record<string, string> = {
  scheduleStartParamName: 'updated_since', scheduleEndParamName: 'updated_before',
  scheduleStartParamFormat: 'yyyy-MM-ddTHH:mm:ssZ', scheduleEndParamFormat: 'yyyy-MM-ddTHH:mm:ssZ',
  type: 'ADVANCE', paramFormat: 'yyyy-MM-ddTHH:mm:ssK',
  incremental: 'updated_at>{START_TIME} AND updated_at<{END_TIME}', backfill: 'updated_at<{END_TIME}',
};
const SCHEDULE_PARTNERS = new Map<string, readonly string[]>([
  ['scheduleStartParamName', ['scheduleEndParamName']], ['scheduleEndParamName', ['scheduleStartParamName']],
  ['scheduleStartParamFormat', ['scheduleEndParamFormat']], ['scheduleEndParamFormat', ['scheduleStartParamFormat']],
]);
/** The ADVANCE form: `incremental` is needed with it and `backfill` normally goes along (domain rule 3). */
const ADVANCE_PARTNERS = new Map<string, readonly string[]>([['incremental', ['backfill']], ['backfill', ['incremental']]]);
/** In a `scheduleParams` of neither form yet: a standard key brings its partner, `type` the whole ADVANCE form. */
const SCHEDULE_ANY_FORM = new Map<string, readonly string[]>([...SCHEDULE_PARTNERS, ['type', ['paramFormat', 'incremental', 'backfill']]]);
const PAGINATION_PARTNERS = new Map<string, readonly string[]>(
  Object.entries(PAGINATION_KEYS).flatMap(([name, info]) => (info.partner ? [[name, [info.partner]] as const] : [])),
);

function bareLabel(item: CompletionItem): string {
  const label = item.label;
  return label.length > 1 && label.startsWith('"') && label.endsWith('"') ? label.slice(1, -1) : label;
}

/** The object the cursor is directly inside (on the object itself, or on a key being typed), and its key. */
function objectAt(node: ASTNode | undefined): { object: ASTNode; key?: string; parentObject?: ASTNode } | undefined {
  let current = node;
  for (let hops = 0; current && hops < 3; hops++, current = current.parent) {
    if (current.type !== 'object') continue;
    const owner = current.parent;
    if (owner?.type === 'property') return { object: current, key: owner.keyNode.value, parentObject: owner.parent };
    return { object: current, parentObject: owner?.type === 'array' ? owner.parent : undefined };
  }
  return undefined;
}

function keysOf(object: ASTNode): Set<string> {
  return new Set(object.type === 'object' ? object.properties.map((p) => p.keyNode.value) : []);
}

function contextOf(found: { object: ASTNode; key?: string }): ObjectContext | undefined {
  const { object, key } = found;
  if (key === 'paginationParams') {
    const type = paginationType(stringValue(findProperty(object, 'type')?.valueNode));
    const sample = (name: string) => PAGINATION_KEYS[name as PaginationKey]?.sample;
    if (!type) return { companions: PAGINATION_PARTNERS, sample };
    const own = ['type', ...type.required, ...type.optional, ...(type.name === 'OFFSET' ? ['offsetName'] : [])];
    return { keys: own, detail: `used by type ${type.name}`, companions: PAGINATION_PARTNERS, sample };
  }
  if (key === 'scheduleParams') {
    const present = keysOf(object);
    const sample = (name: string) => SCHEDULE_SAMPLES[name];
    if (stringValue(findProperty(object, 'type')?.valueNode) === 'ADVANCE') {
      return { keys: SCHEDULE_ADVANCE, detail: 'ADVANCE form', companions: ADVANCE_PARTNERS, sample };
    }
    if (SCHEDULE_STANDARD.some((k) => present.has(k))) {
      return { keys: SCHEDULE_STANDARD, detail: 'standard form', companions: SCHEDULE_PARTNERS, sample };
    }
    return { companions: SCHEDULE_ANY_FORM, sample };
  }
  return undefined;
}

/**
 * `item` rewritten to insert `key` and the `companions` the object lacks, one per line at `indent`, each value a tab
 * stop holding its sample. Nothing changes for a key with neither a companion nor a sample (the schema's item stays).
 */
function withCompanions(item: CompletionItem, key: string, companions: readonly string[], context: ObjectContext, indent: string): void {
  if (companions.length === 0 && context.sample(key) === undefined) return;
  const edit = item.textEdit && 'range' in item.textEdit ? item.textEdit : undefined;
  const original = edit?.newText ?? item.insertText ?? '';
  const trailingComma = original.trimEnd().endsWith(',') ? ',' : '';
  const keys = [key, ...companions];
  const text = keys.map((k, i) => `"${k}": ${placeholder(context.sample(k) ?? '', i + 1)}`).join(`,\n${indent}`) + trailingComma;
  if (edit) edit.newText = text;
  item.insertText = text;
  item.insertTextFormat = InsertTextFormat.Snippet;
  if (companions.length === 0) return;
  item.insertTextMode = INSERT_AS_IS; // the text carries its indentation
  item.detail = `inserts ${keys.slice(0, -1).map((k) => `"${k}"`).join(', ')} and "${keys[keys.length - 1]}"`;
}

/** The `name` that goes with an auth entry `type` value being completed, as an edit before the `type` property. */
function authNameEdit(document: TextDocument, node: ASTNode | undefined, item: CompletionItem): TextEdit | undefined {
  const property = node?.type === 'property' ? node : node?.parent?.type === 'property' ? node.parent : undefined;
  if (!property || property.type !== 'property' || property.keyNode.value !== 'type') return undefined;
  const entry = property.parent;
  const authSpec = entry?.parent;
  if (entry?.type !== 'object' || authSpec?.type !== 'array' || authSpec.parent?.type !== 'property'
    || authSpec.parent.keyNode.value !== 'authSpec' || findProperty(entry, 'name')) return undefined;
  const name = AUTH_TYPE_NAMES[bareLabel(item)];
  if (!name) return undefined;
  const at = document.positionAt(property.offset);
  const indent = document.getText({ start: { line: at.line, character: 0 }, end: at });
  // On a line of its own the name gets a line of its own; in a one-line entry it goes before the type.
  return { range: { start: at, end: at }, newText: `"name": ${JSON.stringify(name)},${/^\s*$/.test(indent) ? `\n${indent}` : ' '}` };
}

/**
 * Shapes `items` in place for the cursor at `offset` (`node` is the deepest node there) and returns the kept ones:
 * see the module comment.
 */
export function rankCompletions(items: CompletionItem[], node: ASTNode | undefined, document?: TextDocument, offset?: number): CompletionItem[] {
  const found = objectAt(node);
  const context = found && contextOf(found);
  const present = found ? keysOf(found.object) : new Set<string>();
  const indent = document && offset !== undefined ? indentAt(document, offset) : '';
  const kept: CompletionItem[] = [];
  items.forEach((item, index) => {
    const label = bareLabel(item);
    const order = String(index).padStart(4, '0');
    const isKey = item.kind === CompletionItemKind.Property;
    if (context?.keys && isKey && !context.keys.includes(label)) return; // another type's or form's key
    kept.push(item);
    if (LEGACY.has(label)) {
      item.sortText = `9${order}`;
      item.tags = [CompletionItemTag.Deprecated];
      return;
    }
    const own = isKey && context?.keys ? context.keys.indexOf(label) : -1;
    item.sortText = own >= 0 ? `0${String(own).padStart(4, '0')}` : `1${order}`;
    if (own >= 0 && context?.detail && label !== 'type') item.detail ??= context.detail;
    if (isKey && context) {
      const companions = (context.companions.get(label) ?? [])
        .filter((k) => !present.has(k) && (!context.keys || context.keys.includes(k)));
      withCompanions(item, label, companions, context, indent);
    }
    if (!isKey && document) {
      const nameEdit = authNameEdit(document, node, item);
      if (nameEdit) {
        item.additionalTextEdits = [nameEdit];
        item.detail = `also sets "name" to ${nameEdit.newText.split(',')[0].slice(8)}`;
      }
    }
  });
  items.length = 0;
  items.push(...kept);
  return items;
}

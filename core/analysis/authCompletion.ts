/**
 * Completion inside an auth entry's `spec.properties`: the credential properties the entry's `type` expects (the
 * auth-types table, core/spec/authTypes.ts), each inserted with its schema as a snippet — `format: password` on
 * secrets, `expirationDate` hidden — with a tab stop on its description. Only properties the object lacks are
 * offered; a property the type requires is also added to an existing `spec.required` list.
 */
import {
  CompletionItemKind, InsertTextFormat, MarkupKind,
  type ASTNode, type CompletionItem, type ObjectASTNode, type TextDocument, type TextEdit,
} from 'vscode-json-languageservice';
import { asArray, findProperty, stringValue } from './astUtil';
import { escapeSnippet, INSERT_AS_IS, indentAt, indentUnit, keyInsertion } from './snippetText';
import { authType, furtherKeySchema, nextAuthKey, type AuthCredential, type AuthType } from '../spec/authTypes';

/** Values that become tab stops: what an author rewrites in their own words. */
const TAB_STOP_KEYS = new Set(['description', 'title', 'headerParamName']);

/** The auth entry whose `spec.properties` object is `object`, and the object itself, if the cursor is in one. */
function credentialsObject(node: ASTNode | undefined): { properties: ObjectASTNode; entry: ObjectASTNode; spec: ObjectASTNode; typing?: ASTNode } | undefined {
  let typing: ASTNode | undefined;
  let object = node;
  if (node?.type === 'string' && node.parent?.type === 'property' && node.parent.keyNode === node) {
    if (node.parent.colonOffset !== undefined && node.parent.colonOffset >= 0) return undefined; // renaming a key
    typing = node.parent;
    object = node.parent.parent;
  }
  if (object?.type !== 'object' || object.parent?.type !== 'property' || object.parent.keyNode.value !== 'properties') return undefined;
  const spec = object.parent.parent;
  if (spec?.type !== 'object' || spec.parent?.type !== 'property' || spec.parent.keyNode.value !== 'spec') return undefined;
  const entry = spec.parent.parent;
  const list = entry?.parent;
  if (entry?.type !== 'object' || list?.type !== 'array' || list.parent?.type !== 'property'
    || list.parent.keyNode.value !== 'authSpec' || list.parent.parent?.parent) return undefined;
  return { properties: object, entry, spec, typing };
}

/** `value` as snippet text at `depth` levels below `indent`, numbering tab stops from `next.n`. */
function render(value: unknown, key: string, indent: string, unit: string, depth: number, next: { n: number }): string {
  if (typeof value === 'string') return TAB_STOP_KEYS.has(key) ? `"\${${next.n++}:${escapeSnippet(value)}}"` : escapeSnippet(JSON.stringify(value));
  if (Array.isArray(value)) return escapeSnippet(JSON.stringify(value).replace(/","/g, '", "'));
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const inner = indent + unit.repeat(depth + 1);
  const lines = entries.map(([k, v]) => `${inner}${escapeSnippet(JSON.stringify(k))}: ${render(v, k, indent, unit, depth + 1, next)}`);
  return `{\n${lines.join(',\n')}\n${indent}${unit.repeat(depth)}}`;
}

/** The edit that adds `key` to the entry's `spec.required` list, when the list exists and lacks it. */
function requiredEdit(document: TextDocument, spec: ObjectASTNode, key: string): TextEdit | undefined {
  const list = asArray(findProperty(spec, 'required')?.valueNode);
  if (!list || list.items.some((item) => stringValue(item) === key)) return undefined;
  const last = list.items[list.items.length - 1];
  const at = document.positionAt(last ? last.offset + last.length : list.offset + 1);
  return { range: { start: at, end: at }, newText: `${last ? ', ' : ''}${JSON.stringify(key)}` };
}

/** What to offer for `type`, given the keys the object has: its credentials, and for KeyBased the next further key. */
function offered(type: AuthType, present: ReadonlySet<string>): Array<[string, AuthCredential]> {
  const list = Object.entries(type.credentials).filter(([key]) => !present.has(key));
  if (type.type === 'KeyBased' && present.has('authKey1')) {
    const key = nextAuthKey(present);
    list.push([key, { schema: furtherKeySchema(key) }]);
  }
  return list;
}

/**
 * The credential properties to offer at `offset` (`node` is the deepest node there), or none when the cursor is not
 * in an auth entry's `spec.properties` or the entry's type is not a documented one.
 */
export function credentialCompletions(document: TextDocument, node: ASTNode | undefined, offset: number): CompletionItem[] {
  const found = credentialsObject(node);
  if (!found) return [];
  const type = authType(stringValue(findProperty(found.entry, 'type')?.valueNode));
  if (!type) return [];
  const present = new Set(found.properties.properties.filter((p) => p !== found.typing).map((p) => p.keyNode.value));
  const { range, separator } = keyInsertion(document, found.typing?.type === 'property' ? found.typing.keyNode : node, offset);
  const indent = indentAt(document, document.offsetAt(range.start));
  const unit = indentUnit(document);
  return offered(type, present).map(([key, credential], index) => {
    const text = `${JSON.stringify(key)}: ${render(credential.schema, key, indent, unit, 0, { n: 1 })}${separator}`;
    const required = credential.required ? requiredEdit(document, found.spec, key) : undefined;
    const secret = credential.schema.format === 'password' ? ' Secret: `format: password` masks it and keeps it in secret storage.' : '';
    return {
      label: key,
      kind: CompletionItemKind.Property,
      filterText: JSON.stringify(key),
      sortText: `0${String(index).padStart(4, '0')}`,
      detail: `${type.type} credential${credential.required ? ' (required)' : ''}`,
      documentation: {
        kind: MarkupKind.Markdown,
        value: `${String(credential.schema.description ?? '')}${secret}\n\nInserts the property with its schema${required ? ' and lists it in `required`' : ''}.`,
      },
      textEdit: { range, newText: text },
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: INSERT_AS_IS,
      ...(required ? { additionalTextEdits: [required] } : {}),
    };
  });
}

/**
 * A Flow Service GET response pasted into a spec file: the spec wrapped in `{"items": [ … ]}`, with the fields the
 * service manages (`id`, `createdAt`, `createdBy`, …). Every finding on such a file would be about the wrapper (the
 * spec's own keys "missing" at the top, `items` unknown), so it gets one finding that says what it is, with a quick
 * fix that turns it into the authoring form: the first item, without the server-managed fields.
 */
import { parse } from 'jsonc-parser';
import type { ASTNode, Diagnostic, TextDocument, TextEdit } from 'vscode-json-languageservice';
import { detectIndentUnit } from './astUtil';
import { row, type RuleDoc } from './ruleRow';
import { codedDiagnostic } from './schemaDiagnostics';
import { isServerManagedField } from '../serverManagedFields';

/** Its row of the rule table (reported by the engine, beside the syntax and schema findings). */
export const PASTED_RESPONSE_TABLE: readonly RuleDoc[] = [
  row('SSDK525', 'warning', 'A Flow Service GET response, not a spec', 'Unwrap the spec from `items` and drop the server-managed fields (quick fix): a response is not what you author or upload.', 'connectionSpecs'),
];

/** Keys that make an object a connection or flow spec. */
const SPEC_KEYS = ['authSpec', 'sourceSpec', 'exploreSpec', 'providerId', 'sourceConnectionSpecIds', 'targetConnectionSpecIds'];

/** The pasted-response finding (SSDK525) when `root` is a wrapped GET response, else undefined. */
export function pastedResponse(document: TextDocument, root: ASTNode | undefined): Diagnostic | undefined {
  if (root?.type !== 'object') return undefined;
  if (root.properties.some((p) => SPEC_KEYS.includes(p.keyNode.value))) return undefined;
  const items = root.properties.find((p) => p.keyNode.value === 'items');
  const list = items?.valueNode;
  const first = list?.type === 'array' ? list.items[0] : undefined;
  if (!items || first?.type !== 'object' || !first.properties.some((p) => SPEC_KEYS.includes(p.keyNode.value))) return undefined;
  const managed = first.properties.filter((p) => isServerManagedField(p.keyNode.value)).map((p) => p.keyNode.value);
  const count = list?.type === 'array' ? list.items.length : 0;
  return codedDiagnostic(document, items.keyNode.offset, items.keyNode.offset + items.keyNode.length, 'SSDK525',
    `This is a Flow Service GET response: the spec is wrapped in "items"${count > 1 ? ` (${count} specs; the first is kept)` : ''}` +
    `${managed.length > 0 ? ` and carries server-managed fields (${managed.join(', ')})` : ''}. ` +
    'Keep only the spec itself to author it (quick fix: unwrap it and drop the server-managed fields).');
}

/** The whole-document edit that turns a pasted response into the authoring form, or undefined when it cannot. */
export function authoringFormEdit(document: TextDocument): TextEdit | undefined {
  const text = document.getText();
  const value = parse(text, [], { allowTrailingComma: true }) as { items?: unknown } | undefined;
  const spec = Array.isArray(value?.items) ? value.items[0] : undefined;
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return undefined;
  const authored = Object.fromEntries(Object.entries(spec as Record<string, unknown>).filter(([key]) => !isServerManagedField(key)));
  const newText = JSON.stringify(authored, null, detectIndentUnit(text)) + (text.endsWith('\n') ? '\n' : '');
  return { range: { start: document.positionAt(0), end: document.positionAt(text.length) }, newText };
}

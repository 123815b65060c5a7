/**
 * Unknown keys in objects the schema leaves open. Closed objects get SSDK011 from the schema layer (with a
 * did-you-mean); open ones (`sourceSpec.attributes`, top-level `attributes`, flow-spec `attributes.notification`…)
 * accept any key, so a near miss such as `contentpath` would otherwise pass silently and the real key be "missing".
 * Only keys close to a documented name are reported (SSDK011 with candidates): open objects legitimately carry
 * more. Two keys of another level inside `sourceSpec.attributes` get their own advice (SSDK524): `spec` (the docs'
 * sourcespec page nests it there; it belongs in `sourceSpec.spec`) and the legacy attributes-level `queryParams`.
 * The top level has its own rule (topLevelKeys).
 */
import type { ASTNode, ObjectASTNode } from 'vscode-json-languageservice';
import type { JSONSchema } from 'vscode-json-languageservice';
import { SPEC_SCHEMAS } from '../../schemas';
import { findProperty, getPath } from '../astUtil';
import { closest } from '../schemaDiagnostics';
import { SchemaNavigator } from '../schemaNavigator';
import type { Rule, RuleContext, SpecKind } from '../types';
import { row } from '../ruleRow';

const NAVIGATORS: Record<SpecKind, SchemaNavigator> = {
  connectionSpec: new SchemaNavigator(SPEC_SCHEMAS.connectionSpec.schema),
  flowSpec: new SchemaNavigator(SPEC_SCHEMAS.flowSpec.schema),
};

export const openObjectKeysRule: Rule = {
  table: [
    row('SSDK524', 'warning', 'Key of another level inside sourceSpec.attributes', 'Move it where it belongs: `spec` is `sourceSpec.spec` (the user inputs), `queryParams` goes inside `urlParams` (the legacy attributes-level form).', 'createSpec'),
  ],
  alsoReports: ['SSDK011'],
  kinds: ['connectionSpec', 'flowSpec'],
  reads: [],
  run(ctx) {
    if (ctx.root?.type !== 'object') return;
    const navigator = NAVIGATORS[ctx.kind];
    const attributes = ctx.kind === 'connectionSpec' ? getPath(ctx.root, ['sourceSpec', 'attributes']) : undefined;
    // The top level is the topLevelKeys rule's; start one level down.
    for (const property of ctx.root.properties) {
      const value = property.valueNode;
      if (value) visit(ctx, navigator, value, navigator.step(navigator.rootSchemas(), property.keyNode.value), attributes);
    }
  },
};

function visit(ctx: RuleContext, navigator: SchemaNavigator, node: ASTNode, schemas: JSONSchema[], attributes: ASTNode | undefined): void {
  if (schemas.length === 0) return; // no schema below here (free-form data): nothing to compare with
  if (node.type === 'array') {
    node.items.forEach((item, index) => {
      if (item.type === 'object' || item.type === 'array') visit(ctx, navigator, item, navigator.step(schemas, index), attributes);
    });
    return;
  }
  if (node.type !== 'object') return;
  if (node === attributes) checkAttributesLevel(ctx, node);
  if (!schemas.some((schema) => schema.additionalProperties === false)) checkNearMisses(ctx, node, schemas, node === attributes);
  for (const property of node.properties) {
    const value = property.valueNode;
    // Only objects (and arrays of them) have keys to check: skip the schema step for plain values.
    if (value && (value.type === 'object' || value.type === 'array')) {
      visit(ctx, navigator, value, navigator.step(schemas, property.keyNode.value), attributes);
    }
  }
}

const KNOWN_NAMES = new WeakMap<readonly JSONSchema[], ReadonlySet<string>>();

/** Property names the schemas list (memoised: the navigator hands out the same array for the same place). */
function knownNames(schemas: readonly JSONSchema[]): ReadonlySet<string> {
  let known = KNOWN_NAMES.get(schemas);
  if (!known) {
    const names = new Set<string>();
    for (const schema of schemas) for (const name of Object.keys(schema.properties ?? {})) names.add(name);
    known = names;
    KNOWN_NAMES.set(schemas, known);
  }
  return known;
}

function checkNearMisses(ctx: RuleContext, node: ObjectASTNode, schemas: JSONSchema[], isAttributes: boolean): void {
  const known = knownNames(schemas);
  if (known.size === 0) return;
  const strangers = node.properties.filter((p) => !known.has(p.keyNode.value) && !(isAttributes && OTHER_LEVEL[p.keyNode.value]));
  if (strangers.length === 0) return;
  const present = new Set(node.properties.map((p) => p.keyNode.value));
  const unused = [...known].filter((name) => !present.has(name));
  for (const property of strangers.slice(0, 50)) {
    const key = property.keyNode.value;
    const candidates = closest(key, unused, 3, true);
    if (candidates.length === 0) continue;
    ctx.report({ code: 'SSDK011', node: property.keyNode, data: { candidates },
      message: `"${key}" is not a documented key here. Did you mean ${candidates.map((c) => `"${c}"`).join(' or ')}?` });
  }
}

/** Keys of another level that the docs show inside `sourceSpec.attributes`, and where they belong. */
const OTHER_LEVEL: Readonly<Record<string, string>> = {
  spec: 'The user-input schema is "sourceSpec.spec" (a sibling of "attributes"), not "sourceSpec.attributes.spec": ' +
    'did you mean sourceSpec.spec? Move the object there; inside attributes it is ignored.',
  queryParams: 'Legacy attributes-level "queryParams": query parameters now go inside "urlParams" as ' +
    '"urlParams.queryParams" (an object of name → value). Move them there.',
};

function checkAttributesLevel(ctx: RuleContext, attributes: ObjectASTNode): void {
  for (const [key, message] of Object.entries(OTHER_LEVEL)) {
    const property = findProperty(attributes, key);
    if (property) ctx.report({ code: 'SSDK524', node: property.keyNode, data: { key }, message });
  }
}

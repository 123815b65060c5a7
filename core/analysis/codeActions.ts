/**
 * Quick fixes for the engine's diagnostics. Each fix re-locates its target in the current parse (diagnostic
 * ranges point at a key, a value or part of a string) and returns a WorkspaceEdit keyed by the document URI.
 */
import {
  CodeActionKind,
  type ASTNode,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextDocument,
  type TextEdit,
} from 'vscode-json-languageservice';
import { asObject, findProperty, getPath } from './astUtil';
import { insertProperties, nodeAtRange, removeNode, removeProperties, replaceNode } from './fixes/edits';
import { authoringFormEdit } from './pastedResponse';
import { PAGINATION_KEYS, type PaginationKey } from '../spec/paginationTypes';
import { DRAFT_07 } from './rules/profile';
import { DIAGNOSTIC_SOURCE, type FixData } from './types';

interface FixContext {
  document: TextDocument;
  root: ASTNode | undefined;
  diagnostic: Diagnostic;
  data: FixData;
  start: number;
  end: number;
  /** The node the diagnostic starts on, when it starts on a node boundary. */
  node: ASTNode | undefined;
}

/** Codes whose single suggested fix is safe to apply without reading it (`isPreferred`). */
const OBVIOUS = new Set(['SSDK004', 'SSDK103', 'SSDK104', 'SSDK203', 'SSDK206', 'SSDK515', 'SSDK519', 'SSDK521',
  'SSDK522', 'SSDK523', 'SSDK602', 'SSDK604', 'SSDK607', 'SSDK608', 'SSDK701', 'SSDK703']);

/** Quick fixes for the diagnostics in `range` (the client passes the diagnostics it shows there). */
export function getCodeActions(document: TextDocument, root: ASTNode | undefined, range: Range,
  diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const wanted = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== undefined && diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    if (end < wanted.start || start > wanted.end) continue;
    const data = (diagnostic.data && typeof diagnostic.data === 'object' ? diagnostic.data : {}) as FixData;
    const ctx: FixContext = { document, root, diagnostic, data, start, end, node: nodeAtRange(root, start, end) };
    try {
      actions.push(...fixesFor(ctx));
    } catch {
      // A fix that cannot be computed for an unexpected shape is simply not offered.
    }
  }
  return actions;
}

function action(ctx: FixContext, title: string, edits: Array<TextEdit | undefined>, preferred: boolean): CodeAction[] {
  const changes = edits.filter((edit): edit is TextEdit => !!edit);
  if (changes.length === 0) return [];
  return [{
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [ctx.diagnostic],
    isPreferred: preferred || undefined,
    edit: { changes: { [ctx.document.uri]: changes } },
  }];
}

function fixesFor(ctx: FixContext): CodeAction[] {
  const code = String(ctx.diagnostic.code ?? '');
  switch (code) {
    case 'SSDK001':
    case 'SSDK006': return syntaxRepair(ctx);
    case 'SSDK518': return removeServerFields(ctx);
    case 'SSDK525': return action(ctx, 'Turn it into the authoring form (unwrap, drop server-managed fields)', [authoringFormEdit(ctx.document)], true);
    case 'SSDK004': return removeDuplicateKey(ctx);
    case 'SSDK602': return ctx.node ? action(ctx, 'Remove the duplicate id', [removeNode(ctx.document, ctx.node)], true) : [];
    case 'SSDK101': return declareParameter(ctx);
    case 'SSDK105': return ctx.data.declare === true ? declareAndUse(ctx) : [];
    case 'SSDK103':
    case 'SSDK104': return replaceRange(ctx, String(ctx.data.replacement ?? ''));
    case 'SSDK201': return addPaginationFields(ctx);
    case 'SSDK206':
    case 'SSDK519': return replaceValue(ctx, ctx.data.value);
    case 'SSDK607':
    case 'SSDK608': return completeOptionSchema(ctx);
    case 'SSDK610': return appendId(ctx);
    case 'SSDK701':
    case 'SSDK703': return replaceWithCandidates(ctx, [DRAFT_07]);
    default:
      if (typeof ctx.data.missingProperty === 'string' && ctx.data.insertValue !== undefined) return addMissingProperty(ctx);
      if (typeof ctx.data.replacementJson === 'string') return replaceTemplate(ctx, ctx.data.replacementJson);
      return Array.isArray(ctx.data.candidates) ? replaceWithCandidates(ctx, ctx.data.candidates) : [];
  }
}

/** Template text in a slot that takes an object/array/number/boolean: put a value of that type in its place. */
function replaceTemplate(ctx: FixContext, json: string): CodeAction[] {
  if (!ctx.node) return [];
  return action(ctx, `Replace the template text with ${json}`, [replaceNode(ctx.document, ctx.node, json)], true);
}

function isKey(node: ASTNode): boolean {
  return node.parent?.type === 'property' && node.parent.keyNode === node;
}

/** One fix per candidate: rename the key or change the value the diagnostic points at. */
function replaceWithCandidates(ctx: FixContext, candidates: readonly unknown[]): CodeAction[] {
  const node = ctx.node;
  if (!node) return [];
  const code = String(ctx.diagnostic.code);
  const strings = candidates.filter((c): c is string => typeof c === 'string');
  const preferred = strings.length === 1 && (OBVIOUS.has(code) || code === 'SSDK011' || code === 'SSDK012');
  return strings.flatMap((candidate) => {
    const title = isKey(node) ? `Rename to "${candidate}"` : `Change to "${candidate}"`;
    return action(ctx, title, [replaceNode(ctx.document, node, JSON.stringify(candidate))], preferred);
  });
}

function replaceRange(ctx: FixContext, replacement: string): CodeAction[] {
  if (!replacement) return [];
  const edit: TextEdit = { range: ctx.diagnostic.range, newText: replacement };
  return action(ctx, `Write "${replacement}"`, [edit], true);
}

function replaceValue(ctx: FixContext, value: unknown): CodeAction[] {
  if (!ctx.node || (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean')) return [];
  const text = JSON.stringify(value);
  const title = typeof value === 'string' ? `Write ${text} as a string`
    : String(ctx.diagnostic.code) === 'SSDK206' ? `Write ${text} as a number` : `Change to ${text}`;
  return action(ctx, title, [replaceNode(ctx.document, ctx.node, text)], true);
}

/** SSDK607/608: change a wrong value, add a missing keyword to the option's schema, or take a candidate. */
function completeOptionSchema(ctx: FixContext): CodeAction[] {
  if (ctx.data.value !== undefined) return replaceValue(ctx, ctx.data.value);
  if (Array.isArray(ctx.data.candidates)) return replaceWithCandidates(ctx, ctx.data.candidates);
  const insert = ctx.data.insert;
  const property = ctx.node?.parent;
  const schema = property?.type === 'property' ? asObject(property.valueNode) : undefined;
  if (!schema || !insert || typeof insert !== 'object') return [];
  const entries = Object.entries(insert as Record<string, unknown>);
  return action(ctx, `Add ${entries.map(([key, value]) => `"${key}": ${JSON.stringify(value)}`).join(', ')}`,
    [insertProperties(ctx.document, schema, entries)], true);
}

/** SSDK610: put the ids of the remote copy that the list lost back at its end. */
function appendId(ctx: FixContext): CodeAction[] {
  const property = ctx.node?.parent;
  const list = property?.type === 'property' ? property.valueNode : undefined;
  const ids = Array.isArray(ctx.data.ids) ? ctx.data.ids.filter((id): id is string => typeof id === 'string')
    : typeof ctx.data.id === 'string' ? [ctx.data.id] : [];
  if (ids.length === 0 || list?.type !== 'array') return [];
  const last = list.items[list.items.length - 1];
  const quoted = ids.map((id) => JSON.stringify(id)).join(', ');
  const newText = last ? `, ${quoted}` : quoted;
  const at = ctx.document.positionAt(last ? last.offset + last.length : list.offset + 1);
  const title = ids.length === 1 ? `Add "${ids[0]}" back to the list` : `Add the ${ids.length} ids of the remote copy back to the list`;
  return action(ctx, title, [{ range: { start: at, end: at }, newText }], false);
}

function removeDuplicateKey(ctx: FixContext): CodeAction[] {
  const property = ctx.node?.parent;
  if (!ctx.node || !property || property.type !== 'property' || !isKey(ctx.node)) return [];
  return action(ctx, `Remove this duplicate "${property.keyNode.value}"`, [removeNode(ctx.document, property)], true);
}

/** Declares a missing `${name}` in sourceSpec.spec.properties, creating `spec`/`properties` when absent. */
function declareParameter(ctx: FixContext): CodeAction[] {
  const name = typeof ctx.data.name === 'string' ? ctx.data.name : undefined;
  const sourceSpec = asObject(getPath(ctx.root, ['sourceSpec']));
  if (!name || !sourceSpec) return [];
  const declaration = { type: 'string', description: `${name}: describe what the user enters for this value.` };
  const spec = asObject(getPath(sourceSpec, ['spec']));
  const properties = asObject(getPath(spec, ['properties']));
  let edit: TextEdit | undefined;
  if (properties) edit = insertProperties(ctx.document, properties, [[name, declaration]]);
  else if (spec && !findProperty(spec, 'properties')) edit = insertProperties(ctx.document, spec, [['properties', { [name]: declaration }]]);
  else if (!findProperty(sourceSpec, 'spec')) {
    edit = insertProperties(ctx.document, sourceSpec, [['spec', { $schema: DRAFT_07, type: 'object', properties: { [name]: declaration } }]]);
  }
  return action(ctx, `Declare "${name}" in sourceSpec.spec.properties`, [edit], true);
}

function addPaginationFields(ctx: FixContext): CodeAction[] {
  const pagination = asObject(getPath(ctx.root, ['sourceSpec', 'attributes', 'paginationParams']));
  const missing = Array.isArray(ctx.data.missing) ? ctx.data.missing.filter((m): m is string => typeof m === 'string') : [];
  if (!pagination || missing.length === 0) return [];
  const entries = missing.map((key): [string, unknown] => [key, PAGINATION_KEYS[key as PaginationKey]?.sample ?? '']);
  return action(ctx, `Add ${missing.join(', ')} with sample values`, [insertProperties(ctx.document, pagination, entries)], true);
}

/**
 * SSDK001 with a clear repair (the mistake's recovery: a comma, a closing quote, an extra or missing bracket), and
 * SSDK006's moved closer (both edits).
 */
function syntaxRepair(ctx: FixContext): CodeAction[] {
  const repair = ctx.data.repair as { title?: unknown; edits?: unknown } | undefined;
  if (!repair || typeof repair.title !== 'string' || !Array.isArray(repair.edits)) return [];
  return action(ctx, repair.title, repair.edits as TextEdit[], true);
}

/** A missing property whose value the object's other keys imply (`"type": "OFFSET"` next to `offSetName`). */
function addMissingProperty(ctx: FixContext): CodeAction[] {
  const key = String(ctx.data.missingProperty);
  const node = ctx.node;
  // On an object's key the object is its value; a partner that is missing (`inParent`) goes next to the key instead.
  const owner = node && isKey(node) && node.parent?.type === 'property' ? node.parent : undefined;
  const object = node?.type === 'object' ? node : ctx.data.inParent ? owner?.parent : owner?.valueNode;
  if (object?.type !== 'object') return [];
  return action(ctx, `Add "${key}": ${JSON.stringify(ctx.data.insertValue)}`, [insertProperties(ctx.document, object, [[key, ctx.data.insertValue]])], true);
}

/** SSDK518: remove every server-managed field the finding lists (`data.keys`), in one fix. */
function removeServerFields(ctx: FixContext): CodeAction[] {
  const keys = Array.isArray(ctx.data.keys) ? ctx.data.keys.filter((k): k is string => typeof k === 'string') : [];
  const root = ctx.root;
  if (root?.type !== 'object' || keys.length === 0) return [];
  const remove = new Set<ASTNode>(root.properties.filter((p) => keys.includes(p.keyNode.value)));
  const title = keys.length === 1 ? `Remove "${keys[0]}"` : `Remove the ${keys.length} server-managed fields`;
  return action(ctx, title, removeProperties(ctx.document, root, remove), true);
}

/** SSDK105 in a request value (`{pageToken}`): declare the parameter and write `${pageToken}` in one fix. */
function declareAndUse(ctx: FixContext): CodeAction[] {
  const declaration = declareParameter(ctx)[0];
  const replacement = typeof ctx.data.replacement === 'string' ? ctx.data.replacement : undefined;
  const declare = declaration?.edit?.changes?.[ctx.document.uri] ?? [];
  if (!replacement || declare.length === 0) return [];
  return action(ctx, `Declare "${String(ctx.data.name)}" and write ${replacement}`,
    [{ range: ctx.diagnostic.range, newText: replacement }, ...declare], true);
}

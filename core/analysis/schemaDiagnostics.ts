/**
 * Turns vscode-json-languageservice diagnostics (syntax + schema) into the engine's coded diagnostics
 * (SSDK001–003, SSDK010–014) and adds did-you-mean candidates for unknown keys and enum mismatches.
 */
import {
  DiagnosticSeverity, ErrorCode,
  type ASTNode, type Diagnostic, type JSONDocument, type ObjectASTNode, type TextDocument,
} from 'vscode-json-languageservice';
import { inferPaginationType, PAGINATION_KEYS, type PaginationKey } from '../spec/paginationTypes';
import { AUTH_TYPE_NAMES, AUTH_TYPE_OF_CREDENTIAL } from '../spec/authTypes';
import { DIAGNOSTIC_SOURCE, type FixData } from './types';
import { wholeTemplate } from './placeholders';
import { severityNumber } from './ruleRow';
import { SYNTAX_SCHEMA_ROWS } from './syntaxSchemaTable';
import type { PathSegment, SchemaNavigator } from './schemaNavigator';

/** What the mapping needs to compute candidates. */
export interface SchemaDiagnosticContext {
  document: TextDocument;
  jsonDocument: JSONDocument;
  navigator: SchemaNavigator;
}

/** LSP DiagnosticTag.Deprecated (the enum is not re-exported by vscode-json-languageservice). */
const DEPRECATED_TAG = 2 as const;

const UNKNOWN_PROPERTY = /^Property (.+) is not allowed\.$/;
const ENUM_MISMATCH_VALUES = /Valid values: (.*)\.$/;

/** Creates a diagnostic with the engine's source, a code and the code's severity from the rule table. */
export function codedDiagnostic(
  document: TextDocument, start: number, end: number, code: string, message: string, data?: FixData,
): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(start), end: document.positionAt(end) },
    severity: severityOf(code), code, source: DIAGNOSTIC_SOURCE, message,
  };
  if (data) diagnostic.data = data;
  return diagnostic;
}

/** Severity of one of the syntax/schema layer's codes, from its rule-table rows (syntaxSchemaTable.ts). */
export function severityOf(code: string): DiagnosticSeverity {
  const info = SYNTAX_SCHEMA_ROWS.get(code);
  return info ? severityNumber(info.severity) : DiagnosticSeverity.Error;
}

/** Maps every json-languageservice diagnostic to one of ours; drops the ones another part of the engine owns. */
export function mapJsonDiagnostics(raw: readonly Diagnostic[], ctx: SchemaDiagnosticContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const diagnostic of raw) {
    const mapped = mapOne(diagnostic, ctx);
    if (mapped) out.push(mapped);
  }
  return out;
}

function mapOne(original: Diagnostic, ctx: SchemaDiagnosticContext): Diagnostic | undefined {
  // Newer LSP types allow markup messages; the service only produces plain strings, so flatten defensively.
  const d = { ...original, message: typeof original.message === 'string' ? original.message : original.message.value };
  const code = typeof d.code === 'number' ? d.code : undefined;
  const base = (ourCode: string, message: string, data?: FixData): Diagnostic => {
    const severity = severityOf(ourCode);
    const result: Diagnostic = { range: d.range, severity, code: ourCode, source: DIAGNOSTIC_SOURCE, message };
    if (data) result.data = data;
    return result;
  };
  switch (code) {
    case ErrorCode.DuplicateKey: return undefined; // the SSDK004 rule reports duplicates (as errors, both keys)
    case ErrorCode.CommentNotPermitted:
      return base('SSDK002', 'Comments are not allowed: specs are strict JSON. Remove the comment.');
    case ErrorCode.TrailingComma:
      return base('SSDK003', 'Trailing comma: specs are strict JSON. Remove the comma.');
    case ErrorCode.EnumValueMismatch:
      return enumMismatch(d, ctx, base);
    case ErrorCode.Deprecated: {
      const result = base('SSDK014', `${d.message} Replace it with the current form.`);
      result.tags = [DEPRECATED_TAG];
      return result;
    }
    case ErrorCode.SchemaUnsupportedFeature:
      return undefined; // about the bundled schema itself, not the user's spec
    default:
      break;
  }
  if (code !== undefined && code >= ErrorCode.SchemaResolveError) {
    // Only a top-level "$schema" naming some other schema gets here: the service then ignores the bundled one.
    return base('SSDK010', 'The top-level "$schema" points to a schema that is not bundled, so the structure of this ' +
      'file is not checked: remove "$schema" (the editor and CLI know the spec schemas).');
  }
  if (code !== undefined) {
    return base('SSDK001', `${stripDot(d.message)}: fix the JSON syntax.`);
  }
  const unknown = UNKNOWN_PROPERTY.exec(d.message);
  if (unknown) return unknownProperty(d, unknown[1], ctx, base);
  if (d.message.startsWith('Incorrect type.')) {
    return templateText(d, ctx, base, 'SSDK013') ?? base('SSDK013', `${d.message} Change the value to that type.`);
  }
  if (d.message.startsWith('Value must be ')) return enumMismatch(d, ctx, base);
  const missing = MISSING_PROPERTY.exec(d.message);
  if (missing) return missingProperty(d, missing[1], ctx, base);
  const dependency = DEPENDENCY.exec(d.message);
  if (dependency) return missingPartner(d, dependency[1], dependency[2], ctx, base);
  return templateText(d, ctx, base, 'SSDK010') ?? base('SSDK010', d.message);
}

const MISSING_PROPERTY = /^Missing property "(.+)"\.$/;

const DEPENDENCY = /^Object is missing property (.+) required by property (.+)\.$/;

/**
 * A key that needs a partner (`endConditionName` without `endConditionValue`): said on the key that has it (the
 * narrowest place, where the rule that knows the pair reports too, so the two become one finding), with what the
 * partner holds and a sample the quick fix inserts.
 */
function missingPartner(d: PlainDiagnostic, partner: string, key: string, ctx: SchemaDiagnosticContext, base: Build): Diagnostic {
  const object = ctx.jsonDocument.getNodeFromOffset(ctx.document.offsetAt(d.range.start));
  const property = object?.type === 'object' ? object.properties.find((p) => p.keyNode.value === key) : undefined;
  const info = PAGINATION_KEYS[partner as PaginationKey];
  const what = info ? ` (${info.description}, e.g. ${JSON.stringify(info.sample)})` : '';
  const data: FixData = { missingProperty: partner, inParent: true, key };
  if (info) data.insertValue = info.sample;
  const diagnostic = base('SSDK010', `"${key}" needs "${partner}"${what}: add it, or remove both.`, data);
  if (property) {
    diagnostic.range = { start: ctx.document.positionAt(property.keyNode.offset),
      end: ctx.document.positionAt(property.keyNode.offset + property.keyNode.length) };
  }
  return diagnostic;
}

/** JSON types in words, for "add it: a string". */
const TYPE_WORDS: Record<string, string> = {
  string: 'a string', object: 'an object', array: 'an array', number: 'a number', integer: 'a whole number', boolean: 'true or false',
};

/**
 * "Missing property" says what to add: the allowed values (an enum) or the expected shape (a type), and the value
 * the object's other keys imply when there is one (then the quick fix inserts it).
 */
function missingProperty(d: PlainDiagnostic, key: string, ctx: SchemaDiagnosticContext, base: Build): Diagnostic {
  const at = ctx.jsonDocument.getNodeFromOffset(ctx.document.offsetAt(d.range.start));
  const object = at?.type === 'object' ? at : at?.parent?.type === 'property' && at.parent.keyNode === at ? at.parent.valueNode : undefined;
  const path = object ? [...pathOf(object), key] : undefined;
  const allowed = path ? ctx.navigator.enumValuesAt(path) : [];
  let expected = '';
  if (allowed.length > 0) {
    const shown = allowed.filter((v) => v !== 'oAuth2-refresh-code').slice(0, 8).map((v) => JSON.stringify(v)).join(', ');
    expected = `, one of ${shown}`;
  } else if (path) {
    const types = ctx.navigator.schemasAt(path).flatMap((schema) => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []));
    const words = [...new Set(types)].map((t) => TYPE_WORDS[t]).filter(Boolean);
    if (words.length > 0) expected = ` (${words.join(' or ')})`;
  }
  const implied = object?.type === 'object' ? impliedValue(object, key) : undefined;
  const data: FixData = { missingProperty: key };
  if (implied !== undefined) data.insertValue = implied;
  const hint = implied !== undefined ? ` The other keys here imply ${JSON.stringify(implied)} (quick fix).` : '';
  return base('SSDK010', `Missing property "${key}": add it${expected}.${hint}`, data);
}

/** The value of a missing `key` that the object's other keys imply (`offSetName` → `"type": "OFFSET"`), if one is. */
function impliedValue(object: ObjectASTNode, key: string): string | undefined {
  const owner = object.parent?.type === 'property' ? object.parent.keyNode.value : undefined;
  if (owner === 'paginationParams' && key === 'type') return inferPaginationType(object.properties.map((p) => p.keyNode.value));
  if (object.parent?.type !== 'array' || object.parent.parent?.type !== 'property' || object.parent.parent.keyNode.value !== 'authSpec') return undefined;
  const typeNode = object.properties.find((p) => p.keyNode.value === 'type')?.valueNode;
  if (key === 'name' && typeNode?.type === 'string') return AUTH_TYPE_NAMES[typeNode.value];
  if (key !== 'type') return undefined;
  const spec = object.properties.find((p) => p.keyNode.value === 'spec')?.valueNode;
  const properties = spec?.type === 'object' ? spec.properties.find((p) => p.keyNode.value === 'properties')?.valueNode : undefined;
  if (properties?.type !== 'object') return undefined;
  const types = new Set(properties.properties.map((p) => AUTH_TYPE_OF_CREDENTIAL[p.keyNode.value]).filter(Boolean));
  return types.size === 1 ? [...types][0] : undefined;
}

/** What to put in place of template text, by the type the schema expects: wording and a JSON value. */
const SAMPLE_OF_TYPE: Record<string, { label: string; json: string }> = {
  object: { label: 'an object', json: '{}' },
  array: { label: 'an array', json: '[]' },
  number: { label: 'a number', json: '100' },
  integer: { label: 'a whole number', json: '100' },
  boolean: { label: 'true or false', json: 'false' },
};

/** `integer`/`number` when the schema at the node accepts numbers (a numeric field that also takes digit strings). */
function numericTypeAt(ctx: SchemaDiagnosticContext, node: ASTNode): string | undefined {
  for (const schema of ctx.navigator.schemasAt(pathOf(node))) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const numeric = types.find((t) => t === 'integer' || t === 'number');
    if (numeric) return numeric;
  }
  return undefined;
}

/**
 * Template text from the docs (`"{QUERY_PARAMS}"`) in a slot whose schema rejects it keeps the schema's code and
 * severity; the message says what to put there instead, and the fix data carries a replacement.
 */
function templateText(d: PlainDiagnostic, ctx: SchemaDiagnosticContext, base: Build, ourCode: string): Diagnostic | undefined {
  const node = ctx.jsonDocument.getNodeFromOffset(ctx.document.offsetAt(d.range.start));
  const template = node?.type === 'string' ? wholeTemplate(node.value) : undefined;
  if (!template || !node) return undefined;
  const expected = /Expected "([a-z]+)"/.exec(d.message)?.[1] ?? numericTypeAt(ctx, node);
  const sample = expected ? SAMPLE_OF_TYPE[expected] : undefined;
  const what = sample ? `${sample.label} (for example ${sample.json})` : `a valid value (${stripDot(d.message)})`;
  const data: FixData = { template };
  if (sample) data.replacementJson = sample.json;
  return base(ourCode, `"{${template}}" is template text from the documentation, and the schema does not accept it here: ` +
    `replace it with ${what}.`, data);
}

type PlainDiagnostic = Diagnostic & { message: string };
type Build = (code: string, message: string, data?: FixData) => Diagnostic;

function unknownProperty(d: PlainDiagnostic, name: string, ctx: SchemaDiagnosticContext, base: Build): Diagnostic {
  const keyNode = ctx.jsonDocument.getNodeFromOffset(ctx.document.offsetAt(d.range.start) + 1);
  const objectNode = keyNode?.parent?.type === 'property' ? keyNode.parent.parent : undefined;
  let candidates: string[] = [];
  if (objectNode?.type === 'object') {
    const present = new Set(objectNode.properties.map((p) => p.keyNode.value));
    const allowed = ctx.navigator.propertyNamesAt(pathOf(objectNode)).filter((n) => !present.has(n));
    candidates = closest(name, allowed, 3, true);
  }
  const hint = candidates.length > 0
    ? `Did you mean ${candidates.map((c) => `"${c}"`).join(' or ')}?`
    : 'Remove it or check the spelling.';
  return base('SSDK011', `Property "${name}" is not allowed here. ${hint}`, { candidates });
}

function enumMismatch(d: PlainDiagnostic, ctx: SchemaDiagnosticContext, base: Build): Diagnostic {
  const valueNode = ctx.jsonDocument.getNodeFromOffset(ctx.document.offsetAt(d.range.start));
  let allowed: unknown[] = valueNode ? ctx.navigator.enumValuesAt(pathOf(valueNode)) : [];
  if (allowed.length === 0) allowed = valuesFromMessage(d.message);
  const allowedStrings = allowed.filter((v): v is string => typeof v === 'string');
  const actual = valueNode?.type === 'string' ? valueNode.value : undefined;
  const candidates = actual !== undefined ? closest(actual, allowedStrings, 5, false) : allowedStrings.slice(0, 5);
  const shown = allowed.slice(0, 12).map((v) => JSON.stringify(v)).join(', ') + (allowed.length > 12 ? ', …' : '');
  const template = actual !== undefined ? wholeTemplate(actual) : undefined;
  if (template && allowedStrings.length > 0) {
    return base('SSDK012', `"{${template}}" is template text from the documentation: replace it with one of ${shown}.`,
      { candidates: allowedStrings.slice(0, 12), template });
  }
  const hint = candidates.length > 0 && actual !== undefined ? ` Did you mean "${candidates[0]}"?` : '';
  const message = allowed.length > 0
    ? `Value ${actual !== undefined ? JSON.stringify(actual) + ' ' : ''}is not allowed here. Use one of: ${shown}.${hint}`
    : d.message;
  return base('SSDK012', message, { candidates });
}

function valuesFromMessage(message: string): unknown[] {
  const match = ENUM_MISMATCH_VALUES.exec(message);
  if (!match) return [];
  try {
    const parsed: unknown = JSON.parse(`[${match[1]}]`);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** JSON path of a value node (property names and array indexes from the root). */
export function pathOf(node: ASTNode): PathSegment[] {
  const path: PathSegment[] = [];
  let current: ASTNode | undefined = node;
  while (current?.parent) {
    const parent: ASTNode = current.parent;
    if (parent.type === 'property') {
      if (parent.valueNode === current) path.push(parent.keyNode.value);
      current = parent.parent;
      continue;
    }
    if (parent.type === 'array') path.push(parent.items.indexOf(current));
    current = parent;
  }
  return path.reverse();
}

/**
 * The `max` options closest to `word` (case-insensitive edit distance), best first. With `onlyClose`, options
 * further than about a third of the word's length are left out, so unrelated names are never suggested.
 */
export function closest(word: string, options: readonly string[], max: number, onlyClose: boolean): string[] {
  const lower = word.toLowerCase();
  const scored = options.map((option) => ({ option, distance: editDistance(lower, option.toLowerCase()) }));
  // Short words need a near-exact match, or "a" would suggest "if".
  const limit = word.length <= 3 ? 1 : Math.ceil(word.length / 3);
  return scored
    .filter((s) => !onlyClose || s.distance <= limit || extends_(lower, s.option.toLowerCase()))
    .sort((a, b) => a.distance - b.distance || a.option.localeCompare(b.option))
    .slice(0, max)
    .map((s) => s.option);
}

/**
 * True when one name is the other plus a suffix or prefix word (`hostname`/`hostName` for `host`, `urlParam` for
 * `urlParams`): a longer edit distance, but plainly the same key. The shorter name needs 4+ letters.
 */
function extends_(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && short !== long && (long.startsWith(short) || long.endsWith(short)) && long.length - short.length <= 8;
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent swaps); long inputs are capped to stay cheap. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i][j] = best;
    }
  }
  return rows[a.length][b.length];
}

function stripDot(message: string): string {
  return message.endsWith('.') ? message.slice(0, -1) : message;
}

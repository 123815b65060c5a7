/** Rules 5 and 6 (and the pagination part of 7): `sourceSpec.attributes.paginationParams` per pagination type. */
import type { ASTNode, PropertyASTNode } from 'vscode-json-languageservice';
import { asObject, findProperty, getPath, stringValue } from '../astUtil';
import { wholeTemplate } from '../placeholders';
import { ALL_PAGINATION_KEYS, PAGINATION_TYPES } from '../../spec/paginationTypes';
import type { Rule, RuleContext } from '../types';
import { row } from '../ruleRow';

/** Fields each pagination type needs (the documented, working spelling), from the pagination-types table. */
export const PAGINATION_REQUIRED: Readonly<Record<string, readonly string[]>> =
  Object.fromEntries(PAGINATION_TYPES.map((type) => [type.name, type.required]));

/** Optional fields each type understands (`delayRequestMillis` throttles any paged type), from the same table. */
export const PAGINATION_OPTIONAL: Readonly<Record<string, readonly string[]>> =
  Object.fromEntries(PAGINATION_TYPES.map((type) => [type.name, type.optional]));

/**
 * The only numeric fields a documented meta-schema types as a number (the sourcespec meta-schema's `limitValue`:
 * integer). A string there is worth a hint (SSDK206); the others are typed nowhere, so their strings draw nothing.
 */
export const META_SCHEMA_NUMBER_FIELDS: ReadonlySet<string> = new Set(['limitValue']);

const ALL_FIELDS = new Set<string>(['type', 'offsetName', ...ALL_PAGINATION_KEYS]);

/** True when `text` is a plain non-negative decimal integer (checked without a regular expression). */
export function isDigits(text: string): boolean {
  if (text.length === 0 || text.length > 15) return false;
  for (let i = 0; i < text.length; i++) if (text[i] < '0' || text[i] > '9') return false;
  return true;
}

export const paginationRule: Rule = {
  table: [
    row('SSDK201', 'error', 'Pagination field missing for this type', 'Add the fields the pagination type needs (quick fix adds them with sample values).', 'sourceSpec'),
    row('SSDK202', 'warning', 'Pagination field ignored for this type', 'Remove the field or change `type` to the pagination type that uses it.', 'sourceSpec'),
    row('SSDK203', 'warning', '`offsetName` spelling', 'Write `offSetName` (quick fix), the spelling every working example uses.', 'sourceSpec'),
    row('SSDK204', 'warning', 'End condition incomplete', 'Give `endConditionName` and `endConditionValue` together, or neither.', 'sourceSpec'),
    row('SSDK205', 'warning', '`endConditionValue` without `Const:`', 'Write the value as `Const:<value>`, e.g. `Const:false`.', 'sourceSpec'),
    row('SSDK206', 'hint', 'Number written as a string', 'Optional: write the number without quotes (quick fix). Only for fields a documented meta-schema types as a number (`limitValue`); the string form the docs use is accepted.', 'sourceSpec'),
    row('SSDK207', 'warning', '`NONE` pagination with other keys', 'Remove the other keys: pagination type NONE takes none.', 'sourceSpec'),
    row('SSDK208', 'error', 'Pagination number out of range', 'Use an integer ≥ 0 for `initialPageIndex` and > 0 for `maximumRequest`.', 'sourceSpec'),
    row('SSDK209', 'error', 'Invalid continuation-token `parameterType`', 'Use `QUERYPARAM` or `HEADERPARAM`.', 'sourceSpec'),
    row('SSDK210', 'warning', 'Invalid `endPageIndex`', 'Use an integer page number or `headers.<header-name>`.', 'sourceSpec'),
    row('SSDK502', 'info', '`pointerPath` without `$.`', 'Prefer the JSONPath form `$.paging.next`.', 'sourceSpec'),
  ],
  alsoReports: ['SSDK501'],
  kinds: ['connectionSpec'],
  reads: ['sourceSpec.attributes.paginationParams'],
  run(ctx) {
    const pagination = asObject(getPath(ctx.root, ['sourceSpec', 'attributes', 'paginationParams']));
    if (!pagination) return;
    const typeProp = findProperty(pagination, 'type');
    const type = stringValue(typeProp?.valueNode);
    for (const prop of pagination.properties) checkValue(ctx, prop);
    if (!type || !(type in PAGINATION_REQUIRED)) return;
    const present = new Set(pagination.properties.map((p) => (p.keyNode.value === 'offsetName' ? 'offSetName' : p.keyNode.value)));
    const missing = PAGINATION_REQUIRED[type].filter((field) => !present.has(field));
    if (missing.length > 0) {
      ctx.report({
        code: 'SSDK201', node: typeProp?.valueNode ?? pagination, data: { type, missing },
        message: `Pagination type ${type} needs ${missing.map((m) => `"${m}"`).join(', ')}: add ${missing.length > 1 ? 'them' : 'it'}.`,
      });
    }
    const allowed = new Set(['type', ...PAGINATION_REQUIRED[type], ...PAGINATION_OPTIONAL[type]]);
    for (const prop of pagination.properties) {
      const key = prop.keyNode.value;
      const canonical = key === 'offsetName' ? 'offSetName' : key;
      if (allowed.has(canonical) || !ALL_FIELDS.has(key)) continue;
      if (type === 'NONE') {
        ctx.report({ code: 'SSDK207', node: prop.keyNode, data: { key },
          message: `"${key}" is ignored: pagination type NONE takes no other keys. Remove it.` });
      } else {
        ctx.report({ code: 'SSDK202', node: prop.keyNode, data: { key },
          message: `"${key}" is ignored for type ${type}: remove it or change the pagination type.` });
      }
    }
    checkEndCondition(ctx, findProperty(pagination, 'endConditionName'), findProperty(pagination, 'endConditionValue'));
  },
};

function checkValue(ctx: RuleContext, prop: PropertyASTNode): void {
  const key = prop.keyNode.value;
  const value = prop.valueNode;
  if (!value) return;
  if (key === 'offsetName') {
    ctx.report({ code: 'SSDK203', node: prop.keyNode, data: { candidates: ['offSetName'] },
      message: 'Write "offSetName": it is the spelling every working example uses ("offsetName" only appears in the meta-schema).' });
  }
  const text = stringValue(value);
  // Template text ("{POINTER_PATH}") is reported as such (SSDK105 or the schema's error), not as a bad path or number.
  if (text !== undefined && wholeTemplate(text)) return;
  if (META_SCHEMA_NUMBER_FIELDS.has(key) && text !== undefined && isDigits(text)) {
    ctx.report({ code: 'SSDK206', node: value, data: { value: Number(text) },
      message: `"${key}" may be written as the number ${Number(text)} (the docs' meta-schema types it as an integer); ` +
        'the string form is accepted too.' });
  }
  const number = value.type === 'number' ? value.value : text !== undefined && isDigits(text) ? Number(text) : undefined;
  if (key === 'initialPageIndex' && (number === undefined || !Number.isInteger(number) || number < 0)) {
    reportRange(ctx, value, '"initialPageIndex" must be an integer ≥ 0 (the first page number, default 0).');
  } else if (key === 'maximumRequest' && (number === undefined || !Number.isInteger(number) || number <= 0)) {
    reportRange(ctx, value, '"maximumRequest" must be an integer > 0 (requests per run, default 10000).');
  } else if (key === 'endPageIndex' && number === undefined && !(text && text.startsWith('headers.') && text.length > 8)) {
    ctx.report({ code: 'SSDK210', node: value,
      message: '"endPageIndex" must be a page number or "headers.<header-name>" naming a response header.' });
  } else if (key === 'parameterType' && text !== 'QUERYPARAM' && text !== 'HEADERPARAM') {
    ctx.report({ code: 'SSDK209', node: value, message: '"parameterType" must be "QUERYPARAM" or "HEADERPARAM".' });
  } else if (text === '') {
    // A value not typed yet (completion inserts ""): the schema and the pair checks say what is missing.
  } else if ((key === 'continuationTokenPath' || key === 'endConditionName') && text !== undefined && !text.startsWith('$')) {
    ctx.report({ code: 'SSDK501', node: value, data: { path: text },
      message: `"${key}" is a JSONPath into the response: start it with "$", e.g. "$.${text}".` });
  } else if (key === 'pointerPath' && text !== undefined && !text.startsWith('$.')) {
    ctx.report({ code: 'SSDK502', node: value,
      message: `Prefer the JSONPath form "$.${text}" for "pointerPath" (both forms appear in the docs).` });
  }
}

function reportRange(ctx: RuleContext, node: ASTNode, message: string): void {
  ctx.report({ code: 'SSDK208', node, message });
}

function checkEndCondition(ctx: RuleContext, name?: PropertyASTNode, value?: PropertyASTNode): void {
  if (name && !value) {
    ctx.report({ code: 'SSDK204', node: name.keyNode,
      message: '"endConditionName" needs "endConditionValue" (e.g. "Const:false"): add it or remove both.' });
  } else if (value && !name) {
    ctx.report({ code: 'SSDK204', node: value.keyNode,
      message: '"endConditionValue" needs "endConditionName" (a JSONPath such as "$.hasMore"): add it or remove both.' });
  }
  const text = stringValue(value?.valueNode);
  if (value?.valueNode && (text === undefined || !text.startsWith('Const:'))) {
    ctx.report({ code: 'SSDK205', node: value.valueNode,
      message: `Write "endConditionValue" as "Const:<value>", e.g. "Const:${text ?? 'false'}".` });
  }
}

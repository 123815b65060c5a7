/**
 * `property` query filters of the list endpoints: `<field><op><value>`, repeatable (ANDed). The field ends at the
 * first operator; everything after it is the value, so a value may itself contain `==` or `!=`. `==` and `!=` take
 * comma-separated OR sets (`id==a,b`); a value in double or single quotes (`attributes.x="abc"`, as the platform's
 * sort-and-filter page quotes them) is taken literally, commas included. `>`, `<`, `>=`, `<=` compare numbers
 * (e.g. `updatedAt>=1700000000000`).
 * Errors carry the FLOW code the platform's catalog uses for the same mistake.
 */
import { describeListFields, isListField, type FlowResource } from '../core/api/flowResources';

export type Operator = '==' | '!=' | '>=' | '<=' | '>' | '<';

export interface PropertyFilter {
  field: string;
  operator: Operator;
  values: string[];
}

export interface FilterError {
  code: '1440' | '1443' | '1448' | '1449' | '1450';
  message: string;
}

/** Longest operators first so `>=` is not read as `>`. `~` is recognised only to be refused (1440). */
const OPERATOR_PATTERN = /(==|!=|>=|<=|~|>|<|=)/;

const NUMERIC_OPERATORS = new Set<Operator>(['>', '<', '>=', '<=']);

/**
 * Splits a value list on commas outside quotes and unquotes each item. An unquoted item is taken as written (not
 * trimmed: names may start or end with spaces); a quoted one is the text between its quotes.
 */
export function splitFilterValues(text: string): string[] {
  const values: string[] = [];
  let current = '';
  let quote: string | undefined;
  let quoted = false;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if ((char === '"' || char === "'") && current.trim() === '' && !quoted) {
      quote = char;
      quoted = true;
      current = '';
    } else if (char === ',') {
      values.push(current);
      current = '';
      quoted = false;
    } else if (!(quoted && char.trim() === '')) {
      current += char;
    }
  }
  values.push(current);
  return values;
}

/** Parses one `property` value; returns the filter or the FLOW error to answer with. */
export function parsePropertyFilter(resource: FlowResource, raw: string): PropertyFilter | FilterError {
  const match = OPERATOR_PATTERN.exec(raw);
  if (!match || match.index === 0) {
    return { code: '1450', message: `Invalid operator in filter '${raw}'. Use ==, !=, >, <, >= or <=.` };
  }
  const field = raw.slice(0, match.index).trim();
  const op = match[1]!;
  if (!/^[A-Za-z0-9_.@$[\]-]+$/.test(field)) {
    return { code: '1450', message: `Invalid operator in filter '${raw}'. Use ==, !=, >, <, >= or <=.` };
  }
  if (op === '~') return { code: '1440', message: `The operator '~' is not implemented (filter '${raw}').` };
  if (op === '=') {
    return { code: '1450', message: `Invalid operator '=' in filter '${raw}'. Did you mean '=='?` };
  }
  if (!isListField(resource, field)) {
    return { code: '1449', message: `Invalid field '${field}' in filter '${raw}' for ${resource}: filter on ${describeListFields(resource)}.` };
  }
  const operator = op as Operator;
  const listed = splitFilterValues(raw.slice(match.index + op.length));
  // Numbers may be written with spaces around them; names are compared as written.
  const values = NUMERIC_OPERATORS.has(operator) ? listed.map((v) => v.trim()) : listed;
  if (NUMERIC_OPERATORS.has(operator)) {
    if (values.length > 1) {
      return { code: '1443', message: `The operator '${operator}' is not allowed with multiple values (filter '${raw}').` };
    }
    if (!/^-?\d+(\.\d+)?$/.test(values[0] ?? '')) {
      return { code: '1448', message: `The operator '${operator}' needs a number (filter '${raw}').` };
    }
  }
  return { field, operator, values };
}

/** The value at a dotted path (`connectionSpec.id`), or undefined. */
export function readPath(item: Record<string, unknown>, field: string): unknown {
  let current: unknown = item;
  for (const part of field.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function asComparableText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** True when `item` satisfies one filter. Missing fields match only `!=`. */
export function matchesFilter(item: Record<string, unknown>, filter: PropertyFilter): boolean {
  const actual = readPath(item, filter.field);
  switch (filter.operator) {
    case '==': {
      const text = asComparableText(actual);
      return text !== undefined && filter.values.includes(text);
    }
    case '!=': {
      const text = asComparableText(actual);
      return text === undefined || !filter.values.includes(text);
    }
    default: {
      const number = typeof actual === 'number' ? actual : Number.NaN;
      const bound = Number(filter.values[0]);
      if (Number.isNaN(number)) return false;
      if (filter.operator === '>') return number > bound;
      if (filter.operator === '<') return number < bound;
      if (filter.operator === '>=') return number >= bound;
      return number <= bound;
    }
  }
}

export function isFilterError(value: PropertyFilter | FilterError): value is FilterError {
  return 'code' in value;
}

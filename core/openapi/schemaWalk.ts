/**
 * Reading response schemas: the type of a schema (3.1's type lists included), its properties (`allOf` members
 * merged, the first object branch of `oneOf`/`anyOf`), the arrays of objects it holds (where the records are) and
 * the fields it holds (where paging information is). Walks stay shallow (records and paging fields sit near the
 * top of a list response) and never loop on recursive schemas.
 */
import { jsonPathOf, recordArrayScore } from '../infer/names';
import { ApiDescription, isObject, type JsonObject } from './document';

/** How deep below the response the walks look. */
const MAX_DEPTH = 3;

/** The schema's type: the first non-null of a 3.1 type list; `object`/`array` implied by properties/items. */
export function schemaType(api: ApiDescription, raw: unknown): string | undefined {
  const schema = api.object(raw);
  if (!schema) return undefined;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (typeof type === 'string') return type;
  if (schema.properties !== undefined || schema.additionalProperties !== undefined) return 'object';
  if (schema.items !== undefined) return 'array';
  const members = [schema.allOf, schema.oneOf, schema.anyOf].find(Array.isArray) as unknown[] | undefined;
  return members ? members.map((m) => schemaType(api, m)).find((t) => t !== undefined) : undefined;
}

/** Properties of an object schema, `allOf` members merged and the first object branch of `oneOf`/`anyOf`. */
export function propertiesOf(api: ApiDescription, raw: unknown, seen = new Set<unknown>()): Record<string, unknown> {
  const schema = api.object(raw);
  if (!schema || seen.has(schema)) return {};
  seen.add(schema);
  const out: Record<string, unknown> = {};
  for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) Object.assign(out, propertiesOf(api, member, seen));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branch = (Array.isArray(schema[key]) ? schema[key] as unknown[] : []).find((b) => schemaType(api, b) === 'object');
    if (branch !== undefined) Object.assign(out, propertiesOf(api, branch, seen));
  }
  if (isObject(schema.properties)) Object.assign(out, schema.properties);
  return out;
}

/** An array of objects inside a response schema. */
export interface RecordArray {
  /** Property names from the response root; empty when the response is the array. */
  path: string[];
  jsonPath: string;
  score: number;
}

/** Arrays of objects in `schema` (the response), best candidate for the records first. */
export function findRecordArrays(api: ApiDescription, schema: unknown, resource: string | undefined): RecordArray[] {
  const found: RecordArray[] = [];
  const visit = (raw: unknown, path: string[], seen: Set<unknown>) => {
    const node = api.object(raw);
    if (!node || seen.has(node)) return;
    const type = schemaType(api, node);
    if (type === 'array') {
      if (schemaType(api, node.items) === 'object') found.push({ path, jsonPath: path.length ? jsonPathOf(path) : '$', score: recordArrayScore(path, resource) });
      return;
    }
    if (type !== 'object' || path.length >= MAX_DEPTH) return;
    const next = new Set(seen).add(node);
    for (const [name, child] of Object.entries(propertiesOf(api, node))) visit(child, [...path, name], next);
  };
  visit(schema, [], new Set());
  return found.sort((a, b) => b.score - a.score || a.path.length - b.path.length);
}

/** A field of a response schema (not inside an array). */
export interface SchemaField {
  path: string[];
  name: string;
  schema: JsonObject;
  type?: string;
}

/** Every field of `schema` down to the walk's depth, arrays not entered. */
export function schemaFields(api: ApiDescription, schema: unknown): SchemaField[] {
  const out: SchemaField[] = [];
  const visit = (raw: unknown, path: string[], seen: Set<unknown>) => {
    const node = api.object(raw);
    if (!node || seen.has(node) || path.length >= MAX_DEPTH) return;
    const next = new Set(seen).add(node);
    for (const [name, child] of Object.entries(propertiesOf(api, node))) {
      const childSchema = api.object(child) ?? {};
      const type = schemaType(api, childSchema);
      out.push({ path: [...path, name], name, schema: childSchema, ...(type ? { type } : {}) });
      if (type === 'object') visit(childSchema, [...path, name], next);
    }
  };
  if (schemaType(api, schema) === 'object') visit(schema, [], new Set());
  return out;
}

/**
 * Answers "which property names / enum values does the schema allow at this JSON path?" by walking the bundled
 * schema directly (local `$ref`s, allOf/anyOf/oneOf/then/else branches). Used only for the handful of nodes that
 * carry a did-you-mean diagnostic, so it is far cheaper than a second validation pass (getMatchingSchemas).
 */
import type { JSONSchema } from 'vscode-json-languageservice';

type JSONSchemaRef = JSONSchema | boolean;

/** One step of a JSON path: a property name or an array index. */
export type PathSegment = string | number;

/** Walks one root schema. Construct once per schema and reuse. */
export class SchemaNavigator {
  constructor(private readonly root: JSONSchema) {}

  /** Every (expanded) subschema that may apply at `path`. */
  schemasAt(path: readonly PathSegment[]): JSONSchema[] {
    let current = this.rootSchemas();
    for (const segment of path) {
      current = this.step(current, segment);
      if (current.length === 0) break;
    }
    return current;
  }

  private rootCache: JSONSchema[] | undefined;
  private readonly stepCache = new WeakMap<readonly JSONSchema[], Map<string, JSONSchema[]>>();

  /** The expanded root schema (start of an incremental walk with {@link step}); the same array every call. */
  rootSchemas(): JSONSchema[] {
    this.rootCache ??= this.expand([this.root]);
    return this.rootCache;
  }

  /**
   * The subschemas that apply one property name / array index below the given (expanded) schemas. Results are
   * memoised per input array, so a walk that starts from {@link rootSchemas} and feeds results back in stays cheap
   * on large documents (every element of a long array shares one entry).
   */
  step(schemas: readonly JSONSchema[], segment: PathSegment): JSONSchema[] {
    let byKey = this.stepCache.get(schemas);
    if (!byKey) {
      byKey = new Map();
      this.stepCache.set(schemas, byKey);
    }
    const tuple = typeof segment === 'number' && schemas.some((schema) => Array.isArray(schema.items));
    // Names no schema lists (user-named parameters, map keys) all resolve through additionalProperties alike.
    const named = typeof segment === 'string'
      && schemas.some((schema) => (schema.properties && segment in schema.properties) || schema.patternProperties);
    const key = typeof segment === 'number' ? (tuple ? `#${segment}` : '#') : named ? `.${segment}` : '*';
    let result = byKey.get(key);
    if (!result) {
      const next: JSONSchemaRef[] = [];
      for (const schema of schemas) {
        if (typeof segment === 'number') collectItemSchemas(schema, segment, next);
        else collectPropertySchemas(schema, segment, next);
      }
      result = this.expand(next);
      if (byKey.size < 2000) byKey.set(key, result);
    }
    return result;
  }

  /** Names listed under `properties` of any schema applying to the object at `path`. */
  propertyNamesAt(path: readonly PathSegment[]): string[] {
    const names = new Set<string>();
    for (const schema of this.schemasAt(path)) {
      for (const name of Object.keys(schema.properties ?? {})) names.add(name);
    }
    return [...names];
  }

  /** Values of `enum`/`const` of any schema applying to the value at `path`. */
  enumValuesAt(path: readonly PathSegment[]): unknown[] {
    const values: unknown[] = [];
    for (const schema of this.schemasAt(path)) {
      if (Array.isArray(schema.enum)) values.push(...schema.enum);
      if (schema.const !== undefined) values.push(schema.const);
    }
    return [...new Set(values)];
  }

  /** Resolves `$ref`s and flattens combinators into a list of plain object schemas. */
  private expand(refs: readonly JSONSchemaRef[]): JSONSchema[] {
    const out: JSONSchema[] = [];
    const seen = new Set<JSONSchema>();
    const stack = [...refs];
    // A budget instead of recursion: schemas may be cyclic through $ref.
    for (let budget = 500; stack.length > 0 && budget > 0; budget--) {
      const schema = this.resolve(stack.pop());
      if (!schema || seen.has(schema)) continue;
      seen.add(schema);
      out.push(schema);
      for (const branch of [schema.allOf, schema.anyOf, schema.oneOf]) if (branch) stack.push(...branch);
      if (schema.then) stack.push(schema.then);
      if (schema.else) stack.push(schema.else);
    }
    return out;
  }

  private resolve(ref: JSONSchemaRef | undefined): JSONSchema | undefined {
    let schema = ref;
    for (let hops = 0; hops < 20 && typeof schema === 'object' && typeof schema.$ref === 'string'; hops++) {
      const target = this.resolvePointer(schema.$ref);
      if (!target) return schema; // unresolvable (remote) ref: keep the node for its own keywords
      schema = target;
    }
    return typeof schema === 'object' ? schema : undefined;
  }

  private resolvePointer(ref: string): JSONSchemaRef | undefined {
    return schemaAtPointer(this.root, ref);
  }
}

/** The schema a local `$ref` (`#/definitions/x`, any JSON pointer into `root`) points at; undefined for another file. */
export function schemaAtPointer(root: JSONSchema, ref: string): JSONSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter((s) => s.length > 0)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node && typeof node === 'object' ? (node as JSONSchema) : undefined;
}

function collectPropertySchemas(schema: JSONSchema, name: string, out: JSONSchemaRef[]): void {
  const direct = schema.properties?.[name];
  if (direct !== undefined) {
    out.push(direct);
    return;
  }
  let matchedPattern = false;
  for (const [pattern, sub] of Object.entries(schema.patternProperties ?? {})) {
    if (safeTest(pattern, name)) {
      out.push(sub);
      matchedPattern = true;
    }
  }
  if (!matchedPattern && typeof schema.additionalProperties === 'object') out.push(schema.additionalProperties);
}

function collectItemSchemas(schema: JSONSchema, index: number, out: JSONSchemaRef[]): void {
  const { items } = schema;
  if (Array.isArray(items)) {
    const positional = items[index];
    if (positional !== undefined) out.push(positional);
    else if (typeof schema.additionalItems === 'object') out.push(schema.additionalItems);
  } else if (items !== undefined) {
    out.push(items);
  }
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return false;
  }
}

/**
 * Infers a JSON Schema (draft-07) from records, one record at a time so a long run needs no second pass: types
 * (several when they differ), string formats (`date-time`, `date`, `email`, `uri`, `uuid`) when every string of a
 * property has that format, object properties with `required` for those present in every object, array items.
 * Also tells where records disagree on a type ("mixed shapes").
 */

type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

const FORMATS: Array<[string, RegExp]> = [
  ['date-time', /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i],
  ['date', /^\d{4}-\d{2}-\d{2}$/],
  ['email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/],
  ['uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i],
  ['uri', /^https?:\/\/[^\s]+$/i],
];

function formatOf(text: string): string | undefined {
  for (const [name, pattern] of FORMATS) if (pattern.test(text)) return name;
  return undefined;
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean' || typeof value === 'string' || typeof value === 'object') return typeof value as JsonType;
  return 'null'; // undefined and functions never come out of JSON.parse
}

/** What has been seen at one place of the records. */
class SchemaNode {
  readonly types = new Set<JsonType>();
  /** `undefined` before the first string, `null` once two strings disagree. */
  private format: string | null | undefined;
  private objects = 0;
  private properties?: Map<string, { node: SchemaNode; count: number }>;
  private items?: SchemaNode;

  add(value: unknown): void {
    const type = typeOf(value);
    this.types.add(type);
    if (type === 'string') {
      const format = formatOf(value as string) ?? null;
      this.format = this.format === undefined ? format : this.format === format ? format : null;
    } else if (type === 'object') {
      this.objects++;
      this.properties ??= new Map();
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        let entry = this.properties.get(key);
        if (!entry) this.properties.set(key, (entry = { node: new SchemaNode(), count: 0 }));
        entry.count++;
        entry.node.add(child);
      }
    } else if (type === 'array') {
      this.items ??= new SchemaNode();
      for (const item of value as unknown[]) this.items.add(item);
    }
  }

  toSchema(): Record<string, unknown> {
    const types = [...this.types];
    // An integer seen beside a fraction is a number.
    const merged = types.includes('number') ? types.filter((t) => t !== 'integer') : types;
    const schema: Record<string, unknown> = {};
    if (merged.length === 1) schema.type = merged[0];
    else if (merged.length > 1) schema.type = merged.sort();
    if (this.types.has('string') && this.format) schema.format = this.format;
    if (this.properties) {
      const properties: Record<string, unknown> = {};
      const required: string[] = [];
      for (const [key, entry] of this.properties) {
        properties[key] = entry.node.toSchema();
        if (entry.count === this.objects) required.push(key);
      }
      schema.properties = properties;
      if (required.length) schema.required = required;
    }
    if (this.items) schema.items = this.items.toSchema();
    return schema;
  }

  /** The first place where values disagree on their kind (nulls and integer/number aside), as `path: types`. */
  firstConflict(path: string): { path: string; types: string[] } | undefined {
    const kinds = new Set([...this.types].filter((t) => t !== 'null').map((t) => (t === 'integer' ? 'number' : t)));
    if (kinds.size > 1) return { path, types: [...kinds].sort() };
    if (this.properties) {
      for (const [key, entry] of this.properties) {
        const conflict = entry.node.firstConflict(path ? `${path}.${key}` : key);
        if (conflict) return conflict;
      }
    }
    return this.items?.firstConflict(`${path}[]`);
  }
}

/** Builds the schema of a stream of records. */
export class SchemaInferrer {
  private readonly root = new SchemaNode();
  private seen = 0;

  add(record: unknown): void {
    this.seen++;
    this.root.add(record);
  }

  /** The draft-07 schema of one record, from the records added so far (`{ $schema }` alone before any). */
  schema(): object {
    return { $schema: 'http://json-schema.org/draft-07/schema#', ...(this.seen ? this.root.toSchema() : {}) };
  }

  /** Where the records added so far disagree on a type, e.g. `{ path: 'price', types: ['number', 'string'] }`. */
  conflict(): { path: string; types: string[] } | undefined {
    return this.root.firstConflict('');
  }
}

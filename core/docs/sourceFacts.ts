/**
 * What a source's documentation page says, read from its connection spec: the label and description, each auth
 * entry's credentials (from its JSON Schema), the source connection parameters (`sourceSpec.spec`), whether the source
 * is batch or streaming, and an example value per parameter (its default, else `const`, else its first enum value,
 * else its first `examples` entry, else a `{PLACEHOLDER}` the author replaces). Pure: no I/O, no vscode.
 */
import { isSecretProperty, type PropertySchema } from '../spec/parameters';

/** Where a parameter's example value came from; `placeholder` means only the author can give one. */
export type ExampleSource = 'default' | 'const' | 'enum' | 'examples' | 'placeholder';

/** One property of an auth entry's or of `sourceSpec.spec`'s schema. */
export interface DocParameter {
  name: string;
  description?: string;
  /** The schema's `type` (first of a list), e.g. `string`. */
  type?: string;
  required: boolean;
  /** `format: password` or a secret-looking name: no example is ever shown. */
  secret: boolean;
  /** `uiAttributes.hidden`: not shown in the Experience Platform UI. */
  hidden: boolean;
  /** `enum` values, when the schema lists them. */
  allowed?: unknown[];
  default?: unknown;
  /** The value the page's requests use. */
  example: unknown;
  exampleSource: ExampleSource;
}

/** One `authSpec` entry: the way of authenticating a base connection uses (`auth.specName`). */
export interface DocAuthEntry {
  name: string;
  type?: string;
  description?: string;
  parameters: DocParameter[];
}

/** Everything the page is written from. */
export interface SourceFacts {
  /** The spec's `name`. */
  specName: string;
  /** The label users see: `sourceSpec.attributes.uiAttributes.label.text`, else the spec's `name`. */
  label: string;
  /** The spec's top-level `description`, else the UI description text. */
  description?: string;
  /** The spec's `version` (what `connectionSpec.version` carries), "1.0" when missing. */
  version: string;
  /** A `generic-streaming` source: no base connection, no schedule, events arrive at an inlet. */
  streaming: boolean;
  /** `attributes.documentationLink` or `sourceSpec.attributes.uiAttributes.documentationLink`. */
  documentationLink?: string;
  auth: DocAuthEntry[];
  /** `sourceSpec.spec` properties, in the schema's order. */
  sourceParameters: DocParameter[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** `clientId` → `{CLIENT_ID}`, `api-key` → `{API_KEY}`: the placeholder style of Adobe's API pages. */
export function placeholderFor(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `{${(words || 'VALUE').toUpperCase()}}`;
}

function exampleOf(name: string, schema: Json, secret: boolean): { example: unknown; exampleSource: ExampleSource } {
  if (!secret) {
    if (schema.default !== undefined) return { example: schema.default, exampleSource: 'default' };
    if (schema.const !== undefined) return { example: schema.const, exampleSource: 'const' };
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return { example: schema.enum[0], exampleSource: 'enum' };
    if (Array.isArray(schema.examples) && schema.examples.length > 0) return { example: schema.examples[0], exampleSource: 'examples' };
  }
  return { example: placeholderFor(name), exampleSource: 'placeholder' };
}

/** The parameters of an object schema (`properties` in order, `required` marked). */
export function parametersOf(schema: unknown): DocParameter[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  return Object.entries(schema.properties).map(([name, raw]) => {
    const property = isObject(raw) ? raw : {};
    const type = Array.isArray(property.type) ? text(property.type[0]) : text(property.type);
    // The one secret rule (core/spec/parameters.ts), as preview, the test chain and the emulator read it.
    const secret = isSecretProperty(name, property as PropertySchema);
    const hidden = isObject(property.uiAttributes) && property.uiAttributes.hidden === true;
    return {
      name,
      description: text(property.description) ?? text(property.title),
      type,
      required: required.has(name),
      secret,
      hidden,
      ...(Array.isArray(property.enum) ? { allowed: property.enum } : {}),
      ...(property.default !== undefined ? { default: property.default } : {}),
      ...exampleOf(name, property, secret),
    };
  });
}

/**
 * Reads the facts of a parsed connection spec. Tolerant: a missing or mistyped part gives an empty list or the
 * fallback, so a spec still being written gets a page (validation is `sources-sdk validate`'s job).
 */
export function sourceFacts(spec: unknown): SourceFacts {
  const root = isObject(spec) ? spec : {};
  const sourceSpec = isObject(root.sourceSpec) ? root.sourceSpec : {};
  const sourceAttributes = isObject(sourceSpec.attributes) ? sourceSpec.attributes : {};
  const ui = isObject(sourceAttributes.uiAttributes) ? sourceAttributes.uiAttributes : {};
  const labelText = isObject(ui.label) ? text(ui.label.text) : undefined;
  const uiDescription = isObject(ui.description) ? text(ui.description.text) : undefined;
  const attributes = isObject(root.attributes) ? root.attributes : {};
  const specName = text(root.name) ?? 'this source';
  const auth: DocAuthEntry[] = (Array.isArray(root.authSpec) ? root.authSpec : []).filter(isObject).map((entry, index) => {
    const schema = isObject(entry.spec) ? entry.spec : {};
    return {
      name: text(entry.name) ?? `auth entry ${index + 1}`,
      type: text(entry.type),
      description: text(schema.description),
      parameters: parametersOf(schema),
    };
  });
  return {
    specName,
    label: labelText ?? specName,
    description: text(root.description) ?? uiDescription,
    version: text(root.version) ?? '1.0',
    streaming: root.type === 'generic-streaming' || (isObject(root.exploreSpec) && root.exploreSpec.type === 'StreamingConnection'),
    documentationLink: text(attributes.documentationLink) ?? text(ui.documentationLink),
    auth,
    sourceParameters: parametersOf(sourceSpec.spec),
  };
}

/** `{ name: example }` of parameters, for request bodies and explore's `sourceParams`. */
export function exampleValues(parameters: readonly DocParameter[]): Record<string, unknown> {
  return Object.fromEntries(parameters.map((p) => [p.name, p.example]));
}

/**
 * Reads the parts of a parsed connection spec the engine executes, tolerating the value-type inconsistencies the
 * docs show (`limitValue` as "100" or 100, `delayRequestMillis` as a string, `contentPath` as string or object,
 * `offSetName`/`offsetName`). Anything the engine cannot run is a `SpecError` naming the spec location.
 */

/** A spec the engine cannot execute; `specPath` is the dot-separated location it is about. */
export class SpecError extends Error {
  /** `editorMessage`: the message in the editor's terms where `message` advises with a CLI flag. */
  constructor(message: string, readonly specPath?: string, readonly editorMessage?: string) {
    super(message);
    this.name = 'SpecError';
  }
}

export type JsonObject = Record<string, unknown>;

/** `contentPath` / `explodeEntityPath` in object form. */
export interface RecordPathSpec {
  path: string;
  skipAttributes: string[];
  keepAttributes: string[];
  overrideWrapperAttribute?: string;
}

/** One auth spec: its type and the JSON Schema of its values. */
export interface AuthSpecModel {
  index: number;
  name: string;
  type: string;
  properties: Record<string, JsonObject>;
  /** The auth spec's `required` property names. */
  required: string[];
}

/** The executable view of a connection spec. */
export interface SpecModel {
  auth: AuthSpecModel;
  urlParams: { host?: string; path: string; method: 'GET' | 'POST'; queryParams: Record<string, string> };
  headerParams: Record<string, string>;
  bodyParams?: unknown;
  contentPath: RecordPathSpec;
  explodeEntityPath?: RecordPathSpec;
  paginationParams: JsonObject;
  scheduleParams?: JsonObject;
  /** `sourceSpec.spec.properties` (user inputs). */
  sourceProperties: Record<string, JsonObject>;
}

export const ATTRIBUTES = 'sourceSpec.attributes';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown, where: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new SpecError(`${where} must be an object of names to values`, where);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    out[key] = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function recordPath(value: unknown, where: string): RecordPathSpec {
  if (typeof value === 'string' && value.trim()) return { path: value.trim(), skipAttributes: [], keepAttributes: [] };
  if (isObject(value) && typeof value.path === 'string' && value.path.trim()) {
    return {
      path: value.path.trim(),
      skipAttributes: stringList(value.skipAttributes),
      keepAttributes: stringList(value.keepAttributes),
      overrideWrapperAttribute: typeof value.overrideWrapperAttribute === 'string' && value.overrideWrapperAttribute
        ? value.overrideWrapperAttribute : undefined,
    };
  }
  const at = isObject(value) ? `${where}.path` : where;
  throw new SpecError(`${where} needs a JSONPath to the array of records (e.g. "$.items" or {"path": "$.items"})`, at);
}

function propertiesOf(schema: unknown): Record<string, JsonObject> {
  if (!isObject(schema) || !isObject(schema.properties)) return {};
  const out: Record<string, JsonObject> = {};
  for (const [key, value] of Object.entries(schema.properties)) if (isObject(value)) out[key] = value;
  return out;
}

/** Reads what `runSpec` needs from `spec`, or throws a `SpecError` that says what is missing and where. */
export function readSpecModel(spec: unknown, authSpecName: string): SpecModel {
  if (!isObject(spec)) throw new SpecError('The connection spec must be a JSON object');
  const authSpecs = Array.isArray(spec.authSpec) ? spec.authSpec : [];
  const authIndex = authSpecs.findIndex((a) => isObject(a) && a.name === authSpecName);
  if (authIndex < 0) {
    const names = authSpecs.filter(isObject).map((a) => JSON.stringify(a.name)).join(', ');
    throw new SpecError(
      `No auth spec named ${JSON.stringify(authSpecName)}; the spec offers ${names || 'none'}`, 'authSpec');
  }
  const authSpec = authSpecs[authIndex] as JsonObject;
  const auth: AuthSpecModel = {
    index: authIndex,
    name: authSpecName,
    type: typeof authSpec.type === 'string' ? authSpec.type : '',
    properties: propertiesOf(authSpec.spec),
    required: isObject(authSpec.spec) ? stringList(authSpec.spec.required) : [],
  };

  const sourceSpec = isObject(spec.sourceSpec) ? spec.sourceSpec : undefined;
  const attributes = sourceSpec && isObject(sourceSpec.attributes) ? sourceSpec.attributes : undefined;
  if (!attributes) throw new SpecError('The spec has no sourceSpec.attributes to run', 'sourceSpec');
  const url = attributes.urlParams;
  if (!isObject(url)) throw new SpecError('sourceSpec.attributes.urlParams is missing', ATTRIBUTES);
  if (typeof url.path !== 'string') throw new SpecError('urlParams.path is missing', `${ATTRIBUTES}.urlParams`);
  const method = typeof url.method === 'string' ? url.method.toUpperCase() : 'GET';
  if (method !== 'GET' && method !== 'POST') {
    throw new SpecError(`urlParams.method must be GET or POST, not ${JSON.stringify(url.method)}`, `${ATTRIBUTES}.urlParams.method`);
  }
  const pagination = attributes.paginationParams;
  if (pagination !== undefined && !isObject(pagination)) {
    throw new SpecError('paginationParams must be an object with a "type"', `${ATTRIBUTES}.paginationParams`);
  }
  const schedule = attributes.scheduleParams;

  return {
    auth,
    urlParams: {
      host: typeof url.host === 'string' && url.host.trim() ? url.host.trim() : undefined,
      path: url.path,
      method,
      queryParams: stringMap(url.queryParams, `${ATTRIBUTES}.urlParams.queryParams`),
    },
    headerParams: stringMap(attributes.headerParams, `${ATTRIBUTES}.headerParams`),
    bodyParams: attributes.bodyParams,
    contentPath: recordPath(attributes.contentPath, `${ATTRIBUTES}.contentPath`),
    explodeEntityPath: attributes.explodeEntityPath === undefined || attributes.explodeEntityPath === null
      ? undefined : recordPath(attributes.explodeEntityPath, `${ATTRIBUTES}.explodeEntityPath`),
    paginationParams: pagination ?? { type: 'NONE' },
    scheduleParams: isObject(schedule) ? schedule : undefined,
    sourceProperties: propertiesOf(sourceSpec?.spec),
  };
}

/** A number from a spec value written as a number or a numeric string; `undefined` when absent or not numeric. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** A non-empty string spec value, or `undefined`. */
export function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

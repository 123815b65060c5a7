/**
 * The operations of a description in one neutral shape, whatever its format: method and path, parameters (path-level
 * and operation-level merged, Swagger 2.0's inline types moved into a schema), servers, the security alternatives it
 * accepts, and its success response (schema and headers). Picking an operation by `"GET /path"` or `operationId`.
 */
import { ApiDescription, isObject, OpenApiError, type JsonObject } from './document';
import { findRecordArrays } from './schemaWalk';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'] as const;

export interface OperationParameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required: boolean;
  description?: string;
  /** The parameter's schema (OpenAPI 3 `schema`; Swagger 2.0's `type`, `format`, `enum`… gathered into one). */
  schema: JsonObject;
}

export interface ServerInfo {
  url: string;
  variables: Record<string, { default?: string; enum?: string[]; description?: string }>;
}

/** One alternative of `security`: the schemes it needs together (scheme name → scopes). */
export type SecurityAlternative = Record<string, string[]>;

export interface OperationSummary {
  method: string;
  path: string;
  operationId?: string;
  summary?: string;
  /** True when a success response returns an array of objects (directly or in a property): a list operation. */
  listsRecords: boolean;
}

export interface Operation extends OperationSummary {
  description?: string;
  parameters: OperationParameter[];
  /** Servers, most specific first (operation, path, then the description's); Swagger 2.0's host/basePath as one. */
  servers: ServerInfo[];
  /** The accepted alternatives; an empty list means no credentials are needed. */
  security: SecurityAlternative[];
  /** Security schemes by name (Swagger 2.0 `securityDefinitions`, OpenAPI 3 `components.securitySchemes`). */
  schemes: Record<string, JsonObject>;
  /** The JSON schema of the success response, not dereferenced; undefined when the description gives none. */
  responseSchema?: unknown;
  /** Response headers of the success response, by name. */
  responseHeaders: Record<string, JsonObject>;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** `"GET /items"`, the form `--operation` takes. */
export function operationKey(op: { method: string; path: string }): string {
  return `${op.method} ${op.path}`;
}

/** Every operation of the description, in the order written. */
export function listOperations(api: ApiDescription): OperationSummary[] {
  return forEachOperation(api, (method, path, _item, op) => ({
    method, path,
    ...(text(op.operationId) ? { operationId: text(op.operationId) } : {}),
    ...(text(op.summary) ? { summary: text(op.summary) } : {}),
    listsRecords: method === 'GET' && isListResponse(api, () => successResponse(api, op)),
  }));
}

/**
 * The operation `selector` names: `"GET /items"` (method case-insensitive, path exact) or an `operationId`.
 * Throws `OpenApiError` naming the closest list operations when nothing matches.
 */
export function findOperation(api: ApiDescription, selector: string): Operation {
  const wanted = selector.trim();
  const spaced = /^([A-Za-z]+)\s+(\S.*)$/.exec(wanted);
  const found = forEachOperation(api, (method, path, item, op) => {
    const byKey = spaced && spaced[1].toUpperCase() === method && spaced[2] === path;
    const byId = text(op.operationId) === wanted;
    return byKey || byId ? readOperation(api, method, path, item, op) : undefined;
  }).filter((op): op is Operation => op !== undefined);
  if (found.length === 0) {
    const lists = listOperations(api).filter((o) => o.listsRecords).map(operationKey);
    const hint = lists.length ? `; list operations: ${lists.slice(0, 10).join(', ')}${lists.length > 10 ? ', …' : ''}` : '';
    throw new OpenApiError(`no operation ${JSON.stringify(wanted)} in the description (give "METHOD /path" or an operationId)${hint}`);
  }
  return found[0];
}

function forEachOperation<T>(api: ApiDescription, visit: (method: string, path: string, item: JsonObject, op: JsonObject) => T): T[] {
  const out: T[] = [];
  for (const [path, rawItem] of Object.entries(api.root.paths as JsonObject)) {
    const item = api.object(rawItem);
    if (!item) continue;
    for (const method of METHODS) {
      const op = api.object(item[method]);
      if (op) out.push(visit(method.toUpperCase(), path, item, op));
    }
  }
  return out;
}

function readOperation(api: ApiDescription, method: string, path: string, item: JsonObject, op: JsonObject): Operation {
  const response = successResponse(api, op);
  const securityList = Array.isArray(op.security) ? op.security : Array.isArray(api.root.security) ? api.root.security : [];
  const schemesRoot = api.version === '2.0' ? api.root.securityDefinitions : (api.object(api.root.components)?.securitySchemes);
  const schemes: Record<string, JsonObject> = {};
  if (isObject(schemesRoot)) for (const [name, s] of Object.entries(schemesRoot)) { const o = api.object(s); if (o) schemes[name] = o; }
  return {
    method, path,
    ...(text(op.operationId) ? { operationId: text(op.operationId) } : {}),
    ...(text(op.summary) ? { summary: text(op.summary) } : {}),
    ...(text(op.description) ? { description: text(op.description) } : {}),
    listsRecords: method === 'GET' && isListResponse(api, () => response),
    parameters: mergedParameters(api, item, op),
    servers: serversOf(api, item, op),
    security: securityList.filter(isObject).map((alt) => Object.fromEntries(Object.entries(alt).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : []]))),
    schemes,
    ...(response.schema !== undefined ? { responseSchema: response.schema } : {}),
    responseHeaders: response.headers,
  };
}

/** Path-level parameters overridden by operation-level ones of the same name and place. */
function mergedParameters(api: ApiDescription, item: JsonObject, op: JsonObject): OperationParameter[] {
  const byKey = new Map<string, OperationParameter>();
  for (const list of [item.parameters, op.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = api.object(raw);
      if (!p || typeof p.name !== 'string' || !['query', 'header', 'path', 'cookie'].includes(String(p.in))) continue;
      const schema = api.version === '2.0' ? swaggerSchema(p) : (api.object(p.schema) ?? {});
      byKey.set(`${String(p.in)} ${p.name}`, {
        name: p.name, in: p.in as OperationParameter['in'], required: p.required === true || p.in === 'path',
        ...(text(p.description) ? { description: text(p.description) } : {}), schema,
      });
    }
  }
  return [...byKey.values()];
}

/** Swagger 2.0 keeps a non-body parameter's type inline; gather it into a schema. */
function swaggerSchema(p: JsonObject): JsonObject {
  const keys = ['type', 'format', 'enum', 'default', 'minimum', 'maximum', 'items', 'pattern', 'minLength', 'maxLength'];
  return Object.fromEntries(keys.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));
}

function serversOf(api: ApiDescription, item: JsonObject, op: JsonObject): ServerInfo[] {
  if (api.version === '2.0') {
    const host = text(api.root.host);
    const basePath = text(api.root.basePath) ?? '';
    const schemes = Array.isArray(op.schemes) ? op.schemes : Array.isArray(api.root.schemes) ? api.root.schemes : [];
    const scheme = schemes.includes('https') ? 'https' : typeof schemes[0] === 'string' ? schemes[0] : 'https';
    return [{ url: host ? `${scheme}://${host}${basePath}` : basePath, variables: {} }];
  }
  for (const list of [op.servers, item.servers, api.root.servers]) {
    if (!Array.isArray(list) || list.length === 0) continue;
    return list.filter(isObject).filter((s) => typeof s.url === 'string').map((s) => ({
      url: String(s.url),
      variables: Object.fromEntries(Object.entries(isObject(s.variables) ? s.variables : {}).filter(([, v]) => isObject(v)).map(([name, v]) => {
        const variable = v as JsonObject;
        return [name, {
          ...(variable.default !== undefined ? { default: String(variable.default) } : {}),
          ...(Array.isArray(variable.enum) ? { enum: variable.enum.map(String) } : {}),
          ...(text(variable.description) ? { description: text(variable.description) } : {}),
        }];
      })),
    }));
  }
  return [];
}

interface SuccessResponse {
  schema?: unknown;
  headers: Record<string, JsonObject>;
}

/** The first 2xx response (`200`, `2XX`, then `default`) and its JSON schema. */
function successResponse(api: ApiDescription, op: JsonObject): SuccessResponse {
  const responses = api.object(op.responses) ?? {};
  const code = ['200', '2XX', '2xx', ...Object.keys(responses).filter((c) => /^2\d\d$/.test(c)).sort(), 'default'].find((c) => responses[c] !== undefined);
  const response = code ? api.object(responses[code]) : undefined;
  if (!response) return { headers: {} };
  const headers: Record<string, JsonObject> = {};
  if (isObject(response.headers)) for (const [name, h] of Object.entries(response.headers)) { const o = api.object(h); if (o) headers[name] = o; }
  if (api.version === '2.0') return { schema: response.schema, headers };
  const content = api.object(response.content);
  if (!content) return { headers };
  const mediaType = Object.keys(content).find((m) => /^application\/json\b/i.test(m))
    ?? Object.keys(content).find((m) => /[+/]json\b/i.test(m)) ?? Object.keys(content).find((m) => m === '*/*');
  const media = mediaType ? api.object(content[mediaType]) : undefined;
  return { schema: media?.schema, headers };
}

function isListResponse(api: ApiDescription, response: () => SuccessResponse): boolean {
  try {
    const schema = response().schema;
    return schema !== undefined && findRecordArrays(api, schema, undefined).length > 0;
  } catch (err) {
    if (err instanceof OpenApiError) return false; // a broken $ref in one operation does not hide the others
    throw err;
  }
}

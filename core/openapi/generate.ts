/**
 * A connection spec from one list operation of an API description, and the guesses to check (written beside the
 * spec as its guesses file, see core/spec/guessFile.ts). The mapping table is in docs/openapi.md:
 * host and path from the servers, auth entries from the security schemes (./auth.ts), source parameters from the
 * path and query parameters, `contentPath` from the response schema, `paginationParams` (./paging.ts) and
 * `scheduleParams` (./schedule.ts) from the paging and date parameters, and placeholders for what only the author
 * can say (name, description, icon, category).
 */
import { resourceOfPath } from '../infer/names';
import { CANONICAL_BATCH_EXPLORE_SPEC, DRAFT_07 } from '../analysis/rules/profile';
import { BATCH_PROVIDER_ID } from '../spec/wellKnownIds';
import type { SpecGuess } from '../spec/guessFile';
import { defaultSpecFileName } from '../spec/kinds';
import { mapAuth, type SharedProperties } from './auth';
import { ApiDescription, type JsonObject } from './document';
import { findOperation, operationKey, type Operation, type OperationParameter } from './operations';
import { inferPaging } from './paging';
import { inferSchedule } from './schedule';
import { findRecordArrays, schemaType } from './schemaWalk';

export interface GeneratedSpec {
  spec: JsonObject;
  guesses: SpecGuess[];
  /** `<api title>-connectionSpec.json`. */
  fileName: string;
  operation: Operation;
}

const ATTRS = ['sourceSpec', 'attributes'];
/** Headers a spec never declares as source parameters (the engine or the auth sends them). */
const TRANSPORT_HEADERS = new Set(['accept', 'content-type', 'authorization', 'user-agent', 'accept-encoding']);

/** A property name for a parameter name (`filter[status]` → `filter_status`), usable inside `${…}`. */
function propertyName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'value';
}

/** `{var}` in a server URL or path → `${var}` (the property name of the variable). */
const placeholders = (text: string) => text.replace(/\{([^}]+)\}/g, (_m, name: string) => `\${${propertyName(name)}}`);

/** Host (scheme and authority) and base path of a server URL; no host for a relative URL. */
function splitServerUrl(url: string): { host?: string; basePath: string } {
  const match = /^((?:\{[^}]+\}|[a-z][a-z0-9+.-]*):)?\/\/([^/?#]*)([^?#]*)/i.exec(url);
  if (!match) return { basePath: url.replace(/[?#].*$/, '') };
  return { host: `${match[1] ?? 'https:'}//${match[2]}`, basePath: match[3] };
}

const joinPath = (base: string, path: string) => `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;

/** A source-parameter schema for an operation parameter: scalar type, description, enum, default, format. */
function parameterSchema(api: ApiDescription, p: OperationParameter): JsonObject {
  const type = schemaType(api, p.schema);
  const scalar = type === 'integer' || type === 'number' || type === 'boolean' ? type : 'string';
  const schema: JsonObject = { type: scalar, description: p.description ?? `The ${p.name} ${p.in} parameter.` };
  if (Array.isArray(p.schema.enum)) schema.enum = p.schema.enum.filter((v) => v !== null);
  if (p.schema.default !== undefined && typeof p.schema.default !== 'object') schema.default = p.schema.default;
  if (typeof p.schema.format === 'string' && scalar === 'string' && p.schema.format !== 'password') schema.format = p.schema.format;
  if (type === 'array') schema.description = `${String(schema.description)} (several values comma-separated)`;
  return schema;
}

/** Generates the spec of `operationSelector` (`"GET /path"` or an operationId). Throws `OpenApiError`. */
export function generateSpec(api: ApiDescription, operationSelector: string): GeneratedSpec {
  const op = findOperation(api, operationSelector);
  const guesses: SpecGuess[] = [];
  const guess = (path: Array<string | number>, value: unknown, message: string) => guesses.push({ path, value, message });
  const title = api.title ?? 'API';
  const resource = resourceOfPath(op.path);

  // Host and path: the most specific server; its variables become properties of every auth entry.
  const shared: SharedProperties = { properties: {}, required: [] };
  const server = op.servers[0];
  const { host, basePath } = server ? splitServerUrl(server.url) : { host: undefined, basePath: '' };
  for (const [name, variable] of Object.entries(server?.variables ?? {})) {
    if (!server?.url.includes(`{${name}}`)) continue;
    shared.properties[propertyName(name)] = {
      type: 'string', description: variable.description ?? `The ${name} part of the API's address.`,
      ...(variable.enum ? { enum: variable.enum } : {}), ...(variable.default !== undefined ? { default: variable.default } : {}),
    };
    shared.required.push(propertyName(name));
  }
  if (!host) {
    shared.properties.host = { type: 'string', description: 'Base URL of the API, e.g. https://api.example.com.' };
    shared.required.unshift('host');
  }
  const urlParams: JsonObject = {
    ...(host ? { host: placeholders(host) } : {}),
    path: placeholders(joinPath(basePath, op.path)),
    method: op.method === 'POST' ? 'POST' : 'GET',
  };

  const auth = mapAuth(op, shared);
  const paging = inferPaging(api, op);
  const schedule = inferSchedule(api, op);

  // Source parameters: path parameters, required query/header parameters, optional ones a user picks from (enum/default).
  const properties: Record<string, JsonObject> = {};
  const required: string[] = [];
  const queryParams: Record<string, string> = {};
  const headerParams: Record<string, string> = {};
  const apiKeyQuery = new Set(Object.keys(auth.queryParams));
  const apiKeyHeaders = new Set(auth.entries.flatMap((e) => Object.values(e.spec.properties as JsonObject)
    .map((p) => String(((p as JsonObject).restAttributes as JsonObject | undefined)?.headerParamName ?? '').toLowerCase())));
  const used = new Set([...paging.usedParameters, ...schedule.usedParameters]);
  const leftOut: string[] = [];
  for (const p of op.parameters) {
    if (used.has(p.name) || p.in === 'cookie' || (p.in === 'query' && apiKeyQuery.has(p.name))) continue;
    if (p.in === 'header' && (TRANSPORT_HEADERS.has(p.name.toLowerCase()) || apiKeyHeaders.has(p.name.toLowerCase()))) continue;
    const offered = p.in === 'path' || p.required || (p.in === 'query' && (p.schema.default !== undefined || Array.isArray(p.schema.enum)));
    if (!offered) { leftOut.push(`${p.name} (${p.in})`); continue; }
    const name = propertyName(p.name);
    properties[name] = parameterSchema(api, p);
    if (p.required) required.push(name);
    if (p.in === 'query') queryParams[p.name] = `\${${name}}`;
    if (p.in === 'header') headerParams[p.name] = `\${${name}}`;
  }
  for (const [, raw] of op.path.matchAll(/\{([^}]+)\}/g)) {
    // A path parameter the description forgot to declare is still a value the user must give.
    const name = propertyName(raw);
    if (properties[name]) continue;
    properties[name] = { type: 'string', description: `The ${raw} in the path.` };
    required.push(name);
  }
  Object.assign(queryParams, auth.queryParams, paging.queryParams, schedule.queryParams);
  if (Object.keys(queryParams).length) urlParams.queryParams = queryParams;

  // Where the records are.
  const arrays = op.responseSchema === undefined ? [] : findRecordArrays(api, op.responseSchema, resource);
  const contentPath = arrays[0]?.jsonPath ?? `$.${resource && /^[A-Za-z_]\w*$/.test(resource) ? resource : 'items'}`;

  // "Pinecrest Tasks" + tasks → "Pinecrest Tasks"; "Northwind CRM" + contacts → "Northwind CRM contacts".
  const named = !resource || title.toLowerCase().includes(resource.toLowerCase().replace(/s$/, ''));
  const name = named ? title : `${title} ${resource}`;
  const summary = op.summary ?? op.description?.split('\n')[0] ?? `${operationKey(op)} of ${title}.`;
  const spec: JsonObject = {
    name,
    providerId: BATCH_PROVIDER_ID,
    version: '1.0',
    type: 'generic-rest',
    description: summary,
    attributes: { uiAttributes: { apiFeatures: { explorePaginationSupported: false } } },
    authSpec: auth.entries,
    sourceSpec: {
      attributes: {
        uiAttributes: {
          isSource: true, isPreview: true, isBeta: true,
          category: { key: 'protocols' },
          icon: { text: `${defaultSpecFileName(title, 'connectionSpec').replace(/-connectionSpec\.json$/, '').toLowerCase()}-icon` },
          description: { text: summary },
          label: { text: name },
        },
        urlParams,
        ...(Object.keys(headerParams).length ? { headerParams } : {}),
        contentPath: { path: contentPath },
        paginationParams: paging.paginationParams,
        scheduleParams: schedule.scheduleParams,
      },
      spec: {
        $schema: DRAFT_07, type: 'object', description: 'Inputs of a source connection.', properties,
        ...(required.length ? { required } : {}),
      },
    },
    exploreSpec: CANONICAL_BATCH_EXPLORE_SPEC,
  };

  // What the author should check, each on the place it is about.
  guess(['name'], name, `The name is made from the API title${named ? '' : ' and the resource'}: choose the name the Flow Service should show.`);
  guess(['description'], summary, 'The description is the operation\'s summary: write what the source reads, for the people who pick it.');
  guess([...ATTRS, 'uiAttributes', 'category'], { key: 'protocols' }, 'The category is a placeholder: pick the one your source belongs to (e.g. crm, marketingAutomation).');
  if (!host) guess([...ATTRS, 'urlParams', 'path'], urlParams.path, `The description gives no absolute server URL${server ? ` ("${server.url}")` : ''}: the host comes from the "host" value of the auth entry; check the path against a preview.`);
  else if (op.servers.length > 1) guess([...ATTRS, 'urlParams', 'host'], urlParams.host, `The first of ${op.servers.length} servers was taken (${op.servers.map((s) => s.url).join(', ')}): check it is the one to read from.`);
  if (arrays.length === 0) guess([...ATTRS, 'contentPath'], { path: contentPath }, `The response schema shows no array of objects: contentPath ${contentPath} is a guess; a preview suggests the right path.`);
  else if (arrays.length > 1) guess([...ATTRS, 'contentPath'], { path: contentPath }, `The records are taken from ${contentPath}; the response also has ${arrays.slice(1).map((a) => a.jsonPath).join(', ')}: check it against a preview.`);
  const keyInQuery = Object.keys(auth.queryParams);
  const pointerNote = paging.paginationParams.type === 'POINTER' && keyInQuery.length
    ? `; the next page's URL is requested as given, so it must carry ${keyInQuery.join(', ')} itself` : '';
  if (paging.note) guess([...ATTRS, 'paginationParams'], paging.paginationParams, `${capitalize(paging.note)}${pointerNote}.`);
  else guess([...ATTRS, 'paginationParams'], paging.paginationParams, 'No paging parameters or next-page fields were found: one request reads everything. Check against a preview.');
  if (schedule.note) guess([...ATTRS, 'scheduleParams'], schedule.scheduleParams, `${capitalize(schedule.note)}.`);
  if (auth.notes.length) guess(['authSpec'], auth.entries, `${capitalize(auth.notes.join('; '))}.`);
  if (leftOut.length) guess(['sourceSpec', 'spec', 'properties'], properties, `Optional parameters left out: ${leftOut.join(', ')}. Add one here and to urlParams.queryParams (as \${name}) if users should set it.`);
  return { spec, guesses, fileName: defaultSpecFileName(title, 'connectionSpec'), operation: op };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

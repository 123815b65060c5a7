/**
 * The one table of the Flow Service resources the tools touch: where each lives below the platform URL, what to
 * call it in a message, which fields its lists filter (`property`) and sort (`orderby`) on, whether its items are
 * versioned (etag + `If-Match`) and how a single GET answers. The emulator builds its routes, filters, sorting and
 * store from it; the API client, the test chain and the editor's tree build their paths from it; a test
 * (test/unit/flowResources.test.ts) ties it to each of them and to docs/emulator.md. Adding a resource: one row
 * here, then its emulator descriptor (emulator/resources/).
 * Pure data: no vscode, no node imports.
 */
import { SPEC_KINDS } from '../spec/kinds';

/** The Flow Service below the platform URL. */
export const FLOW_SERVICE_PATH = '/data/foundation/flowservice';
/** Data Prep (mapping sets) below the platform URL. */
export const DATA_PREP_PATH = '/data/foundation/conversion';

/** Every resource of the table, in the order of Adobe's test chain (specs first). */
export const FLOW_RESOURCE_NAMES = [
  'connectionSpecs',
  'flowSpecs',
  'connections',
  'sourceConnections',
  'targetConnections',
  'mappingSets',
  'flows',
  'runs',
] as const;
export type FlowResource = (typeof FLOW_RESOURCE_NAMES)[number];

/** The instance resources (everything but the two spec kinds). */
export type InstanceResource = Exclude<FlowResource, 'connectionSpecs' | 'flowSpecs'>;

export type ItemMethod = 'GET' | 'PUT' | 'PATCH' | 'DELETE';

/** What the tools know about one resource. */
export interface FlowResourceInfo {
  resource: FlowResource;
  /** The service it belongs to (below the platform URL); `_links.next.href` of its lists is relative to it. */
  root: string;
  /** Collection path below the platform URL, e.g. `/data/foundation/flowservice/flows`. */
  path: string;
  /** Singular words for messages: "base connection". */
  label: string;
  /** Fields `property` filters and `orderby` may name as written. */
  fields: readonly string[];
  /** Prefixes below which any dotted field may be filtered or sorted on (`params.` → `params.listId`). */
  fieldPrefixes: readonly string[];
  /** Items carry `version`/`etag` and a PATCH needs `If-Match` with it. */
  versioned: boolean;
  /** `GET {path}/{id}` answers `{items: [item]}` (Flow Service) or the item itself (Data Prep). */
  wrapSingle: boolean;
  /** Methods on `{path}/{id}`; the collection always takes GET (list) and POST (create). */
  itemMethods: readonly ItemMethod[];
}

/** Audit fields every resource has. */
const AUDIT = ['createdAt', 'updatedAt'] as const;

function row(
  resource: FlowResource,
  root: string,
  label: string,
  fields: readonly string[],
  fieldPrefixes: readonly string[],
  options: { versioned: boolean; itemMethods: readonly ItemMethod[]; wrapSingle?: boolean; segment?: string },
): FlowResourceInfo {
  return {
    resource,
    root,
    path: `${root}${options.segment ?? `/${resource}`}`,
    label,
    fields: [...fields, ...AUDIT],
    fieldPrefixes,
    versioned: options.versioned,
    wrapSingle: options.wrapSingle ?? true,
    itemMethods: options.itemMethods,
  };
}

/** The table. Filter fields per resource are the root fields the platform's sort-and-filter guide lists. */
export const FLOW_RESOURCES: Readonly<Record<FlowResource, FlowResourceInfo>> = {
  connectionSpecs: row('connectionSpecs', FLOW_SERVICE_PATH, SPEC_KINDS.connectionSpec.label, ['id', 'name', 'providerId', 'type', 'version'], ['attributes.'], {
    versioned: false,
    itemMethods: ['GET', 'PUT'],
    segment: SPEC_KINDS.connectionSpec.emulatorRoute,
  }),
  flowSpecs: row('flowSpecs', FLOW_SERVICE_PATH, SPEC_KINDS.flowSpec.label, ['id', 'name', 'providerId'], [], {
    versioned: false,
    itemMethods: ['GET', 'PUT'],
    segment: SPEC_KINDS.flowSpec.emulatorRoute,
  }),
  connections: row('connections', FLOW_SERVICE_PATH, 'base connection', ['id', 'name', 'description', 'connectionSpec.id', 'state'], [], {
    versioned: true,
    itemMethods: ['GET', 'PATCH', 'DELETE'],
  }),
  sourceConnections: row('sourceConnections', FLOW_SERVICE_PATH, 'source connection', ['id', 'name', 'connectionSpec.id', 'baseConnectionId', 'state'], ['params.'], {
    versioned: true,
    itemMethods: ['GET', 'PATCH', 'DELETE'],
  }),
  targetConnections: row('targetConnections', FLOW_SERVICE_PATH, 'target connection', ['id', 'name', 'connectionSpec.id', 'baseConnectionId', 'state'], ['params.'], {
    versioned: true,
    itemMethods: ['GET', 'PATCH', 'DELETE'],
  }),
  mappingSets: row('mappingSets', DATA_PREP_PATH, 'mapping set', ['id', 'xdmSchema', 'outputSchema.schemaRef.id'], [], {
    versioned: false,
    itemMethods: ['GET'],
    wrapSingle: false,
  }),
  flows: row('flows', FLOW_SERVICE_PATH, 'flow', ['id', 'name', 'description', 'flowSpec.id', 'state'], ['inheritedAttributes.'], {
    versioned: true,
    itemMethods: ['GET', 'PATCH', 'DELETE'],
  }),
  runs: row('runs', FLOW_SERVICE_PATH, 'run', ['id', 'flowId', 'state'], ['metrics.'], {
    versioned: false,
    itemMethods: ['GET'],
  }),
};

/** The rows in table order. */
export const FLOW_RESOURCE_LIST: readonly FlowResourceInfo[] = FLOW_RESOURCE_NAMES.map((name) => FLOW_RESOURCES[name]);

/** The instance resources in table order. */
export const INSTANCE_RESOURCES: readonly InstanceResource[] = FLOW_RESOURCE_NAMES.filter(
  (name): name is InstanceResource => name !== 'connectionSpecs' && name !== 'flowSpecs',
);

/** The row of a resource. */
export function flowResource(resource: FlowResource): FlowResourceInfo {
  return FLOW_RESOURCES[resource];
}

/** Path below the platform URL of a resource's collection, or of one item (`id` percent-encoded), or below it. */
export function flowResourcePath(resource: FlowResource, id?: string, ...sub: string[]): string {
  const base = FLOW_RESOURCES[resource].path;
  if (id === undefined) return base;
  return [base, encodeURIComponent(id), ...sub].join('/');
}

/** The collection path relative to its service root (`/flows`): the form of `_links.next.href` paths. */
export function linkPathOf(resource: FlowResource): string {
  const info = FLOW_RESOURCES[resource];
  return info.path.slice(info.root.length);
}

/** True when `field` may be named in a `property` filter or `orderby` of `resource`'s list. */
export function isListField(resource: FlowResource, field: string): boolean {
  const info = FLOW_RESOURCES[resource];
  return info.fields.includes(field) || info.fieldPrefixes.some((prefix) => field.startsWith(prefix) && field.length > prefix.length);
}

/** The fields of a resource's list as a readable sentence part: "id, name, …, or params.*". */
export function describeListFields(resource: FlowResource): string {
  const info = FLOW_RESOURCES[resource];
  return [...info.fields, ...info.fieldPrefixes.map((prefix) => `${prefix}*`)].join(', ');
}

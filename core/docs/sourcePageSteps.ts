/**
 * The API part of the generated documentation page: one section per Flow Service step of Adobe's template (API
 * format, request, property table, response), with the source's own parameters and example values in the requests,
 * and the appendix (monitor, update, delete). Streaming sources skip the base connection and the schedule.
 */
import { DATA_LAKE_TARGET_SPEC_ID } from '../analysis/rules/flowSpec';
import { flowResourcePath } from '../api/flowResources';
import { GENERIC_STREAMING_AEP_ID, REST_STORAGE_TO_AEP_ID } from '../sync/register';
import { ADOBE_DOCS } from '../spec/adobeDocs';
import { apiFormat, authorNote, code, createdResponse, curl, fenced, FLOW_SERVICE_BASE, PLATFORM_URL, table } from './markdown';
import { exampleValues, type DocAuthEntry, type DocParameter } from './sourceFacts';
import { describeParameter, type PageContext } from './parameters';

const MAPPING_SETS_URL = `${PLATFORM_URL}${flowResourcePath('mappingSets')}`;

function propertyTable(rows: Array<[string, string]>): string {
  return table(['Property', 'Description'], rows.map(([name, description]) => [code(name), description]));
}

function parameterRows(prefix: string, parameters: readonly DocParameter[]): Array<[string, string]> {
  return parameters.map((p) => [`${prefix}.${p.name}`, describeParameter(p)]);
}

function step(heading: string, ...parts: string[]): string {
  return [`### ${heading}`, ...parts].join('\n\n');
}

function specRows(context: PageContext): Array<[string, string]> {
  return [
    ['connectionSpec.id', `The connection spec id of ${context.facts.label}: ${code(context.specId)}.`],
    ['connectionSpec.version', `The connection spec's version: ${code(context.facts.version)}.`],
  ];
}

function baseConnection(context: PageContext, entry: DocAuthEntry, several: boolean): string {
  const { facts } = context;
  const body = {
    name: `${facts.label} base connection`,
    description: `Base connection for ${facts.label}`,
    connectionSpec: { id: context.specId, version: facts.version },
    auth: { specName: entry.name, params: exampleValues(entry.parameters) },
  };
  return [
    ...(several ? [`#### With ${entry.name}`] : []),
    '**Request**',
    curl('POST', `${FLOW_SERVICE_BASE}/connections`, body),
    propertyTable([
      ['name', 'A name for the base connection, to find it again later.'],
      ['description', 'Optional: what the connection is for.'],
      ...specRows(context),
      ['auth.specName', `The auth spec the credentials follow: ${code(entry.name)}.`],
      ...parameterRows('auth.params', entry.parameters),
    ]),
  ].join('\n\n');
}

function baseConnectionStep(context: PageContext): string {
  const { facts } = context;
  const entries = facts.auth.length > 0 ? facts.auth : [{ name: '{AUTH_SPEC_NAME}', parameters: [] }];
  return step('Create a base connection',
    `A base connection holds a customer's ${facts.label} credentials. Create one with a POST request to \`/connections\`.`,
    apiFormat('POST', '/connections'),
    ...entries.map((entry) => baseConnection(context, entry, entries.length > 1)),
    '**Response**',
    'A successful request returns the new base connection\'s id, which the next steps use as `{BASE_CONNECTION_ID}`, and its etag.',
    createdResponse('{BASE_CONNECTION_ID}'));
}

/** Base64 of UTF-8 text, without Node's Buffer (core also runs in the browser flavour). */
function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function exploreStep(context: PageContext): string {
  const values = exampleValues(context.facts.sourceParameters);
  const json = JSON.stringify(values);
  const base64 = toBase64(json);
  const query = 'objectType=rest&object=json&fileType=json&preview=true&sourceParams={SOURCE_PARAMS}';
  return step('Explore your source',
    `Preview the records ${context.facts.label} returns before you create a source connection. \`sourceParams\` is the base64 encoding of the source connection parameters as JSON: for ${code(json)} it is ${code(base64)}.`,
    apiFormat('GET', `/connections/{BASE_CONNECTION_ID}/explore?${query}`),
    '**Request**',
    curl('GET', `${FLOW_SERVICE_BASE}/connections/{BASE_CONNECTION_ID}/explore?${query}`),
    propertyTable([
      ['{BASE_CONNECTION_ID}', 'The id of the base connection created above.'],
      ['objectType', '`rest`.'],
      ['object', '`json`.'],
      ['fileType', '`json`.'],
      ['preview', '`true`: return records, not only their schema.'],
      ['sourceParams', 'The source connection parameters (below) as JSON, base64-encoded.'],
    ]),
    '**Response**',
    'A successful request returns the records in `data`.',
    authorNote(`Show a short response from ${context.facts.label} (a record or two, with made-up values).`));
}

function sourceConnectionStep(context: PageContext): string {
  const { facts } = context;
  const parameters = facts.sourceParameters;
  const body = {
    name: `${facts.label} source connection`,
    description: `Source connection for ${facts.label}`,
    ...(facts.streaming ? {} : { baseConnectionId: '{BASE_CONNECTION_ID}' }),
    connectionSpec: { id: context.specId, version: facts.version },
    data: { format: 'json' },
    params: exampleValues(parameters),
  };
  return step('Create a source connection',
    facts.streaming
      ? `A source connection tells Experience Platform about the data ${facts.label} sends. Streaming sources need no base connection.`
      : `A source connection says what to read from ${facts.label} with the base connection's credentials.`,
    apiFormat('POST', '/sourceConnections'),
    '**Request**',
    curl('POST', `${FLOW_SERVICE_BASE}/sourceConnections`, body),
    propertyTable([
      ['name', 'A name for the source connection.'],
      ['description', 'Optional: what the source connection is for.'],
      ...(facts.streaming ? [] : [['baseConnectionId', 'The id of the base connection created above.'] as [string, string]]),
      ...specRows(context),
      ['data.format', '`json`: the format of the records the source returns.'],
      ...parameterRows('params', parameters),
    ]),
    ...(parameters.length === 0 ? ['The connection spec declares no source connection parameters (`sourceSpec.spec`), so `params` is empty.'] : []),
    '**Response**',
    'A successful request returns the new source connection\'s id (`{SOURCE_CONNECTION_ID}`) and its etag.',
    createdResponse('{SOURCE_CONNECTION_ID}'));
}

function targetSteps(): string[] {
  return [
    step('Create a target XDM schema',
      `The records land in a dataset whose XDM schema you define with the [Schema Registry API](${ADOBE_DOCS.schemaRegistryApi}). Its id is \`{SCHEMA_ID}\` below.`),
    step('Create a target dataset',
      `Create a dataset on that schema with the [Catalog Service API](${ADOBE_DOCS.catalogApi}). Its id is \`{DATASET_ID}\` below.`),
    step('Create a target connection',
      'A target connection points the dataflow at the dataset, through the Data Lake connection spec.',
      apiFormat('POST', '/targetConnections'),
      '**Request**',
      curl('POST', `${FLOW_SERVICE_BASE}/targetConnections`, {
        name: 'Data Lake target connection',
        description: 'Target connection for the dataset',
        connectionSpec: { id: DATA_LAKE_TARGET_SPEC_ID, version: '1.0' },
        data: { format: 'parquet_xdm', schema: { id: '{SCHEMA_ID}', version: 'application/vnd.adobe.xed-full+json;version=1' } },
        params: { dataSetId: '{DATASET_ID}' },
      }),
      propertyTable([
        ['connectionSpec.id', `The Data Lake connection spec: ${code(DATA_LAKE_TARGET_SPEC_ID)}.`],
        ['data.schema.id', 'The id of the target XDM schema.'],
        ['params.dataSetId', 'The id of the target dataset.'],
      ]),
      '**Response**',
      'A successful request returns the target connection\'s id (`{TARGET_CONNECTION_ID}`) and its etag.',
      createdResponse('{TARGET_CONNECTION_ID}')),
    step('Create a mapping',
      `A mapping set says which source field fills which XDM field ([Data Prep API](${ADOBE_DOCS.dataPrepApi})).`,
      apiFormat('POST', '/conversion/mappingSets'),
      '**Request**',
      curl('POST', MAPPING_SETS_URL, {
        version: 0,
        xdmSchema: '{SCHEMA_ID}',
        xdmVersion: '1.0',
        mappings: [{ destinationXdmPath: '{XDM_PATH}', sourceAttribute: '{SOURCE_FIELD}', identity: false, version: 0 }],
      }),
      propertyTable([
        ['xdmSchema', 'The id of the target XDM schema.'],
        ['mappings[].sourceAttribute', 'A field of the source\'s records.'],
        ['mappings[].destinationXdmPath', 'The XDM path it fills.'],
      ]),
      authorNote('Replace the mapping with real fields of your source\'s records and the XDM paths they fill.'),
      '**Response**',
      'A successful request returns the mapping set\'s `id` (`{MAPPING_ID}`) and `version`.'),
  ];
}

function flowStep(context: PageContext): string {
  const { facts } = context;
  const flowSpecId = facts.streaming ? GENERIC_STREAMING_AEP_ID : REST_STORAGE_TO_AEP_ID;
  const body: Record<string, unknown> = {
    name: `${facts.label} dataflow`,
    description: `Dataflow from ${facts.label}`,
    flowSpec: { id: flowSpecId, version: '1.0' },
    sourceConnectionIds: ['{SOURCE_CONNECTION_ID}'],
    targetConnectionIds: ['{TARGET_CONNECTION_ID}'],
    transformations: [{ name: 'Mapping', params: { mappingId: '{MAPPING_ID}', mappingVersion: 0 } }],
  };
  if (!facts.streaming) body.scheduleParams = { startTime: '{START_TIME}', frequency: 'minute', interval: 15 };
  const parts = [
    `The dataflow joins the source connection to the target connection and applies the mapping.`,
    apiFormat('POST', '/flows'),
    '**Request**',
    curl('POST', `${FLOW_SERVICE_BASE}/flows`, body),
    propertyTable([
      ['flowSpec.id', facts.streaming
        ? `The flow spec of streaming sources: ${code(GENERIC_STREAMING_AEP_ID)}.`
        : `The flow spec of batch sources: ${code(REST_STORAGE_TO_AEP_ID)}.`],
      ['sourceConnectionIds', 'The source connection created above.'],
      ['targetConnectionIds', 'The target connection created above.'],
      ['transformations[].params.mappingId', 'The mapping set created above.'],
      ...(facts.streaming ? [] : [
        ['scheduleParams.startTime', 'When the first run starts, in seconds since 1970 (UTC).'],
        ['scheduleParams.frequency', 'How often it runs: `once`, `minute`, `hour`, `day` or `week`.'],
        ['scheduleParams.interval', 'Runs happen every `interval` units of `frequency`: at least 15, except with `once`.'],
      ] as Array<[string, string]>),
    ]),
    '**Response**',
    'A successful request returns the dataflow\'s id (`{FLOW_ID}`) and its etag.',
    createdResponse('{FLOW_ID}'),
  ];
  if (facts.streaming) {
    parts.push('#### Get the streaming endpoint',
      `Read the dataflow back: \`items[0].options.inletUrl\` is the URL ${facts.label} sends its events to.`,
      apiFormat('GET', '/flows/{FLOW_ID}'),
      curl('GET', `${FLOW_SERVICE_BASE}/flows/{FLOW_ID}`),
      authorNote(`Say where customers enter this URL in ${facts.label}.`));
  }
  return step('Create a dataflow', ...parts);
}

/** Section "Connect … using the Flow Service API": every step of the template, in its order. */
export function apiSteps(context: PageContext, linked: boolean): string {
  const { facts } = context;
  const idLine = linked
    ? `The connection spec id of ${facts.label} is ${code(context.specId)} (version ${code(facts.version)}).`
    : authorNote(`Replace \`{CONNECTION_SPEC_ID}\` with the connection spec id of ${facts.label}. (This spec file has no link to an uploaded spec yet: after \`sources-sdk push\`, generate the page again to fill it in.)`);
  return [
    `## Connect ${facts.label} using the Flow Service API`,
    idLine,
    ...(facts.streaming ? [] : [baseConnectionStep(context), exploreStep(context)]),
    sourceConnectionStep(context),
    ...targetSteps(),
    flowStep(context),
  ].join('\n\n');
}

/** The appendix: monitoring, updating and deleting, each a short paragraph with its request. */
export function appendix(facts: PageContext['facts']): string {
  const patch = (path: string) => fenced('http', `PATCH ${path}\nIf-Match: "{ETAG}"`);
  const parts = [
    '## Appendix',
    step('Monitor your dataflow',
      'Each run of the dataflow is listed with its status and record counts:',
      fenced('http', 'GET /runs?property=flowId=={FLOW_ID}')),
    step('Update your dataflow',
      'Change a dataflow\'s name, description or schedule with a JSON Patch request. Send the dataflow\'s current etag in the `If-Match` header; a stale etag is refused, so read the dataflow again first.',
      patch('/flows/{FLOW_ID}')),
  ];
  if (!facts.streaming) {
    parts.push(step('Update your account',
      'Change a base connection\'s name, description or credentials the same way, with its own etag:',
      patch('/connections/{BASE_CONNECTION_ID}')));
  }
  parts.push(step('Delete your dataflow', 'Deleting a dataflow stops its runs; the data already ingested stays.', fenced('http', 'DELETE /flows/{FLOW_ID}')));
  if (!facts.streaming) {
    parts.push(step('Delete your account', 'Delete the base connection once no dataflow uses it:', fenced('http', 'DELETE /connections/{BASE_CONNECTION_ID}')));
  }
  return parts.join('\n\n');
}

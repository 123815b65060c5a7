/** Builders for small, valid specs that rule tests mutate (each test states only what it changes). */
import { CANONICAL_BATCH_EXPLORE_SPEC, DRAFT_07 } from '../../../core/analysis/rules/profile';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A batch (generic-rest) connection spec that passes every rule. */
export function batchSpec(): Json {
  return {
    name: 'tasks-source',
    providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
    version: '1.0',
    type: 'generic-rest',
    description: 'Tasks from a to-do service.',
    attributes: { uiAttributes: { apiFeatures: { explorePaginationSupported: false } } },
    authSpec: [
      {
        name: 'Basic Authentication',
        type: 'BasicAuthentication',
        spec: {
          $schema: DRAFT_07,
          type: 'object',
          properties: {
            host: { type: 'string', description: 'Service host.' },
            username: { type: 'string' },
            password: { type: 'string', format: 'password' },
          },
          required: ['host', 'username', 'password'],
        },
      },
    ],
    sourceSpec: {
      attributes: {
        uiAttributes: {
          isSource: true,
          category: { key: 'crm' },
          icon: { key: 'tasksIcon' },
          label: { key: 'tasksLabel' },
          description: { key: 'tasksDescription' },
        },
        urlParams: { host: 'https://${host}', path: '/v1/lists/${listId}/tasks', method: 'GET' },
        contentPath: { path: '$.tasks', skipAttributes: ['_links'] },
        paginationParams: { type: 'OFFSET', limitName: 'limit', limitValue: 50, offSetName: 'offset' },
        scheduleParams: {
          scheduleStartParamName: 'updated_after',
          scheduleEndParamName: 'updated_before',
          scheduleStartParamFormat: 'yyyy-MM-ddTHH:mm:ssZ',
          scheduleEndParamFormat: 'yyyy-MM-ddTHH:mm:ssZ',
        },
      },
      spec: {
        $schema: DRAFT_07,
        type: 'object',
        properties: { listId: { type: 'string', description: 'List to read.' } },
        required: ['listId'],
      },
    },
    exploreSpec: structuredClone(CANONICAL_BATCH_EXPLORE_SPEC),
  };
}

/** A streaming (generic-streaming) connection spec that passes every rule. */
export function streamingSpec(): Json {
  return {
    name: 'hooks', providerId: '521eee4d-8cbe-4906-bb48-fb6bd4450033', version: '1.0', type: 'generic-streaming',
    attributes: { category: 'Streaming', isSource: true },
    authSpec: [],
    sourceSpec: { attributes: { uiAttributes: { category: { key: 'streaming' }, icon: { key: 'hooksIcon' } }, authRequired: false } },
    exploreSpec: { type: 'StreamingConnection' },
    permissionsInfo: {
      view: [{ '@type': 'lowLevel', name: 'StreamingSource', permissions: ['read'] }],
      manage: [{ '@type': 'lowLevel', name: 'StreamingSource', permissions: ['write'] }],
    },
  };
}

/**
 * Analysis context for a known SDK flow spec whose remote copy is known and lists nothing the file lacks. Without
 * a remote copy every RestStorageToAEP/GenericStreamingAEP body draws the SSDK612 note (keep the remote ids), which
 * tests about other rules pass this to leave out.
 */
export const NOTHING_DROPPED = { remote: { sourceConnectionSpecIds: [] as string[] } };

/** The batch SDK flow spec (RestStorageToAEP) that passes every rule (given {@link NOTHING_DROPPED}). */
export function batchFlowSpec(): Json {
  return {
    id: '6499120c-0b15-42dc-936e-847ea3c24d72',
    name: 'RestStorageToAEP',
    providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
    version: '1.0',
    sourceConnectionSpecIds: ['4e98f16f-87d6-4ef0-bdc6-7a2b0fe76e62', 'f6c0de0c-0a42-4cd9-9139-8768bf2f1b55'],
    targetConnectionSpecIds: ['c604ff05-7f1a-43c0-8e18-33bf874cb11c'],
    transformationSpecs: [{ name: 'Mapping', spec: { $schema: DRAFT_07, type: 'object',
      properties: { mappingId: { type: 'string' }, mappingVersion: { type: 'string' } } } }],
    scheduleSpec: { name: 'PeriodicSchedule', type: 'Periodic', spec: { $schema: DRAFT_07, type: 'object',
      properties: { startTime: { type: 'integer' }, frequency: { type: 'string' } } } },
    attributes: { notification: { category: 'sources', flowRun: { enabled: true } } },
  };
}

/** Pretty-printed JSON text of a spec object. */
export function text(spec: Json): string {
  return JSON.stringify(spec, null, 2);
}

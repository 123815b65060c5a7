/**
 * The two flow specs every Sources SDK author edits, written from the documented facts (ids, provider ids,
 * lists, option/transformation/schedule schemas), in authoring form: the store adds the server-managed fields.
 */

import { BATCH_PROVIDER_ID, DATA_LAKE_TARGET_SPEC_ID, GENERIC_STREAMING_AEP_ID, REST_STORAGE_TO_AEP_ID, STREAMING_PROVIDER_ID } from '../core/spec/wellKnownIds';

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

function mappingTransformation(): object {
  return {
    name: 'Mapping',
    spec: {
      $schema: DRAFT_07,
      type: 'object',
      description: 'Parameters of the mapping set that turns source records into XDM.',
      properties: {
        mappingId: { type: 'string' },
        mappingVersion: { type: 'string' },
      },
    },
  };
}

function optionSpec(extraProperties: Record<string, object> = {}): object {
  return {
    name: 'OptionSpec',
    spec: {
      $schema: DRAFT_07,
      type: 'object',
      properties: {
        errorDiagnosticsEnabled: {
          title: 'Error diagnostics.',
          description: 'Collect detailed error diagnostics for each run.',
          type: 'boolean',
          default: false,
        },
        partialIngestionPercent: {
          title: 'Partial ingestion threshold.',
          description: 'Share of failed records, in percent, above which a run fails.',
          type: 'number',
          exclusiveMinimum: 0,
        },
        ...extraProperties,
      },
    },
  };
}

/** once: no interval, no backfill; minute: interval >= 15; hour/day/week: interval >= 1. */
function periodicScheduleSpec(): object {
  return {
    name: 'PeriodicSchedule',
    type: 'Periodic',
    spec: {
      $schema: DRAFT_07,
      type: 'object',
      properties: {
        startTime: { description: 'epoch time', type: 'integer' },
        frequency: { type: 'string', enum: ['once', 'minute', 'hour', 'day', 'week'] },
        interval: { type: 'integer' },
        backfill: { type: 'boolean', default: true },
      },
      required: ['startTime', 'frequency'],
      if: { properties: { frequency: { const: 'once' } } },
      then: { allOf: [{ not: { required: ['interval'] } }, { not: { required: ['backfill'] } }] },
      else: {
        required: ['interval'],
        if: { properties: { frequency: { const: 'minute' } } },
        then: { properties: { interval: { minimum: 15 } } },
        else: { properties: { interval: { minimum: 1 } } },
      },
    },
  };
}

function permissions(resource: string): object {
  return {
    view: [{ '@type': 'lowLevel', name: resource, permissions: ['read'] }],
    manage: [{ '@type': 'lowLevel', name: resource, permissions: ['write'] }],
  };
}

/** `RestStorageToAEP`: the batch flow spec every `generic-rest` source is appended to. */
export function restStorageToAep(): Record<string, unknown> {
  return {
    id: REST_STORAGE_TO_AEP_ID,
    name: 'RestStorageToAEP',
    providerId: BATCH_PROVIDER_ID,
    version: '1.0',
    attributes: { notification: { category: 'sources', flowRun: { enabled: true } } },
    sourceConnectionSpecIds: [
      '4e98f16f-87d6-4ef0-bdc6-7a2b0fe76e62',
      '2e8580db-6489-4726-96de-e33f5f60295f',
      'c8ce8c8c-37fb-4162-9fbf-c2f181e04a7a',
    ],
    targetConnectionSpecIds: [DATA_LAKE_TARGET_SPEC_ID],
    optionSpec: optionSpec(),
    transformationSpecs: [mappingTransformation()],
    scheduleSpec: periodicScheduleSpec(),
    permissionsInfo: permissions('EnterpriseSource'),
  };
}

/** `GenericStreamingAEP`: the streaming flow spec; no schedule, adds `inletUrl` to the options. */
export function genericStreamingAep(): Record<string, unknown> {
  return {
    id: GENERIC_STREAMING_AEP_ID,
    name: 'GenericStreamingAEP',
    providerId: STREAMING_PROVIDER_ID,
    version: '1.0',
    attributes: {
      isSourceFlow: true,
      flacValidationSupported: true,
      frequency: 'streaming',
      uiAttributes: { apiFeatures: { updateSupported: true, flowRunsSupported: true } },
    },
    sourceConnectionSpecIds: ['e77fd9d2-22a8-11ed-861d-0242ac120002'],
    targetConnectionSpecIds: [DATA_LAKE_TARGET_SPEC_ID],
    optionSpec: optionSpec({ inletUrl: { title: 'Inlet Url.', type: 'string' } }),
    transformationSpecs: [mappingTransformation()],
    permissionsInfo: permissions('StreamingSource'),
  };
}

/** The built-in seed flow specs, fresh copies each call. */
export function builtinSeedFlowSpecs(): Record<string, unknown>[] {
  return [restStorageToAep(), genericStreamingAep()];
}

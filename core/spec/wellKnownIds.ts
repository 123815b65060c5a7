/**
 * Ids the platform fixes for every Sources SDK author (Adobe's Sources SDK documentation gives them): the two flow
 * specs a connection spec is registered in, their provider ids, and the Data Lake target connection spec they write
 * to. Written here once: the rules, the test chain, the registration, the docs generator and the emulator's seeds all
 * read them from this module (test/unit/wellKnownIds.test.ts fails when another source file spells one).
 */

/** The Data Lake target connection spec: the only target of the Sources SDK flow specs, batch and streaming. */
export const DATA_LAKE_TARGET_SPEC_ID = 'c604ff05-7f1a-43c0-8e18-33bf874cb11c';

/** Flow spec every `generic-rest` (batch) source is registered in: RestStorageToAEP. */
export const REST_STORAGE_TO_AEP_ID = '6499120c-0b15-42dc-936e-847ea3c24d72';

/** Flow spec every `generic-streaming` source is registered in: GenericStreamingAEP. */
export const GENERIC_STREAMING_AEP_ID = 'e77fde5a-22a8-11ed-861d-0242ac120002';

/** `providerId` of batch (`generic-rest`) connection specs and of RestStorageToAEP. */
export const BATCH_PROVIDER_ID = '0ed90a81-07f4-4586-8190-b40eccef1c5a';

/** `providerId` of streaming (`generic-streaming`) connection specs and of GenericStreamingAEP. */
export const STREAMING_PROVIDER_ID = '521eee4d-8cbe-4906-bb48-fb6bd4450033';

/** Every id above, by constant name (the test that keeps them in one place reads this). */
export const WELL_KNOWN_IDS: Readonly<Record<string, string>> = {
  DATA_LAKE_TARGET_SPEC_ID,
  REST_STORAGE_TO_AEP_ID,
  GENERIC_STREAMING_AEP_ID,
  BATCH_PROVIDER_ID,
  STREAMING_PROVIDER_ID,
};

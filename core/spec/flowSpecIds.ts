/**
 * The ids of the two flow specs Sources SDK sources are registered in (domain facts). Pure constants, so the
 * documentation page (which the browser flavour renders too) and the register operation share them.
 */

/** Flow spec every `generic-rest` (batch) source is registered in: RestStorageToAEP. */
export const REST_STORAGE_TO_AEP_ID = '6499120c-0b15-42dc-936e-847ea3c24d72';
/** Flow spec every `generic-streaming` source is registered in: GenericStreamingAEP. */
export const GENERIC_STREAMING_AEP_ID = 'e77fde5a-22a8-11ed-861d-0242ac120002';

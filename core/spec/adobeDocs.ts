/**
 * Adobe's public documentation pages this project's facts come from. Code, docs and the diagnostics table cite these
 * pages (never a file outside the repository), so a reader can check a rule against its source.
 */
const SOURCES_SDK = 'https://experienceleague.adobe.com/en/docs/experience-platform/sources/sources-sdk';

export const ADOBE_DOCS = {
  /** Authentication specifications (`authSpec`): types, names, embedded JSON Schemas. */
  authSpec: `${SOURCES_SDK}/config/authspec`,
  /** Source specifications (`sourceSpec`): urlParams, contentPath, pagination, scheduling, uiAttributes, user inputs. */
  sourceSpec: `${SOURCES_SDK}/config/sourcespec`,
  /** Explore specifications (`exploreSpec`). */
  exploreSpec: `${SOURCES_SDK}/config/explorespec`,
  /** Connection specification endpoint: what the Flow Service stores and returns. */
  connectionSpecs: `${SOURCES_SDK}/api/connection-specs`,
  /** Creating a connection specification: the complete spec, providerId, permissionsInfo, version. */
  createSpec: `${SOURCES_SDK}/api/create`,
  /** Flow specification endpoint. */
  flowSpecs: `${SOURCES_SDK}/api/flow-specs`,
  /** Updating flow specifications: registering a connection spec id with a full PUT. */
  updateFlowSpecs: `${SOURCES_SDK}/api/update-flow-specs`,
  /** Submitting a source: the artifacts folder (category, label, description, icon). */
  submitSource: `${SOURCES_SDK}/api/submit`,
  /** Streaming sources: the generic-streaming profile. */
  streamingCreate: `${SOURCES_SDK}/streaming/create`,
  /** The Flow Service API reference (every endpoint, parameter and error). */
  flowServiceApi: 'https://developer.adobe.com/experience-platform-apis/references/flow-service/',
  /** The Schema Registry API reference (XDM schemas: the target schema of a dataflow). */
  schemaRegistryApi: 'https://developer.adobe.com/experience-platform-apis/references/schema-registry/',
  /** The Catalog Service API reference (datasets: the target dataset of a dataflow). */
  catalogApi: 'https://developer.adobe.com/experience-platform-apis/references/catalog/',
  /** The Data Prep API reference (mapping sets between source fields and XDM paths). */
  dataPrepApi: 'https://developer.adobe.com/experience-platform-apis/references/data-prep/',
} as const;

/** A documentation page by name. */
export type AdobeDocPage = keyof typeof ADOBE_DOCS;

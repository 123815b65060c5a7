/**
 * The extension's language ids (no language client import, so the browser entry can use them too).
 */
export const CONNECTION_SPEC_LANGUAGE = 'sources-sdk-connection-spec';
export const FLOW_SPEC_LANGUAGE = 'sources-sdk-flow-spec';
export const SPEC_LANGUAGES = [CONNECTION_SPEC_LANGUAGE, FLOW_SPEC_LANGUAGE];

/**
 * The one execution engine: runs a connection spec against the source's own API. Used by `sources-sdk preview`,
 * the extension's Preview Source panel and the emulator's explore and dataflow runs. No editor or CLI concern here.
 */
export { runSpec, sourceMessage } from './runner';
export * from './types';
export { REDACTED } from '../transport/redact';
export { PAGINATION_TYPES } from './pagination';
export { formatDate, DEFAULT_DATE_FORMAT } from './dateFormat';
export { defaultWindow } from './schedule';
export { placeholderNames } from './template';

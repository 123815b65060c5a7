/**
 * The extension's language ids (no language client import, so the browser entry can use them too); they come from
 * the kind table, core/spec/kinds.ts.
 */
import { SPEC_KINDS, SPEC_LANGUAGE_IDS } from '../core/spec/kinds';

export const CONNECTION_SPEC_LANGUAGE = SPEC_KINDS.connectionSpec.languageId;
export const FLOW_SPEC_LANGUAGE = SPEC_KINDS.flowSpec.languageId;
export const SPEC_LANGUAGES: readonly string[] = SPEC_LANGUAGE_IDS;

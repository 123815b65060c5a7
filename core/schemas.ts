/**
 * The bundled JSON Schemas: the single source of truth for structure, inlined into the server and CLI
 * (no runtime fetch).
 */
import connectionSpecSchema from '../schemas/connection-spec.schema.json';
import flowSpecSchema from '../schemas/flow-spec.schema.json';
import { SPEC_KINDS, type SpecKind } from './spec/kinds';

export const CONNECTION_SPEC_SCHEMA_URI = SPEC_KINDS.connectionSpec.schema.uri;
export const FLOW_SPEC_SCHEMA_URI = SPEC_KINDS.flowSpec.schema.uri;

/** Schema object and URI for each spec kind. */
export const SPEC_SCHEMAS: Record<SpecKind, { uri: string; schema: object }> = {
  connectionSpec: { uri: CONNECTION_SPEC_SCHEMA_URI, schema: connectionSpecSchema },
  flowSpec: { uri: FLOW_SPEC_SCHEMA_URI, schema: flowSpecSchema },
};

/**
 * A deep copy of a bundled schema. vscode-json-languageservice resolves `$ref`s in place (it merges the referenced
 * section into the referring node), which turns the recursive `definitions.embeddedSchema` into a cyclic object
 * graph. Hand the language service its own copy whenever the same process also gives the schema to ajv or walks
 * it expecting `$ref`s.
 */
export function specSchemaCopy(kind: SpecKind): object {
  return structuredClone(SPEC_SCHEMAS[kind].schema);
}

/**
 * Adobe's Flow Service OpenAPI (test/contract/flow-service.openapi.yaml, Apache-2.0) as ajv validators of its response
 * schemas. Where the OpenAPI contradicts the documented API (https://experienceleague.adobe.com/en/docs/experience-platform/sources/sources-sdk/api/flow-specs and
 * https://experienceleague.adobe.com/en/docs/experience-platform/sources/sources-sdk/config/sourcespec), that one
 * schema node is relaxed below, explicitly and with the reason; nothing else is.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import Ajv, { type ValidateFunction } from 'ajv';
import type { LooseObject } from '../../helpers/looseJson';

const OPENAPI_PATH = join(__dirname, '../../contract/flow-service.openapi.yaml');

type Json = LooseObject;

/** Replaces the node at a path (keys as an array) after checking it is what we expect to relax. */
function relax(doc: Json, path: string[], expectedType: string, replacement: Json): void {
  const parent = path.slice(0, -1).reduce((node: Json, key) => node[key], doc);
  const key = path[path.length - 1]!;
  assert.equal(parent[key]?.type, expectedType, `OpenAPI changed at ${path.join('/')}; review the relaxation`);
  parent[key] = replacement;
}

/** The OpenAPI document with the relaxations applied. */
export function loadOpenApi(): Json {
  const doc = parse(readFileSync(OPENAPI_PATH, 'utf8')) as Json;
  const schemas = doc.components.schemas;
  // The OpenAPI types FlowSpecItemDTO.transformationSpecs as an object; every response on the flow spec page has an array.
  relax(doc, ['components', 'schemas', 'FlowSpecItemDTO', 'properties', 'transformationSpecs'], 'object', {
    type: 'array',
    items: schemas.FlowSpecItemDTO.properties.transformationSpecs,
  });
  // The OpenAPI types SourceSpecDTO's category/icon/description/label as plain strings; the sourceSpec page and
  // every authored spec use objects ({key} or {text}).
  const uiAttributes = schemas.SourceSpecDTO.properties.attributes.properties.uiAttributes.properties;
  for (const field of ['category', 'icon', 'description', 'label']) {
    relax(doc, ['components', 'schemas', 'SourceSpecDTO', 'properties', 'attributes', 'properties', 'uiAttributes', 'properties', field], 'string', {
      type: ['string', 'object'],
      description: uiAttributes[field].description,
    });
  }
  return doc;
}

export interface OpenApiValidators {
  /** The schema an operation declares for one status code, e.g. `('/flows', 'get', '200')`. */
  response(path: string, method: string, status: string): ValidateFunction;
  /** The OpenAPI's `PageLinksResponse` (a list's `_links`). */
  pageLinks: ValidateFunction;
}

/** Compiles validators over the (relaxed) OpenAPI. */
export function openApiValidators(): OpenApiValidators {
  const openapi = loadOpenApi();
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema(openapi, 'openapi');
  const response = (path: string, method: string, status: string): ValidateFunction => {
    const schema = openapi.paths[path][method].responses[status].content['application/json'].schema;
    return ajv.compile({ $ref: `openapi${schema.$ref}` });
  };
  return { response, pageLinks: ajv.compile({ $ref: 'openapi#/components/schemas/PageLinksResponse' }) };
}

/**
 * OpenAPI import figures: a description of about 5 MB (3,000 list operations, each with its own response schemas
 * behind `$ref`s and paging parameters), as JSON and as YAML, turned into a connection spec the way
 * `sources-sdk new --from-openapi` and the editor's command do (parse once, list the operations, generate one,
 * format both files).
 * Target: under 2 s for the 5 MB description. Median of three runs each.
 */
import { dump } from 'js-yaml';
import { listOperations, parseDescription, specFilesFromDescription } from '../core/openapi';

const TARGET_BYTES = 5 * 1024 * 1024;

/** A synthetic description of roughly `bytes` bytes of JSON. */
function bigDescription(bytes: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const prose = 'Text a real description would have: what the field means, its units, examples and caveats. '.repeat(4);
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    paths[`/v1/resources${i}`] = {
      get: {
        operationId: `listResources${i}`, summary: `List resources ${i}`, description: prose,
        parameters: [
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
          { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 200, default: 50 } },
          { name: 'updated_since', in: 'query', schema: { type: 'string', format: 'date-time' } },
        ],
        responses: { 200: { description: 'A page.', content: { 'application/json': { schema: { $ref: `#/components/schemas/Page${i}` } } } } },
      },
    };
    schemas[`Page${i}`] = { type: 'object', properties: { data: { type: 'array', items: { $ref: `#/components/schemas/Resource${i}` } }, has_more: { type: 'boolean' } } };
    schemas[`Resource${i}`] = {
      type: 'object', description: prose,
      properties: Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`field${k}`, { type: k % 3 ? 'string' : 'integer', description: prose }])),
    };
    size += JSON.stringify([paths[`/v1/resources${i}`], schemas[`Page${i}`], schemas[`Resource${i}`]]).length + `/v1/resources${i}Page${i}Resource${i}`.length + 20;
  }
  return { openapi: '3.0.3', info: { title: 'Bench API', version: '1' }, servers: [{ url: 'https://bench.example.test' }], security: [{ key: [] }],
    paths, components: { schemas, securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function timeGeneration(text: string, operation: string): number {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const api = parseDescription(text);
    listOperations(api);
    specFilesFromDescription(api, operation, 'bench.json');
    runs.push(performance.now() - started);
  }
  return Math.round(median(runs));
}

export function runOpenApiBench(log: (line: string) => void): Record<string, number> {
  const description = bigDescription(TARGET_BYTES);
  const json = JSON.stringify(description);
  const yaml = dump(description, { noRefs: true, lineWidth: -1 });
  const last = `GET /v1/resources${Object.keys(description.paths as object).length - 1}`;
  const jsonMs = timeGeneration(json, last);
  const yamlMs = timeGeneration(yaml, last);
  log(`openapi import, ${(json.length / 1048576).toFixed(1)} MB JSON description (list + generate): ${jsonMs} ms (target < 2000)`);
  log(`openapi import, ${(yaml.length / 1048576).toFixed(1)} MB YAML description (list + generate): ${yamlMs} ms (target < 2000)`);
  return { jsonMb: Math.round(json.length / 104857.6) / 10, jsonMs, yamlMb: Math.round(yaml.length / 104857.6) / 10, yamlMs };
}

/**
 * Synthetic specs for the benchmarks: a typical ~200-line connection spec (a valid fixture) and a generated
 * ~1 MB one that keeps a realistic shape (many auth entries, many source parameters, placeholders that use them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURE = join(__dirname, '..', 'test', 'fixtures', 'valid', 'acme-crm-connectionSpec.json');

/** The ~200-line fixture used as the "typical spec". */
export function typicalSpec(): string {
  return readFileSync(FIXTURE, 'utf8');
}

/** A connection spec of at least `targetBytes`, pretty-printed like a hand-written file. */
export function largeSpec(targetBytes = 1024 * 1024): string {
  const spec = JSON.parse(typicalSpec());
  const basicAuth = spec.authSpec[1];
  for (let i = 0; i < 150; i++) {
    spec.authSpec.push({ ...structuredClone(basicAuth), name: `Basic Authentication ${i}` });
  }
  const properties = spec.sourceSpec.spec.properties as Record<string, unknown>;
  const queryParams: Record<string, string> = {};
  spec.sourceSpec.attributes.urlParams.queryParams = queryParams;
  for (let i = 0; JSON.stringify(spec, null, 2).length < targetBytes; i++) {
    // Add in batches: re-serialising after every parameter would make generation quadratic.
    for (let j = 0; j < 200; j++, i++) {
      properties[`param${i}`] = {
        type: 'string',
        description: `Filter number ${i}: only records whose attribute ${i} matches are ingested.`,
        example: `value-${i}`,
      };
      queryParams[`filter${i}`] = `\${param${i}}`;
    }
  }
  return JSON.stringify(spec, null, 2);
}

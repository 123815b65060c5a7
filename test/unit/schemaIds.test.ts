/**
 * The bundled schemas can be found by editors that only know JSON Schema (issue 23 point 4): each has a stable https
 * `$id`, the SchemaStore catalog entries ready to propose (editors/schemastore/catalog-entries.json) name that `$id`
 * as their url and the kind's file patterns as their fileMatch, and docs/schemas.md shows both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPEC_KIND_LIST } from '../../core/spec/kinds';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface CatalogEntry { name: string; description: string; fileMatch: string[]; url: string }

test('every bundled schema has a stable https $id that the kind table registers it under', () => {
  for (const kind of SPEC_KIND_LIST) {
    const schema = JSON.parse(read(join('schemas', kind.schema.file)));
    assert.equal(schema.$id, kind.schema.uri, kind.kind);
    assert.match(schema.$id, /^https:\/\/json\.schemastore\.org\/sources-sdk-[a-z-]+\.json$/, kind.kind);
  }
});

test('the SchemaStore catalog entries name each $id and the file patterns the extension claims', () => {
  const catalog = JSON.parse(read('editors/schemastore/catalog-entries.json')) as { schemas: CatalogEntry[] };
  const languages = JSON.parse(read('package.json')).contributes.languages as Array<{ id: string; filenamePatterns: string[] }>;
  assert.equal(catalog.schemas.length, SPEC_KIND_LIST.length);
  for (const kind of SPEC_KIND_LIST) {
    const entry = catalog.schemas.find((e) => e.url === kind.schema.uri);
    assert.ok(entry, `a catalog entry for ${kind.schema.uri}`);
    assert.ok(entry.name && entry.description, 'name and description');
    assert.deepEqual(entry.fileMatch, kind.fileSuffixes.map((suffix) => `*${suffix}`));
    assert.deepEqual(languages.find((l) => l.id === kind.languageId)?.filenamePatterns, entry.fileMatch);
  }
});

test('docs/schemas.md shows each $id and how to map the file patterns in IntelliJ and Zed', () => {
  const docs = read('docs/schemas.md');
  for (const kind of SPEC_KIND_LIST) {
    assert.ok(docs.includes(`| \`schemas/${kind.schema.file}\` | \`${kind.schema.uri}\` |`), kind.schema.uri);
    for (const suffix of kind.fileSuffixes) assert.ok(docs.includes(`"*${suffix}"`), `Zed fileMatch *${suffix}`);
    assert.ok(docs.includes(`node_modules/sources-sdk-tools/schemas/${kind.schema.file}`), kind.schema.file);
  }
  assert.match(docs, /JSON Schema\s+Mappings/);
  assert.match(docs, /editors\/schemastore\/catalog-entries\.json/);
});

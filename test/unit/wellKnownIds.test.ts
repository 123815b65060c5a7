/**
 * The platform's fixed ids (the Data Lake target spec, the two SDK flow specs, their provider ids) are written once,
 * in core/spec/wellKnownIds.ts. The Data Lake spec id used to be written in three places (the test chain, the flow
 * spec rules, the emulator's seeds) and the provider ids in five: a source file that spells one again fails here.
 * Data files (schemas, snippets, examples), tests and benches keep their literal ids: they show what an author writes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { WELL_KNOWN_IDS } from '../../core/spec/wellKnownIds';

const ROOT = join(__dirname, '..', '..');
const SOURCE_FOLDERS = ['core', 'client', 'server', 'cli', 'emulator', 'scripts'];
const HOME = join('core', 'spec', 'wellKnownIds.ts');

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|mts|mjs|js)$/.test(name)) yield path;
  }
}

test('each well-known id is spelled in core/spec/wellKnownIds.ts only', () => {
  const offenders: string[] = [];
  for (const folder of SOURCE_FOLDERS) {
    for (const file of sourceFiles(join(ROOT, folder))) {
      const rel = relative(ROOT, file);
      if (rel === HOME) continue;
      const text = readFileSync(file, 'utf8').toLowerCase();
      for (const [name, id] of Object.entries(WELL_KNOWN_IDS)) {
        if (text.includes(id)) offenders.push(`${rel.split(sep).join('/')}: ${name}`);
      }
    }
  }
  assert.deepEqual(offenders, [], 'import these ids from core/spec/wellKnownIds.ts instead of writing them again');
});

test('the ids are the documented ones, each distinct', () => {
  assert.deepEqual(WELL_KNOWN_IDS, {
    DATA_LAKE_TARGET_SPEC_ID: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c',
    REST_STORAGE_TO_AEP_ID: '6499120c-0b15-42dc-936e-847ea3c24d72',
    GENERIC_STREAMING_AEP_ID: 'e77fde5a-22a8-11ed-861d-0242ac120002',
    BATCH_PROVIDER_ID: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
    STREAMING_PROVIDER_ID: '521eee4d-8cbe-4906-bb48-fb6bd4450033',
  });
  assert.equal(new Set(Object.values(WELL_KNOWN_IDS)).size, 5);
});

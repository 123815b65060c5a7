/**
 * One auth-types table (core/spec/authTypes.ts) for the schema's `type` enum, the auth rule, the "missing type/name"
 * quick fixes and completion inside `spec.properties`: checked against each here, so a credential written one way
 * in the table and judged another way by the rules fails.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-json-languageservice';
import { SPEC_SCHEMAS } from '../../core/schemas';
import { SpecEngine } from '../../core/analysis/engine';
import {
  AUTH_TYPE_NAMES, AUTH_TYPE_OF_CREDENTIAL, AUTH_TYPES, authType, furtherKeySchema, LEGACY_OAUTH_TYPE, nextAuthKey,
} from '../../core/spec/authTypes';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const schema = SPEC_SCHEMAS.connectionSpec.schema as Json;
const ACME = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'acme-crm-connectionSpec.json'), 'utf8')) as Json;

/** An authSpec entry of `type` declaring every credential of the table (and, for KeyBased, one further key). */
function fullEntry(type: keyof typeof AUTH_TYPES): Json {
  const row = AUTH_TYPES[type];
  const properties: Json = Object.fromEntries(Object.entries(row.credentials).map(([key, c]) => [key, c.schema]));
  if (type === 'KeyBased') properties.authKey2 = furtherKeySchema('authKey2');
  const required = Object.entries(row.credentials).filter(([, c]) => c.required).map(([key]) => key);
  return { name: row.name, type, spec: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties, required } };
}

describe('the auth-types table', () => {
  test('the schema\'s type enum lists exactly the table\'s types and the legacy spelling', () => {
    assert.deepEqual(schema.definitions.authSpecEntry.properties.type.enum, [...Object.keys(AUTH_TYPES), LEGACY_OAUTH_TYPE]);
    assert.equal(authType(LEGACY_OAUTH_TYPE), AUTH_TYPES.OAuth2RefreshCode);
    assert.equal(authType('toString'), undefined, 'only the table\'s own rows');
  });

  test('entries declaring every credential as the table writes them draw no finding (secrets masked, expirationDate hidden)', async () => {
    const spec = { ...ACME, authSpec: (Object.keys(AUTH_TYPES) as Array<keyof typeof AUTH_TYPES>).map(fullEntry) };
    const text = JSON.stringify(spec, null, 2);
    const diagnostics = await new SpecEngine().analyze(TextDocument.create('file:///auth-table-connectionSpec.json', 'json', 1, text), 'connectionSpec');
    const onAuth = diagnostics.filter((d) => d.range.start.line < text.split('\n').findIndex((l) => l.startsWith('  "sourceSpec"')));
    assert.deepEqual(onAuth.map((d) => `${d.code} ${d.message}`), []);
  });

  test('a credential that gives the type away belongs to that type only; names come from the table', () => {
    for (const [credential, type] of Object.entries(AUTH_TYPE_OF_CREDENTIAL)) {
      const declaring = Object.values(AUTH_TYPES).filter((row) => credential in row.credentials).map((row) => row.type);
      assert.deepEqual(declaring, [type], credential);
    }
    assert.deepEqual(AUTH_TYPE_NAMES, { OAuth2RefreshCode: 'OAuth2 Refresh Code', BasicAuthentication: 'Basic Authentication', KeyBased: 'API Key Authentication' });
    assert.equal(nextAuthKey(new Set(['authKey1', 'authKey2', 'authKey4'])), 'authKey3');
  });
});

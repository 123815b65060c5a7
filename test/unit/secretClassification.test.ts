// Issue 21, point 2: one secret rule. A property such as `apiToken` without `format: password` was a secret for the
// test chain and the emulator but not for preview or redaction (each had its own rule). The same spec must give the
// same secret set to every consumer: preview (the values it asks for, and stores in SecretStorage when secret), the
// test chain (the CLI's warning for a secret given with --set), redaction (what a run shows as [REDACTED]) and the
// emulator (what a base connection stores encrypted and serves masked).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretName, neededValues, secretParameters } from '../../core/spec/parameters';
import { secretNamesAmong } from '../../core/chain/values';
import { runSpec } from '../../core/run';
import { startFakeSource, type FakeSource } from '../helpers/fakeSource';
import { startTestEmulator, type TestEmulator } from '../emulator/helpers/emulator';
import { registerInFlowSpec, REST_FLOW_SPEC_ID } from '../emulator/helpers/chain';

const AUTH_NAME = 'API Key Authentication';
const AUTH_PROPERTIES: Record<string, Record<string, unknown>> = {
  authKey1: { type: 'string', format: 'password', restAttributes: { headerParamName: 'x-api-key' } },
  partnerKey: { type: 'string', description: 'Sent as a header, no format.', restAttributes: { headerParamName: 'x-partner' } },
  apiToken: { type: 'string', description: 'A token without format: password.' },
  clientSecret: { type: 'string' },
  signingKey2: { type: 'string' },
  pin: { type: 'string', format: 'password' },
  accessTokenUrl: { type: 'string' },
  tokenType: { type: 'string' },
  primaryKey: { type: 'string' },
  region: { type: 'string' },
};
const SOURCE_PROPERTIES: Record<string, Record<string, unknown>> = {
  listId: { type: 'string' },
  webhookSecret: { type: 'string' },
};
const EXPECTED = {
  auth: ['apiToken', 'authKey1', 'clientSecret', 'partnerKey', 'pin', 'signingKey2'],
  source: ['webhookSecret'],
};

const value = (name: string) => `val-${name}-7391`;

function spec(host: string): Record<string, unknown> {
  const names = [...Object.keys(AUTH_PROPERTIES), ...Object.keys(SOURCE_PROPERTIES)];
  return {
    name: 'Secret classification', providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a', version: '1.0', type: 'generic-rest',
    authSpec: [{ name: AUTH_NAME, type: 'KeyBased', spec: {
      $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', description: 'Many kinds of parameters.',
      properties: AUTH_PROPERTIES, required: Object.keys(AUTH_PROPERTIES),
    } }],
    sourceSpec: {
      attributes: {
        uiAttributes: { isSource: true, category: { key: 'protocols' }, label: { text: 'Classification' } },
        urlParams: { host, path: '/echo', method: 'GET' },
        // Every parameter travels in a header of its own, so the echo shows each value redacted or not.
        headerParams: Object.fromEntries(names.map((name) => [`X-P-${name}`, `\${${name}}`])),
        contentPath: '$.items', paginationParams: { type: 'NONE' },
      },
      spec: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: SOURCE_PROPERTIES, required: Object.keys(SOURCE_PROPERTIES) },
    },
    exploreSpec: { name: 'Resource', type: 'Resource' },
  };
}

const sorted = (names: Iterable<string>) => [...names].sort();

describe('one secret classification for every consumer', () => {
  let source: FakeSource;
  let emu: TestEmulator;
  before(async () => { source = await startFakeSource(); emu = await startTestEmulator(); });
  after(async () => { await emu.close(); await source.close(); });

  test('the rule itself', () => {
    const rule = secretParameters(spec('http://127.0.0.1:1'), AUTH_NAME);
    assert.deepEqual({ auth: sorted(rule.auth), source: sorted(rule.source) }, EXPECTED);
    for (const name of ['password', 'clientSecret', 'accessToken', 'refreshToken', 'apiToken', 'apiKey', 'api_key', 'APIKey', 'authKey1', 'privateKey', 'x-api-key', 'webhookSecret', 'passphrase', 'pwd', 'credentials']) {
      assert.equal(isSecretName(name), true, name);
    }
    for (const name of ['accessTokenUrl', 'tokenType', 'primaryKey', 'sortKey', 'username', 'clientId', 'host', 'expirationDate', 'secretName', 'passwordHint', 'key']) {
      assert.equal(isSecretName(name), false, name);
    }
  });

  test('preview, the test chain, redaction and the emulator agree', async () => {
    const theSpec = spec(source.url);
    const allNames = [...Object.keys(AUTH_PROPERTIES), ...Object.keys(SOURCE_PROPERTIES)];

    // Preview (and the extension's value store): the values it asks for, flagged secret.
    const needed = neededValues(theSpec, AUTH_NAME);
    assert.deepEqual(sorted(needed.map((n) => n.name)), sorted(allNames), 'preview asks for every parameter');
    const preview = { auth: sorted(needed.filter((n) => n.secret && n.scope === 'auth').map((n) => n.name)), source: sorted(needed.filter((n) => n.secret && n.scope === 'source').map((n) => n.name)) };

    // The test chain: the names the CLI warns about when given with --set.
    const chainSecrets = secretNamesAmong(theSpec, AUTH_NAME, allNames);
    const chain = { auth: sorted(chainSecrets.filter((n) => n in AUTH_PROPERTIES)), source: sorted(chainSecrets.filter((n) => n in SOURCE_PROPERTIES)) };

    // Redaction: what a run shows as [REDACTED] (the source echoes every header back in the record).
    const result = await runSpec({
      spec: theSpec, authSpecName: AUTH_NAME,
      authValues: Object.fromEntries(Object.keys(AUTH_PROPERTIES).map((n) => [n, value(n)])),
      sourceValues: Object.fromEntries(Object.keys(SOURCE_PROPERTIES).map((n) => [n, value(n)])),
    });
    assert.equal(result.error, undefined, JSON.stringify(result.error));
    const shown = JSON.stringify(result);
    const hidden = allNames.filter((n) => !shown.includes(value(n)));
    for (const name of allNames.filter((n) => !hidden.includes(n))) assert.ok(shown.includes(value(name)), `${name} is shown`);
    const redaction = { auth: sorted(hidden.filter((n) => n in AUTH_PROPERTIES)), source: sorted(hidden.filter((n) => n in SOURCE_PROPERTIES)) };

    // The emulator: a base connection's GET masks exactly the secret params (it stores only those encrypted).
    const specId = (await emu.create('connectionSpecs', theSpec)).id as string;
    await registerInFlowSpec(emu, REST_FLOW_SPEC_ID, specId);
    const created = await emu.call('POST', '/connections', { body: { name: 'acct', connectionSpec: { id: specId, version: '1.0' }, auth: { specName: AUTH_NAME, params: Object.fromEntries(Object.keys(AUTH_PROPERTIES).map((n) => [n, value(n)])) } } });
    assert.equal(created.status, 201, created.text);
    const params = (await emu.call('GET', `/connections/${created.body.id}`)).body.items[0].auth.params as Record<string, string>;
    const emulator = sorted(Object.keys(params).filter((n) => params[n] === '[REDACTED]'));

    assert.deepEqual(preview, EXPECTED, 'preview');
    assert.deepEqual(chain, EXPECTED, 'test chain');
    assert.deepEqual(redaction, EXPECTED, 'redaction');
    assert.deepEqual(emulator, EXPECTED.auth, 'emulator (base connections hold the auth spec\'s params)');
  });
});

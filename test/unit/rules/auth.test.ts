import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codesOf } from '../helpers/markers';
import { batchSpec, text } from './builders';
import type { LooseObject } from '../../helpers/looseJson';

type Entry = LooseObject;

function codesWith(...entries: Entry[]): string[] {
  const spec = batchSpec();
  spec.authSpec.push(...entries);
  return codesOf(analyze(text(spec)).diagnostics);
}

const keyBased = (): Entry => ({ name: 'API Key Authentication', type: 'KeyBased', spec: { type: 'object',
  properties: { host: { type: 'string' }, authKey1: { type: 'string', format: 'password', restAttributes: { headerParamName: 'X-Auth-Key' } } },
  required: ['authKey1'] } });

const oauth = (): Entry => ({ name: 'OAuth2 Refresh Code', type: 'OAuth2RefreshCode', spec: { type: 'object', properties: {
  host: { type: 'string' }, clientId: { type: 'string' }, clientSecret: { type: 'string', format: 'password' },
  accessToken: { type: 'string', format: 'password' }, expirationDate: { type: 'string', format: 'date', uiAttributes: { hidden: true } },
  requestParameterOverride: { type: 'object', properties: { authenticationMethod: { type: 'string', enum: ['GET', 'POST'] } } },
}, required: ['host', 'accessToken'] } });

describe('authSpec', () => {
  test('documented KeyBased and OAuth2 entries are clean', () => {
    assert.deepEqual(codesWith(keyBased(), oauth()), []);
  });

  test('SSDK401: duplicate names', () => {
    const second = keyBased();
    second.name = 'Basic Authentication';
    assert.ok(codesWith(second).includes('SSDK401'));
  });

  test('SSDK402 / SSDK403 / SSDK404: types and names', () => {
    assert.deepEqual(codesWith({ ...keyBased(), type: 'Token' }), ['SSDK402']);
    const legacy = analyze(text({ ...batchSpec(), authSpec: [{ ...oauth(), name: 'oAuth2-refresh-code', type: 'oAuth2-refresh-code' }] })).diagnostics;
    assert.deepEqual(codesOf(legacy), ['SSDK403']);
    assert.deepEqual(legacy[0].tags, [2]);
    assert.deepEqual(codesWith({ ...oauth(), name: 'My OAuth' }), ['SSDK404']);
  });

  test('SSDK405: required entry not declared (also in sourceSpec.spec)', () => {
    const entry = oauth();
    entry.spec.required = ['domain', 'accessToken'];
    assert.deepEqual(codesWith(entry), ['SSDK405']);
    const spec = batchSpec();
    spec.sourceSpec.spec.required.push('ghost');
    assert.deepEqual(codesOf(analyze(text(spec)).diagnostics), ['SSDK405']);
  });

  test('SSDK406 / SSDK411: secrets and expirationDate', () => {
    const entry = oauth();
    delete entry.spec.properties.clientSecret.format;
    delete entry.spec.properties.expirationDate.uiAttributes;
    assert.deepEqual(codesWith(entry), ['SSDK406', 'SSDK411']);
  });

  test('SSDK407: authenticationMethod outside GET/POST', () => {
    const entry = oauth();
    entry.spec.properties.requestParameterOverride.properties.authenticationMethod.enum = ['GET', 'PUT'];
    assert.deepEqual(codesWith(entry), ['SSDK407']);
  });

  test('SSDK408 / SSDK409 / SSDK410: KeyBased specifics', () => {
    const noKey = keyBased();
    noKey.spec.properties = { host: { type: 'string' }, authKey2: { type: 'string', format: 'password' } };
    noKey.spec.required = [];
    assert.deepEqual(codesWith(noKey), ['SSDK408']);
    const rest = keyBased();
    rest.spec.properties.authKey1.restAttributes = { queryParamName: 'key', headerParamName: 'X Auth: Key' };
    assert.deepEqual(codesWith(rest), ['SSDK409', 'SSDK410']);
  });
});

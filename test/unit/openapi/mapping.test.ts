/**
 * The OpenAPI mapping's choices on small descriptions written inline (the fixtures test the whole way to a
 * preview): hosts without servers, auth alternatives that cannot be mapped, where the records are when the
 * response has several arrays, parameters left out, references that cannot be resolved.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-json-languageservice';
import { SpecEngine } from '../../../core/analysis/engine';
import { tokenParameterFor } from '../../../core/infer/names';
import { OpenApiError, parseDescription, specFilesFromDescription } from '../../../core/openapi';
import { generateSpec } from '../../../core/openapi/generate';
import { AUTH_TYPES } from '../../../core/spec/authTypes';

type Json = Record<string, unknown>;

/** An OpenAPI 3.0 description with one GET operation on `/things`. */
function describeApi(op: Json, extra: Json = {}): string {
  return JSON.stringify({
    openapi: '3.0.3', info: { title: 'Tiny', version: '1' },
    paths: { '/things': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { things: { type: 'array', items: { type: 'object' } } } } } } } }, ...op } } },
    ...extra,
  });
}

const generate = (text: string) => generateSpec(parseDescription(text), 'GET /things');
const attributes = (spec: Json) => (spec.sourceSpec as { attributes: Json }).attributes;
const guessAt = (g: ReturnType<typeof generate>, path: string) => g.guesses.find((x) => x.path.join('.') === path)?.message;

async function errorsOf(spec: Json): Promise<string[]> {
  const found = await new SpecEngine().analyze(TextDocument.create('file:///t-connectionSpec.json', 'json', 1, JSON.stringify(spec, null, 2)), 'connectionSpec');
  return found.filter((d) => d.severity === 1).map((d) => `${String(d.code)} ${d.message}`);
}

describe('OpenAPI mapping choices', () => {
  test('no absolute server: the host is every auth entry\'s required "host" value, and a guess says so', async () => {
    const g = generate(describeApi({}, { servers: [{ url: '/v1' }], security: [{ b: [] }], components: { securitySchemes: { b: { type: 'http', scheme: 'basic' } } } }));
    assert.deepEqual(attributes(g.spec).urlParams, { path: '/v1/things', method: 'GET' });
    const auth = (g.spec.authSpec as Array<{ spec: { required: string[]; properties: Json } }>)[0];
    assert.deepEqual(auth.spec.required, ['host', 'username', 'password']);
    assert.match(guessAt(g, 'sourceSpec.attributes.urlParams.path') ?? '', /no absolute server URL \("\/v1"\)/);
    assert.deepEqual(await errorsOf(g.spec), []);
  });

  test('credentials are declared as the auth-types table writes them (what completion inserts and the auth rule expects)', () => {
    const schemes = { b: { type: 'http', scheme: 'basic' }, o: { type: 'oauth2', flows: { authorizationCode: { authorizationUrl: 'https://id.example.test/a', tokenUrl: 'https://id.example.test/token', scopes: {} } } } };
    const g = generate(describeApi({}, { servers: [{ url: 'https://api.example.test' }], security: [{ b: [] }, { o: [] }], components: { securitySchemes: schemes } }));
    const entries = g.spec.authSpec as Array<{ name: string; type: string; spec: { properties: Json } }>;
    const basic = entries.find((e) => e.type === 'BasicAuthentication')!;
    const oauth = entries.find((e) => e.type === 'OAuth2RefreshCode')!;
    assert.equal(basic.name, AUTH_TYPES.BasicAuthentication.name);
    assert.equal(oauth.name, AUTH_TYPES.OAuth2RefreshCode.name);
    for (const key of ['username', 'password']) assert.deepEqual(basic.spec.properties[key], AUTH_TYPES.BasicAuthentication.credentials[key].schema, key);
    for (const key of ['clientId', 'clientSecret', 'accessToken', 'refreshToken', 'expirationDate']) {
      assert.deepEqual(oauth.spec.properties[key], AUTH_TYPES.OAuth2RefreshCode.credentials[key].schema, key);
    }
    assert.deepEqual(oauth.spec.properties.accessTokenUrl, { ...AUTH_TYPES.OAuth2RefreshCode.credentials.accessTokenUrl.schema, default: 'https://id.example.test/token' });
  });

  test('an operation without credentials still gets the auth entry a batch spec needs, with a guess', async () => {
    const g = generate(describeApi({}, { servers: [{ url: 'https://t.example.test' }] }));
    assert.deepEqual((g.spec.authSpec as Array<{ type: string }>).map((a) => a.type), ['KeyBased']);
    assert.match(guessAt(g, 'authSpec') ?? '', /needs no credentials/);
    assert.deepEqual(await errorsOf(g.spec), []);
  });

  test('unmappable schemes are left out and named; alternatives of one kind get distinct names', async () => {
    const g = generate(describeApi({ security: [{ cookie: [] }, { one: [] }, { two: [] }, { digest: [] }, { one: [], two: [] }] }, {
      servers: [{ url: 'https://t.example.test' }],
      components: { securitySchemes: {
        cookie: { type: 'apiKey', in: 'cookie', name: 'sid' },
        one: { type: 'http', scheme: 'basic' },
        two: { type: 'http', scheme: 'basic' },
        digest: { type: 'http', scheme: 'digest' },
      } },
    }));
    assert.deepEqual((g.spec.authSpec as Array<{ name: string }>).map((a) => a.name), ['Basic Authentication (one)', 'Basic Authentication (two)']);
    const note = guessAt(g, 'authSpec') ?? '';
    assert.match(note, /API key "cookie" is sent in a cookie/);
    assert.match(note, /"digest" \(http digest\) has no Sources SDK auth type/);
    assert.match(note, /one and two together is not mapped/);
    assert.deepEqual(await errorsOf(g.spec), []);
  });

  test('a query API key beside another kind of credential: a guess warns that the other entry cannot fill it', () => {
    const g = generate(describeApi({ security: [{ q: [] }, { b: [] }] }, {
      servers: [{ url: 'https://t.example.test' }],
      components: { securitySchemes: { q: { type: 'apiKey', in: 'query', name: 'key' }, b: { type: 'http', scheme: 'bearer' } } },
    }));
    assert.deepEqual(attributes(g.spec).urlParams, { host: 'https://t.example.test', path: '/things', method: 'GET', queryParams: { key: '${authKey1}' } });
    assert.match(guessAt(g, 'authSpec') ?? '', /key is filled from authKey values only the API key entry has/);
  });

  test('several arrays of objects: the one named like the resource, the others named in a guess', () => {
    const text = JSON.stringify({
      openapi: '3.1.0', info: { title: 'Tiny', version: '1' }, servers: [{ url: 'https://t.example.test' }],
      paths: { '/v2/widgets': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: {
        errors: { type: 'array', items: { type: 'object' } },
        page: { type: 'object', properties: { widgets: { type: 'array', items: { $ref: '#/components/schemas/W' } } } },
        tags: { type: 'array', items: { type: 'string' } },
      } } } } } } } } },
      components: { schemas: { W: { type: 'object', properties: { id: { type: 'string' } } } } },
    });
    const g = generateSpec(parseDescription(text), 'GET /v2/widgets');
    assert.deepEqual(attributes(g.spec).contentPath, { path: '$.page.widgets' });
    assert.match(guessAt(g, 'sourceSpec.attributes.contentPath') ?? '', /also has \$\.errors/);
  });

  test('no response schema: contentPath is a guess named after the resource', () => {
    const text = JSON.stringify({ openapi: '3.0.0', info: { title: 'T', version: '1' }, servers: [{ url: 'https://t.example.test' }],
      paths: { '/things': { get: { responses: { 200: { description: 'ok' } } } } } });
    const g = generate(text);
    assert.deepEqual(attributes(g.spec).contentPath, { path: '$.things' });
    assert.match(guessAt(g, 'sourceSpec.attributes.contentPath') ?? '', /shows no array of objects/);
  });

  test('source parameters: required ones required, optional ones with an enum or default offered, the rest left out and named', () => {
    const g = generate(describeApi({ parameters: [
      { name: 'filter[status]', in: 'query', required: true, schema: { type: 'string', enum: ['a', 'b'] }, description: 'Status.' },
      { name: 'sort', in: 'query', schema: { type: 'string', default: 'name' } },
      { name: 'q', in: 'query', schema: { type: 'string' } },
      { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string' } },
      { name: 'Accept', in: 'header', required: true, schema: { type: 'string' } },
    ] }, { servers: [{ url: 'https://t.example.test' }] }));
    const spec = (g.spec.sourceSpec as { spec: { properties: Json; required: string[] } }).spec;
    assert.deepEqual(Object.keys(spec.properties), ['filter_status', 'sort', 'X_Tenant']);
    assert.deepEqual(spec.required, ['filter_status', 'X_Tenant']);
    assert.deepEqual(spec.properties.filter_status, { type: 'string', description: 'Status.', enum: ['a', 'b'] });
    assert.deepEqual((attributes(g.spec).urlParams as Json).queryParams, { 'filter[status]': '${filter_status}', sort: '${sort}' });
    assert.deepEqual(attributes(g.spec).headerParams, { 'X-Tenant': '${X_Tenant}' });
    assert.match(guessAt(g, 'sourceSpec.spec.properties') ?? '', /left out: q \(query\)/);
  });

  test('paging without a size parameter still gives the fields the type needs, and says what it chose', async () => {
    const g = generate(describeApi({ parameters: [{ name: 'page', in: 'query', schema: { type: 'integer', minimum: 0 } }] }, { servers: [{ url: 'https://t.example.test' }] }));
    assert.deepEqual(attributes(g.spec).paginationParams, { type: 'PAGE', limitName: 'limit', limitValue: 100, pageParamName: 'page', initialPageIndex: 0 });
    assert.match(guessAt(g, 'sourceSpec.attributes.paginationParams') ?? '', /no page-size parameter, so `limit` is sent and probably ignored/);
    assert.deepEqual(await errorsOf(g.spec), []);
  });

  test('a token field without a cursor parameter: CONTINUATION_TOKEN with the parameter named after the field, as a guess', () => {
    const text = JSON.stringify({ openapi: '3.0.0', info: { title: 'T', version: '1' }, servers: [{ url: 'https://t.example.test' }],
      paths: { '/things': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: {
        things: { type: 'array', items: { type: 'object' } }, nextPageToken: { type: 'string' } } } } } } } } } } });
    const g = generate(text);
    assert.deepEqual(attributes(g.spec).paginationParams, { type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.nextPageToken', parameterType: 'QUERYPARAM', parameterName: 'pageToken' });
    assert.match(guessAt(g, 'sourceSpec.attributes.paginationParams') ?? '', /no parameter of the operation takes it/);
  });

  test('date filters: a start and an end → the standard schedule with their names and formats; change time preferred', () => {
    const params = (list: Json[]) => generate(describeApi({ parameters: list }, { servers: [{ url: 'https://t.example.test' }] }));
    const bracketed = params([
      { name: 'filter[since]', in: 'query', schema: { type: 'string', format: 'date-time' } },
      { name: 'filter[until]', in: 'query', schema: { type: 'string', format: 'date-time' } },
    ]);
    assert.deepEqual(attributes(bracketed.spec).scheduleParams, {
      scheduleStartParamName: 'filter[since]', scheduleEndParamName: 'filter[until]',
      scheduleStartParamFormat: 'yyyy-MM-ddTHH:mm:ssZ', scheduleEndParamFormat: 'yyyy-MM-ddTHH:mm:ssZ',
    });
    const ranged = params([
      { name: 'created_at[gte]', in: 'query', schema: { type: 'string', format: 'date' } },
      { name: 'updated_at[gte]', in: 'query', schema: { type: 'string', format: 'date' } },
      { name: 'updated_at[lte]', in: 'query', schema: { type: 'string', format: 'date' } },
    ]);
    assert.deepEqual(attributes(ranged.spec).scheduleParams, {
      scheduleStartParamName: 'updated_at[gte]', scheduleEndParamName: 'updated_at[lte]',
      scheduleStartParamFormat: 'yyyy-MM-dd', scheduleEndParamFormat: 'yyyy-MM-dd',
    });
    // The filters the schedule sends are not offered as source parameters too.
    assert.deepEqual((ranged.spec.sourceSpec as { spec: { properties: Json } }).spec.properties, {});
    const named = params([{ name: 'updated_after', in: 'query', schema: { type: 'string' } }]);
    assert.deepEqual(attributes(named.spec).scheduleParams, { type: 'ADVANCE', paramFormat: 'yyyy-MM-ddTHH:mm:ssZ', incremental: '{START_TIME}', backfill: '1970-01-01T00:00:00Z' });
    assert.deepEqual((attributes(named.spec).urlParams as Json).queryParams, { updated_after: '{SCHEDULE_QUERY}' });
    const epoch = params([{ name: 'since', in: 'query', schema: { type: 'integer' } }]);
    assert.equal((attributes(epoch.spec).scheduleParams as Json).incremental, 'no time filter', 'an epoch number is not a date filter');
  });

  test('token parameter names from field names', () => {
    assert.equal(tokenParameterFor('next_cursor'), 'cursor');
    assert.equal(tokenParameterFor('nextPageToken'), 'pageToken');
    assert.equal(tokenParameterFor('after_cursor'), 'after');
    assert.equal(tokenParameterFor('continuation'), 'continuation');
  });

  test('references that leave the file, point nowhere or loop are clear errors', () => {
    const withResponse = (response: unknown, extra: Json = {}) => JSON.stringify({ openapi: '3.0.0', info: { title: 'T', version: '1' },
      paths: { '/things': { get: { responses: { 200: response } } } }, ...extra });
    assert.throws(() => generate(withResponse({ $ref: '#/components/responses/Missing' })), (err: Error) => err instanceof OpenApiError && /points at nothing in this file/.test(err.message));
    assert.throws(() => generate(withResponse({ $ref: '#/components/responses/A' }, { components: { responses: { A: { $ref: '#/components/responses/B' }, B: { $ref: '#/components/responses/A' } } } })),
      /part of a loop of references/);
    assert.throws(() => generate(withResponse({ $ref: 'https://elsewhere.example.test/r.yaml' })), /points outside this file/);
  });

  test('a recursive schema does not loop', () => {
    const text = JSON.stringify({ openapi: '3.0.0', info: { title: 'T', version: '1' }, servers: [{ url: 'https://t.example.test' }],
      paths: { '/things': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } } } } } },
      components: { schemas: { Node: { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' }, things: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } } } } });
    assert.deepEqual(attributes(generate(text).spec).contentPath, { path: '$.things' });
  });

  test('versions and formats that are not descriptions are refused with what to do', () => {
    assert.throws(() => parseDescription('openapi: 4.0.0\npaths: {}\n'), /openapi "4\.0\.0" is not supported/);
    assert.throws(() => parseDescription('swagger: "1.2"\n'), /swagger "1\.2" is not supported/);
    assert.throws(() => parseDescription('openapi: 3.0.0\ninfo: {title: T}\n'), /has no paths/);
    assert.throws(() => parseDescription(''), /the file is empty/);
    assert.throws(() => parseDescription('{"openapi": '), /not valid JSON/);
  });

  test('the files written: the spec in the conventional key order and the guesses file naming where they came from', () => {
    const files = specFilesFromDescription(describeApi({}, { servers: [{ url: 'https://t.example.test' }] }), 'GET /things', 'tiny.json');
    assert.equal(files.fileName, 'Tiny-connectionSpec.json');
    assert.deepEqual(Object.keys(JSON.parse(files.specText)).slice(0, 4), ['name', 'providerId', 'version', 'type']);
    assert.equal(files.guesses.from, 'tiny.json');
    assert.equal(files.guesses.operation, 'GET /things');
    assert.deepEqual(JSON.parse(files.guessText), files.guesses);
  });
});

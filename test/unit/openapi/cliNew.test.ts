/**
 * `sources-sdk new --from-openapi` through the CLI's `main` in this process (test/helpers/cliInProcess.ts): the list
 * of operations without --operation (exit 2), an unknown operation, unreadable and invalid descriptions (a clear
 * error, exit 2),
 * an existing output file kept without --force (exit 1) and replaced with it, `validate` showing the guesses as
 * information, and `new` then `preview` reading all 7 records of a fake of the described API.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startFakeApi, type FakeApi } from '../../helpers/fakeApi';
import { cliInProcess } from '../../helpers/cliInProcess';
import { tempFolders } from '../../helpers/tempFolders';

const CRM = resolve(__dirname, '../../fixtures/openapi/crm-contacts.oas30.yaml');
const SHOP = resolve(__dirname, '../../fixtures/openapi/shop-orders.oas31.json');
const temp = tempFolders();

function cli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return cliInProcess(args, env, cwd);
}

describe('sources-sdk new --from-openapi', () => {
  let dir: string;
  before(() => { dir = temp('openapi-cli-'); });

  test('without --operation: the list operations, one per line, and exit 2', async () => {
    const result = await cli(dir, ['new', '--from-openapi', SHOP]);
    assert.equal(result.code, 2);
    assert.deepEqual(result.stdout.trimEnd().split('\n'), [
      'GET /orders\tlistOrders\tList orders',
      'GET /orders/{id}/lines\tlistOrderLines\tLines of one order',
    ]);
    assert.match(result.stderr, /2 list operations above: choose one with --operation "<METHOD> <path>" \(or its operationId\)/);
    assert.equal(existsSync(join(dir, 'Harbor-Shop-connectionSpec.json')), false);
  });

  test('an unknown operation: exit 2 naming the list operations', async () => {
    const result = await cli(dir, ['new', '--from-openapi', SHOP, '--operation', 'GET /customers']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no operation "GET \/customers" in the description .*list operations: GET \/orders, GET \/orders\/\{id\}\/lines/);
    assert.equal(result.stdout, '');
  });

  test('an unreadable or invalid description: a clear error and exit 2, nothing written', async () => {
    const missing = await cli(dir, ['new', '--from-openapi', 'missing.yaml', '--operation', 'GET /x']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing\.yaml: cannot read the description \(ENOENT\)/);

    writeFileSync(join(dir, 'broken.yaml'), 'openapi: 3.0.0\npaths: {\n  /x: [\n');
    const broken = await cli(dir, ['new', '--from-openapi', 'broken.yaml', '--operation', 'GET /x']);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /broken\.yaml: not valid YAML at line \d+, column \d+/);

    writeFileSync(join(dir, 'notapi.json'), '{"name": "not an API description", "paths": {}}');
    const other = await cli(dir, ['new', '--from-openapi', 'notapi.json']);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /notapi\.json: not an OpenAPI or Swagger description: it has no "openapi" or "swagger" field/);

    writeFileSync(join(dir, 'external.json'), JSON.stringify({ openapi: '3.0.0', info: { title: 'X', version: '1' }, paths: { '/a': { get: { responses: { 200: { $ref: 'other.yaml#/R' } } } } } }));
    const external = await cli(dir, ['new', '--from-openapi', 'external.json', '--operation', 'GET /a']);
    assert.equal(external.code, 2);
    assert.match(external.stderr, /"other\.yaml#\/R" points outside this file; only local references \(#\/…\) are resolved/);
  });

  test('writes the spec and its guesses file; an existing output is kept without --force (exit 1) and replaced with it', async () => {
    const first = await cli(dir, ['new', '--from-openapi', CRM, '--operation', 'listContacts', '-o', 'crm-connectionSpec.json']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /wrote crm-connectionSpec\.json \(GET \/contacts\) and crm-connectionSpec\.guesses\.json: 6 guesses to check/);
    assert.match(first.stderr, /next: sources-sdk preview crm-connectionSpec\.json --auth "Basic Authentication" --set username=… --set-env password=<VAR>/);
    const spec = JSON.parse(readFileSync(join(dir, 'crm-connectionSpec.json'), 'utf8'));
    assert.equal(spec.sourceSpec.attributes.paginationParams.type, 'OFFSET');
    const guesses = JSON.parse(readFileSync(join(dir, 'crm-connectionSpec.guesses.json'), 'utf8'));
    assert.equal(guesses.operation, 'GET /contacts');
    assert.equal(guesses.from, 'crm-contacts.oas30.yaml');

    writeFileSync(join(dir, 'crm-connectionSpec.json'), '{"name": "my edits"}\n');
    const again = await cli(dir, ['new', '--from-openapi', CRM, '--operation', 'listContacts', '-o', 'crm-connectionSpec.json']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /crm-connectionSpec\.json and crm-connectionSpec\.guesses\.json already exist; not overwritten \(use --force/);
    assert.equal(readFileSync(join(dir, 'crm-connectionSpec.json'), 'utf8'), '{"name": "my edits"}\n');

    const forced = await cli(dir, ['new', '--from-openapi', CRM, '--operation', 'listContacts', '-o', 'crm-connectionSpec.json', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(JSON.parse(readFileSync(join(dir, 'crm-connectionSpec.json'), 'utf8')).name, 'Northwind CRM contacts');
  });

  test('validate shows each guess as an information (and no error); without the guesses file they are gone', async () => {
    const result = await cli(dir, ['validate', 'crm-connectionSpec.json']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /crm-connectionSpec\.json:\d+:\d+ info SSDK530 Pagination inferred from the parameters `offset`\/`limit`/);
    assert.equal((result.stdout.match(/SSDK530/g) ?? []).length, 6);
    assert.match(result.stderr, /0 errors, 0 warnings/);
  });

  describe('new, then preview, against a fake of the described API', () => {
    let fake: FakeApi;
    before(async () => {
      fake = await startFakeApi({
        path: '/api/contacts', records: ['contacts'], paging: { kind: 'offset', offset: 'offset', limit: 'limit', hasMore: ['has_more'] },
        credentials: [{ headers: { authorization: `Basic ${Buffer.from('ada:pw-1!').toString('base64')}` } }], dates: ['updated_since', 'updated_before'],
      });
    });
    after(() => fake.close());

    test('the generated spec previews the 7 records', async () => {
      // The description as its authors would serve it locally: the same text with this machine as the server.
      writeFileSync(join(dir, 'local.yaml'), readFileSync(CRM, 'utf8').replace('https://crm.example.test/api', `${fake.url}/api`));
      const made = await cli(dir, ['new', '--from-openapi', 'local.yaml', '--operation', 'GET /contacts']);
      assert.equal(made.code, 0, made.stderr);
      const preview = await cli(dir, ['preview', 'Northwind-CRM-connectionSpec.json', '--auth', 'Basic Authentication', '--set', 'username=ada',
        '--set-env', 'password=CRM_PASSWORD', '--format', 'json'], { CRM_PASSWORD: 'pw-1!' });
      assert.equal(preview.code, 0, preview.stderr);
      const result = JSON.parse(preview.stdout);
      assert.deepEqual(result.records.map((r: { id: number }) => r.id), [1, 2, 3, 4, 5, 6, 7]);
      assert.deepEqual(fake.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('offset')), ['0', '3', '6']);
    });
  });
});

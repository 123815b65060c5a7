/**
 * `sources-sdk docs` (through the CLI's `main` in this process; the first golden page also from the bundled
 * dist/cli.js in a child process, build first): the documentation page of each example connection spec
 * matches its golden file (test/fixtures/docs-pages; SOURCES_SDK_UPDATE_GOLDEN=1 rewrites them), names every auth
 * parameter and every required source parameter with its description, takes the connection spec id from a prod link
 * (never from the local emulator's), and refuses to overwrite a file without --force.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolders } from '../helpers/tempFolders';
import { cliInProcess } from '../helpers/cliInProcess';
import { sourceFacts } from '../../core/docs/sourceFacts';
import { documentationPageName } from '../../core/docs/sourcePage';

const tempFolder = tempFolders();
const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const EXAMPLES = join(ROOT, 'examples');
const GOLDEN = join(ROOT, 'test', 'fixtures', 'docs-pages');
const SPECS = ['acme-crm-connectionSpec.json', 'acme-events-streaming-connectionSpec.json', 'broken-connectionSpec.json'];

function docsProcess(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, 'docs', ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function docs(args: string[], cwd: string) {
  return cliInProcess(['docs', ...args], process.env, cwd);
}

function link(remoteId: string) {
  return { resource: 'connectionSpecs', remoteId, contentHash: 'h', syncedAt: '2026-01-01T00:00:00.000Z' };
}

/** The table row of `name` (a credential or a request property ending in `.name`). */
function rowOf(page: string, name: string): string | undefined {
  return page.split('\n').find((line) => line.startsWith(`| \`${name}\` |`) || line.includes(`.${name}\` |`));
}

describe('sources-sdk docs', () => {
  before(() => assert.ok(existsSync(CLI), 'dist/cli.js exists (run node esbuild.mjs)'));

  for (const file of SPECS) {
    test(`${file}: the page matches its golden file`, async () => {
      const result = file === SPECS[0] ? docsProcess([join('examples', file)], ROOT) : await docs([join('examples', file)], ROOT);
      assert.equal(result.code, 0, result.stderr);
      const golden = join(GOLDEN, file.replace(/-connectionSpec\.json$/, '.md'));
      if (process.env.SOURCES_SDK_UPDATE_GOLDEN === '1') writeFileSync(golden, result.stdout);
      assert.equal(result.stdout, readFileSync(golden, 'utf8'));
      assert.match(result.stderr, /no link to an uploaded spec/);
    });

    test(`${file}: every auth parameter and every required source parameter appears with its description`, async () => {
      const spec = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
      const page = (await docs([join('examples', file)], ROOT)).stdout;
      const facts = sourceFacts(spec);
      const expected = [
        ...facts.auth.flatMap((entry) => entry.parameters),
        ...facts.sourceParameters.filter((p) => p.required),
      ];
      for (const entry of facts.auth) assert.ok(page.includes(`"specName": ${JSON.stringify(entry.name)}`), `auth.specName ${entry.name}`);
      for (const parameter of expected) {
        const row = rowOf(page, parameter.name);
        assert.ok(row, `a row for ${parameter.name}`);
        if (parameter.description) assert.ok(row.includes(parameter.description), `${parameter.name}: ${row}`);
        if (parameter.required) assert.ok(row.includes('**Required.**'), `${parameter.name} marked required: ${row}`);
      }
      // The spec's own values, read independently of the facts reader.
      for (const entry of spec.authSpec ?? []) {
        for (const [name, schema] of Object.entries<{ description?: string }>(entry.spec?.properties ?? {})) {
          assert.ok(rowOf(page, name)?.includes(schema.description ?? ''), `auth parameter ${name}`);
        }
      }
      for (const name of spec.sourceSpec?.spec?.required ?? []) {
        assert.ok(page.includes(`| \`params.${name}\` | **Required.** ${spec.sourceSpec.spec.properties[name].description}`), `source parameter ${name}`);
      }
    });
  }

  test('examples come from defaults and enums; a secret never gets one', async () => {
    const dir = tempFolder('docs-values-');
    const spec = JSON.parse(readFileSync(join(EXAMPLES, 'acme-crm-connectionSpec.json'), 'utf8'));
    spec.sourceSpec.spec.properties.region = { type: 'string', description: 'Data centre.', enum: ['eu', 'us'] };
    spec.sourceSpec.spec.properties.pageSize = { type: 'integer', description: 'Records per page.', default: 50 };
    spec.authSpec[0].spec.properties.clientSecret.default = 'do-not-show';
    writeFileSync(join(dir, 'values-connectionSpec.json'), JSON.stringify(spec));
    const result = await docs(['values-connectionSpec.json'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /"region": "eu"/);
    assert.match(result.stdout, /"pageSize": 50/);
    assert.match(result.stdout, /\| `params\.region` \| Data centre\. Type: `string`\. One of `eu`, `us`\. \|/);
    assert.match(result.stdout, /"clientSecret": "\{CLIENT_SECRET\}"/);
    assert.doesNotMatch(result.stdout, /do-not-show/);
  });

  test('the connection spec id comes from the prod link in .sources-sdk/links.json, never the local emulator\'s', async () => {
    const dir = tempFolder('docs-linked-');
    mkdirSync(join(dir, 'specs'));
    mkdirSync(join(dir, '.sources-sdk'));
    copyFileSync(join(EXAMPLES, 'acme-crm-connectionSpec.json'), join(dir, 'specs', 'acme-crm-connectionSpec.json'));
    const links = (environments: Record<string, unknown>) => writeFileSync(join(dir, '.sources-sdk', 'links.json'), JSON.stringify({ version: 1, environments }));
    links({ 'local|LOCAL@AdobeOrg|dev': { 'specs/acme-crm-connectionSpec.json': link('local-1111') } });
    let result = await docs(['specs/acme-crm-connectionSpec.json'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Replace `\{CONNECTION_SPEC_ID\}`/);
    assert.doesNotMatch(result.stdout, /local-1111/);

    links({
      'local|LOCAL@AdobeOrg|dev': { 'specs/acme-crm-connectionSpec.json': link('local-1111') },
      'stage|ACME@AdobeOrg|prod': { 'specs/acme-crm-connectionSpec.json': link('stage-2222') },
      'prod|ACME@AdobeOrg|prod': { 'specs/acme-crm-connectionSpec.json': link('prod-3333') },
    });
    // Run from the spec's folder: the links file is found above it.
    result = await docs(['acme-crm-connectionSpec.json'], join(dir, 'specs'));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /The connection spec id of Acme CRM contacts is `prod-3333`/);
    assert.match(result.stdout, /"id": "prod-3333"/);
    assert.doesNotMatch(result.stdout, /\{CONNECTION_SPEC_ID\}|stage-2222|local-1111/);
    assert.match(result.stderr, /connection spec id prod-3333 \(linked in prod\|ACME@AdobeOrg\|prod\)/);

    writeFileSync(join(dir, '.sources-sdk', 'links.json'), '{"environments": []}');
    result = await docs(['specs/acme-crm-connectionSpec.json'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /links\.json: environments must be an object/);
    assert.equal(result.stdout, '');
  });

  test('-o writes the file, refuses to replace one without --force, and --force replaces it', async () => {
    const dir = tempFolder('docs-output-');
    copyFileSync(join(EXAMPLES, 'acme-crm-connectionSpec.json'), join(dir, 'acme-crm-connectionSpec.json'));
    let result = await docs(['acme-crm-connectionSpec.json', '-o', 'page.md'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(readFileSync(join(dir, 'page.md'), 'utf8'), /^---\nkeywords:/);
    writeFileSync(join(dir, 'page.md'), 'my own words');
    result = await docs(['acme-crm-connectionSpec.json', '-o', 'page.md'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /page\.md exists; pass --force/);
    assert.equal(readFileSync(join(dir, 'page.md'), 'utf8'), 'my own words');
    result = await docs(['acme-crm-connectionSpec.json', '-o', 'page.md', '--force'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(readFileSync(join(dir, 'page.md'), 'utf8'), /^---\nkeywords:/);
  });

  test('a flow spec, a file that is not JSON and a missing file are usage errors (exit 2)', async () => {
    const dir = tempFolder('docs-errors-');
    writeFileSync(join(dir, 'bad-connectionSpec.json'), '{ "name": "x", ');
    let result = await docs([join(EXAMPLES, 'rest-storage-flowSpec.json')], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /not a connection spec/);
    result = await docs(['bad-connectionSpec.json'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /not valid JSON .*sources-sdk validate/);
    result = await docs(['missing-connectionSpec.json'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /cannot read \(ENOENT\)/);
  });
});

describe('the page\'s file name (the editor proposes it beside the spec)', () => {
  test('the spec file name without its kind suffix or .json, then .md', () => {
    assert.equal(documentationPageName('acme-crm-connectionSpec.json'), 'acme-crm.md');
    assert.equal(documentationPageName('acme.connectionSpec.json'), 'acme.md');
    assert.equal(documentationPageName('Acme-ConnectionSpec.JSON'), 'Acme.md');
    assert.equal(documentationPageName('globex-tickets.json'), 'globex-tickets.md');
    assert.equal(documentationPageName('-connectionSpec.json'), '-connectionSpec.md', 'never an empty name');
    assert.equal(documentationPageName('Untitled-1'), 'Untitled-1.md');
  });
});

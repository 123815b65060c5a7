/**
 * The flow-resources table (core/api/flowResources.ts) is the one place the tools learn where a Flow Service
 * resource lives and what its lists take. These tests tie it to each consumer: the emulator's descriptors, spec
 * routes, store, filters and sorting; the API client's paging; the documentation; and the absence of service
 * paths written anywhere else.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  FLOW_RESOURCE_LIST,
  FLOW_SERVICE_PATH,
  INSTANCE_RESOURCES,
  flowResourcePath,
  linkPathOf,
  type FlowResource,
} from '../../core/api/flowResources';
import { SPEC_KIND_LIST } from '../../core/spec/kinds';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import type { EnvironmentConfig } from '../../core/api/types';
import { isFilterError, parsePropertyFilter } from '../../emulator/filters';
import { parseOrderBy } from '../../emulator/listing';
import { RESOURCE_DESCRIPTORS } from '../../emulator/resources';
import { FLOW_RESOURCES as STORE_FOLDERS } from '../../emulator/resources/resourceStore';
import { renderFlowResourcesTable } from '../../emulator/docsTables';
import { RecordingTransport, json } from './fakes/recordingTransport';

const ROOT = join(__dirname, '..', '..');

/** A sample field below each prefix, and each exact field, of a row. */
function fieldsOf(resource: FlowResource): string[] {
  const row = FLOW_RESOURCE_LIST.find((r) => r.resource === resource)!;
  return [...row.fields, ...row.fieldPrefixes.map((prefix) => `${prefix}someField`)];
}

describe('the flow-resources table and the emulator', () => {
  test('every instance resource has exactly one descriptor, at the table\'s path, with its label, methods and wrapping', () => {
    assert.deepEqual(RESOURCE_DESCRIPTORS.map((d) => d.name), [...INSTANCE_RESOURCES]);
    for (const descriptor of RESOURCE_DESCRIPTORS) {
      const row = FLOW_RESOURCE_LIST.find((r) => r.resource === descriptor.name)!;
      assert.equal(descriptor.path, row.path, descriptor.name);
      assert.equal(descriptor.linkPath, linkPathOf(descriptor.name));
      assert.equal(descriptor.label, row.label);
      assert.equal(descriptor.wrapSingle, row.wrapSingle);
      assert.deepEqual(descriptor.methods, { patch: row.itemMethods.includes('PATCH'), delete: row.itemMethods.includes('DELETE') });
    }
  });

  test('the spec rows are the kind table\'s collections below the Flow Service root', () => {
    for (const kind of SPEC_KIND_LIST) {
      const row = FLOW_RESOURCE_LIST.find((r) => r.resource === kind.resource)!;
      assert.equal(row.path, `${FLOW_SERVICE_PATH}${kind.emulatorRoute}`);
      assert.deepEqual(row.itemMethods, ['GET', 'PUT'], 'specs have no PATCH or DELETE on the platform');
    }
  });

  test('the store keeps one folder per instance resource, plus the run records', () => {
    assert.deepEqual([...STORE_FOLDERS], [...INSTANCE_RESOURCES, 'runRecords']);
  });

  test('filters and orderby accept exactly the table\'s fields', () => {
    for (const { resource } of FLOW_RESOURCE_LIST) {
      for (const field of fieldsOf(resource)) {
        const filter = parsePropertyFilter(resource, `${field}==x`);
        assert.ok(!isFilterError(filter), `${resource}: filter on ${field}: ${JSON.stringify(filter)}`);
        assert.ok(Array.isArray(parseOrderBy(resource, `-${field}`)), `${resource}: orderby -${field}`);
      }
      const bogus = parsePropertyFilter(resource, 'bogusField==x');
      assert.ok(isFilterError(bogus) && bogus.code === '1449', resource);
      const badSort = parseOrderBy(resource, 'bogusField');
      assert.ok(!Array.isArray(badSort) && badSort.code === '1433' && badSort.message.includes("'bogusField'"), resource);
    }
  });
});

describe('the flow-resources table and the API client', () => {
  const env: EnvironmentConfig = {
    name: 'Test env', platformUrl: 'https://platform.adobe.io', imsUrl: 'https://ims-na1.adobelogin.com',
    orgId: 'ABC123@AdobeOrg', clientId: 'client-abc', sandbox: 'dev', scopes: ['openid'],
  };

  test('listItems reads each resource at the table\'s path and follows its next links relative to the resource\'s service root', async () => {
    for (const { resource, path, root } of FLOW_RESOURCE_LIST) {
      const fake = new RecordingTransport().withIms();
      const client = createFlowServiceClient({ environment: env, clientSecret: 's', transport: fake.transport, random: () => 0.5 });
      fake.on('GET', new RegExp(`${path}(\\?|$)`), (req) => {
        const token = new URL(req.url).searchParams.get('continuationToken');
        return token
          ? json(200, { items: [{ id: 'b' }], _links: {} })
          : json(200, { items: [{ id: 'a' }], _links: { next: { href: `${linkPathOf(resource)}?continuationToken=t2` } } });
      });
      const items = await client.listItems(resource, { property: ['id!=z'] });
      assert.deepEqual(items.map((item) => item.id), ['a', 'b'], resource);
      const gets = fake.requests.filter((r) => r.method === 'GET');
      assert.deepEqual(gets.map((r) => new URL(r.url).pathname), [path, path], resource);
      assert.ok(path.startsWith(root));
      assert.deepEqual(new URL(gets[1]!.url).searchParams.getAll('property'), ['id!=z'], 'the first request\'s filters go with the token');
    }
  });

  test('item paths encode the id', () => {
    assert.equal(flowResourcePath('runs', 'a/b', 'records'), `${FLOW_SERVICE_PATH}/runs/a%2Fb/records`);
  });
});

describe('the flow-resources table is the only place service paths are written', () => {
  function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return path.endsWith('.ts') ? [path] : [];
    });
  }

  test('no code outside core/api/flowResources.ts spells /data/foundation/…', () => {
    const offenders: string[] = [];
    for (const folder of ['core', 'client', 'cli', 'server', 'emulator']) {
      for (const file of sourceFiles(join(ROOT, folder))) {
        if (file.endsWith(join('core', 'api', 'flowResources.ts'))) continue;
        const code = readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
          .join('\n');
        if (code.includes('/data/foundation/')) offenders.push(relative(ROOT, file));
      }
    }
    assert.deepEqual(offenders, [], 'build these paths with flowResourcePath() / FLOW_SERVICE_PATH');
  });

  test('docs/emulator.md carries the table as rendered from it (npm run docs)', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'emulator.md'), 'utf8');
    const rendered = renderFlowResourcesTable();
    assert.ok(doc.includes(rendered), `docs/emulator.md lacks the current flow-resources table; run npm run docs. Expected:\n${rendered}`);
  });
});

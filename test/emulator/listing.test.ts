/**
 * Lists as real clients read them (issue 20 point 6): `_links` and `count` on every list, a `next.href` whose only
 * query parameter is a token without `=` (so taking the text after the first `=` pages to the end, filters and sort
 * kept), and `orderby` with `+`/`-` prefixes and a 400 naming an unknown field.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { FLOW_RESOURCE_LIST } from '../../core/api/flowResources';
import { startTestEmulator, type CallResult, type TestEmulator } from './helpers/emulator';
import { DATA_LAKE_SPEC_ID } from './helpers/chain';
import type { LooseJson } from '../helpers/looseJson';

const SANDBOX = 'listing';

function target(name: string, dataSetId: string): Record<string, unknown> {
  return { name, connectionSpec: { id: DATA_LAKE_SPEC_ID, version: '1.0' }, data: { format: 'parquet_xdm' }, params: { dataSetId } };
}

describe('emulator lists', () => {
  let emu: TestEmulator;
  /** Names in creation order: "t0" … "t6"; even ones write to dataset "even". */
  const names = ['t3', 't0', 't6', 't1', 't5', 't2', 't4'];

  before(async () => {
    emu = await startTestEmulator();
    for (const [index, name] of names.entries()) {
      const created = await emu.call('POST', '/targetConnections', { sandbox: SANDBOX, body: target(name, index % 2 === 0 ? 'even' : 'odd') });
      assert.equal(created.status, 201, created.text);
    }
  });
  after(async () => { await emu.close(); });

  test('every list of every resource carries _links and count, with or without items', async () => {
    for (const row of FLOW_RESOURCE_LIST) {
      for (const sandbox of [SANDBOX, 'empty-sandbox']) {
        const list = await emu.call('GET', row.path, { sandbox });
        assert.equal(list.status, 200, `${row.path}: ${list.text}`);
        assert.deepEqual(list.body._links, {}, `${row.path} in ${sandbox}: _links without next`);
        assert.equal(list.body.count, list.body.items.length, `${row.path}: count is the page's item count`);
      }
    }
  });

  test('a client that takes the text after the first "=" of next.href pages to the end, keeping its filters', async () => {
    const params = new URLSearchParams({ property: 'params.dataSetId==even', limit: '1' });
    const seen: string[] = [];
    let page = await emu.call('GET', `/targetConnections?${params}`, { sandbox: SANDBOX });
    for (;;) {
      assert.equal(page.status, 200, page.text);
      seen.push(...page.body.items.map((item: LooseJson) => item.name));
      const href: string | undefined = page.body._links.next?.href;
      if (!href) break;
      assert.match(href, /^\/targetConnections\?continuationToken=[A-Za-z0-9_-]+$/, 'the OpenAPI example form, token only, no "="');
      // The way aepp pages: the token is what follows the first "=", sent with the original parameters again.
      const token = href.split('=')[1]!;
      page = await emu.call('GET', `/targetConnections?${params}&continuationToken=${token}`, { sandbox: SANDBOX });
    }
    assert.deepEqual(seen, ['t3', 't6', 't5', 't4']);
  });

  test('following next.href alone keeps the filters, the sort and the page size', async () => {
    const seen: string[] = [];
    let path: string | undefined = '/targetConnections?property=params.dataSetId%3D%3Dodd&orderby=-name&limit=2';
    let pages = 0;
    while (path) {
      const page: CallResult = await emu.call('GET', path, { sandbox: SANDBOX });
      assert.equal(page.status, 200, page.text);
      assert.ok(page.body.items.length <= 2);
      seen.push(...page.body.items.map((item: LooseJson) => item.name));
      path = page.body._links.next?.href;
      pages++;
    }
    assert.equal(pages, 2);
    assert.deepEqual(seen, ['t2', 't1', 't0']);
  });

  test('a token sent with another filter or sort is refused; another limit changes the page size', async () => {
    const first = await emu.call('GET', '/targetConnections?orderby=name&limit=2', { sandbox: SANDBOX });
    const token = first.body._links.next.href.split('=')[1];
    const otherSort = await emu.call('GET', `/targetConnections?orderby=-name&continuationToken=${token}`, { sandbox: SANDBOX });
    assert.equal(otherSort.status, 400);
    assert.equal(otherSort.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1451-400');
    assert.match(otherSort.body.report['detailed-message'], /other orderby/);
    const otherFilter = await emu.call('GET', `/targetConnections?property=name%3D%3Dt1&continuationToken=${token}`, { sandbox: SANDBOX });
    assert.match(otherFilter.body.report['detailed-message'], /other property filters/);
    const bigger = await emu.call('GET', `/targetConnections?limit=10&continuationToken=${token}`, { sandbox: SANDBOX });
    assert.deepEqual(bigger.body.items.map((item: LooseJson) => item.name), ['t2', 't3', 't4', 't5', 't6']);
    assert.deepEqual(bigger.body._links, {});
    const forged = await emu.call('GET', '/targetConnections?continuationToken=abc%3D%3D', { sandbox: SANDBOX });
    assert.equal(forged.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1451-400');
  });

  test('orderby sorts ascending by default, with +, and descending with -; several fields; creation order without it', async () => {
    const order = async (query: string) => (await emu.call('GET', `/targetConnections?${query}`, { sandbox: SANDBOX })).body.items.map((item: LooseJson) => item.name);
    const sorted = [...names].sort();
    assert.deepEqual(await order(''), names);
    assert.deepEqual(await order('orderby=name'), sorted);
    assert.deepEqual(await order('orderby=%2Bname'), sorted);
    assert.deepEqual(await order('orderby=+name'), sorted, 'an unencoded + arrives as a space and still means ascending');
    assert.deepEqual(await order('orderby=-name'), [...sorted].reverse());
    assert.deepEqual(await order('orderby=-createdAt'), [...names].reverse());
    // Even datasets ("even" < "odd") first, each group by name.
    assert.deepEqual(await order('orderby=params.dataSetId,name'), ['t3', 't4', 't5', 't6', 't0', 't1', 't2']);
  });

  test('an unknown orderby field is a 400 naming it and the fields to use; a bad prefix too', async () => {
    const unknown = await emu.call('GET', '/flows?orderby=-bogusfield');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1433-400');
    assert.match(unknown.body.report['detailed-message'], /'bogusfield'.*flows.*createdAt/);
    const prefix = await emu.call('GET', '/runs?orderby=*createdAt');
    assert.equal(prefix.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1432-400');
    const specs = await emu.call('GET', '/flowSpecs?orderby=nope');
    assert.equal(specs.body.type, 'https://ns.adobe.com/aep/errors/FLOW-1433-400');
  });

  test('count=true answers the number of matching items', async () => {
    const counted = await emu.call('GET', '/targetConnections?count=true&property=params.dataSetId%3D%3Dodd', { sandbox: SANDBOX });
    assert.deepEqual(counted.body, { count: 3 });
  });
});

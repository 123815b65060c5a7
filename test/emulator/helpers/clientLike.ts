/**
 * Calls the emulator the way third-party Flow Service clients do, written by us from the OpenAPI and what those
 * clients are known to rely on: every list's `_links` is read as a required field, pages are followed by taking the
 * text after the first `=` of `_links.next.href` as the token and sending it with the original parameters, and a
 * target connection spec is looked up by name in the full list of connection specs.
 */
import assert from 'node:assert/strict';
import type { TestEmulator } from './emulator';
import type { LooseJson } from '../../helpers/looseJson';

/** What one list walk saw: every item and every page's body. */
export interface WalkedList {
  items: LooseJson[];
  pages: LooseJson[];
}

/**
 * Pages a list to the end as such clients do. `path` is relative to the Flow Service root or a full platform path;
 * `params` are sent with every request (the token is added after the first page). Fails like those clients fail
 * (a list without `_links`, an error status).
 */
export async function walkList(emu: TestEmulator, path: string, params: Record<string, string> = {}, sandbox?: string): Promise<WalkedList> {
  const items: LooseJson[] = [];
  const pages: LooseJson[] = [];
  const query = new URLSearchParams(params);
  for (let guard = 0; guard < 1000; guard++) {
    const response = await emu.call('GET', `${path}?${query}`, { sandbox });
    assert.equal(response.status, 200, `GET ${path}?${query}: ${response.text}`);
    const body = response.body;
    assert.ok(body && typeof body === 'object' && '_links' in body, `GET ${path}: the list has no _links (a client reading it fails)`);
    pages.push(body);
    items.push(...body.items);
    const href: unknown = body._links.next?.href;
    if (typeof href !== 'string' || href === '') return { items, pages };
    // The token is the text after the first "=" of the href.
    query.set('continuationToken', href.split('=')[1] ?? '');
  }
  throw new Error(`GET ${path}: more than 1000 pages`);
}

/** The id of the connection spec named `name`, built from the whole list the way such clients build their map. */
export async function connectionSpecIdByName(emu: TestEmulator, name: string, sandbox?: string): Promise<string | undefined> {
  const { items } = await walkList(emu, '/connectionSpecs', { limit: '1' }, sandbox);
  return new Map(items.map((spec) => [spec.name as string, spec.id as string])).get(name);
}

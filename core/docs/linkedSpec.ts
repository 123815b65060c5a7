/**
 * The connection spec id a documentation page names, read from the spec file's link in `.sources-sdk/links.json` on
 * disk (the CLI); which link wins is core/docs/linkChoice.ts.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { FileLinkStore, linksFilePath } from '../sync/links';
import { bestLinkedConnectionSpecId, type LinkedSpecId } from './linkChoice';

export type { LinkedSpecId } from './linkChoice';

/**
 * The best link of `filePath` to a connection spec in the store (see the module comment), or undefined. Throws the
 * store's error when links.json is invalid: the caller says so rather than writing a page without the id silently.
 */
export async function linkedConnectionSpecId(store: FileLinkStore, filePath: string): Promise<LinkedSpecId | undefined> {
  return bestLinkedConnectionSpecId(await store.readAll(), store.relativeKey(filePath));
}

/** The nearest folder at or above `filePath`'s folder that holds `.sources-sdk/links.json`. */
export function findLinksRoot(filePath: string): string | undefined {
  let dir = path.dirname(path.resolve(filePath));
  for (;;) {
    if (existsSync(linksFilePath(dir))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The connection spec id a documentation page names: the id the spec file is linked to in `.sources-sdk/links.json`.
 * Customers use the production id, so a link in `prod` wins, then `stage`, then any other remote platform; a link to
 * the local emulator is never used (its ids exist only on the author's machine).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { LOCAL_PLATFORM_IDENTITY } from '../config/environments';
import { FileLinkStore, linksFilePath } from '../sync/links';

/** A linked id and the environment key it is linked in (`prod|ACME@AdobeOrg|prod`). */
export interface LinkedSpecId {
  id: string;
  environment: string;
}

function rank(environment: string): number {
  const platform = environment.split('|')[0];
  if (platform === 'prod') return 0;
  if (platform === 'stage') return 1;
  return platform === LOCAL_PLATFORM_IDENTITY ? Number.POSITIVE_INFINITY : 2;
}

/**
 * The best link of `filePath` to a connection spec in the store (see the module comment), or undefined. Throws the
 * store's error when links.json is invalid: the caller says so rather than writing a page without the id silently.
 */
export async function linkedConnectionSpecId(store: FileLinkStore, filePath: string): Promise<LinkedSpecId | undefined> {
  const { environments } = await store.readAll();
  const key = store.relativeKey(filePath);
  const candidates = Object.entries(environments)
    .map(([environment, files]) => ({ environment, record: files[key] }))
    .filter((c) => c.record?.resource === 'connectionSpecs' && Number.isFinite(rank(c.environment)))
    .sort((a, b) => rank(a.environment) - rank(b.environment) || a.environment.localeCompare(b.environment));
  const best = candidates[0];
  return best ? { id: best.record!.remoteId, environment: best.environment } : undefined;
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

/**
 * Which link names the connection spec id on a documentation page: customers use the production id, so a link in
 * `prod` wins, then `stage`, then any other remote platform; a link to the local emulator is never used (its ids
 * exist only on the author's machine). Pure: the CLI reads links.json through core/sync/links.ts (linkedSpec.ts), the
 * editor through its workspace file system (desktop and browser alike).
 */
import { LOCAL_PLATFORM_IDENTITY } from '../config/environments';
import type { LinksFile } from '../sync/linksFile';

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
 * The best link to a connection spec of the file stored under `key` (its path relative to the links file's root,
 * forward slashes) in a validated links file (core/sync/linksFile.ts), or undefined.
 */
export function bestLinkedConnectionSpecId(links: LinksFile, key: string): LinkedSpecId | undefined {
  const candidates = Object.entries(links.environments)
    .map(([environment, files]) => ({ environment, record: files[key] }))
    .filter((c) => c.record?.resource === 'connectionSpecs' && Number.isFinite(rank(c.environment)))
    .sort((a, b) => rank(a.environment) - rank(b.environment) || a.environment.localeCompare(b.environment));
  const best = candidates[0];
  return best ? { id: best.record!.remoteId, environment: best.environment } : undefined;
}

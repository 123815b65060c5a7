/**
 * The one environment resolver, shared by the CLI (flags and `SOURCES_SDK_*` variables) and the extension (the
 * `sourcesSdk.environments` user setting): platform names to URLs, default scopes, sandbox spelling, and the stable
 * sync identity under which `links.json` records links. Both front ends build their {@link EnvironmentConfig} here,
 * so they send the same headers and find each other's links.
 */
import { isLoopbackHost } from '../transport/host';
import type { EnvironmentConfig } from '../api/types';

/** Named platforms: where the gateway and IMS of each Adobe platform are. */
export const PLATFORMS: Readonly<Record<'prod' | 'stage', { platformUrl: string; imsUrl: string }>> = {
  prod: { platformUrl: 'https://platform.adobe.io', imsUrl: 'https://ims-na1.adobelogin.com' },
  stage: { platformUrl: 'https://platform-stage.adobe.io', imsUrl: 'https://ims-na1-stg1.adobelogin.com' },
};

/** Scopes of the server-to-server token when none are configured (those of the platform's Postman environment). */
export const DEFAULT_SCOPES: readonly string[] = ['openid', 'session', 'AdobeID', 'read_organizations', 'additional_info.projectedProductContext'];

/** Sandbox used when none is given: the platform's default production sandbox. */
export const DEFAULT_SANDBOX = 'prod';

/** Sync identity of every loopback platform: the local emulator is one environment whatever its port. */
export const LOCAL_PLATFORM_IDENTITY = 'local';

/**
 * The sandbox as the platform names it: trimmed and lower-case (sandbox names are lower-case on the platform, so
 * `Dev` and `dev` are the same sandbox); empty means {@link DEFAULT_SANDBOX}.
 */
export function normalizeSandbox(sandbox: string | undefined): string {
  const trimmed = (sandbox ?? '').trim().toLowerCase();
  return trimmed || DEFAULT_SANDBOX;
}

/** `https://host/` → `https://host` (URLs are compared and joined without a trailing slash). */
export function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** True for http(s) URLs whose host is loopback. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && isLoopbackHost(parsed.hostname);
  } catch {
    return false;
  }
}

/**
 * Gateway and IMS URLs of a platform given as `prod`, `stage` or a URL (a URL is its own IMS unless `imsUrl` says
 * otherwise). Undefined for anything else; the caller words the error in its own terms (setting or flag).
 */
export function platformUrls(platform: string): { platformUrl: string; imsUrl: string } | undefined {
  const trimmed = platform.trim();
  if (trimmed === 'prod' || trimmed === 'stage') return PLATFORMS[trimmed];
  try {
    const parsed = new URL(trimmed);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  } catch {
    return undefined;
  }
  const url = stripTrailingSlash(trimmed);
  return { platformUrl: url, imsUrl: url };
}

/** What either front end knows about an environment before resolution. */
export interface EnvironmentInput {
  /** Display name; default derived from the platform and sandbox. */
  name?: string;
  /** `prod`, `stage` or a gateway URL; default `prod`. */
  platform?: string;
  /** Overrides the platform's IMS URL. */
  imsUrl?: string;
  orgId: string;
  clientId: string;
  sandbox?: string;
  /** Scope list; empty or missing means {@link DEFAULT_SCOPES}. */
  scopes?: readonly string[];
}

/**
 * Builds the environment both front ends use: URLs of the platform, default scopes, sandbox normalised. Throws a
 * plain Error naming `platform` when it is neither a named platform nor a URL (callers re-word it).
 */
export function resolveEnvironment(input: EnvironmentInput): EnvironmentConfig {
  const platform = (input.platform ?? '').trim() || 'prod';
  const urls = platformUrls(platform);
  if (!urls) throw new Error(`platform must be "prod", "stage" or an http(s) URL, got "${platform}"`);
  const sandbox = normalizeSandbox(input.sandbox);
  const scopes = input.scopes && input.scopes.length > 0 ? [...input.scopes] : [...DEFAULT_SCOPES];
  const imsUrl = input.imsUrl && input.imsUrl.trim() ? stripTrailingSlash(input.imsUrl.trim()) : urls.imsUrl;
  return {
    name: input.name?.trim() || `${platformIdentity(urls.platformUrl)} / ${sandbox}`,
    platformUrl: urls.platformUrl,
    imsUrl,
    orgId: input.orgId.trim(),
    clientId: input.clientId.trim(),
    sandbox,
    scopes,
  };
}

/**
 * The stable name of the place a gateway URL points at: `prod` / `stage` for the Adobe platforms, `local` for any
 * loopback URL (the emulator gets a new port per run while its data persists), else the URL without trailing slash.
 */
export function platformIdentity(platformUrl: string): string {
  const url = stripTrailingSlash(platformUrl.trim());
  for (const [name, urls] of Object.entries(PLATFORMS)) if (url === urls.platformUrl) return name;
  if (isLoopbackUrl(url)) return LOCAL_PLATFORM_IDENTITY;
  return url;
}

/**
 * Sync identity of an environment and sandbox: `<platform identity>|<org>|<sandbox>`, e.g. `local|LOCAL@AdobeOrg|dev`
 * or `prod|ACME@AdobeOrg|dev`. It names where the data lives, not how it is reached: independent of the emulator's
 * port, of the environment's display name and of the sandbox's spelling, so links survive restarts and the CLI and
 * the extension share them.
 */
export function syncIdentity(environment: Pick<EnvironmentConfig, 'platformUrl' | 'orgId' | 'sandbox'>): string {
  return `${platformIdentity(environment.platformUrl)}|${environment.orgId.trim()}|${normalizeSandbox(environment.sandbox)}`;
}

/**
 * The current identity of a `links.json` environment key written by an older version (`<platform URL>|org|sandbox`,
 * port and sandbox spelling included); current keys come back unchanged. Undefined when the key is not of either form.
 */
export function migrateSyncIdentity(key: string): string | undefined {
  const parts = key.split('|');
  if (parts.length < 3) return undefined;
  const sandbox = parts[parts.length - 1]!;
  const orgId = parts[parts.length - 2]!;
  const platform = parts.slice(0, -2).join('|');
  if (!platform || !orgId) return undefined;
  return `${platformIdentity(platform)}|${orgId}|${normalizeSandbox(sandbox)}`;
}

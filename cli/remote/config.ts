/**
 * Environment configuration for the remote commands: flags first, then `SOURCES_SDK_*` variables. The client secret
 * comes ONLY from `SOURCES_SDK_CLIENT_SECRET`: a flag would end up in shell history and process listings.
 */
import type { EnvironmentConfig } from '../../core/api/types';
import { DEFAULT_SCOPES, PLATFORMS, resolveEnvironment } from '../../core/config/environments';

export const DEFAULT_PLATFORM_URL = PLATFORMS.prod.platformUrl;
export const DEFAULT_IMS_URL = PLATFORMS.prod.imsUrl;
export { DEFAULT_SCOPES };

/** Flags shared by pull, push, diff and register. */
export interface ConnectionFlags {
  platformUrl?: string;
  imsUrl?: string;
  orgId?: string;
  clientId?: string;
  sandbox?: string;
  scopes?: string;
}

/** A configuration problem: exit code 2 with a message naming the variable or flag. */
export class ConfigError extends Error {}

export interface ResolvedConfig {
  environment: EnvironmentConfig;
  clientSecret: string;
}

/** Builds the environment from flags and `env`; throws ConfigError naming what is missing. */
export function resolveConfig(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  const pick = (flag: string | undefined, variable: string) => (flag ?? env[variable] ?? '').trim() || undefined;
  const orgId = pick(flags.orgId, 'SOURCES_SDK_ORG_ID');
  const clientId = pick(flags.clientId, 'SOURCES_SDK_CLIENT_ID');
  // Trimmed: a secret exported from a file (`$(cat secret)` in some shells, CI secret stores) may end in a newline.
  const clientSecret = (env.SOURCES_SDK_CLIENT_SECRET ?? '').trim();
  const missing: string[] = [];
  if (!clientId) missing.push('SOURCES_SDK_CLIENT_ID (or --client-id)');
  if (!clientSecret) missing.push('SOURCES_SDK_CLIENT_SECRET (environment variable only)');
  if (!orgId) missing.push('SOURCES_SDK_ORG_ID (or --org-id)');
  if (missing.length > 0) throw new ConfigError(`missing configuration: set ${missing.join(', ')}`);
  // `prod` and `stage` name the Adobe platforms; anything else must be a URL.
  const platform = pick(flags.platformUrl, 'SOURCES_SDK_PLATFORM_URL') ?? 'prod';
  const imsUrl = pick(flags.imsUrl, 'SOURCES_SDK_IMS_URL');
  for (const [name, value] of [['SOURCES_SDK_PLATFORM_URL (--platform-url)', platform], ['SOURCES_SDK_IMS_URL (--ims-url)', imsUrl]] as const) {
    if (value === undefined || value === 'prod' || value === 'stage') continue;
    try {
      new URL(value);
    } catch {
      throw new ConfigError(`${name} is not a valid URL: ${value}`);
    }
  }
  const scopesText = pick(flags.scopes, 'SOURCES_SDK_SCOPES');
  const scopes = scopesText ? scopesText.split(/[\s,]+/).filter(Boolean) : undefined;
  // The same resolver as the extension: same URLs, default scopes and sandbox spelling, so the same link keys.
  const environment = resolveEnvironment({ platform, imsUrl, orgId: orgId!, clientId: clientId!, sandbox: pick(flags.sandbox, 'SOURCES_SDK_SANDBOX'), scopes });
  return { environment, clientSecret };
}

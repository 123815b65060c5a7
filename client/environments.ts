/**
 * Environment resolution from settings. Pure (no `vscode` import) so it is unit-tested with plain objects:
 * the extension passes in what `WorkspaceConfiguration.inspect()` returned.
 */
import { isCredentialHostAllowed } from '../core/transport/policy';
import { DEFAULT_SCOPES, isLoopbackUrl, PLATFORMS, resolveEnvironment, stripTrailingSlash, syncIdentity } from '../core/config/environments';
import type { EnvironmentConfig } from '../core/api/types';
import { defaultSpecFileName as defaultFileNameOfKind, kindInfoOfResource, type SpecResource } from '../core/spec/kinds';

/** Name of the built-in environment backed by the bundled (or an external) emulator. */
export const LOCAL_EMULATOR_NAME = 'Local emulator';
/** Dummy credentials the extension uses against the emulator; never valid anywhere else. */
export const LOCAL_EMULATOR_CLIENT_ID = 'sources-sdk-local-client';
export const LOCAL_EMULATOR_CLIENT_SECRET = 'sources-sdk-local-secret';
export const LOCAL_EMULATOR_ORG_ID = 'LOCAL@AdobeOrg';
export { DEFAULT_SCOPES, isLoopbackUrl };

/** One entry of the `sourcesSdk.environments` user setting, as typed by the user. */
export interface EnvironmentSetting {
  name: string;
  platform: string;
  orgId: string;
  clientId: string;
  sandbox?: string;
  scopes?: string[];
  imsUrl?: string;
}

/** The subset of `WorkspaceConfiguration.inspect()` we read. */
export interface InspectedSetting<T> {
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
  defaultValue?: T;
}

/** A resolved environment: what the API client needs plus how to reach its emulator. */
export interface ResolvedEnvironment {
  config: EnvironmentConfig;
  /** True for the built-in "Local emulator" (URL filled in once the emulator runs). */
  isLocalEmulator: boolean;
  /** Key of this environment and sandbox in `links.json` (core's stable sync identity, known before the emulator runs). */
  syncIdentity: string;
}

export interface EnvironmentSettings {
  /** Valid environments from user settings, plus the built-in local emulator first. */
  environments: ResolvedEnvironment[];
  /** Problems a user should hear about (bad entries, workspace-level values ignored). */
  warnings: string[];
}

/** Turns one user entry into an environment, or explains why it cannot be used. */
export function resolveEnvironmentSetting(entry: unknown): ResolvedEnvironment | string {
  if (!entry || typeof entry !== 'object') return 'an entry of sourcesSdk.environments is not an object';
  const e = entry as Partial<EnvironmentSetting>;
  const label = typeof e.name === 'string' && e.name.trim() ? e.name.trim() : undefined;
  if (!label) return 'an entry of sourcesSdk.environments has no name';
  if (label === LOCAL_EMULATOR_NAME) return `environment "${label}": the name is reserved for the built-in emulator`;
  for (const field of ['platform', 'orgId', 'clientId'] as const) {
    if (typeof e[field] !== 'string' || !(e[field] as string).trim()) return `environment "${label}": "${field}" is missing`;
  }
  const platform = (e.platform as string).trim();
  // Settings accept the named platforms and loopback only: a settings entry never points credentials elsewhere.
  if (!(platform in PLATFORMS) && !isLoopbackUrl(platform)) {
    return `environment "${label}": platform must be "prod", "stage" or a loopback URL such as http://127.0.0.1:4141`;
  }
  const scopes = Array.isArray(e.scopes) && e.scopes.every((s) => typeof s === 'string') ? e.scopes : undefined;
  const config = resolveEnvironment({
    name: label, platform, imsUrl: typeof e.imsUrl === 'string' ? e.imsUrl : undefined, orgId: e.orgId as string,
    clientId: e.clientId as string, sandbox: typeof e.sandbox === 'string' ? e.sandbox : undefined, scopes,
  });
  if (!isCredentialHostAllowed(config.imsUrl)) {
    return `environment "${label}": imsUrl ${config.imsUrl} is refused: only https Adobe hosts and loopback receive credentials`;
  }
  return { isLocalEmulator: false, config, syncIdentity: syncIdentity(config) };
}

/** The built-in emulator environment; `url` is empty until the emulator runs. */
export function localEmulatorEnvironment(url: string, sandbox: string): ResolvedEnvironment {
  const config = resolveEnvironment({
    name: LOCAL_EMULATOR_NAME, platform: 'http://127.0.0.1', orgId: LOCAL_EMULATOR_ORG_ID, clientId: LOCAL_EMULATOR_CLIENT_ID,
    sandbox: sandbox.trim() || 'dev',
  });
  // Until the emulator runs there is no URL; the sync identity of any loopback URL is the same `local` anyway.
  return { isLocalEmulator: true, config: { ...config, platformUrl: url, imsUrl: url }, syncIdentity: syncIdentity(config) };
}

/**
 * Reads `sourcesSdk.environments` from USER settings only. Endpoints in a workspace's settings are ignored because
 * a cloned repository must never redirect tokens or secrets to a host of its choosing.
 */
export function resolveEnvironments(
  inspected: InspectedSetting<unknown> | undefined,
  localSandbox: string,
  localUrl = '',
): EnvironmentSettings {
  const warnings: string[] = [];
  if (inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined) {
    warnings.push('sourcesSdk.environments in workspace settings is ignored: environments are read from user settings only.');
  }
  const environments: ResolvedEnvironment[] = [localEmulatorEnvironment(localUrl, localSandbox)];
  const raw = inspected?.globalValue;
  if (raw !== undefined && !Array.isArray(raw)) warnings.push('sourcesSdk.environments must be an array.');
  const seen = new Set<string>([LOCAL_EMULATOR_NAME]);
  for (const entry of Array.isArray(raw) ? raw : []) {
    const resolved = resolveEnvironmentSetting(entry);
    if (typeof resolved === 'string') {
      warnings.push(resolved);
    } else if (seen.has(resolved.config.name)) {
      warnings.push(`environment "${resolved.config.name}" is defined twice; the first one is used`);
    } else {
      seen.add(resolved.config.name);
      environments.push(resolved);
    }
  }
  return { environments, warnings };
}

/** Picks the active environment by name, falling back to the local emulator. */
export function pickActiveEnvironment(environments: ResolvedEnvironment[], name: string | undefined): ResolvedEnvironment {
  return environments.find((e) => e.config.name === name) ?? environments[0];
}

/** Reads an application-scoped string setting from user settings only (workspace values ignored). */
export function userValue<T>(inspected: InspectedSetting<T> | undefined): T | undefined {
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/** The external emulator URL to use instead of starting one: setting first, then env var; loopback only. */
export function externalEmulatorUrl(settingValue: string | undefined, envValue: string | undefined): string | undefined {
  for (const candidate of [settingValue, envValue]) {
    if (candidate && candidate.trim() && isLoopbackUrl(candidate.trim())) return stripTrailingSlash(candidate.trim());
  }
  return undefined;
}

/** Status bar presentation of the active environment. */
export interface StatusBarPresentation {
  text: string;
  tooltip: string;
  /** Highlight when the sandbox is `prod`: changes there hit real data. */
  warning: boolean;
}

export function statusBarPresentation(env: EnvironmentConfig): StatusBarPresentation {
  const isProd = env.sandbox === 'prod';
  const icon = isProd ? '$(warning)' : '$(cloud)';
  const where = env.platformUrl || 'not started';
  return {
    text: `${icon} ${env.name} · ${env.sandbox}`,
    tooltip: `Sources SDK environment "${env.name}", sandbox ${env.sandbox} (${where}). Click to switch.`,
    warning: isProd,
  };
}

/** SecretStorage key of an environment's client secret. */
export function clientSecretKey(envName: string): string {
  return `sourcesSdk.clientSecret.${envName}`;
}

/** File name a fetched spec is saved under by default: `<safe name>-connectionSpec.json` (the kind table's rule). */
export function defaultSpecFileName(name: string, resource: SpecResource): string {
  return defaultFileNameOfKind(name, kindInfoOfResource(resource).kind);
}

/** Name of the entry *Add Environment…* writes; a number is appended while the name is taken. */
export const NEW_ENVIRONMENT_NAME = 'New environment';

/**
 * The template entry *Add Environment…* adds to `sourcesSdk.environments`: valid against the setting's schema, with
 * placeholders the user replaces (`YOUR_ORG_ID@AdobeOrg`, `YOUR_CLIENT_ID`) and a name no other entry uses.
 */
export function environmentTemplate(takenNames: readonly string[]): EnvironmentSetting {
  const taken = new Set([LOCAL_EMULATOR_NAME, ...takenNames]);
  let name = NEW_ENVIRONMENT_NAME;
  for (let n = 2; taken.has(name); n++) name = `${NEW_ENVIRONMENT_NAME} ${n}`;
  return { name, platform: 'stage', orgId: 'YOUR_ORG_ID@AdobeOrg', clientId: 'YOUR_CLIENT_ID', sandbox: 'dev' };
}

/**
 * The one table of the extension's settings (section `sourcesSdk`): id, default, scope, and whether an untrusted
 * workspace may set it. The extension (client/settings.ts), the language server (server/documentKinds.ts) and core
 * code that takes a setting as input read their ids and defaults here; test/unit/settings.test.ts ties the table to
 * `package.json`'s `contributes.configuration` (keys, types, defaults, scopes) and to the restricted list of
 * `capabilities.untrustedWorkspaces`. Pure data, no `vscode` import.
 *
 * Adding a setting: a row here, its entry (with its description) in package.json's `contributes.configuration`, and
 * the code that reads it through `readSetting` (client/settings.ts) or `settingFrom` (the server).
 */
import { DEFAULT_LIMITS } from '../run/types';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../transport/policy';

/** Where a setting may be set: `application` = user settings only (VS Code ignores workspace values). */
export type SettingScope = 'application' | 'window' | 'resource';

/** One setting. */
export interface SettingSpec<T> {
  /** Value when the user set none, or set one of the wrong type. */
  default: T;
  scope: SettingScope;
  /**
   * Listed in `capabilities.untrustedWorkspaces.restrictedConfigurations`: settings that point credentials somewhere.
   * Application-scoped settings are read from user settings only in any case.
   */
  restricted?: true;
}

function setting<T>(spec: SettingSpec<T>): SettingSpec<T> {
  return spec;
}

/** The section every setting lives under (`sourcesSdk.<id>`). */
export const SETTINGS_SECTION = 'sourcesSdk';

/** The table. */
export const SETTINGS = {
  /** Treat other `.json` files as specs when their content clearly is one. */
  detectByContent: setting({ default: true, scope: 'resource' }),
  /** Flow Service environments (client/environments.ts resolves the entries). */
  environments: setting<unknown[]>({ default: [], scope: 'application', restricted: true }),
  /** Name of the environment the remote commands use; by default the built-in local emulator. */
  activeEnvironment: setting({ default: 'Local emulator', scope: 'application', restricted: true }),
  /** An already-running emulator to use instead of starting the bundled one (loopback only). */
  'localEmulator.url': setting({ default: '', scope: 'application', restricted: true }),
  /** Sandbox used with the local emulator. */
  'localEmulator.sandbox': setting({ default: 'dev', scope: 'application', restricted: true }),
  /** The CodeLens line atop spec files. */
  'codeLens.enabled': setting({ default: true, scope: 'window' }),
  /** Most MiB Preview Source reads from one response of a source (the transport's own default). */
  'preview.maxResponseMegabytes': setting({ default: DEFAULT_MAX_RESPONSE_BYTES / (1024 * 1024), scope: 'window' }),
  /** Most MiB of records Preview Source keeps (the engine's own default). */
  'preview.maxRecordsMegabytes': setting({ default: DEFAULT_LIMITS.maxRecordBytes / (1024 * 1024), scope: 'window' }),
};

/** A setting's id below the section (`detectByContent`, `localEmulator.url`). */
export type SettingId = keyof typeof SETTINGS;
/** The type of a setting's value. */
export type SettingValue<K extends SettingId> = (typeof SETTINGS)[K]['default'];

/** Every setting id, in table order. */
export const SETTING_IDS = Object.keys(SETTINGS) as SettingId[];

/** The full key as users write it (`sourcesSdk.detectByContent`). */
export function settingKey(id: SettingId): string {
  return `${SETTINGS_SECTION}.${id}`;
}

/** The JSON type of a value as package.json's `contributes.configuration` names it. */
export function jsonTypeOf(value: unknown): 'array' | 'boolean' | 'string' | 'number' | 'object' | 'null' {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value as 'boolean' | 'string' | 'number' | 'object';
}

/** `value` when it has the type of the setting's default, else the default (a mistyped user value is ignored). */
export function settingOrDefault<K extends SettingId>(id: K, value: unknown): SettingValue<K> {
  const fallback = SETTINGS[id].default;
  return (value !== undefined && jsonTypeOf(value) === jsonTypeOf(fallback) ? value : fallback) as SettingValue<K>;
}

/**
 * A setting from the object a configuration pull returned for the section (the language server's
 * `workspace/configuration`, whose keys nest: `{ localEmulator: { url } }`).
 */
export function settingFrom<K extends SettingId>(section: unknown, id: K): SettingValue<K> {
  let value: unknown = section;
  for (const part of id.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return settingOrDefault(id, value);
}

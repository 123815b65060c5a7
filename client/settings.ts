/**
 * The extension's one reader and writer of its settings: typed by the settings table (core/config/settings.ts), so
 * no code names a setting by a free string or repeats a default. Application-scoped settings (endpoints, the active
 * environment) are read from user settings only: a cloned repository must never redirect tokens or secrets.
 */
import * as vscode from 'vscode';
import {
  SETTINGS, SETTINGS_SECTION, SETTING_IDS, settingKey, settingOrDefault, type SettingId, type SettingValue,
} from '../core/config/settings';
import {
  pickActiveEnvironment, resolveEnvironments, userValue, type EnvironmentSettings, type InspectedSetting, type ResolvedEnvironment,
} from './environments';

/** A setting's value for `resource` (or the window): user value of an application setting, else the effective one. */
export function readSetting<K extends SettingId>(id: K, resource?: vscode.Uri): SettingValue<K> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, resource);
  if (SETTINGS[id].scope === 'application') return settingOrDefault(id, userValue(config.inspect(id)));
  return settingOrDefault(id, config.get(id));
}

/** What VS Code knows of a setting at each level (environments.ts resolves the environment list from it). */
export function inspectSetting<K extends SettingId>(id: K): InspectedSetting<unknown> | undefined {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect(id);
}

/** Writes a setting to the user settings. */
export async function writeUserSetting<K extends SettingId>(id: K, value: SettingValue<K>): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(id, value, vscode.ConfigurationTarget.Global);
}

/** User-only settings that a workspace sets anyway (ignored: they are read from user settings only). */
export function ignoredWorkspaceSettings(): SettingId[] {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return SETTING_IDS.filter((id) => {
    if (SETTINGS[id].scope !== 'application') return false;
    const inspected = config.inspect(id);
    return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
  });
}

/** Whether a configuration change touches a setting (all of them without `id`). */
export function affectsSetting(event: vscode.ConfigurationChangeEvent, id?: SettingId): boolean {
  return event.affectsConfiguration(id ? settingKey(id) : SETTINGS_SECTION);
}

/**
 * The environments of the user settings (the built-in emulator first, reachable at `localUrl` once it runs), the
 * active one, and what the user should hear about: bad entries, and user-only settings a workspace sets anyway.
 */
export function environmentsFromSettings(localUrl = ''): EnvironmentSettings & { active: ResolvedEnvironment } {
  const { environments, warnings } = resolveEnvironments(inspectSetting('environments'), readSetting('localEmulator.sandbox'), localUrl);
  for (const id of ignoredWorkspaceSettings()) {
    // resolveEnvironments words its own warning for the environment list.
    if (id !== 'environments') warnings.push(`${settingKey(id)} in workspace settings is ignored: it is read from user settings only.`);
  }
  return { environments, warnings, active: pickActiveEnvironment(environments, readSetting('activeEnvironment')) };
}

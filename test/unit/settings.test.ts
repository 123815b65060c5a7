/**
 * The settings table (core/config/settings.ts) is the one home of the extension's settings: package.json's
 * `contributes.configuration` declares exactly its rows (key, type, default, scope), the untrusted-workspace
 * restrictions follow its `restricted` column, and no other code reads the configuration by a free string.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  SETTINGS, SETTING_IDS, jsonTypeOf, settingFrom, settingKey, settingOrDefault,
} from '../../core/config/settings';

const ROOT = join(__dirname, '..', '..');
interface Manifest {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: { configuration: { title: string; properties: Record<string, { type: string; default: unknown; scope: string }> } };
}
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const declared = manifest.contributes.configuration.properties;

describe('settings table and package.json', () => {
  test('package.json declares exactly the settings of the table, in its order', () => {
    assert.deepEqual(Object.keys(declared), SETTING_IDS.map(settingKey));
    assert.equal(manifest.contributes.configuration.title, 'Sources SDK');
  });

  test('each declaration has the table\'s default, scope and the type of the default', () => {
    for (const id of SETTING_IDS) {
      const property = declared[settingKey(id)];
      assert.deepEqual(property.default, SETTINGS[id].default, `${id} default`);
      assert.equal(property.scope, SETTINGS[id].scope, `${id} scope`);
      assert.equal(property.type, jsonTypeOf(SETTINGS[id].default), `${id} type`);
    }
  });

  test('the settings an untrusted workspace may not set are the table\'s restricted ones, all user-only', () => {
    const restricted = SETTING_IDS.filter((id) => 'restricted' in SETTINGS[id]);
    assert.deepEqual([...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), restricted.map(settingKey).sort());
    for (const id of restricted) assert.equal(SETTINGS[id].scope, 'application', `${id}: endpoints are read from user settings only`);
  });
});

describe('reading a setting', () => {
  test('a value of the wrong type falls back to the default; a value of the right type is kept', () => {
    assert.equal(settingOrDefault('detectByContent', false), false);
    assert.equal(settingOrDefault('detectByContent', 'no'), true);
    assert.equal(settingOrDefault('localEmulator.sandbox', undefined), 'dev');
    assert.deepEqual(settingOrDefault('environments', { name: 'x' }), []);
  });

  test('the server\'s configuration pull nests dotted ids; missing sections give defaults', () => {
    const section = { detectByContent: false, localEmulator: { url: 'http://127.0.0.1:4141' }, codeLens: { enabled: 'yes' } };
    assert.equal(settingFrom(section, 'detectByContent'), false);
    assert.equal(settingFrom(section, 'localEmulator.url'), 'http://127.0.0.1:4141');
    assert.equal(settingFrom(section, 'localEmulator.sandbox'), 'dev');
    assert.equal(settingFrom(section, 'codeLens.enabled'), true);
    assert.equal(settingFrom(null, 'detectByContent'), true);
  });

  test('only the two readers ask the editor for the configuration (client/settings.ts, server/documentKinds.ts)', () => {
    const readers: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && readFileSync(path, 'utf8').includes('getConfiguration(')) readers.push(relative(ROOT, path));
      }
    };
    for (const folder of ['client', 'server', 'core', 'cli', 'emulator']) walk(join(ROOT, folder));
    assert.deepEqual(readers.sort(), ['client/settings.ts', 'server/documentKinds.ts']);
  });
});

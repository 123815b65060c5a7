import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMAND_IDS } from '../../client/commandTable';
import { canonicalJson, orderKeysLike, parseRemoteDocumentPath, parseSpecObject, remoteDocumentPath, stringifyLike } from '../../client/specText';
import { DEFAULT_LIMITS } from '../../core/run/types';

interface Manifest {
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
  contributes: {
    commands: Array<{ command: string; title: string; category: string; enablement?: string }>;
    menus: Record<string, Array<{ command: string; when?: string; group?: string }>>;
    views: Record<string, Array<{ id: string }>>;
    viewsContainers: { activitybar: Array<{ id: string; icon: string }> };
    configuration: { properties: Record<string, { scope?: string; default?: unknown }> };
    languages: Array<{ id: string }>;
  };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;

describe('client manifest (package.json contributes)', () => {
  test('every registered command is contributed under the "Sources SDK" category, and nothing else', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, [...COMMAND_IDS].sort());
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'Sources SDK', c.command);
  });

  test('menus only reference contributed commands', () => {
    const known = new Set<string>(COMMAND_IDS);
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(known.has(item.command), `${menu}: ${item.command}`);
    }
  });

  test('remote-changing commands are hidden and disabled in untrusted workspaces', () => {
    for (const id of ['sourcesSdk.uploadSpec', 'sourcesSdk.registerInFlowSpec', 'sourcesSdk.startEmulator', 'sourcesSdk.previewSource', 'sourcesSdk.promoteSpec']) {
      const command = manifest.contributes.commands.find((c) => c.command === id);
      assert.match(command?.enablement ?? '', /isWorkspaceTrusted/, `${id} enablement`);
      for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
        for (const item of items.filter((i) => i.command === id)) assert.match(item.when ?? '', /isWorkspaceTrusted/, `${menu} ${id}`);
      }
    }
  });

  test('the Flow Service view\'s right-click menu offers every inline action of an item, under the same conditions', () => {
    const items = manifest.contributes.menus['view/item/context'];
    const inline = items.filter((i) => i.group?.startsWith('inline'));
    const contextMenu = items.filter((i) => !i.group?.startsWith('inline'));
    assert.ok(inline.length >= 4, 'open, fetch (two kinds), compare');
    for (const action of inline) {
      assert.ok(contextMenu.some((i) => i.command === action.command && i.when === action.when), `${action.command} when ${action.when}`);
    }
    assert.equal(contextMenu.length, inline.length, 'nothing in the menu that has no icon');
    for (const item of contextMenu) assert.match(item.group ?? '', /^\d+_\w+@\d+$/, `${item.command} sits in an ordered group`);
  });

  test('a read-only remote document offers "save to workspace" (the fetch command of its kind) in its title bar', () => {
    const titles = manifest.contributes.menus['editor/title'];
    for (const [command, resource] of [['sourcesSdk.fetchConnectionSpec', 'connectionSpecs'], ['sourcesSdk.fetchFlowSpec', 'flowSpecs']]) {
      const item = titles.find((i) => i.command === command);
      assert.match(item?.when ?? '', /resourceScheme == sources-sdk-remote/, command);
      assert.ok(item?.when?.includes(`/^\\/${resource}\\//`), `${command}: ${item?.when}`);
    }
  });

  test('endpoint settings are user-only (application scope) and restricted in untrusted workspaces', () => {
    const props = manifest.contributes.configuration.properties;
    for (const key of ['sourcesSdk.environments', 'sourcesSdk.activeEnvironment', 'sourcesSdk.localEmulator.url', 'sourcesSdk.localEmulator.sandbox']) {
      assert.equal(props[key]?.scope, 'application', key);
      assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations?.includes(key), key);
    }
    assert.equal(props['sourcesSdk.activeEnvironment'].default, 'Local emulator');
    assert.equal(props['sourcesSdk.localEmulator.sandbox'].default, 'dev');
    assert.equal(props['sourcesSdk.codeLens.enabled'].default, true);
    // The editor's record cap starts where the engine's does.
    assert.equal(props['sourcesSdk.preview.maxRecordsMegabytes'].default, DEFAULT_LIMITS.maxRecordBytes / (1024 * 1024));
  });

  test('Flow Service view lives in its own activity bar container; spec languages kept', () => {
    assert.equal(manifest.contributes.viewsContainers.activitybar[0].id, 'sourcesSdk');
    assert.deepEqual(manifest.contributes.views.sourcesSdk.map((v) => v.id), ['sourcesSdk.flowService']);
    const ids = manifest.contributes.languages.map((l) => l.id);
    assert.ok(ids.includes('sources-sdk-connection-spec') && ids.includes('sources-sdk-flow-spec'));
    assert.ok(manifest.activationEvents.includes('onLanguage:json'));
    // Panels restored after a window reload activate the extension, whose serializers redraw them.
    for (const viewType of ['sourcesSdk.preview', 'sourcesSdk.cardPreview']) assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${viewType}`), viewType);
    readFileSync(manifest.contributes.viewsContainers.activitybar[0].icon); // the icon file exists
  });
});

describe('client spec text helpers', () => {
  test('orderKeysLike follows the local key order, recursively, keeping extra keys', () => {
    const remote = { b: 1, a: { y: 2, x: 1 }, list: [{ q: 1, p: 2 }], extra: true };
    const local = { a: { x: 0, y: 0 }, list: [{ p: 0, q: 0 }], b: 0 };
    const ordered = orderKeysLike(remote, local);
    assert.equal(JSON.stringify(ordered), '{"a":{"x":1,"y":2},"list":[{"p":2,"q":1}],"b":1,"extra":true}');
  });

  test('stringifyLike keeps the local indentation and line endings', () => {
    assert.equal(stringifyLike({ a: 1 }, '{\r\n\t"a": 2\r\n}'), '{\r\n\t"a": 1\r\n}\r\n');
    assert.equal(stringifyLike({ a: 1 }, '{\n    "a": 2\n}'), '{\n    "a": 1\n}\n');
    assert.equal(stringifyLike({ a: 1 }, ''), '{\n  "a": 1\n}\n');
  });

  test('remote document paths round-trip and end in a spec file name (what Save As proposes); odd names are made safe', () => {
    const path = remoteDocumentPath('connectionSpecs', 'abc-123', 'My source / v2');
    assert.equal(path, '/connectionSpecs/abc-123/My-source-v2-connectionSpec.json');
    assert.deepEqual(parseRemoteDocumentPath(path), { resource: 'connectionSpecs', id: 'abc-123' });
    assert.equal(remoteDocumentPath('flowSpecs', 'f 1', 'RestStorageToAEP'), '/flowSpecs/f%201/RestStorageToAEP-flowSpec.json');
    assert.deepEqual(parseRemoteDocumentPath('/flowSpecs/f%201/RestStorageToAEP-flowSpec.json'), { resource: 'flowSpecs', id: 'f 1' });
    assert.equal(parseRemoteDocumentPath('/other/x/y.json'), undefined);
  });

  test('canonicalJson ignores formatting, keeps key order, and rejects non-JSON', () => {
    assert.equal(canonicalJson('{\n    "a": 1,\n    "b": [1, 2]\n}\n'), canonicalJson('{"a":1,"b":[1,2]}'));
    assert.notEqual(canonicalJson('{"a":1,"b":2}'), canonicalJson('{"b":2,"a":1}'));
    assert.equal(canonicalJson('{ not json'), undefined);
  });

  test('parseSpecObject accepts only JSON objects', () => {
    assert.deepEqual(parseSpecObject('{"name":"x"}'), { name: 'x' });
    assert.equal(parseSpecObject('[1]'), undefined);
    assert.equal(parseSpecObject('{oops'), undefined);
  });
});

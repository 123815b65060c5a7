/**
 * The command table (client/commandTable.ts) is the one home of the extension's commands: package.json's commands
 * and menus are what it generates, and the guards (Node only, trusted workspace) come from its columns.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, COMMAND_IDS, NODE_ONLY_WHEN, TRUSTED_WHEN, commandRow, type CommandRow } from '../../client/commandTable';
import { commandContributions, withCommandContributions } from '../../client/commandManifest';

const ROOT = join(__dirname, '..', '..');
const manifestText = readFileSync(join(ROOT, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as { contributes: { commands: unknown; menus: unknown } };

describe('command table and package.json', () => {
  test('package.json\'s commands and menus are exactly what the table generates (run `npm run manifest` after editing the table)', () => {
    const generated = commandContributions();
    assert.deepEqual(manifest.contributes.commands, generated.commands);
    assert.deepEqual(manifest.contributes.menus, generated.menus);
    assert.equal(withCommandContributions(manifestText), manifestText, 'regenerating changes nothing else either');
  });

  test('ids are unique, under sourcesSdk.*, and each row is found by its id', () => {
    assert.equal(new Set(COMMAND_IDS).size, COMMANDS.length);
    for (const id of COMMAND_IDS) {
      assert.match(id, /^sourcesSdk\.[a-z][A-Za-z]+$/);
      assert.equal(commandRow(id).id, id);
    }
  });

  test('regenerating rewrites only the two sections, keeping the rest of package.json and its formatting', () => {
    const stale = JSON.parse(manifestText) as { contributes: { commands: unknown[] }; name: string };
    stale.contributes.commands = [];
    const rewritten = withCommandContributions(`${JSON.stringify(stale, null, 2)}\n`);
    assert.equal(rewritten, manifestText);
    assert.throws(() => withCommandContributions('{"name":"x"}'), /no "contributes"/);
  });
});

describe('what one new row contributes', () => {
  const row: CommandRow = {
    id: 'sourcesSdk.example', title: 'Example…', icon: 'beaker', trust: 'required',
    browser: { limit: 'remote', cli: 'sources-sdk example' },
    palette: 'editorLangId == sources-sdk-flow-spec',
    menus: {
      'explorer/context': [{ when: 'resourceLangId == sources-sdk-flow-spec', group: 'sourcesSdk@9' }],
      'view/title': [{ when: 'view == sourcesSdk.flowService', group: 'navigation@9' }],
    },
  };

  test('a Node-only command that needs trust: enablement, and both guards in every menu outside the Flow Service view', () => {
    const { commands, menus } = commandContributions([row]);
    assert.deepEqual(commands, [{ command: row.id, title: 'Example…', category: 'Sources SDK', icon: '$(beaker)', enablement: TRUSTED_WHEN }]);
    assert.deepEqual(menus.commandPalette, [{ command: row.id, when: `(${NODE_ONLY_WHEN}) && ${TRUSTED_WHEN} && editorLangId == sources-sdk-flow-spec` }]);
    assert.deepEqual(menus['explorer/context'], [{
      command: row.id, when: `(${NODE_ONLY_WHEN}) && ${TRUSTED_WHEN} && resourceLangId == sources-sdk-flow-spec`, group: 'sourcesSdk@9',
    }]);
    // The view is hidden in the browser with its actions: no Node guard of its own.
    assert.deepEqual(menus['view/title'], [{ command: row.id, when: `view == sourcesSdk.flowService && ${TRUSTED_WHEN}`, group: 'navigation@9' }]);
    assert.deepEqual(menus['editor/title'], []);
  });

  test('a command the browser offers, in the palette everywhere: no palette entry, no guard, no enablement', () => {
    const { commands, menus } = commandContributions([{ id: 'sourcesSdk.everywhere', title: 'Everywhere', browser: 'offered' }]);
    assert.deepEqual(commands, [{ command: 'sourcesSdk.everywhere', title: 'Everywhere', category: 'Sources SDK' }]);
    assert.deepEqual(menus.commandPalette, []);
  });

  test('a tree-only action is hidden from the palette; a Node-only command without context is guarded alone', () => {
    const hidden = commandContributions([{ ...row, trust: undefined, palette: false, menus: undefined }]);
    assert.deepEqual(hidden.menus.commandPalette, [{ command: row.id, when: 'false' }]);
    const plain = commandContributions([{ ...row, trust: 'menus', palette: undefined, menus: undefined }]);
    assert.deepEqual(plain.commands[0].enablement, undefined, '`menus` trust hides, does not disable');
    assert.deepEqual(plain.menus.commandPalette, [{ command: row.id, when: `(${NODE_ONLY_WHEN}) && ${TRUSTED_WHEN}` }]);
    const open = commandContributions([{ ...row, trust: undefined, palette: undefined, menus: undefined }]);
    assert.deepEqual(open.menus.commandPalette, [{ command: row.id, when: NODE_ONLY_WHEN }]);
  });
});

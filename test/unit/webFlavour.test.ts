/**
 * The browser flavour's manifest and honest limits: the `browser` entry, `virtualWorkspaces: limited`, Node-only
 * commands hidden in the web unless the Node flavour says it runs, and the messages the browser gives instead.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMAND_IDS, NODE_HOST_CONTEXT_KEY, browserLimitOf, isBrowserCommand } from '../../client/commandTable';
import { browserLimitMessage, probeFromBrowser } from '../../client/browser/webLimits';

interface Manifest {
  main: string;
  browser: string;
  capabilities: { virtualWorkspaces: { supported: string; description: string } };
  contributes: {
    menus: Record<string, Array<{ command: string; when?: string }>>;
    views: Record<string, Array<{ id: string; when?: string }>>;
  };
}
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const NODE_ONLY_GUARD = `!isWeb || ${NODE_HOST_CONTEXT_KEY}`;

describe('browser flavour manifest', () => {
  test('carries both entries and says what a virtual workspace leaves out', () => {
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.browser, './dist/browser/extension.js');
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.virtualWorkspaces.description, /emulator/);
  });

  test('every Node-only command is in the palette only where Node runs, and in no menu without the guard', () => {
    const palette = manifest.contributes.menus.commandPalette;
    for (const id of COMMAND_IDS.filter((c) => !isBrowserCommand(c))) {
      assert.ok(palette.some((item) => item.command === id), `${id} has a palette entry`);
      for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
        for (const item of items.filter((i) => i.command === id)) {
          const when = item.when ?? 'true';
          // Items of the Flow Service view are hidden with the view itself (checked below).
          const guarded = when === 'false' || when.startsWith(`(${NODE_ONLY_GUARD}) && `) || when === NODE_ONLY_GUARD
            || when.startsWith('view == sourcesSdk.flowService');
          assert.ok(guarded, `${menu} ${id}: ${when}`);
        }
      }
    }
    assert.equal(manifest.contributes.views.sourcesSdk.find((v) => v.id === 'sourcesSdk.flowService')?.when, NODE_ONLY_GUARD);
  });

  test('the browser keeps only Show Log, Restart Language Server and Generate Source Documentation', () => {
    const kept = COMMAND_IDS.filter((id) => isBrowserCommand(id));
    assert.deepEqual([...kept].sort(), ['sourcesSdk.generateSourceDocs', 'sourcesSdk.restartLanguageServer', 'sourcesSdk.showLog']);
  });
});

describe('browser limit messages', () => {
  test('the emulator points to the desktop, code-server and the CLI', () => {
    const message = browserLimitMessage('sourcesSdk.startEmulator');
    assert.match(message, /Node process/);
    assert.match(message, /VS Code desktop or code-server/);
    assert.match(message, /`sources-sdk emulator`/);
  });

  test('a blocked request names the host and CORS; the local emulator is named as such', () => {
    const cors = browserLimitMessage('sourcesSdk.uploadSpec', { reachable: false, host: 'platform.adobe.io', reason: 'cors' });
    assert.match(cors, /cannot call platform\.adobe\.io/);
    assert.match(cors, /CORS/);
    assert.match(cors, /`sources-sdk push`/);
    const local = browserLimitMessage('sourcesSdk.fetchFlowSpec', { reachable: false, host: 'the local emulator', reason: 'local-emulator' });
    assert.match(local, /local emulator, which does not run in the browser/);
    const reachable = browserLimitMessage('sourcesSdk.compareWithRemote', { reachable: true });
    assert.match(reachable, /links to remote specs/);
    assert.match(reachable, /`sources-sdk diff`/);
  });

  test('probeFromBrowser: a rejected fetch is reported with its host; any HTTP answer counts as reachable', async () => {
    const asked: string[] = [];
    const blocked = await probeFromBrowser(['https://ims.example/ims', 'https://platform.example/'], async (url) => {
      asked.push(url);
      if (url.includes('platform')) throw new TypeError('Failed to fetch');
      return { status: 401 };
    });
    assert.deepEqual(blocked, { reachable: false, host: 'platform.example', reason: 'cors' });
    assert.deepEqual(asked, ['https://ims.example/ims', 'https://platform.example/']);
    assert.deepEqual(await probeFromBrowser(['https://a.example/'], async () => ({ status: 401 })), { reachable: true });
  });

  test('every unavailable command has a message', () => {
    for (const id of COMMAND_IDS.filter((c) => browserLimitOf(c))) assert.ok(browserLimitMessage(id).length > 40, id);
  });
});

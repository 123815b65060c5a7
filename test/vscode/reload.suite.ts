// Webview panels after `workbench.action.reloadWindow`, in the `reload` launch of scripts/testVscode.mjs. One Mocha
// run cannot span a reload (the extension host is restarted with the page), so the launch runs this suite twice in
// one workbench page: phase 1 (no marker file in the launch's own workspace copy) opens Card and Forms and Preview
// Source, writes what they showed to the marker and reloads the window; the page comes back with the same URL, VS
// Code runs the suite again, and phase 2 (marker present) checks that both panels were restored and redrawn from what
// they showed — without running the preview again: the fake source of phase 1 died with its extension host. Only
// phase 2 reports a tally; a reload that never comes fails phase 1 on Mocha's timeout.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CardPreviewResult } from '../../client/cardPreview/panel';
import type { PreviewCommandResult } from '../../client/preview/command';
import { FAKE_CREDENTIALS, FAKE_TOTALS, startFakeSource } from '../helpers/fakeSource';
import { AUTH, previewSpec } from '../helpers/fakeSourceSpecs';
import { activateExtension, waitFor, workspaceUri } from './helpers';

const MARKER = '.reload-test-phase.json';
const SPEC = 'reload-demo-connectionSpec.json';

/** What phase 1 saw, for phase 2 to compare with. */
interface Shown {
  specUri: string;
  previewTitle: string;
  modelTitle: string;
  summary: string;
  recordCount: number;
  cardTitle: string;
  cardLabel: string;
}

function tabsOf(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewType));
}

export function defineReloadTests(): void {
  const marker = workspaceUri(MARKER).fsPath;
  if (!existsSync(marker)) {
    describe('webview panels, before the reload', function () {
      it('open Card and Forms and Preview Source, then the window reloads', async function () {
        const extension = await activateExtension();
        const source = await startFakeSource(); // ends with this extension host
        const uri = workspaceUri(SPEC);
        writeFileSync(uri.fsPath, JSON.stringify(previewSpec(source.url), null, 2));
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));

        const card = await vscode.commands.executeCommand<CardPreviewResult>('sourcesSdk.previewCard', uri);
        assert.equal(card.outcome, 'done', JSON.stringify(card));
        const preview = await vscode.commands.executeCommand<PreviewCommandResult>('sourcesSdk.previewSource', uri, {
          authSpecName: AUTH.key, values: { authKey1: FAKE_CREDENTIALS.apiKey },
          window: { start: '2024-05-01T00:00:00Z', end: '2024-05-03T00:00:00Z' },
        });
        assert.equal(preview.outcome, 'done', JSON.stringify(preview).slice(0, 300));
        if (preview.outcome !== 'done') return;
        assert.equal(preview.recordCount, FAKE_TOTALS.offset);
        const panels = () => extension.testing!.webviewPanels();
        const drawn = await waitFor('Preview Source drawn', () => panels().find((p) => p.viewType === 'sourcesSdk.preview' && p.drawn === preview.model.title));
        const cardInfo = panels().find((p) => p.viewType === 'sourcesSdk.cardPreview');
        assert.ok(cardInfo && 'label' in cardInfo && cardInfo.label, JSON.stringify(panels()));
        const shown: Shown = {
          specUri: uri.toString(), previewTitle: drawn.title, modelTitle: preview.model.title, summary: preview.model.summary,
          recordCount: preview.model.table.rows.length, cardTitle: cardInfo.title, cardLabel: cardInfo.label,
        };
        writeFileSync(marker, JSON.stringify(shown));
        await vscode.commands.executeCommand('workbench.action.reloadWindow');
        // The reload ends this extension host; if it never comes, Mocha's timeout fails this test.
        await new Promise(() => undefined);
      });
    });
    return;
  }

  describe('webview panels, after workbench.action.reloadWindow', function () {
    const shown = JSON.parse(readFileSync(marker, 'utf8')) as Shown;

    it('Preview Source is restored and redrawn from what it showed, without running again', async () => {
      const extension = await activateExtension();
      const panel = await waitFor('the restored Preview Source panel to draw', () => extension.testing!.webviewPanels()
        .find((p) => p.viewType === 'sourcesSdk.preview' && p.specUri === shown.specUri && p.drawn === shown.modelTitle));
      assert.equal(panel.restored, true, 'restored by VS Code, not opened by a command');
      assert.equal(panel.title, shown.previewTitle);
      assert.equal('summary' in panel ? panel.summary : undefined, shown.summary, `the same result: ${shown.recordCount} records`);
      assert.deepEqual(tabsOf('sourcesSdk.preview').map((tab) => tab.label), [shown.previewTitle], 'one tab, not an empty group');
    });

    it('Card and Forms is restored and redrawn from the spec', async function () {
      this.timeout(120_000);
      const extension = await activateExtension();
      // It was behind Preview Source in the same group: bring its tab forward, as a user clicking it does.
      const tab = tabsOf('sourcesSdk.cardPreview')[0];
      assert.ok(tab, 'the Card and Forms tab is back');
      assert.equal(tab.label, shown.cardTitle);
      const bringForward = async () => {
        const current = tabsOf('sourcesSdk.cardPreview')[0] ?? tab;
        await vscode.commands.executeCommand(current.group.viewColumn === vscode.ViewColumn.Two ? 'workbench.action.focusSecondEditorGroup' : 'workbench.action.focusFirstEditorGroup');
        await vscode.commands.executeCommand(`workbench.action.openEditorAtIndex${current.group.tabs.indexOf(current) + 1}`);
      };
      await bringForward();
      // On a busy machine the restored groups may still be settling when the tab is first brought forward (a hidden
      // webview never draws): bring it forward again on each poll until it has drawn.
      const card = await waitFor('the restored Card and Forms panel to draw', async () => {
        const drawn = extension.testing!.webviewPanels()
          .find((p) => p.viewType === 'sourcesSdk.cardPreview' && p.specUri === shown.specUri && 'label' in p && p.drawn);
        if (!drawn) await bringForward();
        return drawn;
      }, 60_000);
      assert.equal(card.restored, true);
      assert.ok('label' in card && card.label === shown.cardLabel, JSON.stringify(card));
    });
  });
}

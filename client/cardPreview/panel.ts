/**
 * *Preview Source Card and Forms*: a webview beside a connection spec that shows its catalog card and the forms
 * Experience Platform builds from it, redrawn as the spec (or a file of its artifacts folder) is edited. Clicking a
 * field reveals its declaration in the spec. The model comes from core/catalogCard; the page only draws it. After a
 * window reload {@link registerCardPreviewSerializer} restores the panel: it shows what it showed at once (its saved
 * state) and is redrawn from the spec as it is now.
 */
import * as vscode from 'vscode';
import { checkSvg } from '../../core/analysis/rules/artifacts/icon';
import { buildCatalogPreview, type CardArtifacts, type CatalogPreview } from '../../core/catalogCard/model';
import { CommandContext, refuseWith } from '../commands/common';
import { done, type CommandResult } from '../commands/result';
import { makeNonce } from '../webviewPage';
import { previewHtml } from './html';

/** The panel's view type (also its `onWebviewPanel:` activation event in package.json). */
export const CARD_PREVIEW_VIEW_TYPE = 'sourcesSdk.cardPreview';
/** Edits within this window are drawn once (typing should not redraw on every key). */
const REDRAW_DELAY_MS = 200;

/** What the command returns (the command result contract: `done` with the model drawn, or `refused` saying why). */
export type CardPreviewResult = CommandResult<{ opened: boolean; uri?: string; preview?: CatalogPreview }>;

interface WebviewMessage {
  type?: string;
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const panels = new Map<string, CardPreview>();

/** Opens (or reveals) the preview of a connection spec: the given URI, else the active editor's document. */
export async function previewCard(ctx: CommandContext, uriArg: unknown): Promise<CardPreviewResult> {
  const uri = uriArg instanceof vscode.Uri ? uriArg : vscode.window.activeTextEditor?.document.uri;
  const refuse = (reason: string) => refuseWith(ctx, 'Preview Source Card and Forms', reason, { opened: false });
  if (!uri) return refuse('open a connection spec first, then run it again');
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== 'sources-sdk-connection-spec') {
    return refuse(`${vscode.workspace.asRelativePath(uri)} is not a connection spec: the card and forms come from a connection spec`);
  }
  let preview = panels.get(uri.toString());
  if (preview) preview.reveal();
  else preview = new CardPreview(document);
  const model = await preview.redraw();
  return done({ opened: true, uri: uri.toString(), preview: model });
}

/** One open card preview, as the extension's test API reports it. */
export interface CardPreviewInfo {
  viewType: string;
  specUri: string;
  title: string;
  /** Restored by VS Code after a window reload (not opened by a command in this session). */
  restored: boolean;
  /** The page drew a model sent by the extension. */
  drawn: boolean;
  label?: string;
}

/** Every open card preview. */
export function cardPreviews(): CardPreviewInfo[] {
  return [...panels.values()].map((preview) => preview.describe());
}

/** Restores card previews after a window reload (VS Code activates the extension for them). */
export function registerCardPreviewSerializer(): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(CARD_PREVIEW_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      const specUri = (state as { specUri?: unknown } | undefined)?.specUri;
      let document: vscode.TextDocument | undefined;
      try {
        if (typeof specUri === 'string') document = await vscode.workspace.openTextDocument(vscode.Uri.parse(specUri));
      } catch {
        document = undefined; // the spec is gone: nothing to draw
      }
      if (!document || panels.has(document.uri.toString())) {
        panel.dispose();
        return;
      }
      await new CardPreview(document, panel).redraw();
    },
  });
}

class CardPreview {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ready = false;
  private drawn = false;
  private readonly restored: boolean;
  private last: CatalogPreview | undefined;

  /** A new panel beside the editor, or `restoredPanel` (VS Code's after a reload) taken over. */
  constructor(private readonly document: vscode.TextDocument, restoredPanel?: vscode.WebviewPanel) {
    const name = document.uri.path.split('/').pop() ?? 'spec';
    const options = { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false };
    this.restored = restoredPanel !== undefined;
    this.panel = restoredPanel ?? vscode.window.createWebviewPanel(CARD_PREVIEW_VIEW_TYPE, `Card and Forms: ${name}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, options);
    if (restoredPanel) restoredPanel.webview.options = options;
    this.panel.webview.html = previewHtml(makeNonce(), document.uri.toString());
    panels.set(document.uri.toString(), this);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((message: WebviewMessage) => this.onMessage(message)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.concerns(e.document.uri)) this.scheduleRedraw();
      }),
      vscode.workspace.onDidSaveTextDocument((saved) => {
        if (this.concerns(saved.uri)) this.scheduleRedraw();
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  reveal(): void {
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  describe(): CardPreviewInfo {
    return {
      viewType: CARD_PREVIEW_VIEW_TYPE, specUri: this.document.uri.toString(), title: this.panel.title, restored: this.restored,
      drawn: this.drawn, label: this.last?.card.label.text,
    };
  }

  /** Rebuilds the model and posts it (the page draws it once it is ready). */
  async redraw(): Promise<CatalogPreview> {
    const model = buildCatalogPreview(this.document.getText(), await this.readArtifacts());
    this.last = model;
    if (this.ready) void this.panel.webview.postMessage({ type: 'model', model });
    return model;
  }

  /** The spec itself, or a file beside it (its artifacts folder). */
  private concerns(uri: vscode.Uri): boolean {
    if (uri.toString() === this.document.uri.toString()) return true;
    return uri.scheme === this.document.uri.scheme && folderOf(uri.path) === folderOf(this.document.uri.path);
  }

  private scheduleRedraw(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.redraw();
    }, REDRAW_DELAY_MS);
  }

  private onMessage(message: WebviewMessage): void {
    if (message.type === 'ready') {
      this.ready = true;
      if (this.last) void this.panel.webview.postMessage({ type: 'model', model: this.last });
    } else if (message.type === 'drawn') {
      this.drawn = true;
    } else if (message.type === 'reveal' && message.range) {
      const { start, end } = message.range;
      const selection = new vscode.Range(start.line, start.character, end.line, end.character);
      const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.document.uri.toString())?.viewColumn;
      void vscode.window.showTextDocument(this.document, { viewColumn: column ?? vscode.ViewColumn.One, selection, preserveFocus: false });
    }
  }

  /** The artifact files beside a `{source}-connectionSpec.json` (open buffers first, then the disk). */
  private async readArtifacts(): Promise<CardArtifacts> {
    const match = /^(.*)[-.]connectionSpec\.json$/i.exec(this.document.uri.path.split('/').pop() ?? '');
    if (!match) return {};
    const read = async (suffix: string): Promise<string | undefined> => {
      const uri = this.document.uri.with({ path: `${folderOf(this.document.uri.path)}/${match[1]}${suffix}` });
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) return open.getText();
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined;
      }
    };
    const [label, description, category, iconSvg] = await Promise.all(
      ['-label.txt', '-description.txt', '-category.txt', '-icon.svg'].map(read));
    const artifacts: CardArtifacts = { label, description, category, iconSvg };
    if (iconSvg !== undefined) {
      const refused = checkSvg(iconSvg).find((f) => f.code === 'SSDK808' || f.code === 'SSDK810');
      if (refused) artifacts.iconRefused = `icon not shown (${refused.code}): ${refused.message}`;
    }
    return artifacts;
  }

  private dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    panels.delete(this.document.uri.toString());
    for (const d of this.disposables) d.dispose();
  }
}

function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

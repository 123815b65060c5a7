/**
 * The Preview Source webview panel: one per spec file, strict Content-Security-Policy with a nonce (scripts only
 * from media/preview, no inline code), draws the `PreviewModel` from core and answers the panel's messages
 * (reveal a spec location, run again). The page keeps what it showed in its webview state (the spec's URI and the
 * model, already redacted), so after a window reload {@link registerPreviewSerializer} restores the panel and it
 * redraws from that, without running anything.
 */
import * as vscode from 'vscode';
import type { ExtensionMessage, PanelMessage, PreviewModel } from '../../core/run/previewModel';
import { locateSpecPath } from '../../core/run/specLocation';
import { escapeAttribute, makeNonce, webviewPage } from '../webviewPage';

/** The panel's view type (also its `onWebviewPanel:` activation event in package.json). */
export const PREVIEW_VIEW_TYPE = 'sourcesSdk.preview';

const panels = new Map<string, PreviewPanel>();

/** True for a message the panel may send (anything else is ignored). */
function isPanelMessage(value: unknown): value is PanelMessage {
  const m = value as { type?: unknown; specPath?: unknown; title?: unknown };
  return !!m && (m.type === 'ready' || m.type === 'rerun' || (m.type === 'revealSpecPath' && typeof m.specPath === 'string')
    || (m.type === 'drawn' && typeof m.title === 'string'));
}

/** What a restored panel finds in its saved webview state (see media/preview/preview.js). */
interface SavedState {
  specUri: string;
  model?: PreviewModel;
}

function savedState(state: unknown): SavedState | undefined {
  const s = state as Partial<SavedState> | undefined;
  if (!s || typeof s.specUri !== 'string') return undefined;
  const model = s.model && typeof s.model === 'object' && typeof s.model.title === 'string' ? s.model : undefined;
  return { specUri: s.specUri, model };
}

export class PreviewPanel {
  private model: PreviewModel | undefined;
  private ready = false;
  /** Title of the model the page last reported drawn. */
  private drawnTitle: string | undefined;
  private idleText: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel, private readonly specUri: vscode.Uri,
    private readonly rerun: (askAgain: boolean) => void, readonly restored: boolean,
  ) {
    panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message), undefined, this.disposables);
    panel.onDidDispose(() => {
      panels.delete(specUri.toString());
      for (const d of this.disposables) d.dispose();
    }, undefined, this.disposables);
    panels.set(specUri.toString(), this);
  }

  /** The panel of `specUri`, created (beside the editor) when not open. */
  static show(extensionUri: vscode.Uri, specUri: vscode.Uri, title: string, rerun: (askAgain: boolean) => void): PreviewPanel {
    const existing = panels.get(specUri.toString());
    if (existing) {
      existing.panel.title = title;
      existing.panel.reveal(undefined, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(extensionUri));
    panel.webview.html = html(panel.webview, extensionUri, specUri);
    return new PreviewPanel(panel, specUri, rerun, false);
  }

  /** Takes over a panel VS Code restored after a reload and redraws what it showed; false when its state is unusable. */
  static revive(extensionUri: vscode.Uri, panel: vscode.WebviewPanel, state: unknown): boolean {
    const saved = savedState(state);
    if (!saved) return false;
    const specUri = vscode.Uri.parse(saved.specUri);
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = html(panel.webview, extensionUri, specUri);
    // Run again with the remembered auth spec and values, as the panel's buttons do before a reload.
    const revived = new PreviewPanel(panel, specUri, (askAgain) => void vscode.commands.executeCommand('sourcesSdk.previewSource', specUri, { askAgain }), true);
    if (saved.model) revived.setModel(saved.model);
    else revived.idle('This preview was restored after a reload without its records (too large to keep): run it again to see them.');
    return true;
  }

  /** The model shown (for tests and the command result). */
  current(): PreviewModel | undefined {
    return this.model;
  }

  running(text: string): void {
    if (this.ready) void this.post({ type: 'running', text });
  }

  setModel(model: PreviewModel): void {
    this.model = model;
    this.idleText = undefined;
    if (this.ready) void this.post({ type: 'model', model });
  }

  private idle(text: string): void {
    this.idleText = text;
    if (this.ready) void this.post({ type: 'idle', text });
  }

  /** What the panel is and shows, for the extension's test API. */
  describe(): PreviewPanelInfo {
    return { viewType: PREVIEW_VIEW_TYPE, specUri: this.specUri.toString(), title: this.panel.title, restored: this.restored, drawn: this.drawnTitle, summary: this.model?.summary };
  }

  private post(message: ExtensionMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private onMessage(message: unknown): void {
    if (!isPanelMessage(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      if (this.model) void this.post({ type: 'model', model: this.model });
      else if (this.idleText) void this.post({ type: 'idle', text: this.idleText });
    } else if (message.type === 'drawn') {
      this.drawnTitle = message.title;
    } else if (message.type === 'rerun') {
      this.rerun(message.askAgain === true);
    } else {
      void revealSpecPath(this.specUri, message.specPath);
    }
  }
}

/** One open webview panel of the extension, as its test API reports it. */
export interface PreviewPanelInfo {
  viewType: string;
  specUri: string;
  title: string;
  /** Restored by VS Code after a window reload (not opened by a command in this session). */
  restored: boolean;
  /** Title of the model the page reported drawn, once it drew one. */
  drawn?: string;
  summary?: string;
}

/** Every open Preview Source panel. */
export function previewPanels(): PreviewPanelInfo[] {
  return [...panels.values()].map((panel) => panel.describe());
}

/** Restores Preview Source panels after a window reload (VS Code activates the extension for them). */
export function registerPreviewSerializer(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      // A panel whose state says nothing usable (an older version's) would stay an empty tab: close it.
      if (!PreviewPanel.revive(extensionUri, panel, state)) panel.dispose();
    },
  });
}

/** Opens the spec and selects the place `specPath` names (its deepest existing part). */
export async function revealSpecPath(specUri: vscode.Uri, specPath: string): Promise<vscode.Range | undefined> {
  const document = await vscode.workspace.openTextDocument(specUri);
  const found = locateSpecPath(document.getText(), specPath);
  if (!found) return undefined;
  const range = new vscode.Range(document.positionAt(found.offset), document.positionAt(found.offset + found.length));
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(range.start, range.start) });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return range;
}

function mediaOf(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media', 'preview');
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [mediaOf(extensionUri)] };
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri, specUri: vscode.Uri): string {
  const media = mediaOf(extensionUri);
  const nonce = makeNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css'));
  return webviewPage({
    title: 'Preview Source',
    csp: `default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'; img-src ${webview.cspSource};`,
    head: `<link rel="stylesheet" href="${style}">`,
    // The spec's URI goes into the page's saved state, which is what a restored panel is redrawn from.
    body: `<div id="root" data-spec-uri="${escapeAttribute(specUri.toString())}"><p class="running">Running…</p></div>\n<script nonce="${nonce}" src="${script}"></script>`,
  });
}

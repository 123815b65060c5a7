/**
 * The Preview Source webview panel: one per spec file, strict Content-Security-Policy with a nonce (scripts only
 * from media/preview, no inline code), draws the `PreviewModel` from core and answers the panel's messages
 * (reveal a spec location, run again).
 */
import * as vscode from 'vscode';
import type { ExtensionMessage, PanelMessage, PreviewModel } from '../../core/run/previewModel';
import { locateSpecPath } from '../../core/run/specLocation';
import { makeNonce, webviewPage } from '../webviewPage';

const panels = new Map<string, PreviewPanel>();

/** True for a message the panel may send (anything else is ignored). */
function isPanelMessage(value: unknown): value is PanelMessage {
  const m = value as { type?: unknown; specPath?: unknown };
  return !!m && (m.type === 'ready' || m.type === 'rerun' || (m.type === 'revealSpecPath' && typeof m.specPath === 'string'));
}

export class PreviewPanel {
  private model: PreviewModel | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel, private readonly specUri: vscode.Uri,
    private readonly rerun: (askAgain: boolean) => void,
  ) {
    panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message), undefined, this.disposables);
    panel.onDidDispose(() => {
      panels.delete(specUri.toString());
      for (const d of this.disposables) d.dispose();
    }, undefined, this.disposables);
  }

  /** The panel of `specUri`, created (beside the editor) when not open. */
  static show(extensionUri: vscode.Uri, specUri: vscode.Uri, title: string, rerun: (askAgain: boolean) => void): PreviewPanel {
    const existing = panels.get(specUri.toString());
    if (existing) {
      existing.panel.title = title;
      existing.panel.reveal(undefined, true);
      return existing;
    }
    const media = vscode.Uri.joinPath(extensionUri, 'media', 'preview');
    const panel = vscode.window.createWebviewPanel('sourcesSdk.preview', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [media],
    });
    panel.webview.html = html(panel.webview, media);
    const created = new PreviewPanel(panel, specUri, rerun);
    panels.set(specUri.toString(), created);
    return created;
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
    if (this.ready) void this.post({ type: 'model', model });
  }

  private post(message: ExtensionMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private onMessage(message: unknown): void {
    if (!isPanelMessage(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      if (this.model) void this.post({ type: 'model', model: this.model });
    } else if (message.type === 'rerun') {
      this.rerun(message.askAgain === true);
    } else {
      void revealSpecPath(this.specUri, message.specPath);
    }
  }
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

function html(webview: vscode.Webview, media: vscode.Uri): string {
  const nonce = makeNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css'));
  return webviewPage({
    title: 'Preview Source',
    csp: `default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'; img-src ${webview.cspSource};`,
    head: `<link rel="stylesheet" href="${style}">`,
    body: `<div id="root"><p class="running">Running…</p></div>\n<script nonce="${nonce}" src="${script}"></script>`,
  });
}

/**
 * Status bar item showing the active environment and sandbox; a production sandbox (any name containing `prod`) gets
 * the warning background. Shown only while it means something: a spec editor is visible or the Flow Service view is
 * open.
 */
import * as vscode from 'vscode';
import { statusBarPresentation } from './environments';
import { SPEC_LANGUAGES } from './languages';
import type { Session } from './session';

export class EnvironmentStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sourcesSdk.environment', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];
  private shown = false;

  constructor(private readonly session: Session, private readonly flowServiceView: vscode.TreeView<unknown>) {
    this.item.name = 'Sources SDK Environment';
    this.item.command = 'sourcesSdk.selectEnvironment';
    this.subscriptions = [
      session.onDidChange(() => this.update()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.updateVisibility()),
      vscode.workspace.onDidOpenTextDocument(() => this.updateVisibility()), // a language change reopens the document
      flowServiceView.onDidChangeVisibility(() => this.updateVisibility()),
    ];
    this.update();
    this.updateVisibility();
  }

  /** Current text (exposed to tests through the extension API). */
  get text(): string {
    return this.item.text;
  }

  /** Theme color id of the background (`statusBarItem.warningBackground` for a prod sandbox), for tests. */
  get backgroundColorId(): string | undefined {
    return this.item.backgroundColor?.id;
  }

  /** Whether the item is currently shown. */
  get visible(): boolean {
    return this.shown;
  }

  private update(): void {
    const presentation = statusBarPresentation(this.session.active().config);
    this.item.text = presentation.text;
    this.item.tooltip = presentation.tooltip;
    this.item.backgroundColor = presentation.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  private updateVisibility(): void {
    const specVisible = vscode.window.visibleTextEditors.some((e) => SPEC_LANGUAGES.includes(e.document.languageId));
    const show = specVisible || this.flowServiceView.visible;
    if (show === this.shown) return;
    this.shown = show;
    if (show) this.item.show(); else this.item.hide();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

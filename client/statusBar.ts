/**
 * Status bar item showing the active environment and sandbox; a `prod` sandbox gets the warning background.
 */
import * as vscode from 'vscode';
import { statusBarPresentation } from './environments';
import type { Session } from './session';

export class EnvironmentStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sourcesSdk.environment', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: Session) {
    this.item.name = 'Sources SDK Environment';
    this.item.command = 'sourcesSdk.selectEnvironment';
    this.subscription = session.onDidChange(() => this.update());
    this.update();
    this.item.show();
  }

  /** Current text (exposed to tests through the extension API). */
  get text(): string {
    return this.item.text;
  }

  /** Theme color id of the background (`statusBarItem.warningBackground` for a prod sandbox), for tests. */
  get backgroundColorId(): string | undefined {
    return this.item.backgroundColor?.id;
  }

  private update(): void {
    const presentation = statusBarPresentation(this.session.active().config);
    this.item.text = presentation.text;
    this.item.tooltip = presentation.tooltip;
    this.item.backgroundColor = presentation.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

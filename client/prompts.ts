/**
 * Every question the extension asks goes through here, so the in-editor tests can answer prompts through the
 * extension API (`setPromptResponder`) instead of stubbing `vscode.window` (which each extension sees separately).
 */
import * as vscode from 'vscode';

export interface PromptRequest {
  kind: 'quickPick' | 'message' | 'input';
  message: string;
  /** Item labels (quick pick) or button titles (message). */
  items: string[];
  /** The modal's detail text (what the user reads under the question). */
  detail?: string;
}

/** Returns the chosen label/button, the typed text, or undefined for "dismissed". */
export type PromptResponder = (prompt: PromptRequest) => string | undefined;

export class Prompts {
  private responder: PromptResponder | undefined;

  setResponder(responder: PromptResponder | undefined): void {
    this.responder = responder;
  }

  /** Quick pick over items with labels; resolves to the picked item or undefined. */
  async pick<T extends vscode.QuickPickItem>(items: T[], placeHolder: string): Promise<T | undefined> {
    if (this.responder) {
      const answer = this.responder({ kind: 'quickPick', message: placeHolder, items: items.map((i) => i.label) });
      return items.find((i) => i.label === answer);
    }
    return vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, ignoreFocusOut: true });
  }

  /** Modal warning with buttons; resolves to the chosen button title or undefined (Cancel / Escape). */
  async modal(message: string, detail: string | undefined, ...buttons: string[]): Promise<string | undefined> {
    if (this.responder) return this.answerFrom(this.responder({ kind: 'message', message, items: buttons, detail }), buttons);
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  }

  /** Input box; `password` hides what is typed; `value` is offered pre-filled. */
  async input(prompt: string, password: boolean, value?: string): Promise<string | undefined> {
    if (this.responder) return this.responder({ kind: 'input', message: prompt, items: [] });
    return vscode.window.showInputBox({ prompt, password, value, ignoreFocusOut: true });
  }

  /** Non-modal error with actions (never answered by the test responder: tests read results and the log). */
  async error(message: string, ...actions: string[]): Promise<string | undefined> {
    if (this.responder) return undefined;
    return vscode.window.showErrorMessage(message, ...actions);
  }

  /** Non-modal information message; not awaited by callers that must not block on the user. */
  info(message: string): void {
    void vscode.window.showInformationMessage(message);
  }

  private answerFrom(answer: string | undefined, allowed: string[]): string | undefined {
    return answer !== undefined && allowed.includes(answer) ? answer : undefined;
  }
}

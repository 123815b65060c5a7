/**
 * Every question and message the extension shows goes through here, so the in-editor tests can answer prompts and
 * read notifications through the extension API (`setPromptResponder`) instead of stubbing `vscode.window` (which
 * each extension sees separately).
 */
import * as vscode from 'vscode';

/** How loud a non-modal notification is. */
export type NotificationLevel = 'info' | 'warning' | 'error';

export interface PromptRequest {
  /**
   * `notification`: a non-modal message (with optional actions) that does not block the command; `folder` / `file`: a
   * folder or file picker, `save`: a save dialog (answer: a path or URI).
   */
  kind: 'quickPick' | 'message' | 'input' | 'notification' | 'folder' | 'file' | 'save';
  message: string;
  /** Item labels (quick pick), button titles (message) or action titles (notification). */
  items: string[];
  /** The modal's detail text (what the user reads under the question). */
  detail?: string;
  /** The level of a notification. */
  level?: NotificationLevel;
  /** The file a save dialog proposes (a URI string). */
  defaultUri?: string;
}

/**
 * Returns the chosen label/button/action, the typed text, or undefined for "dismissed" — or a promise of one, so a
 * test can act while a question waits (as a colleague might while the modal is open) before answering.
 */
export type PromptResponder = (prompt: PromptRequest) => string | undefined | Promise<string | undefined>;

/** A test responder's answer to a file or folder dialog (a URI or a path) as a Uri; undefined for "dismissed". */
function uriOfAnswer(answer: string | undefined): vscode.Uri | undefined {
  if (!answer) return undefined;
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(answer) ? vscode.Uri.parse(answer) : vscode.Uri.file(answer);
}

export class Prompts {
  private responder: PromptResponder | undefined;

  setResponder(responder: PromptResponder | undefined): void {
    this.responder = responder;
  }

  /** Quick pick over items with labels; resolves to the picked item or undefined. */
  async pick<T extends vscode.QuickPickItem>(items: T[], placeHolder: string): Promise<T | undefined> {
    if (this.responder) {
      const answer = await this.responder({ kind: 'quickPick', message: placeHolder, items: items.map((i) => i.label) });
      return items.find((i) => i.label === answer);
    }
    return vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, ignoreFocusOut: true });
  }

  /** Modal warning with buttons; resolves to the chosen button title or undefined (Cancel / Escape). */
  async modal(message: string, detail: string | undefined, ...buttons: string[]): Promise<string | undefined> {
    if (this.responder) return this.answerFrom(await this.responder({ kind: 'message', message, items: buttons, detail }), buttons);
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  }

  /** Input box; `password` hides what is typed; `value` is offered pre-filled. */
  async input(prompt: string, password: boolean, value?: string): Promise<string | undefined> {
    if (this.responder) return this.responder({ kind: 'input', message: prompt, items: [] });
    return vscode.window.showInputBox({ prompt, password, value, ignoreFocusOut: true });
  }

  /**
   * Non-modal notification with actions; resolves to the action the user clicked, or undefined once dismissed.
   * Commands never await it (a notification can stay up for minutes): they chain the action with `.then`.
   */
  async notify(level: NotificationLevel, message: string, ...actions: string[]): Promise<string | undefined> {
    if (this.responder) return this.answerFrom(await this.responder({ kind: 'notification', level, message, items: actions }), actions);
    if (level === 'error') return vscode.window.showErrorMessage(message, ...actions);
    if (level === 'warning') return vscode.window.showWarningMessage(message, ...actions);
    return vscode.window.showInformationMessage(message, ...actions);
  }

  info(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.notify('info', message, ...actions);
  }

  warning(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.notify('warning', message, ...actions);
  }

  error(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.notify('error', message, ...actions);
  }

  /** Folder picker (an "open" dialog for one folder); the test responder answers kind `folder` with a path or URI. */
  async chooseFolder(title: string, defaultUri: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
    if (this.responder) {
      const answer = await this.responder({ kind: 'folder', message: title, items: [] });
      return uriOfAnswer(answer);
    }
    const picked = await vscode.window.showOpenDialog({
      title, defaultUri, canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Save Here',
    });
    return picked?.[0];
  }

  /** File picker (an "open" dialog for one file, `filters` by extension); the test responder answers kind `file`. */
  async chooseFile(title: string, filters: Record<string, string[]>): Promise<vscode.Uri | undefined> {
    if (this.responder) {
      const answer = await this.responder({ kind: 'file', message: title, items: [] });
      return uriOfAnswer(answer);
    }
    const picked = await vscode.window.showOpenDialog({ title, filters, canSelectFiles: true, canSelectFolders: false, canSelectMany: false, openLabel: 'Open' });
    return picked?.[0];
  }

  /**
   * Save dialog proposing `defaultUri` (VS Code's own dialog; it confirms replacing an existing file on some
   * platforms only, so callers still ask). The test responder answers kind `save` with a path or URI.
   */
  async chooseSaveFile(title: string, defaultUri: vscode.Uri | undefined, filters: Record<string, string[]>): Promise<vscode.Uri | undefined> {
    if (this.responder) {
      const answer = await this.responder({ kind: 'save', message: title, items: [], defaultUri: defaultUri?.toString() });
      return uriOfAnswer(answer);
    }
    return vscode.window.showSaveDialog({ title, defaultUri, filters, saveLabel: 'Write Page' });
  }

  private answerFrom(answer: string | undefined, allowed: string[]): string | undefined {
    return answer !== undefined && allowed.includes(answer) ? answer : undefined;
  }
}

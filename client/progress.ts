/**
 * The one way the extension runs long work: a cancellable notification whose Cancel aborts the work's signal, with
 * an optional line of progress. Used by the remote commands, Preview Source, Test Source and the browser's reach
 * check. No Node import, so the browser flavour uses it too.
 */
import * as vscode from 'vscode';

/** Shows `message` under the notification's title ("12 requests, 340 records"). */
export type ReportProgress = (message: string) => void;

/** Runs `task` in a cancellable notification titled `title`; cancelling aborts the signal it gets. */
export function withRemoteProgress<T>(title: string, task: (signal: AbortSignal, report: ReportProgress) => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        return await task(controller.signal, (message) => progress.report({ message }));
      } finally {
        subscription.dispose();
      }
    },
  ));
}

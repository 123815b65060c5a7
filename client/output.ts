/**
 * The "Sources SDK" log channel: command results, errors, and the HTTP exchange log of the API client
 * (the core client redacts secrets before anything reaches the logger).
 */
import * as vscode from 'vscode';
import type { ExchangeLogEntry, Logger } from '../core/api/types';

export function createOutput(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Sources SDK', { log: true });
}

/** One readable line per HTTP exchange. */
export function formatExchange(entry: ExchangeLogEntry): string {
  const parts = [`${entry.method} ${entry.url} → ${entry.status} in ${Math.round(entry.durationMs)} ms`];
  if (entry.attempt > 1) parts.push(`attempt ${entry.attempt}`);
  if (entry.requestId) parts.push(`request id ${entry.requestId}`);
  // The editor's wording of the note: the extension never advises a CLI flag.
  const note = entry.editorNote ?? entry.note;
  if (note) parts.push(note);
  return parts.join(' · ');
}

/** Adapts the log channel to the API client's logger seam. */
export function loggerFor(channel: vscode.LogOutputChannel): Logger {
  return {
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
    exchange: (entry) => channel.info(formatExchange(entry)),
  };
}

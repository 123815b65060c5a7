/**
 * The commands' plumbing that needs no Node (so the browser flavour's commands use it too): the spec document behind
 * a command, URIs from arguments, and refusals in the user's terms. common.ts re-exports all of it for the desktop
 * commands.
 */
import * as vscode from 'vscode';
import type { SpecKind } from '../../core/analysis/types';
import { specKindOf } from '../../core/spec/kindResolver';
import type { Prompts } from '../prompts';
import { readSetting } from '../settings';
import { refused, type Refused } from './result';

/** What a command needs to tell the user something: the log and the one message seam. */
export interface MessageContext {
  prompts: Prompts;
  log: vscode.LogOutputChannel;
}

/**
 * A refusal in the user's terms: logged and shown as "<title>: <reason>" (one sentence, one final stop), with the
 * actions given; returns the `refused` result. `onAction` runs the action the user clicks.
 */
export function refuseWith<T extends object>(ctx: MessageContext, title: string, reason: string, details: T,
  actions: string[] = [], onAction?: (action: string) => void): Refused<T> {
  const text = sentence(`${title}: ${reason}`);
  ctx.log.warn(text);
  void ctx.prompts.warning(text, ...actions).then((choice) => { if (choice && onAction) onAction(choice); });
  return refused(reason, details);
}

/** `text` as one sentence: white space folded, exactly one final stop (none added after `?` or `!`). */
export function sentence(text: string): string {
  const trimmed = text.replace(/\s+/g, ' ').trim().replace(/[.;:,\s]+$/, '');
  return /[?!]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** A command's options argument (tests and other extensions pass one; the palette passes none): an object, else `{}`. */
export function commandOptions<T extends object>(arg: unknown): T {
  return (arg && typeof arg === 'object' ? arg : {}) as T;
}

/** A `vscode.Uri`, a `file:`/other URI string, or an absolute path → Uri. */
export function toUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (arg && typeof arg === 'object' && 'scheme' in arg && 'path' in arg) return vscode.Uri.from(arg as vscode.Uri);
  if (typeof arg !== 'string' || !arg) return undefined;
  // A drive letter ("C:\…") looks like a scheme but is a path.
  return /^[a-z][a-z0-9+.-]+:/i.test(arg) && !/^[a-z]:[\\/]/i.test(arg) ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
}

/** A document's kind by the one kind resolver (core/spec/kindResolver.ts), with the file's detectByContent setting. */
export function kindOfDocument(document: vscode.TextDocument): SpecKind | undefined {
  return specKindOf({
    languageId: document.languageId,
    fileName: document.uri.path,
    text: () => document.getText(),
    detectByContent: readSetting('detectByContent', document.uri),
  });
}

/** The spec document a command acts on: the argument, else the active editor. Throws a user-level message. */
export async function specDocument(arg: unknown): Promise<{ document: vscode.TextDocument; kind: SpecKind }> {
  const uri = toUri(arg) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) throw new UserError('Open a connection spec or flow spec file first.');
  const document = await vscode.workspace.openTextDocument(uri);
  const kind = kindOfDocument(document);
  if (!kind) throw new UserError(`${vscode.workspace.asRelativePath(uri)} is not a connection spec or flow spec.`);
  return { document, kind };
}

/** A failure whose message is already in the user's terms (no log action needed). */
export class UserError extends Error {}

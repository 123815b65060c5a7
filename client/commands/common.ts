/**
 * Shared plumbing of the commands: argument coercion, the spec document behind a command, progress with
 * cancellation, and errors presented in the user's terms with an action.
 */
import * as vscode from 'vscode';
import { FlowServiceError } from '../../core/api/errors';
import type { RemoteSpec, SpecResource } from '../../core/api/types';
import { toAuthoringForm } from '../../core/sync/normalize';
import { orderKeysLike, parseSpecObject, stringifyLike } from '../specText';
import { detectKind } from '../../core/analysis/specKind';
import type { SpecKind } from '../../core/analysis/types';
import type { Prompts } from '../prompts';
import type { RemoteDocuments } from '../remoteDocuments';
import type { Session } from '../session';
import type { GateVerdict } from '../uploadGate';
import type { PreviewHost } from '../preview/command';
import type { ValueStore } from '../values';
import { kindOfLanguage } from '../../core/spec/kinds';
import { readSetting } from '../settings';
import { refused, type Refused } from './result';

/** What every command gets. */
export interface CommandContext {
  session: Session;
  prompts: Prompts;
  log: vscode.LogOutputChannel;
  remoteDocuments: RemoteDocuments;
  /** VS Code's workspace trust, unless the test API overrides it. */
  isTrusted(): boolean;
  /** Reloads the Flow Service tree (after a change on the remote side). */
  refreshTree(): void;
  /**
   * The upload gate: the language server's verdict on exactly `text` as the content of `document` (its errors, one
   * line each, or that it is not a spec). Starts the server if needed; rejects when it cannot answer.
   */
  checkBeforeUpload(document: vscode.TextDocument, text: string): Promise<GateVerdict>;
  /** Stops and restarts the language server. */
  restartLanguageServer(): Promise<void>;
  /** Secret storage, workspace state and media of Preview Source (absent in unit-test harnesses). */
  preview?: PreviewHost;
  /**
   * The one store of connection specs' test values, per spec file and auth entry (secrets in SecretStorage, plain
   * values in workspace state): Preview Source, Test Source in Emulator and Change values… share it.
   */
  values: ValueStore;
  /** The workspace's state (remembered picks such as the last promotion target). */
  workspaceState: vscode.Memento;
}

export const SHOW_LOG = 'Show Log';
export const SET_SECRET = 'Set Client Secret';
export const SELECT_ENVIRONMENT = 'Select Environment';
export const OPEN_SETTINGS = 'Open Settings';
export const MANAGE_TRUST = 'Manage Workspace Trust';

/**
 * The one trust check of every command that talks to a remote, runs the emulator or calls a source: nothing when
 * the workspace is trusted, else a `refused` result (logged, shown once with *Manage Workspace Trust*). `what` names
 * the feature as the sentence's subject ("Uploading", "The local emulator").
 */
export function requireTrust<T extends object>(ctx: CommandContext, what: string, details: T): Refused<T> | undefined {
  if (ctx.isTrusted()) return undefined;
  const reason = `${what} is disabled in an untrusted workspace: trust the workspace to use it.`;
  ctx.log.warn(reason);
  void ctx.prompts.warning(reason, MANAGE_TRUST).then((choice) => {
    if (choice === MANAGE_TRUST) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return refused(reason, details);
}

/**
 * A refusal in the user's terms: logged and shown as "<title>: <reason>" (one sentence, one final stop), with the
 * actions given; returns the `refused` result. `onAction` runs the action the user clicks.
 */
export function refuseWith<T extends object>(ctx: CommandContext, title: string, reason: string, details: T,
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

export function kindOfDocument(document: vscode.TextDocument): SpecKind | undefined {
  return kindOfLanguage(document.languageId) ?? detectKind(document.uri.path, document.getText(), readSetting('detectByContent', document.uri));
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

/** Remote work in a cancellable notification (client/progress.ts; re-exported for the commands). */
export { withRemoteProgress } from '../progress';

export function isCancellation(err: unknown): boolean {
  return (err instanceof FlowServiceError && err.kind === 'cancelled') || (err instanceof Error && err.name === 'AbortError');
}

/**
 * Turns any error into one sentence a user can act on, in the editor's terms (never a CLI flag or environment
 * variable: `editorMessage` when core gave one), with the Adobe code and request id when known.
 */
export function describeError(err: unknown): string {
  if (err instanceof FlowServiceError) {
    const message = err.details.editorMessage ?? err.message;
    const extras = [err.details.code && !message.includes(err.details.code) ? err.details.code : undefined,
      err.details.requestId ? `request id ${err.details.requestId}` : undefined].filter(Boolean);
    return extras.length ? `${message} (${extras.join(', ')})` : message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Logs the error and shows it with the action that fixes it; returns the message for the command's result. */
export function reportError(ctx: CommandContext, what: string, err: unknown): string {
  const unreachable = externalEmulatorUnreachable(ctx, err);
  const message = unreachable ?? describeError(err);
  ctx.log.error(`${what}: ${unreachable ? `${unreachable} (${describeError(err)})` : message}`);
  const actions = [SHOW_LOG];
  if (unreachable) actions.unshift(OPEN_SETTINGS);
  if (err instanceof FlowServiceError && (err.kind === 'auth' || err.details.code === 'missing-secret')) actions.unshift(SET_SECRET);
  if (err instanceof FlowServiceError && err.kind === 'config' && err.details.code !== 'missing-secret') actions.unshift(SELECT_ENVIRONMENT);
  void ctx.prompts.error(`${what}: ${message}`, ...actions).then((choice) => {
    if (choice === SHOW_LOG) ctx.log.show(true);
    if (choice === SET_SECRET) void vscode.commands.executeCommand('sourcesSdk.setClientSecret', ctx.session.active().config.name);
    if (choice === SELECT_ENVIRONMENT) void vscode.commands.executeCommand('sourcesSdk.selectEnvironment');
    if (choice === OPEN_SETTINGS) void vscode.commands.executeCommand('workbench.action.openSettings', 'sourcesSdk.localEmulator');
  });
  return message;
}

/**
 * "Could not reach 127.0.0.1:PORT" says nothing to someone who never typed that address: when the built-in
 * environment points at an emulator started outside VS Code (`npm start`, CI) and it is gone, say so and how to fix it.
 */
function externalEmulatorUnreachable(ctx: CommandContext, err: unknown): string | undefined {
  if (!(err instanceof FlowServiceError) || err.kind !== 'network' || !ctx.session.active().isLocalEmulator) return undefined;
  const external = ctx.session.emulator.externalUrl();
  if (!external) return undefined;
  return `the local emulator at ${external} is not running. It was started outside VS Code (sourcesSdk.localEmulator.url ` +
    'or SOURCES_SDK_EMULATOR_URL): start it again, or clear that setting so that the extension runs its own.';
}

/** "<env>/<sandbox>" for messages. */
export function whereLabel(ctx: CommandContext): string {
  const env = ctx.session.active().config;
  return `${env.name}/${env.sandbox}`;
}

/** The workspace folder a file belongs to (links live in `<folder>/.sources-sdk/links.json`). */
export function workspaceRootOf(uri: vscode.Uri): vscode.Uri | undefined {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** The remote spec as the left side of a diff: authoring form, keys ordered like the local file, its indentation. */
export function remoteTextLike(remote: RemoteSpec, document: vscode.TextDocument): string {
  const text = document.getText();
  return stringifyLike(orderKeysLike(toAuthoringForm(remote), parseSpecObject(text)), text);
}

/**
 * Opens `vscode.diff` with the remote spec of `where` (default: the active environment; authoring form, keys ordered
 * like the local file so only content differences show; read-only) on the left and the local document on the right. Returns the left side's URI so the
 * caller can show the new remote state there after an upload.
 */
export async function showRemoteDiff(ctx: CommandContext, resource: SpecResource, remote: RemoteSpec, document: vscode.TextDocument,
  where = whereLabel(ctx)): Promise<vscode.Uri> {
  const left = ctx.remoteDocuments.put(resource, remote.id, String(remote.name), remoteTextLike(remote, document), where);
  const title = `${remote.name} (${where}) ↔ ${vscode.workspace.asRelativePath(document.uri)}`;
  await vscode.commands.executeCommand('vscode.diff', left, document.uri, title, { preview: true });
  return left;
}

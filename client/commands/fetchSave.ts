/**
 * The "save into the workspace" half of fetch: write the authoring form (asking before replacing different content or
 * unsaved edits), record the link, open the file as a spec and say where it went. Also used to link a file saved
 * from a read-only remote document (client/remoteSaveAs.ts).
 */
import { kindInfoOfResource } from '../../core/spec/kinds';
import * as vscode from 'vscode';
import type { RemoteSpec, SpecResource } from '../../core/api/types';
import { contentHash } from '../../core/sync/normalize';
import { linkStoreFor } from '../links';
import type { RemoteOrigin } from '../remoteDocuments';
import { CommandContext, reportError, whereLabel } from './common';
import { cancelled, done, failed, type CommandResult } from './result';

/** What fetch returns (docs/commands.md): the contract's `outcome` plus the `action` older callers read. */
export type FetchResult = CommandResult<{
  action: 'opened' | 'saved' | 'unchanged' | 'compared' | 'cancelled' | 'error';
  uri?: string;
  id?: string;
}>;

/** The action of the "Saved … to …" notification. */
export const OPEN_ACTION = 'Open';

export interface SaveRequest {
  resource: SpecResource;
  remote: RemoteSpec;
  /** The authoring form to write. */
  text: string;
  target: vscode.Uri;
  /** Replace different content or unsaved edits without asking. */
  overwrite: boolean;
}

export async function saveFetched(ctx: CommandContext, request: SaveRequest): Promise<FetchResult> {
  const { resource, remote, text, target } = request;
  const relative = vscode.workspace.asRelativePath(target);
  const origin: RemoteOrigin = { resource, remote, syncIdentity: ctx.session.active().syncIdentity };
  try {
    const existing = await readIfExists(target);
    const openDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    if (existing === text && !openDoc?.isDirty) {
      await recordLink(origin, target);
      await showSpecFile(target, resource);
      announce(ctx, `${relative} already holds ${remote.name} from ${whereLabel(ctx)}; it is linked.`, target, resource);
      return done({ action: 'unchanged' as const, uri: target.toString(), id: remote.id });
    }
    const differs = existing !== undefined || Boolean(openDoc?.isDirty);
    if (differs && !request.overwrite) {
      const why = openDoc?.isDirty ? 'has unsaved changes' : 'already exists with different content';
      const choice = await ctx.prompts.modal(`${relative} ${why}. Overwrite it with the remote spec?`,
        undefined, 'Overwrite', 'Compare'); // the modal brings its own Cancel
      if (choice === 'Compare') {
        const left = ctx.remoteDocuments.put(resource, remote.id, String(remote.name), text, whereLabel(ctx));
        await vscode.commands.executeCommand('vscode.diff', left, target, `${remote.name} (remote) ↔ ${relative}`);
        return done({ action: 'compared' as const, uri: target.toString(), id: remote.id });
      }
      if (choice !== 'Overwrite') return cancelled({ action: 'cancelled' as const, uri: target.toString(), id: remote.id });
    }
    if (openDoc?.isDirty) {
      // Replace the buffer and save it, so the editor and the disk agree and no "file changed on disk" prompt appears.
      const edit = new vscode.WorkspaceEdit();
      edit.replace(target, new vscode.Range(0, 0, openDoc.lineCount, 0), text);
      await vscode.workspace.applyEdit(edit);
      await openDoc.save();
    } else {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..')); // a given folder may not exist yet
      await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    }
    const linked = await recordLink(origin, target);
    const unlinked = linked ? '' : ' (outside the workspace folders, so not linked)';
    ctx.log.info(`Saved ${remote.name} to ${relative}${unlinked}`);
    ctx.refreshTree();
    await showSpecFile(target, resource);
    announce(ctx, `Saved ${remote.name} to ${relative}${unlinked}`, target, resource);
    return done({ action: 'saved' as const, uri: target.toString(), id: remote.id });
  } catch (err) {
    return failed(reportError(ctx, `Save ${remote.name} to ${relative}`, err), { action: 'error' as const, uri: target.toString(), id: remote.id });
  }
}

/** Opens `target` in an editor with the spec language of `resource` (whatever its file name says). */
export async function showSpecFile(target: vscode.Uri, resource: SpecResource): Promise<vscode.TextEditor> {
  const document = await ensureSpecLanguage(await vscode.workspace.openTextDocument(target), resource);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** The document with the spec language id of `resource` set (a saved `.json` would otherwise stay plain JSON). */
export async function ensureSpecLanguage(document: vscode.TextDocument, resource: SpecResource): Promise<vscode.TextDocument> {
  const languageId = kindInfoOfResource(resource).languageId;
  return document.languageId === languageId ? document : vscode.languages.setTextDocumentLanguage(document, languageId);
}

/** The notification after a save, with *Open* (the editor may have been closed by the time the user reads it). */
export function announce(ctx: CommandContext, message: string, target: vscode.Uri, resource: SpecResource): void {
  void ctx.prompts.notify(message, OPEN_ACTION).then(async (choice) => {
    if (choice === OPEN_ACTION) await showSpecFile(target, resource);
  });
}

/**
 * Records `target` as the local copy of the remote spec in its workspace folder's `.sources-sdk/links.json`; false
 * (nothing recorded) for a file outside every workspace folder.
 */
export async function recordLink(origin: RemoteOrigin, target: vscode.Uri): Promise<boolean> {
  // Links are relative to a workspace folder: a file saved elsewhere stays unlinked rather than linked as `../…`.
  const store = vscode.workspace.getWorkspaceFolder(target) ? linkStoreFor(target) : undefined;
  if (!store) return false;
  await store.set(origin.syncIdentity, target.fsPath, {
    resource: origin.resource,
    remoteId: origin.remote.id,
    updatedAt: origin.remote.updatedAt,
    contentHash: contentHash(origin.remote),
    syncedAt: new Date().toISOString(),
  });
  return true;
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch {
    return undefined;
  }
}

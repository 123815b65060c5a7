/**
 * Fetch a remote connection/flow spec: open it read-only in authoring form, or save it into the workspace and record
 * the link. Never overwrites different content (or unsaved edits) without asking; a cancelled fetch writes nothing.
 */
import { kindInfoOfResource } from '../../core/spec/kinds';
import * as vscode from 'vscode';
import type { RemoteSpec, SpecResource } from '../../core/api/types';
import { contentHash, formatSpecFile, toAuthoringForm } from '../../core/sync/normalize';
import { defaultSpecFileName } from '../environments';
import { linkStoreFor } from '../links';
import { CommandContext, isCancellation, reportError, toUri, withRemoteProgress } from './common';

export interface FetchArgs {
  id?: string;
  mode?: 'open' | 'save';
  targetUri?: vscode.Uri | string;
  overwrite?: boolean;
}

export type FetchResult =
  | { action: 'opened' | 'saved' | 'unchanged' | 'compared'; uri: string; id: string }
  | { action: 'cancelled'; uri?: string; id?: string }
  | { action: 'error'; error: string; id?: string };

export async function fetchSpec(ctx: CommandContext, resource: SpecResource, rawArgs: unknown): Promise<FetchResult> {
  const args: FetchArgs = rawArgs && typeof rawArgs === 'object' && !(rawArgs instanceof vscode.Uri) ? rawArgs as FetchArgs : {};
  const label = kindInfoOfResource(resource).label;
  let remote: RemoteSpec | undefined;
  try {
    const { client } = await ctx.session.client();
    let id = args.id;
    if (!id) {
      // Progress only while the list loads: the picker that follows waits for the user, not for the network.
      const specs = await withRemoteProgress(`Listing ${label}s…`, (signal) => client.list(resource, { signal }));
      const items = specs.map((s) => ({ label: `${s.name} — ${s.id}`, id: s.id }));
      id = (await ctx.prompts.pick(items, `Remote ${label} to fetch`))?.id;
    }
    const chosen = id;
    remote = chosen ? await withRemoteProgress(`Fetching ${label}…`, (signal) => client.get(resource, chosen, { signal })) : undefined;
  } catch (err) {
    if (isCancellation(err)) return { action: 'cancelled', id: args.id };
    return { action: 'error', error: reportError(ctx, `Fetch ${label}`, err), id: args.id };
  }
  if (!remote) return { action: 'cancelled' };
  const text = formatSpecFile(toAuthoringForm(remote));
  const env = ctx.session.active().config;
  ctx.log.info(`Fetched ${label} "${remote.name}" (${remote.id}) from ${env.name}/${env.sandbox}`);

  if (args.mode !== 'save') {
    const uri = ctx.remoteDocuments.put(resource, remote.id, String(remote.name), text, `${env.name}/${env.sandbox}`);
    await ctx.remoteDocuments.show(uri, resource);
    return { action: 'opened', uri: uri.toString(), id: remote.id };
  }
  return saveFetched(ctx, resource, remote, text, args);
}

async function saveFetched(ctx: CommandContext, resource: SpecResource, remote: RemoteSpec, text: string, args: FetchArgs): Promise<FetchResult> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = toUri(args.targetUri) ?? (folder ? vscode.Uri.joinPath(folder, defaultSpecFileName(String(remote.name), resource)) : undefined);
  if (!target) return { action: 'error', error: reportError(ctx, 'Fetch', new Error('Open a folder to save the spec into, or pass targetUri.')), id: remote.id };

  const existing = await readIfExists(target);
  const openDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  const differs = (existing !== undefined && existing !== text) || Boolean(openDoc?.isDirty);
  if (existing === text && !openDoc?.isDirty) {
    await recordLink(ctx, target, resource, remote);
    return { action: 'unchanged', uri: target.toString(), id: remote.id };
  }
  if (differs && !args.overwrite) {
    const why = openDoc?.isDirty ? 'has unsaved changes' : 'already exists with different content';
    const choice = await ctx.prompts.modal(`${vscode.workspace.asRelativePath(target)} ${why}. Overwrite it with the remote spec?`,
      undefined, 'Overwrite', 'Compare'); // the modal brings its own Cancel
    if (choice === 'Compare') {
      const env = ctx.session.active().config;
      const left = ctx.remoteDocuments.put(resource, remote.id, String(remote.name), text, `${env.name}/${env.sandbox}`);
      await vscode.commands.executeCommand('vscode.diff', left, target, `${remote.name} (remote) ↔ ${vscode.workspace.asRelativePath(target)}`);
      return { action: 'compared', uri: target.toString(), id: remote.id };
    }
    if (choice !== 'Overwrite') return { action: 'cancelled', uri: target.toString(), id: remote.id };
  }
  if (openDoc?.isDirty) {
    // Replace the buffer and save it, so the editor and the disk agree and no "file changed on disk" prompt appears.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(target, new vscode.Range(0, 0, openDoc.lineCount, 0), text);
    await vscode.workspace.applyEdit(edit);
    await openDoc.save();
  } else {
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  }
  await recordLink(ctx, target, resource, remote);
  ctx.log.info(`Saved ${remote.name} to ${vscode.workspace.asRelativePath(target)}`);
  ctx.refreshTree();
  return { action: 'saved', uri: target.toString(), id: remote.id };
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch {
    return undefined;
  }
}

async function recordLink(ctx: CommandContext, target: vscode.Uri, resource: SpecResource, remote: RemoteSpec): Promise<void> {
  const store = linkStoreFor(target);
  if (!store) return;
  await store.set(ctx.session.active().syncIdentity, target.fsPath, {
    resource,
    remoteId: remote.id,
    updatedAt: remote.updatedAt,
    contentHash: contentHash(remote),
    syncedAt: new Date().toISOString(),
  });
}

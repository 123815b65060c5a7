/**
 * Fetch a remote connection/flow spec: save it into the workspace (linked, opened as a spec, announced) or open it
 * read-only in authoring form. From the palette without `mode` it asks where it goes; the tree's fetch action saves.
 * Never overwrites different content (or unsaved edits) without asking; a cancelled fetch writes nothing.
 */
import { kindInfoOfResource } from '../../core/spec/kinds';
import * as vscode from 'vscode';
import type { RemoteSpec, SpecResource } from '../../core/api/types';
import { formatSpecFile, toAuthoringForm } from '../../core/sync/normalize';
import { defaultSpecFileName } from '../environments';
import { REMOTE_SCHEME, type RemoteOrigin } from '../remoteDocuments';
import { parseRemoteDocumentPath } from '../specText';
import { CommandContext, isCancellation, kindOfDocument, reportError, toUri, whereLabel, withRemoteProgress } from './common';
import { saveFetched, type FetchResult } from './fetchSave';
import { cancelled, done, failed } from './result';

export type { FetchResult } from './fetchSave';

export interface FetchArgs {
  id?: string;
  /** `save`: into the workspace; `open`: read-only. Absent: the palette asks (a target or folder implies `save`). */
  mode?: 'open' | 'save';
  /** Exact file to save to (implies `save`). */
  targetUri?: vscode.Uri | string;
  /** Folder to save `<name>-connectionSpec.json` into (implies `save`); default: the active spec's folder. */
  folder?: vscode.Uri | string;
  overwrite?: boolean;
}

/** Labels of the "where does it go" quick pick (docs/commands.md lists them for prompt responders). */
export const SAVE_TO_WORKSPACE = 'Save to workspace';
export const CHOOSE_FOLDER = 'Choose folder…';
export const OPEN_READ_ONLY = 'Open read-only';

export async function fetchSpec(ctx: CommandContext, resource: SpecResource, rawArgs: unknown): Promise<FetchResult> {
  const args = fetchArgsOf(rawArgs, resource);
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
    if (isCancellation(err)) return cancelled({ action: 'cancelled' as const, id: args.id });
    return failed(reportError(ctx, `Fetch ${label}`, err), { action: 'error' as const, id: args.id });
  }
  if (!remote) return cancelled({ action: 'cancelled' as const });
  const text = formatSpecFile(toAuthoringForm(remote));
  ctx.log.info(`Fetched ${label} "${remote.name}" (${remote.id}) from ${whereLabel(ctx)}`);

  const explicitTarget = toUri(args.targetUri);
  const explicitFolder = toUri(args.folder);
  const mode = args.mode ?? (explicitTarget || explicitFolder ? 'save' : undefined);
  let target: vscode.Uri | 'open' | undefined;
  if (mode === undefined) {
    target = await askWhere(ctx, resource, remote);
    if (!target) return cancelled({ action: 'cancelled' as const, id: remote.id });
  } else if (mode === 'open') {
    target = 'open';
  } else {
    const folder = explicitFolder ?? defaultSaveFolder();
    target = explicitTarget ?? (folder ? vscode.Uri.joinPath(folder, defaultSpecFileName(String(remote.name), resource)) : undefined);
  }
  if (target === 'open') return openReadOnly(ctx, resource, remote, text);
  if (!target) {
    return failed(reportError(ctx, 'Fetch', new Error('Open a folder to save the spec into, or pass targetUri.')), { action: 'error' as const, id: remote.id });
  }
  return saveFetched(ctx, { resource, remote, text, target, overwrite: args.overwrite === true });
}

/**
 * The command's arguments: an object, or the URI of a read-only remote document (its editor title action saves it
 * into the workspace). Anything else (a stray URI from a menu) counts as no arguments.
 */
function fetchArgsOf(rawArgs: unknown, resource: SpecResource): FetchArgs {
  if (rawArgs instanceof vscode.Uri) {
    const parsed = rawArgs.scheme === REMOTE_SCHEME ? parseRemoteDocumentPath(rawArgs.path) : undefined;
    return parsed && parsed.resource === resource ? { id: parsed.id, mode: 'save' } : {};
  }
  return rawArgs && typeof rawArgs === 'object' ? rawArgs as FetchArgs : {};
}

async function openReadOnly(ctx: CommandContext, resource: SpecResource, remote: RemoteSpec, text: string): Promise<FetchResult> {
  const origin: RemoteOrigin = { resource, remote, syncIdentity: ctx.session.active().syncIdentity };
  const uri = ctx.remoteDocuments.put(resource, remote.id, String(remote.name), text, whereLabel(ctx), origin);
  await ctx.remoteDocuments.show(uri, resource);
  return done({ action: 'opened' as const, uri: uri.toString(), id: remote.id });
}

/**
 * Asks where the fetched spec goes: the default file in the workspace (first, so Enter saves), a folder the user
 * picks, or a read-only editor. Resolves to the target file, `'open'`, or undefined when dismissed.
 */
async function askWhere(ctx: CommandContext, resource: SpecResource, remote: RemoteSpec): Promise<vscode.Uri | 'open' | undefined> {
  const fileName = defaultSpecFileName(String(remote.name), resource);
  const folder = defaultSaveFolder();
  const defaultTarget = folder ? vscode.Uri.joinPath(folder, fileName) : undefined;
  const items: Array<vscode.QuickPickItem & { choice: 'save' | 'folder' | 'open' }> = [
    ...(defaultTarget ? [{ label: SAVE_TO_WORKSPACE, description: vscode.workspace.asRelativePath(defaultTarget), choice: 'save' as const }] : []),
    { label: CHOOSE_FOLDER, description: `save ${fileName} in another folder`, choice: 'folder' },
    { label: OPEN_READ_ONLY, description: 'look at it without writing a file', choice: 'open' },
  ];
  const picked = await ctx.prompts.pick(items, `Where should ${remote.name} go?`);
  if (!picked) return undefined;
  if (picked.choice === 'open') return 'open';
  if (picked.choice === 'save') return defaultTarget;
  const chosen = await ctx.prompts.chooseFolder(`Folder to save ${fileName} in`, folder);
  return chosen ? vscode.Uri.joinPath(chosen, fileName) : undefined;
}

/**
 * Where a fetched spec is saved by default: the folder of the active spec editor when it is a workspace file (the
 * user is working there), else the first workspace folder; undefined when no folder is open.
 */
export function defaultSaveFolder(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document;
  if (active && active.uri.scheme === 'file' && kindOfDocument(active) && vscode.workspace.getWorkspaceFolder(active.uri)) {
    return vscode.Uri.joinPath(active.uri, '..');
  }
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

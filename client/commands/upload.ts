/**
 * Upload a local spec: create it remotely, or update its remote counterpart after showing the diff. Refused in an
 * untrusted workspace and while the file has errors; a `prod` sandbox always asks (naming it) unless confirmed.
 */
import * as vscode from 'vscode';
import { FlowServiceError } from '../../core/api/errors';
import type { FlowServiceClient, RemoteSpec, SpecResource } from '../../core/api/types';
import { compareSpecs } from '../../core/sync/diff';
import { environmentKey, LinkStore, MemoryLinkStore } from '../../core/sync/links';
import { findSpecsByName, pushSpec, PushResult } from '../../core/sync/operations';
import { linkStoreFor } from '../links';
import { clearRefusal, showRefusal } from '../refusalDiagnostics';
import { parseSpecObject } from '../specText';
import {
  CommandContext, UserError, isCancellation, remoteTextLike, reportError, resourceOf, showRemoteDiff, specDocument, whereLabel,
  withRemoteProgress,
} from './common';

export interface UploadOptions {
  confirm?: boolean;
  force?: boolean;
  saveFirst?: boolean;
}

export interface UploadResult {
  action: 'created' | 'updated' | 'unchanged' | 'refused' | 'cancelled' | 'error';
  id?: string;
  reason?: string;
}

function refuse(ctx: CommandContext, reason: string): UploadResult {
  ctx.log.warn(`Upload refused: ${reason}`);
  void vscode.window.showWarningMessage(`Upload refused: ${reason}`);
  return { action: 'refused', reason };
}

export async function uploadSpec(ctx: CommandContext, uriArg: unknown, optionsArg: unknown): Promise<UploadResult> {
  const options: UploadOptions = optionsArg && typeof optionsArg === 'object' ? optionsArg as UploadOptions : {};
  if (!ctx.isTrusted()) return refuse(ctx, 'uploading is disabled in an untrusted workspace. Trust the workspace to upload.');
  let document: vscode.TextDocument;
  let resource: SpecResource;
  try {
    const found = await specDocument(uriArg);
    document = found.document;
    resource = resourceOf(found.kind);
  } catch (err) {
    if (err instanceof UserError) return refuse(ctx, err.message);
    throw err;
  }
  const fileLabel = vscode.workspace.asRelativePath(document.uri);
  if (document.uri.scheme !== 'file') return refuse(ctx, `save ${fileLabel} to a file first.`);
  if (document.isDirty) {
    const save = options.saveFirst || (await ctx.prompts.modal(`${fileLabel} has unsaved changes. Save and upload?`, undefined, 'Save and Upload')) === 'Save and Upload';
    if (!save) return { action: 'cancelled', reason: 'unsaved changes' };
    await document.save();
  }
  const errors = await ctx.specErrors(document);
  if (errors.length) {
    return refuse(ctx, `${fileLabel} has ${errors.length} error${errors.length > 1 ? 's' : ''}; fix ${errors.length > 1 ? 'them' : 'it'} before uploading (${errors.slice(0, 3).join('; ')}).`);
  }
  const text = document.getText();
  const local = parseSpecObject(text);
  if (!local) return refuse(ctx, `${fileLabel} is not a JSON object.`);
  const name = typeof local.name === 'string' ? local.name : fileLabel;
  const links: LinkStore = linkStoreFor(document.uri) ?? new MemoryLinkStore();
  const where = whereLabel(ctx);
  const isProd = ctx.session.active().config.sandbox === 'prod';
  const what = `Upload ${fileLabel}`;

  try {
    const found = await withRemoteProgress(`Looking up ${name} in ${where}…`, (signal) => findCounterpart(ctx, links, document, resource, name, signal));
    const { client, remote, linked } = found;
    const push = (force: boolean) => withRemoteProgress(`Uploading ${name} to ${where}…`, (signal) =>
      pushSpec({ client, filePath: document.uri.fsPath, text, links, force, adopt: !linked, signal }));

    let result: PushResult;
    let diffLeft: vscode.Uri | undefined;
    if (!remote) {
      if (!options.confirm) {
        const detail = `No remote ${resource === 'connectionSpecs' ? 'connection' : 'flow'} spec is linked to this file or has its name.`;
        const question = isProd ? `Create ${name} in the PRODUCTION sandbox "prod" of ${ctx.session.active().config.name}?` : `Create ${name} in ${where}?`;
        if ((await ctx.prompts.modal(question, detail, 'Create')) !== 'Create') return { action: 'cancelled', reason: 'not confirmed' };
      }
      result = await push(Boolean(options.force));
    } else if (compareSpecs(local, remote).same) {
      result = await push(true); // identical content: records the link, sends nothing
    } else {
      if (!options.confirm) {
        diffLeft = await showRemoteDiff(ctx, resource, remote, document);
        const summary = compareSpecs(local, remote).summary;
        const question = isProd ? `Update ${name} in the PRODUCTION sandbox "prod" of ${ctx.session.active().config.name}?` : `Update ${name} in ${where}?`;
        if ((await ctx.prompts.modal(question, summary, 'Update')) !== 'Update') return { action: 'cancelled', id: remote.id, reason: 'not confirmed' };
      }
      result = await pushWithConflictPrompt(ctx, push, Boolean(options.force), resource, document);
    }
    // The diff shown before the update would otherwise keep showing the old remote as if nothing had happened.
    if (diffLeft) ctx.remoteDocuments.replace(diffLeft, remoteTextLike(result.remote, document));
    clearRefusal(document.uri);
    ctx.log.info(`${what}: ${result.action} ${result.remote.id} in ${where}`);
    if (result.action !== 'unchanged') void vscode.window.showInformationMessage(`${name}: ${result.action} in ${where} (${result.remote.id})`);
    ctx.refreshTree();
    return { action: result.action, id: result.remote.id };
  } catch (err) {
    if (err instanceof ConflictDeclined) return { action: 'cancelled', id: err.remoteId, reason: err.message };
    if (isCancellation(err)) return { action: 'cancelled', reason: 'cancelled' };
    showRefusal(document, err);
    return { action: 'error', reason: reportError(ctx, what, err) };
  }
}

class ConflictDeclined extends Error {
  constructor(message: string, readonly remoteId?: string) { super(message); }
}

async function findCounterpart(ctx: CommandContext, links: LinkStore, document: vscode.TextDocument, resource: SpecResource, name: string, signal: AbortSignal):
  Promise<{ client: FlowServiceClient; remote?: RemoteSpec; linked: boolean }> {
  const { client, env } = await ctx.session.client();
  const link = await links.get(environmentKey(env.config), document.uri.fsPath);
  if (link) {
    try {
      return { client, remote: await client.get(resource, link.remoteId, { signal }), linked: true };
    } catch (err) {
      if (!(err instanceof FlowServiceError) || err.kind !== 'not-found') throw err;
      return { client, linked: true };
    }
  }
  const matches = await findSpecsByName(client, resource, name, signal);
  return { client, remote: matches.length === 1 ? matches[0] : undefined, linked: false };
}

/** Runs the push; on a conflict (remote changed since the last sync) asks Compare / Overwrite / Cancel. */
async function pushWithConflictPrompt(ctx: CommandContext, push: (force: boolean) => Promise<PushResult>, force: boolean,
  resource: SpecResource, document: vscode.TextDocument): Promise<PushResult> {
  try {
    return await push(force);
  } catch (err) {
    if (!(err instanceof FlowServiceError) || err.kind !== 'conflict' || force) throw err;
    ctx.log.warn(err.message);
    const remote = err.details.remote;
    const choice = await ctx.prompts.modal('The remote spec changed since your last sync (someone else updated it).',
      'Compare the two versions, overwrite the remote with your file, or cancel.', 'Compare', 'Overwrite');
    if (choice === 'Overwrite') return push(true);
    if (choice === 'Compare' && remote) await showRemoteDiff(ctx, resource, remote, document);
    throw new ConflictDeclined(choice === 'Compare' ? 'compare' : 'conflict not resolved', remote?.id);
  }
}

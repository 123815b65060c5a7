/**
 * *Compare with Remote*: the diff of a local spec and its remote counterpart (the linked id, else the remote spec
 * with its name), with a one-line summary.
 */
import * as vscode from 'vscode';
import { FlowServiceError } from '../../core/api/errors';
import { LinkStore, MemoryLinkStore } from '../../core/sync/links';
import { diffSpec } from '../../core/sync/operations';
import { linkStoreFor } from '../links';
import {
  CommandContext, isCancellation, refuseWith, reportError, showRemoteDiff, whereLabel, withRemoteProgress,
} from './common';
import { specDocumentOr } from './specDocumentOr';
import { cancelled, done, failed, refused, type CommandResult } from './result';

/** `same` and a one-line `summary` of the differences; `id` is the remote spec compared with. */
export type CompareResult = CommandResult<{ same: boolean; summary: string; id?: string }>;

export async function compareWithRemote(ctx: CommandContext, uriArg: unknown): Promise<CompareResult> {
  const found = await specDocumentOr(uriArg, (reason) => refuseWith(ctx, 'Compare with Remote', reason, { same: false, summary: reason }));
  if ('refused' in found) return found.refused;
  const { document } = found;
  const fileLabel = vscode.workspace.asRelativePath(document.uri);
  const links: LinkStore = linkStoreFor(document.uri) ?? new MemoryLinkStore();
  try {
    const result = await withRemoteProgress(`Comparing ${fileLabel} with ${whereLabel(ctx)}…`, async (signal) => {
      const { client } = await ctx.session.client();
      return diffSpec({ client, filePath: document.uri.fsPath, text: document.getText(), links, signal });
    });
    await showRemoteDiff(ctx, result.resource, result.remote, document);
    const changed = result.remoteChangedSinceSync ? ' (the remote changed since your last sync)' : '';
    const summary = `${result.same ? 'Same as' : 'Differs from'} ${result.remote.name} in ${whereLabel(ctx)}: ${result.summary}${changed}`;
    ctx.log.info(`Compare ${fileLabel}: ${summary}`);
    void ctx.prompts.info(summary);
    return done({ same: result.same, summary, id: result.remote.id });
  } catch (err) {
    if (isCancellation(err)) return cancelled({ same: false, summary: 'cancelled' });
    if (err instanceof FlowServiceError && err.kind === 'not-found') {
      // Nothing to compare with is not a failure: the user is told what to do (upload creates it).
      const summary = `No remote counterpart of ${fileLabel} in ${whereLabel(ctx)}: ${err.message}`;
      ctx.log.info(summary);
      void ctx.prompts.info(summary);
      return refused(summary, { same: false, summary });
    }
    const message = reportError(ctx, `Compare ${fileLabel}`, err);
    return failed(message, { same: false, summary: message });
  }
}


/**
 * *Compare Across Sandboxes…*: the same spec's remote copies in two environments or sandboxes, side by side in
 * `vscode.diff` (both sides read-only). Each copy is found through the file's link for that sandbox, else by the
 * file's exact name (core/sync/promote.ts `findRemoteCopy`); a side with no copy shows as empty. Changes nothing.
 */
import * as vscode from 'vscode';
import { FlowServiceError } from '../../core/api/errors';
import type { RemoteSpec } from '../../core/api/types';
import { compareSpecs } from '../../core/sync/diff';
import { LinkStore, MemoryLinkStore } from '../../core/sync/links';
import { formatSpecFile, toAuthoringForm } from '../../core/sync/normalize';
import { findRemoteCopy } from '../../core/sync/promote';
import { kindInfo } from '../../core/spec/kinds';
import { linkedIdentities, linkStoreFor } from '../links';
import { CommandContext, isCancellation, reportError, withRemoteProgress } from './common';
import { specDocumentOr } from './specDocumentOr';
import { cancelled, done, failed, refused, type CommandResult } from './result';
import { openSide, pickSandbox, type Side } from './sandboxPick';

export interface CompareAcrossArgs {
  /** Left side (`{ environment, sandbox? }`); asked when missing. */
  from?: unknown;
  /** Right side; asked when missing. */
  to?: unknown;
}

export interface CompareAcrossDetails {
  same: boolean;
  summary: string;
  fromId?: string;
  toId?: string;
  /** The two read-only documents of the diff. */
  leftUri?: string;
  rightUri?: string;
}

/** A side's remote copy, or undefined when the sandbox has none (not linked and no spec of the file's name). */
async function copyIn(side: Side, links: LinkStore, filePath: string, text: string, signal: AbortSignal): Promise<RemoteSpec | undefined> {
  try {
    return (await findRemoteCopy({ client: side.client, links, filePath, text, signal })).remote;
  } catch (err) {
    if (err instanceof FlowServiceError && err.kind === 'not-found') return undefined;
    throw err;
  }
}

export async function compareAcrossSandboxes(ctx: CommandContext, uriArg: unknown, argsArg: unknown): Promise<CommandResult<CompareAcrossDetails>> {
  const args: CompareAcrossArgs = argsArg && typeof argsArg === 'object' ? argsArg as CompareAcrossArgs : {};
  const found = await specDocumentOr(uriArg, (reason) => refused(reason, {}));
  if ('refused' in found) return found.refused;
  const { document, kind } = found;
  const fileLabel = vscode.workspace.asRelativePath(document.uri);
  const knownIdentities = await linkedIdentities(document.uri);
  const from = await pickSandbox(ctx, 'left (source)', args.from, { knownIdentities });
  if (!from) return cancelled({}, 'no left side chosen');
  const to = await pickSandbox(ctx, 'right (target)', args.to, { exclude: from, knownIdentities });
  if (!to) return cancelled({}, 'no right side chosen');
  const links: LinkStore = linkStoreFor(document.uri) ?? new MemoryLinkStore();
  const text = document.getText();
  const what = `Compare ${fileLabel} across sandboxes`;
  try {
    const found = await withRemoteProgress(`Reading ${fileLabel} in two sandboxes…`, async (signal) => {
      const left = await openSide(ctx, from);
      const right = await openSide(ctx, to);
      if (left.env.syncIdentity === right.env.syncIdentity) return { same: true as const, left, right };
      const [leftCopy, rightCopy] = await Promise.all([
        copyIn(left, links, document.uri.fsPath, text, signal), copyIn(right, links, document.uri.fsPath, text, signal),
      ]);
      return { same: false as const, left, right, leftCopy, rightCopy };
    });
    if (found.same) return refused(`${found.left.label} and ${found.right.label} are the same sandbox: pick two different ones.`, {});
    const { left, right, leftCopy, rightCopy } = found;
    if (!leftCopy && !rightCopy) {
      return refused(`Neither ${left.label} nor ${right.label} has a copy of ${fileLabel} (no link, no spec of its name).`, {});
    }
    const resource = kindInfo(kind).resource;
    const asText = (copy: RemoteSpec | undefined) => (copy ? formatSpecFile(toAuthoringForm(copy)) : '');
    const name = String((leftCopy ?? rightCopy)!.name);
    const leftUri = ctx.remoteDocuments.put(resource, leftCopy?.id ?? 'none', name, asText(leftCopy), left.label);
    const rightUri = ctx.remoteDocuments.put(resource, rightCopy?.id ?? 'none', name, asText(rightCopy), right.label);
    await vscode.commands.executeCommand('vscode.diff', leftUri, rightUri, `${name}: ${left.label} ↔ ${right.label}`, { preview: true });
    const comparison = leftCopy && rightCopy ? compareSpecs(leftCopy, rightCopy) : undefined;
    const summary = comparison
      ? `${name} in ${left.label} and ${right.label}: ${comparison.same ? 'the same' : comparison.summary}`
      : `${name} exists only in ${leftCopy ? left.label : right.label}`;
    ctx.log.info(`${what}: ${summary}`);
    ctx.prompts.info(summary);
    return done({
      same: comparison?.same ?? false, summary, fromId: leftCopy?.id, toId: rightCopy?.id, leftUri: leftUri.toString(), rightUri: rightUri.toString(),
    });
  } catch (err) {
    if (isCancellation(err)) return cancelled({}, 'cancelled');
    return failed(reportError(ctx, what, err), {});
  }
}

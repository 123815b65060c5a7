/**
 * Upload a local spec. Core plans the push (one lookup) and says why (core/sync/push.ts reasons); this command
 * only turns the reason into the one question it needs and applies the plan with the user's answer. Refused in an
 * untrusted workspace and while the file has errors; a production sandbox (any name containing `prod`) is named in every
 * question.
 */
import * as vscode from 'vscode';
import { isProductionSandbox } from '../../core/config/environments';
import { kindInfoOfResource } from '../../core/spec/kinds';
import { LinkStore, MemoryLinkStore } from '../../core/sync/links';
import type { EnvironmentConfig, FlowServiceClient } from '../../core/api/types';
import { applyPushPlanned, planPush, recordSync, type PushDecision, type PushPlan, type PushReason, type PushResult } from '../../core/sync/push';
import { linkStoreFor } from '../links';
import type { GateVerdict } from '../uploadGate';
import { clearRefusal, showRefusal } from '../refusalDiagnostics';
import {
  CommandContext, commandOptions, describeError, isCancellation, refuseWith, remoteTextLike, reportError, requireTrust, showRemoteDiff, withRemoteProgress,
} from './common';
import { specDocumentOr } from './specDocumentOr';
import { cancelled, done, failed, type CommandResult } from './result';

export interface UploadOptions {
  /** The user already confirmed creating or updating (CodeLens flows, tests): no create/update question. */
  confirm?: boolean;
  /** Overwrite a remote changed since the last sync without asking. */
  force?: boolean;
  saveFirst?: boolean;
}

/** `took-remote`: the conflict was answered with *Take Remote* (the file's text replaced by the remote copy, linked). */
export type UploadAction = 'created' | 'updated' | 'unchanged' | 'took-remote' | 'refused' | 'cancelled' | 'error';

/** The command result contract (./result.ts) with upload's details: what happened, the remote id and core's reason. */
export type UploadResult = CommandResult<{
  action: UploadAction;
  id?: string;
  /** Why it was refused or cancelled, or the error message (the contract's `reason` / `error`). */
  reason?: string;
  /** Core's reason for the plan that was applied or declined. */
  plan?: PushReason;
}>;

const SHOW_PROBLEMS = 'Show Problems';
/** How many of a file's errors the refusal lists (the Problems view has them all). */
const LISTED_ERRORS = 3;

function refuse(ctx: CommandContext, reason: string, plan?: PushReason, actions: string[] = []): UploadResult {
  return refuseWith(ctx, 'Upload refused', reason, { action: 'refused' as const, plan }, actions, (action) => {
    if (action === SHOW_PROBLEMS) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
}

/** "x.json has 2 errors — line 4: …; line 9: … (and 1 more). Fix them, then upload again" (one stop, added by the caller). */
export function errorsReason(fileLabel: string, errors: string[]): string {
  const listed = errors.slice(0, LISTED_ERRORS).map((e) => e.replace(/\s+/g, ' ').trim().replace(/[.;:,]+$/, '')).join('; ');
  const more = errors.length > LISTED_ERRORS ? ` (and ${errors.length - LISTED_ERRORS} more)` : '';
  const plural = errors.length > 1;
  // A listed message may end in a question ("Did you mean "OFFSET"?"): no period after it.
  const stop = !more && /[?!]$/.test(listed) ? '' : '.';
  return `${fileLabel} has ${errors.length} error${plural ? 's' : ''} — ${listed}${more}${stop} Fix ${plural ? 'them' : 'it'}, then upload again`;
}

/** Button titles, one per decision. */
const CREATE = 'Create';
const CREATE_AGAIN = 'Create Again';
const UPDATE = 'Update';
const OVERWRITE = 'Overwrite';
const COMPARE = 'Compare';
const TAKE_REMOTE = 'Take Remote';

function when(ms: number | undefined): string {
  return typeof ms === 'number' ? new Date(ms).toLocaleString() : 'at an unknown time';
}

/** Where an upload goes: the active environment (*Upload Spec*), or a promotion's source (*Upload to … First*). */
export interface UploadTarget {
  client: FlowServiceClient;
  /** Its environment; the name and sandbox are named in every question (a production sandbox as such). */
  config: EnvironmentConfig;
}

export async function uploadSpec(ctx: CommandContext, uriArg: unknown, optionsArg: unknown): Promise<UploadResult> {
  const options = commandOptions<UploadOptions>(optionsArg);
  const untrusted = requireTrust(ctx, 'Uploading', { action: 'refused' as const });
  if (untrusted) return untrusted;
  const found = await specDocumentOr(uriArg, (reason) => refuse(ctx, reason));
  if ('refused' in found) return found.refused;
  return uploadDocument(ctx, found.document, options, async () => {
    const { client, env } = await ctx.session.client();
    return { client, config: env.config };
  });
}

/**
 * Uploads a spec document to `target` (resolved after the local checks: it may start the emulator or ask for a
 * secret): saved first, checked by the language server, planned, the one question its plan needs, applied.
 */
export async function uploadDocument(ctx: CommandContext, document: vscode.TextDocument, options: UploadOptions,
  target: () => Promise<UploadTarget>): Promise<UploadResult> {
  const fileLabel = vscode.workspace.asRelativePath(document.uri);
  if (document.uri.scheme !== 'file') return refuse(ctx, `save ${fileLabel} to a file first`);
  if (document.isDirty) {
    const save = options.saveFirst || (await ctx.prompts.modal(`${fileLabel} has unsaved changes. Save and upload?`, undefined, 'Save and Upload')) === 'Save and Upload';
    if (!save) return cancelled({ action: 'cancelled' as const }, 'unsaved changes');
    await document.save();
  }
  // The gate checks exactly the text uploaded below (never an older version's published diagnostics).
  const text = document.getText();
  let verdict: GateVerdict;
  try {
    verdict = await ctx.checkBeforeUpload(document, text);
  } catch (err) {
    return refuse(ctx, `${fileLabel} could not be checked for errors (${describeError(err)}). Run "Sources SDK: Restart Language Server" and try again`);
  }
  if (!verdict.kind) return refuse(ctx, `${fileLabel} is not a connection spec or flow spec`);
  // The kind the gate checked the text as is the kind it is uploaded as.
  const gatedKind = verdict.kind;
  const errors = verdict.errors;
  if (errors.length) {
    return refuse(ctx, errorsReason(fileLabel, errors), undefined, [SHOW_PROBLEMS]);
  }
  const links: LinkStore = linkStoreFor(document.uri) ?? new MemoryLinkStore();
  const what = `Upload ${fileLabel}`;

  try {
    const { client, config } = await target();
    const where = `${config.name}/${config.sandbox}`;
    let plan = await withRemoteProgress(`Looking up ${fileLabel} in ${where}…`, (signal) =>
      planPush({ client, filePath: document.uri.fsPath, text, kind: gatedKind, links, signal }));
    // At most one re-plan: when another process pushed the same file while the question was open.
    for (let attempt = 0; ; attempt++) {
      const answer = await decide(ctx, plan, document, options, { client, links, config });
      if ('result' in answer) return answer.result;
      const outcome = await withRemoteProgress(`Uploading ${plan.name ?? fileLabel} to ${where}…`, (signal) =>
        applyPushPlanned(plan, { client, links, text, decisions: answer.decisions, signal }));
      if ('replanned' in outcome) {
        if (attempt > 0) return refuse(ctx, `${fileLabel} is being uploaded by another process; try again`);
        plan = outcome.replanned;
        continue;
      }
      return finish(ctx, outcome, answer.diffLeft, document, what, where, plan.name ?? fileLabel);
    }
  } catch (err) {
    if (isCancellation(err)) return cancelled({ action: 'cancelled' as const }, 'cancelled');
    showRefusal(document, err);
    const message = reportError(ctx, what, err);
    return failed(message, { action: 'error' as const, reason: message });
  }
}

function finish(ctx: CommandContext, result: PushResult, diffLeft: vscode.Uri | undefined, document: vscode.TextDocument,
  what: string, where: string, name: string): UploadResult {
  // The diff shown before the update would otherwise keep showing the old remote as if nothing had happened.
  if (diffLeft) ctx.remoteDocuments.replace(diffLeft, remoteTextLike(result.remote, document));
  clearRefusal(document.uri);
  ctx.log.info(`${what}: ${result.action} ${result.remote.id} in ${where} (${result.reason})`);
  if (result.action !== 'unchanged') void ctx.prompts.info(`${name}: ${result.action} in ${where} (${result.remote.id})`);
  ctx.refreshTree();
  return done({ action: result.action, id: result.remote.id, plan: result.reason });
}

type Answer = { decisions: PushDecision[]; diffLeft?: vscode.Uri } | { result: UploadResult };

/**
 * *Take Remote*: the file's whole text becomes the remote copy (authoring form, keys in the file's order, its
 * indentation) in one edit the editor can undo, and the link records that remote state, so the next upload sees no
 * conflict. The document is left unsaved, for the author to look at (and undo) before it reaches the disk.
 */
async function takeRemote(ctx: CommandContext, plan: PushPlan, document: vscode.TextDocument, sync: UploadTarget & { links: LinkStore }): Promise<UploadResult> {
  const remote = plan.remote!;
  const current = document.getText().split('\n');
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, current.length - 1, current[current.length - 1].length), remoteTextLike(remote, document));
  const fileLabel = vscode.workspace.asRelativePath(document.uri);
  if (!(await vscode.workspace.applyEdit(edit))) return failed(`${fileLabel} could not be edited`, { action: 'error' as const, id: remote.id, plan: plan.reason });
  await recordSync(sync.links, sync.client, plan.filePath, plan.resource, remote);
  const message = `${plan.name ?? fileLabel}: ${fileLabel} now holds the remote copy from ${sync.config.name}/${sync.config.sandbox} (${remote.id}), not saved yet; Undo brings your text back.`;
  ctx.log.info(message);
  void ctx.prompts.info(message);
  ctx.refreshTree();
  return done({ action: 'took-remote' as const, id: remote.id, plan: plan.reason });
}

/** The one question a plan needs (none for `unchanged`), in the editor's words; returns what the user allowed. */
async function decide(ctx: CommandContext, plan: PushPlan, document: vscode.TextDocument, options: UploadOptions,
  sync: UploadTarget & { links: LinkStore }): Promise<Answer> {
  const env = sync.config;
  const where = `${env.name}/${env.sandbox}`;
  const name = plan.name ?? vscode.workspace.asRelativePath(document.uri);
  const inWhere = isProductionSandbox(env.sandbox) ? `in the PRODUCTION sandbox "${env.sandbox}" of ${env.name}` : `in ${where}`;
  const label = kindInfoOfResource(plan.resource).label;
  const declined = (reason: string): Answer => ({ result: cancelled({ action: 'cancelled' as const, id: plan.remote?.id, plan: plan.reason }, reason) });
  const ask = (question: string, detail: string, button: string) => ctx.prompts.modal(question, detail, button);

  switch (plan.reason) {
    case 'unchanged':
      return { decisions: [] };
    case 'create': {
      if (options.confirm) return { decisions: [] };
      const answer = await ask(`Create ${name} ${inWhere}?`, `No remote ${label} is linked to this file or has its name.`, CREATE);
      return answer === CREATE ? { decisions: [] } : declined('not confirmed');
    }
    case 'remote-deleted': {
      if (options.confirm || options.force) return { decisions: ['create-again'] };
      const answer = await ask(`${name} no longer exists ${inWhere}. Create it again?`,
        `This file was linked to ${plan.link?.remoteId}, which has been deleted. Creating it again makes a new ${label} with a new id and links the file to it.`, CREATE_AGAIN);
      return answer === CREATE_AGAIN ? { decisions: ['create-again'] } : declined('not confirmed');
    }
    case 'remote-changed': {
      if (options.force) return { decisions: ['overwrite'] };
      // Conflict first: this is the only question, so nobody confirms an "update" before hearing of the conflict.
      const remoteSide = `Remote: changed since your last sync (updated ${when(plan.remote?.updatedAt)}; last sync ${when(plan.link ? Date.parse(plan.link.syncedAt) : undefined)}).`;
      const localSide = `Your file: ${plan.localChangedSinceSync ? 'also changed since then' : 'unchanged since then'}.`;
      const differences = `Differences: ${plan.comparison?.summary ?? 'unknown'}.`;
      const choice = await ctx.prompts.modal(`The remote ${label} ${name} ${inWhere} changed since your last sync (someone else updated it).`,
        `${remoteSide}\n${localSide}\n${differences}\nCompare the two versions, overwrite the remote with your file, take the remote copy into your file (undoable), or cancel.`,
        COMPARE, OVERWRITE, TAKE_REMOTE);
      if (choice === OVERWRITE) return { decisions: ['overwrite'] };
      if (choice === TAKE_REMOTE && plan.remote) return { result: await takeRemote(ctx, plan, document, sync) };
      if (choice === COMPARE && plan.remote) await showRemoteDiff(ctx, plan.resource, plan.remote, document, where);
      return declined(choice === COMPARE ? 'compare' : 'conflict not resolved');
    }
    case 'update':
    case 'name-taken': {
      const decisions: PushDecision[] = plan.reason === 'name-taken' ? ['adopt'] : [];
      if (options.confirm || options.force) return { decisions };
      const diffLeft = plan.remote ? await showRemoteDiff(ctx, plan.resource, plan.remote, document, where) : undefined;
      const detail = plan.reason === 'name-taken'
        ? `This file is not linked yet; the remote ${label} with its name (${plan.remote?.id}) differs: ${plan.comparison?.summary}. Updating links the file to it.`
        : plan.comparison?.summary ?? '';
      const answer = await ask(`Update ${name} ${inWhere}?`, detail, UPDATE);
      return answer === UPDATE ? { decisions, diffLeft } : declined('not confirmed');
    }
    case 'ambiguous-name':
      return { result: refuse(ctx, `${plan.candidates?.length ?? 2} remote ${label}s are named "${name}" in ${where} (${(plan.candidates ?? []).map((c) => c.id).join(', ')}). ` +
        `Fetch the one this file stands for from the Flow Service view (it links the file), then upload`, plan.reason) };
  }
}

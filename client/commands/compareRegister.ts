/**
 * Compare a local spec with its remote counterpart, and register a connection spec in a flow spec.
 */
import * as vscode from 'vscode';
import { FlowServiceError } from '../../core/api/errors';
import { environmentKey, LinkStore, MemoryLinkStore } from '../../core/sync/links';
import { formatSpecFile, toAuthoringForm } from '../../core/sync/normalize';
import { diffSpec, findSpecsByName } from '../../core/sync/operations';
import { planRegister, registerInFlowSpec } from '../../core/sync/register';
import { findLinkedFile, linkStoreFor } from '../links';
import { showRegistrationRefusal } from '../refusalDiagnostics';
import { parseSpecObject } from '../specText';
import {
  CommandContext, UserError, isCancellation, reportError, showRemoteDiff, specDocument, toUri, whereLabel,
  withRemoteProgress,
} from './common';

export interface CompareResult {
  same: boolean;
  summary: string;
  id?: string;
}

export async function compareWithRemote(ctx: CommandContext, uriArg: unknown): Promise<CompareResult> {
  let found: Awaited<ReturnType<typeof specDocument>>;
  try {
    found = await specDocument(uriArg);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    void vscode.window.showWarningMessage(err.message);
    return { same: false, summary: err.message };
  }
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
    ctx.prompts.info(summary);
    return { same: result.same, summary, id: result.remote.id };
  } catch (err) {
    if (isCancellation(err)) return { same: false, summary: 'cancelled' };
    if (err instanceof FlowServiceError && err.kind === 'not-found') {
      const summary = `No remote counterpart of ${fileLabel} in ${whereLabel(ctx)}: ${err.message}`;
      ctx.log.info(summary);
      ctx.prompts.info(summary);
      return { same: false, summary };
    }
    return { same: false, summary: reportError(ctx, `Compare ${fileLabel}`, err) };
  }
}

export interface RegisterArgs {
  connectionSpecId?: string;
  flowSpecId?: string;
  confirm?: boolean;
}

export interface RegisterResult {
  changed: boolean;
  flowSpecId?: string;
  connectionSpecId?: string;
  alreadyRegistered?: boolean;
  refused?: boolean;
  cancelled?: boolean;
  error?: string;
}

export async function registerCommand(ctx: CommandContext, target: unknown, optionsArg: unknown): Promise<RegisterResult> {
  const objectArg = target && typeof target === 'object' && !(target instanceof vscode.Uri) && !('scheme' in target) ? target as RegisterArgs : undefined;
  const options: RegisterArgs = { ...(optionsArg && typeof optionsArg === 'object' ? optionsArg as RegisterArgs : {}), ...objectArg };
  if (!ctx.isTrusted()) {
    const reason = 'Registering is disabled in an untrusted workspace. Trust the workspace first.';
    ctx.log.warn(reason);
    void vscode.window.showWarningMessage(reason);
    return { changed: false, refused: true, error: reason };
  }
  try {
    const outcome = await withRemoteProgress(`Preparing registration in ${whereLabel(ctx)}…`, async (signal) => {
      const { client, env } = await ctx.session.client();
      const connectionSpecId = options.connectionSpecId ?? (await connectionSpecIdOfFile(toUri(objectArg ? undefined : target), env.config, client, signal));
      const plan = await planRegister({ client, connectionSpecId, flowSpecId: options.flowSpecId, signal });
      return { client, plan, connectionSpecId };
    });
    const { client, plan, connectionSpecId } = outcome;
    const flowName = `${plan.flowSpec.name} (${plan.flowSpec.id})`;
    if (!plan.changed) {
      const message = `${plan.connectionSpec.name} is already registered in flow spec ${flowName}: nothing to do.`;
      ctx.log.info(message);
      ctx.prompts.info(message);
      return { changed: false, alreadyRegistered: true, flowSpecId: plan.flowSpec.id, connectionSpecId };
    }
    if (!options.confirm) {
      const where = whereLabel(ctx);
      const before = ctx.remoteDocuments.put('flowSpecs', plan.flowSpec.id, `${plan.flowSpec.name}-before`, formatSpecFile(toAuthoringForm(plan.flowSpec)), where);
      const after = ctx.remoteDocuments.put('flowSpecs', plan.flowSpec.id, `${plan.flowSpec.name}-after`, formatSpecFile(toAuthoringForm(plan.body ?? {})), where);
      await vscode.commands.executeCommand('vscode.diff', before, after, `${plan.flowSpec.name}: register ${plan.connectionSpec.name}`, { preview: true });
      const prod = ctx.session.active().config.sandbox === 'prod' ? ' This is the PRODUCTION sandbox "prod".' : '';
      const choice = await ctx.prompts.modal(`Add ${plan.connectionSpec.name} (${connectionSpecId}) to flow spec ${flowName} in ${where}?`,
        `${plan.summary}. No existing id is removed.${prod}`, 'Register');
      if (choice !== 'Register') return { changed: false, cancelled: true, flowSpecId: plan.flowSpec.id, connectionSpecId };
    }
    const result = await withRemoteProgress(`Registering in ${flowName}…`, (signal) =>
      registerInFlowSpec({ client, connectionSpecId, flowSpecId: plan.flowSpec.id, signal })).catch(async (err: unknown) => {
      // A refusal goes on the local flow spec file linked to that flow spec, else on the connection spec file.
      const connectionSpecFile = options.connectionSpecId ? undefined : toUri(objectArg ? undefined : target) ?? vscode.window.activeTextEditor?.document.uri;
      await showRegistrationRefusal(err, await findLinkedFile(ctx.session.active().syncIdentity, 'flowSpecs', plan.flowSpec.id), connectionSpecFile);
      throw err;
    });
    const message = result.changed ? `Registered ${plan.connectionSpec.name} in flow spec ${flowName}.` : `${plan.connectionSpec.name} was already registered in ${flowName}.`;
    ctx.log.info(message);
    ctx.prompts.info(message);
    ctx.refreshTree();
    return { changed: result.changed, alreadyRegistered: !result.changed, flowSpecId: plan.flowSpec.id, connectionSpecId };
  } catch (err) {
    if (isCancellation(err)) return { changed: false, cancelled: true };
    if (err instanceof UserError) {
      void vscode.window.showWarningMessage(err.message);
      return { changed: false, error: err.message };
    }
    return { changed: false, error: reportError(ctx, 'Register in flow spec', err) };
  }
}

/** The remote id a connection spec file stands for: its link, else the one remote spec with its name. */
async function connectionSpecIdOfFile(uri: vscode.Uri | undefined, env: Parameters<typeof environmentKey>[0],
  client: Parameters<typeof findSpecsByName>[0], signal: AbortSignal): Promise<string> {
  const { document, kind } = await specDocument(uri);
  if (kind !== 'connectionSpec') throw new UserError('Only a connection spec can be registered in a flow spec.');
  const link = await linkStoreFor(document.uri)?.get(environmentKey(env), document.uri.fsPath);
  if (link) return link.remoteId;
  const name = parseSpecObject(document.getText())?.name;
  const matches = typeof name === 'string' ? await findSpecsByName(client, 'connectionSpecs', name, signal) : [];
  if (matches.length === 1) return matches[0].id;
  throw new UserError(`${vscode.workspace.asRelativePath(document.uri)} has no remote counterpart in ${env.sandbox}: upload it first.`);
}

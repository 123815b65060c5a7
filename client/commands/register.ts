/**
 * *Register in Flow Spec*: appends a connection spec's id to a flow spec's `sourceConnectionSpecIds` after showing
 * the flow spec before and after; never removes an id, and says so when the id is already there.
 */
import * as vscode from 'vscode';
import { isProductionSandbox } from '../../core/config/environments';
import { environmentKey } from '../../core/sync/links';
import { formatSpecFile, toAuthoringForm } from '../../core/sync/normalize';
import { findSpecsByName } from '../../core/sync/operations';
import { planRegister, registerInFlowSpec } from '../../core/sync/register';
import { findLinkedFile, linkStoreFor } from '../links';
import { showRegistrationRefusal } from '../refusalDiagnostics';
import { parseSpecObject } from '../specText';
import {
  CommandContext, commandOptions, UserError, isCancellation, refuseWith, reportError, requireTrust, specDocument, toUri, whereLabel, withRemoteProgress,
} from './common';
import { cancelled, done, failed, type CommandResult } from './result';

export interface RegisterArgs {
  connectionSpecId?: string;
  flowSpecId?: string;
  confirm?: boolean;
}

/** The contract with register's details (`refused` / `cancelled` kept as flags for older callers). */
export type RegisterResult = CommandResult<{
  changed: boolean;
  flowSpecId?: string;
  connectionSpecId?: string;
  alreadyRegistered?: boolean;
  refused?: boolean;
  cancelled?: boolean;
}>;

export async function registerCommand(ctx: CommandContext, target: unknown, optionsArg: unknown): Promise<RegisterResult> {
  const objectArg = target && typeof target === 'object' && !(target instanceof vscode.Uri) && !('scheme' in target) ? target as RegisterArgs : undefined;
  const options: RegisterArgs = { ...commandOptions<RegisterArgs>(optionsArg), ...objectArg };
  const untrusted = requireTrust(ctx, 'Registering in a flow spec', { changed: false, refused: true });
  if (untrusted) return untrusted;
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
      void ctx.prompts.info(message);
      return done({ changed: false, alreadyRegistered: true, flowSpecId: plan.flowSpec.id, connectionSpecId });
    }
    if (!options.confirm) {
      const where = whereLabel(ctx);
      const before = ctx.remoteDocuments.put('flowSpecs', plan.flowSpec.id, `${plan.flowSpec.name}-before`, formatSpecFile(toAuthoringForm(plan.flowSpec)), where);
      const after = ctx.remoteDocuments.put('flowSpecs', plan.flowSpec.id, `${plan.flowSpec.name}-after`, formatSpecFile(toAuthoringForm(plan.body ?? {})), where);
      await vscode.commands.executeCommand('vscode.diff', before, after, `${plan.flowSpec.name}: register ${plan.connectionSpec.name}`, { preview: true });
      const sandbox = ctx.session.active().config.sandbox;
      const prod = isProductionSandbox(sandbox) ? ` This is the PRODUCTION sandbox "${sandbox}".` : '';
      const choice = await ctx.prompts.modal(`Add ${plan.connectionSpec.name} (${connectionSpecId}) to flow spec ${flowName} in ${where}?`,
        `${plan.summary}. No existing id is removed.${prod}`, 'Register');
      if (choice !== 'Register') return cancelled({ changed: false, cancelled: true, flowSpecId: plan.flowSpec.id, connectionSpecId }, 'not confirmed');
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
    void ctx.prompts.info(message);
    ctx.refreshTree();
    return done({ changed: result.changed, alreadyRegistered: !result.changed, flowSpecId: plan.flowSpec.id, connectionSpecId });
  } catch (err) {
    if (isCancellation(err)) return cancelled({ changed: false, cancelled: true }, 'cancelled');
    if (err instanceof UserError) return refuseWith(ctx, 'Register in flow spec', err.message, { changed: false, refused: true });
    return failed(reportError(ctx, 'Register in flow spec', err), { changed: false });
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

/**
 * Registers every command of the command table (client/commandTable.ts) with its handler here: the handler record is
 * typed by the table, so a row without a handler (or a handler without a row) does not compile. Each handler takes
 * its answers as arguments and returns the command result contract (./result.ts, docs/commands.md "Result
 * contract"); the registration turns anything unexpected into `failed`.
 */
import { isSpecResource } from '../../core/spec/kinds';
import * as vscode from 'vscode';
import type { SpecResource } from '../../core/api/types';
import { COMMAND_IDS, type CommandId } from '../commandTable';
import type { FlowServiceNode } from '../tree';
import { CommandContext, isCancellation, reportError, whereLabel, withRemoteProgress } from './common';
import { compareWithRemote } from './compare';
import { registerCommand } from './register';
import { cancelled, done, failed, type CommandResult } from './result';
import { previewCard } from '../cardPreview/panel';
import { selectEnvironment, setClientSecret, startEmulator, stopEmulator } from './environmentCommands';
import { fetchSpec } from './fetch';
import { uploadSpec } from './upload';
import { compareAcrossSandboxes } from './compareAcross';
import { promoteSpec } from './promote';
import { newFromOpenApi } from './newFromOpenApi';
import { generateSourceDocs } from './generateDocs';
import { previewSource } from '../preview/command';
import { testSourceInEmulator } from './testSource';
import { formatSpecFile, toAuthoringForm } from '../../core/sync/normalize';



type OpenRemoteResult = CommandResult<{ uri: string; id: string; cancelled?: true }>;

/** Opens a remote spec read-only: from a tree item or `{ resource, id }`. */
async function openRemoteSpec(ctx: CommandContext, arg: unknown): Promise<OpenRemoteResult> {
  const node = arg as Partial<Extract<FlowServiceNode, { type: 'spec' }>> | undefined;
  const resource = node?.resource as SpecResource | undefined;
  if (!node?.id || !isSpecResource(resource)) {
    return failed<{ uri: string }>('openRemoteSpec needs a tree item or { resource, id }');
  }
  try {
    const remote = await withRemoteProgress(`Opening ${node.name ?? node.id}…`, async (signal) => {
      const { client } = await ctx.session.client();
      return client.get(resource, node.id as string, { signal });
    });
    const origin = { resource, remote, syncIdentity: ctx.session.active().syncIdentity };
    const uri = ctx.remoteDocuments.put(resource, remote.id, String(remote.name), formatSpecFile(toAuthoringForm(remote)), whereLabel(ctx), origin);
    await ctx.remoteDocuments.show(uri, resource);
    return done({ uri: uri.toString(), id: remote.id });
  } catch (err) {
    if (isCancellation(err)) return cancelled({ cancelled: true as const });
    return failed<{ uri: string }>(reportError(ctx, 'Open remote spec', err));
  }
}

/** Tree item action "Fetch" (inline icon and context menu): saves the spec into the workspace, opens and announces it. */
function treeNodeToFetchArgs(arg: unknown): unknown {
  const node = arg as Partial<Extract<FlowServiceNode, { type: 'spec' }>> | undefined;
  return node && node.type === 'spec' ? { id: node.id, mode: 'save' } : arg;
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const handlers: Record<CommandId, (...args: unknown[]) => Promise<unknown> | unknown> = {
    'sourcesSdk.fetchConnectionSpec': (a) => fetchSpec(ctx, 'connectionSpecs', treeNodeToFetchArgs(a)),
    'sourcesSdk.fetchFlowSpec': (a) => fetchSpec(ctx, 'flowSpecs', treeNodeToFetchArgs(a)),
    'sourcesSdk.uploadSpec': (uri, options) => uploadSpec(ctx, uri, options),
    'sourcesSdk.compareWithRemote': (a) => compareWithRemote(ctx, linkedUriOf(a)),
    'sourcesSdk.registerInFlowSpec': (target, options) => registerCommand(ctx, target, options),
    'sourcesSdk.selectEnvironment': (name) => selectEnvironment(ctx, name),
    'sourcesSdk.setClientSecret': (env, secret) => setClientSecret(ctx, env, secret),
    'sourcesSdk.startEmulator': () => startEmulator(ctx),
    'sourcesSdk.stopEmulator': () => stopEmulator(ctx),
    'sourcesSdk.refreshFlowService': () => { ctx.refreshTree(); return done({ refreshed: true }); },
    'sourcesSdk.showLog': () => { ctx.log.show(true); return done({ shown: true }); },
    'sourcesSdk.openRemoteSpec': (a) => openRemoteSpec(ctx, a),
    'sourcesSdk.restartLanguageServer': async () => { await ctx.restartLanguageServer(); return done({ restarted: true }); },
    'sourcesSdk.previewSource': (uri, options) => previewSource(ctx, ctx.preview, uri, options as never),
    'sourcesSdk.testSourceInEmulator': (uri, options) => testSourceInEmulator(ctx, uri, options),
    'sourcesSdk.previewCard': (uri) => previewCard(ctx, uri),
    'sourcesSdk.compareAcrossSandboxes': (uri, args) => compareAcrossSandboxes(ctx, uri, args),
    'sourcesSdk.promoteSpec': (uri, args) => promoteSpec(ctx, uri, args),
    'sourcesSdk.generateSourceDocs': (uri, options) => generateSourceDocs(ctx, uri, options),
    'sourcesSdk.newFromOpenApi': (uri, options) => newFromOpenApi(ctx, uri, options as never),
  };
  return COMMAND_IDS.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => runCommand(ctx, id, () => handlers[id](...args))));
}

/**
 * Runs one command under the contract: a handler's result is passed on; anything it throws is unexpected (handlers
 * report their own errors and return `failed`), so it is logged with the command's id, shown once and returned as
 * `failed` instead of a rejection nobody handles.
 */
async function runCommand(ctx: CommandContext, id: string, handler: () => unknown): Promise<unknown> {
  try {
    return await handler();
  } catch (err) {
    return failed(reportError(ctx, id, err));
  }
}

/** The tree's "compare" action passes a spec node; compare then acts on the linked local file. */
function linkedUriOf(arg: unknown): unknown {
  const node = arg as Partial<Extract<FlowServiceNode, { type: 'spec' }>> | undefined;
  return node && node.type === 'spec' ? node.linkedUri : arg;
}

/**
 * *Test Source in Emulator*: walks the Flow Service test chain for the open connection spec in the built-in local
 * emulator (push, register, base connection, explore, source and target connections, flow) and shows the first
 * run's result with the records it read, in a read-only JSON document. Test values come from the one value store
 * Preview Source also uses (plain values in the workspace state, secrets in SecretStorage), so values given to either
 * are not asked again.
 */
import * as vscode from 'vscode';
import { FlowServiceError } from '../../core/api/errors';
import { walkTestChain, type TestChainResult } from '../../core/chain/testChain';
import { authSpecNames, routeValues } from '../../core/chain/values';
import { findAuthSpecEntry, neededValues } from '../../core/spec/parameters';
import { MemoryLinkStore } from '../../core/sync/links';
import { linkStoreFor } from '../links';
import { parseSpecObject } from '../specText';
import {
  CommandContext, commandOptions, SHOW_LOG, isCancellation, refuseWith, reportError, requireTrust, withRemoteProgress,
} from './common';
import { specDocumentOr } from './specDocumentOr';
import { cancelled, done, failed, type CommandResult } from './result';

export interface TestSourceOptions {
  /** Auth spec to use (default: the only one, else asked). */
  authSpecName?: string;
  /** Values given up front (names of auth or source properties); remembered like typed ones. */
  values?: Record<string, string>;
  /** Overwrite the emulator's copy of the spec when it changed since the last sync, without asking. */
  force?: boolean;
  /** Do not open the result document (tests read the returned result). */
  quiet?: boolean;
}

/** The contract with the run's details; `status` says whether the first run succeeded (a failed run is still `done`). */
export type TestSourceResult = CommandResult<{
  action: 'tested' | 'refused' | 'cancelled' | 'error';
  status?: 'success' | 'failed';
  recordCount?: number;
  /** Records the run kept (first 1,000). */
  records?: unknown[];
  flowId?: string;
  runId?: string;
  /** The run's error, or why the command stopped. */
  reason?: string;
  /** The result document (read-only, never asks to be saved), when one was opened. */
  uri?: string;
}>;

function refuse(ctx: CommandContext, reason: string): TestSourceResult {
  return refuseWith(ctx, 'Test Source in Emulator', reason, { action: 'refused' as const });
}

function stopped(reason: string): TestSourceResult {
  return cancelled({ action: 'cancelled' as const }, reason);
}

/** The chain's result as a JSON document a user can read and search. */
function resultDocument(name: string, result: TestChainResult): string {
  return `${JSON.stringify({
    source: name,
    status: result.status,
    recordCount: result.recordCount,
    error: result.error,
    flowId: result.flowId,
    run: result.run,
    records: result.records,
    explorePreview: result.preview,
  }, null, 2)}\n`;
}

export async function testSourceInEmulator(ctx: CommandContext, uriArg: unknown, optionsArg: unknown): Promise<TestSourceResult> {
  const options = commandOptions<TestSourceOptions>(optionsArg);
  const untrusted = requireTrust(ctx, 'Test Source in Emulator', { action: 'refused' as const });
  if (untrusted) return untrusted;
  const found = await specDocumentOr(uriArg, (reason) => refuse(ctx, reason), ({ document, kind }) =>
    kind === 'connectionSpec' ? undefined : `${vscode.workspace.asRelativePath(document.uri)} is a flow spec: open the connection spec of the source to test.`);
  if ('refused' in found) return found.refused;
  const { document } = found;
  const fileLabel = vscode.workspace.asRelativePath(document.uri);
  if (document.uri.scheme !== 'file') return refuse(ctx, `save ${fileLabel} to a file first.`);
  if (document.isDirty) await document.save();
  const text = document.getText();
  const spec = parseSpecObject(text);
  if (!spec) return refuse(ctx, `${fileLabel} is not a JSON object.`);
  const name = typeof spec.name === 'string' ? spec.name : fileLabel;

  let authSpecName = '';
  if (spec.type !== 'generic-streaming') {
    const names = authSpecNames(spec);
    if (names.length === 0) return refuse(ctx, `${fileLabel} has no auth spec: add one to authSpec before testing.`);
    const chosen = options.authSpecName ?? (names.length === 1 ? names[0] : (await ctx.prompts.pick(names.map((label) => ({ label })), 'Auth spec for the test base connection'))?.label);
    if (!chosen) return stopped('no auth spec chosen');
    const entry = findAuthSpecEntry(spec, chosen);
    if (!entry) return refuse(ctx, `"${chosen}" is not an auth spec of ${fileLabel}: use one of ${names.join(', ')}.`);
    authSpecName = entry.name;
  }
  const given = await ctx.values.collect(ctx.prompts, document.uri.toString(), authSpecName, authSpecName ? neededValues(spec, authSpecName) : [], options.values ?? {});
  if (!given) return stopped('a test value was not given');
  const values = routeValues(spec, authSpecName, Object.entries(given));
  const links = linkStoreFor(document.uri) ?? new MemoryLinkStore();
  const what = `Test ${name} in the local emulator`;

  const walk = (force: boolean) => withRemoteProgress(`Testing ${name} in the local emulator`, async (signal, report) => {
    const { client } = await ctx.session.emulatorClient();
    return walkTestChain({
      client, filePath: document.uri.fsPath, text, links, force, authSpecName, ...values, signal,
      onStep: (step) => {
        ctx.log.info(`${what}: ${step.message}`);
        report(step.message);
      },
    });
  });

  let result: TestChainResult;
  try {
    try {
      result = await walk(Boolean(options.force));
    } catch (err) {
      if (!(err instanceof FlowServiceError) || err.kind !== 'conflict' || options.force) throw err;
      const choice = await ctx.prompts.modal(`The emulator's copy of ${name} changed since your last sync.`, 'Overwrite it with your file and run the test?', 'Overwrite and Test');
      if (choice !== 'Overwrite and Test') return stopped('conflict not resolved');
      result = await walk(true);
    }
  } catch (err) {
    if (isCancellation(err)) return stopped('cancelled');
    ctx.refreshTree();
    const message = reportError(ctx, what, err);
    return failed(message, { action: 'error' as const, reason: message });
  }
  ctx.refreshTree();
  const runId = typeof result.run?.id === 'string' ? result.run.id : undefined;
  const summary = result.inletUrl
    ? `${name}: streaming flow created; send events to ${result.inletUrl}`
    : result.status === 'success'
      ? `${name}: the first run read ${result.recordCount ?? 0} record(s).`
      : `${name}: the first run failed: ${result.error ?? 'no details'}`;
  ctx.log.info(`${what}: ${summary}`);
  let uri: string | undefined;
  if (!options.quiet) {
    // A read-only document: a result to read and search, not an untitled file that asks to be saved on close.
    const path = `/test-results/${encodeURIComponent(runId ?? result.flowId ?? 'run')}/${name.replace(/[^A-Za-z0-9._-]+/g, '-')}-test-result.json`;
    const shown = await vscode.workspace.openTextDocument(ctx.remoteDocuments.putText(path, resultDocument(name, result)));
    await vscode.window.showTextDocument(shown, { preview: true });
    uri = shown.uri.toString();
  }
  if (result.status === 'failed') void ctx.prompts.error(summary, SHOW_LOG).then((choice) => { if (choice) ctx.log.show(true); });
  else void ctx.prompts.info(summary);
  return done({
    action: 'tested' as const,
    status: result.status,
    recordCount: result.recordCount,
    records: result.records,
    flowId: result.flowId,
    runId,
    ...(result.error ? { reason: result.error } : {}),
    ...(uri ? { uri } : {}),
  });
}

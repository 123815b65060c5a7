/**
 * *Sources SDK: Preview Source* (`sourcesSdk.previewSource`): runs the connection spec in the editor against the
 * source's own API with the engine of core/run, with progress and cancel, and shows the Preview panel.
 *
 * Arguments (all optional, so tests and other extensions can skip the questions):
 * `(uri, { authSpecName?, values?: Record<string,string>, askAgain?, window?: {start,end} (ISO), backfill?, limits? })`.
 * Result (the command contract, client/commands/result.ts): `done` with `{ recordCount, records, requests, warnings,
 * error?, schema, model }` (a run the source answered with an error is still `done`: `error` says what it said),
 * `cancelled` (`cancelled: true`), `refused` (untrusted, not a connection spec…) or `failed`.
 */
import * as vscode from 'vscode';
import { runSpec, type RunLimits, type RunResult } from '../../core/run';
import { neededValues } from '../../core/run/inputs';
import { buildPreviewModel, type PreviewModel } from '../../core/run/previewModel';
import { CommandContext, refuseWith, reportError, requireTrust, specDocument, UserError } from '../commands/common';
import { cancelled, done, failed, type Cancelled, type Done, type Failed, type NoDetails, type Refused } from '../commands/result';
import { parseSpecObject } from '../specText';
import { PreviewDiagnostics } from './diagnostics';
import { PreviewPanel } from './panel';
import { askValues, PreviewValueStore } from './values';

export interface PreviewOptions {
  authSpecName?: string;
  values?: Record<string, string>;
  askAgain?: boolean;
  window?: { start: string; end: string };
  backfill?: boolean;
  limits?: RunLimits;
}

/** What a preview that ran tells: the run (records counted) and the model the panel draws. */
export type PreviewRun = Omit<RunResult, 'records'> & { records: number; model: PreviewModel };

export type PreviewCommandResult = Done<PreviewRun> | Cancelled<{ cancelled: true }> | Refused<NoDetails> | Failed<NoDetails>;

/** What the preview needs from the extension host. */
export interface PreviewHost {
  extensionUri: vscode.Uri;
  store: PreviewValueStore;
  /** The last run's warnings on the spec, with their fixes as quick fixes. */
  diagnostics: PreviewDiagnostics;
}

export function createPreviewHost(context: vscode.ExtensionContext): PreviewHost {
  const diagnostics = new PreviewDiagnostics();
  context.subscriptions.push(diagnostics);
  return { extensionUri: context.extensionUri, store: new PreviewValueStore(context.secrets, context.workspaceState), diagnostics };
}

function authSpecsOf(spec: unknown): Array<{ name: string; type: string; description?: string }> {
  const list = (spec as { authSpec?: unknown }).authSpec;
  if (!Array.isArray(list)) return [];
  return list.flatMap((a) => (a && typeof a.name === 'string'
    ? [{ name: a.name, type: String(a.type ?? ''), description: typeof a.spec?.description === 'string' ? a.spec.description : undefined }] : []));
}

const stopped = (): PreviewCommandResult => cancelled({ cancelled: true as const });

/** `sourcesSdk.preview.maxResponseMegabytes` in bytes (the engine's default when unset or not a number ≥ 1). */
function responseLimit(uri: vscode.Uri): number | undefined {
  const megabytes = vscode.workspace.getConfiguration('sourcesSdk', uri).get<number>('preview.maxResponseMegabytes');
  return typeof megabytes === 'number' && megabytes >= 1 ? Math.round(megabytes * 1024 * 1024) : undefined;
}

export async function previewSource(ctx: CommandContext, host: PreviewHost | undefined, uriArg: unknown, options: PreviewOptions = {}): Promise<PreviewCommandResult> {
  // It sends requests to the host a spec names.
  const untrusted = requireTrust(ctx, 'Preview Source', {});
  if (untrusted) return untrusted;
  try {
    if (!host) throw new UserError('Preview Source is not available in this window.');
    const { document, kind } = await specDocument(uriArg);
    if (kind !== 'connectionSpec') throw new UserError('Preview Source runs connection specs; this is a flow spec.');
    const spec = parseSpecObject(document.getText());
    if (!spec) throw new UserError('The connection spec is not valid JSON yet: fix the problems shown, then preview again.');
    const specUri = document.uri.toString();
    const authSpecs = authSpecsOf(spec);
    if (authSpecs.length === 0) throw new UserError('The spec has no authSpec entries to preview with.');

    let authSpecName = options.authSpecName;
    if (!authSpecName) {
      const last = host.store.lastAuthSpec(specUri);
      if (authSpecs.length === 1) authSpecName = authSpecs[0].name;
      else if (last && !options.askAgain && authSpecs.some((a) => a.name === last)) authSpecName = last;
      else {
        const picked = await ctx.prompts.pick(authSpecs.map((a) => ({ label: a.name, description: a.type, detail: a.description })), 'Auth spec to preview with');
        if (!picked) return stopped();
        authSpecName = picked.label;
      }
    }
    const needed = neededValues(spec, authSpecName);
    const values = await askValues(ctx.prompts, host.store, specUri, authSpecName, needed, options.values ?? {}, options.askAgain === true);
    if (!values) return stopped();
    const authNames = new Set(needed.filter((n) => n.scope === 'auth').map((n) => n.name));
    const authValues: Record<string, string> = {};
    const sourceValues: Record<string, string> = {};
    for (const [name, value] of Object.entries(values)) (authNames.has(name) ? authValues : sourceValues)[name] = value;

    const name = typeof (spec as { name?: unknown }).name === 'string' ? (spec as { name: string }).name : vscode.workspace.asRelativePath(document.uri);
    const chosen = authSpecName;
    const panel = PreviewPanel.show(host.extensionUri, document.uri, `Preview: ${name}`,
      (askAgain) => void vscode.commands.executeCommand('sourcesSdk.previewSource', document.uri, { authSpecName: askAgain ? undefined : chosen, askAgain }));
    panel.running(`Running ${name} with ${chosen}…`);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Previewing ${name}`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          return await runSpec({
            spec, authSpecName: chosen, authValues, sourceValues,
            window: options.window ? { start: new Date(options.window.start), end: new Date(options.window.end) } : undefined,
            backfill: options.backfill, limits: { maxResponseBytes: responseLimit(document.uri), ...options.limits }, signal: controller.signal,
            onProgress: (p) => progress.report({ message: `${p.requests} requests, ${p.recordCount} records` }),
          });
        } finally {
          subscription.dispose();
        }
      },
    );
    // The panel and the log speak the editor's terms (never a CLI flag).
    if (result.error?.editorMessage) result.error = { ...result.error, message: result.error.editorMessage };
    const model = buildPreviewModel(result, `Preview: ${name} (${chosen})`);
    panel.setModel(model);
    if (result.error?.code === 'cancelled') return stopped();
    host.diagnostics.show(document, result.warnings);
    ctx.log.info(`Preview ${name}: ${model.summary}${result.error ? ` — ${result.error.message}` : ''}`);
    return done({ ...result, records: result.records.length, model });
  } catch (err) {
    if (err instanceof UserError) return refuseWith(ctx, 'Preview Source', err.message, {});
    return failed(reportError(ctx, 'Preview Source', err));
  }
}

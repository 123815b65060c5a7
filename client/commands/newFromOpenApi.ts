/**
 * *New Connection Spec from OpenAPI…* (`sourcesSdk.newFromOpenApi`): pick an API description (the explorer's file,
 * or one of the workspace's OpenAPI/Swagger files, or browse), pick its list operation, and the connection spec and
 * its guesses file are written beside the description (in the first workspace folder when the description is
 * outside the workspace; core/openapi), the spec opens, and *Preview Source* is offered at once.
 *
 * Arguments (all optional, so tests and other extensions can skip the questions):
 * `(uri, { operation?: "GET /path" | operationId, overwrite?: boolean })`.
 * Result: `done` with `{ uri, operation, guesses }`, `cancelled`, `refused` (not a description, no operation…) or
 * `failed`.
 */
import * as vscode from 'vscode';
import { listOperations, OpenApiError, operationKey, parseDescription, specFilesFromDescription, type ApiDescription, type OperationSummary } from '../../core/openapi';
import { guessFileOf } from '../../core/spec/guessFile';
import { ignoredFoldersGlob } from '../../core/files/ignoredFolders';
import { CommandContext, refuseWith, reportError, toUri, UserError } from './common';
import { showSpecFile } from './fetchSave';
import { cancelled, done, failed, type CommandResult } from './result';

export interface NewFromOpenApiOptions {
  operation?: string;
  overwrite?: boolean;
}

export type NewFromOpenApiResult = CommandResult<{ uri: string; operation: string; guesses: number }>;

/** The action of the notification after the spec is written. */
export const PREVIEW_ACTION = 'Preview Source';
const BROWSE = 'Browse…';
const DESCRIPTION_GLOB = '**/*.{json,yaml,yml}';
// The ignored folders' table, and our own state folder.
const EXCLUDE = ignoredFoldersGlob(['.sources-sdk']);

/** True when the start of `text` names an OpenAPI or Swagger version (a cheap test before parsing). */
function looksLikeDescription(text: string): boolean {
  return /(^|[\s{,])["']?(openapi|swagger)["']?\s*:\s*["']?[23]\./m.test(text.slice(0, 4096));
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The workspace's files that look like API descriptions (first 4 KB tested), at most 200 looked at. */
async function findDescriptions(): Promise<vscode.Uri[]> {
  const candidates = await vscode.workspace.findFiles(DESCRIPTION_GLOB, EXCLUDE, 200);
  const found: vscode.Uri[] = [];
  for (const uri of candidates) {
    if (/[-.](connection|flow)Spec\.json$|\.guesses\.json$/.test(uri.path)) continue;
    const head = await vscode.workspace.fs.readFile(uri).then((b) => new TextDecoder().decode(b.subarray(0, 4096)), () => '');
    if (looksLikeDescription(head)) found.push(uri);
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

/** The description to read: the argument, else a pick among the workspace's descriptions (or a file dialog). */
async function chooseDescription(ctx: CommandContext, arg: unknown): Promise<vscode.Uri | undefined> {
  const given = toUri(arg);
  if (given) return given;
  const found = await findDescriptions();
  const items: vscode.QuickPickItem[] = [
    ...found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), description: 'API description' })),
    { label: BROWSE, description: 'Choose a file outside this list' },
  ];
  const picked = await ctx.prompts.pick(items, 'API description (OpenAPI 3.0/3.1 or Swagger 2.0, JSON or YAML)');
  if (!picked) return undefined;
  if (picked.label === BROWSE) return ctx.prompts.chooseFile('API description', { 'API descriptions': ['json', 'yaml', 'yml'] });
  return found.find((uri) => vscode.workspace.asRelativePath(uri) === picked.label);
}

/** The operation to read: the option, else a pick among the list operations (every operation when none lists). */
async function chooseOperation(ctx: CommandContext, api: ApiDescription, option: string | undefined): Promise<string | undefined> {
  if (option) return option;
  const all = listOperations(api);
  const lists = all.filter((o) => o.listsRecords);
  const shown: OperationSummary[] = lists.length ? lists : all;
  const picked = await ctx.prompts.pick(shown.map((o) => ({ label: operationKey(o), description: o.summary ?? '', detail: o.operationId })),
    lists.length ? 'The list operation whose records the source reads' : 'No operation returns a list of records: the operation to read');
  return picked?.label;
}

export async function newFromOpenApi(ctx: CommandContext, arg: unknown, given?: NewFromOpenApiOptions | unknown[]): Promise<NewFromOpenApiResult> {
  // From the explorer's context menu the second argument is the list of selected files, not options.
  const options: NewFromOpenApiOptions = given && !Array.isArray(given) ? given : {};
  try {
    const source = await chooseDescription(ctx, arg);
    if (!source) return cancelled();
    const name = source.path.slice(source.path.lastIndexOf('/') + 1);
    let api: ApiDescription;
    try {
      // A large description takes a moment to parse: say so in the status bar.
      api = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Reading ${name}…` },
        async () => parseDescription(await readText(source)));
    } catch (err) {
      if (err instanceof OpenApiError) throw new UserError(`${name}: ${err.message}`);
      throw new UserError(`${name} cannot be read (${(err as Error).message}).`);
    }
    const operation = await chooseOperation(ctx, api, options.operation);
    if (!operation) return cancelled();
    const files = specFilesFromDescription(api, operation, name);
    // Beside the description; a description from outside the workspace (Browse…) puts the spec in the workspace.
    const folder = vscode.workspace.getWorkspaceFolder(source) ? vscode.Uri.joinPath(source, '..') : vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.joinPath(source, '..');
    const target = vscode.Uri.joinPath(folder, files.fileName);
    const guessTarget = target.with({ path: guessFileOf(target.path) });
    const relative = vscode.workspace.asRelativePath(target);

    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    if (open?.isDirty) throw new UserError(`${relative} is open with unsaved changes: save or close it, then run the command again.`);
    const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
    if (exists && !options.overwrite) {
      const choice = await ctx.prompts.modal(`${relative} already exists. Replace it (and its guesses file) with the spec generated from ${operationKey(files.operation)}?`, undefined, 'Replace');
      if (choice !== 'Replace') return cancelled({ uri: target.toString(), operation: operationKey(files.operation) });
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(files.specText));
    await vscode.workspace.fs.writeFile(guessTarget, new TextEncoder().encode(files.guessText));
    await showSpecFile(target, 'connectionSpecs');
    const guesses = files.guesses.guesses.length;
    ctx.log.info(`Wrote ${relative} from ${name} (${operationKey(files.operation)}): ${guesses} guesses to check`);
    const message = `Created ${relative} from ${operationKey(files.operation)}: ${guesses} guess${guesses === 1 ? '' : 'es'} to check (information in Problems). Preview it against your API to confirm them.`;
    const actions = ctx.isTrusted() ? [PREVIEW_ACTION] : [];
    void ctx.prompts.info(message, ...actions).then((choice) => {
      if (choice === PREVIEW_ACTION) void vscode.commands.executeCommand('sourcesSdk.previewSource', target);
    });
    return done({ uri: target.toString(), operation: operationKey(files.operation), guesses });
  } catch (err) {
    if (err instanceof UserError || err instanceof OpenApiError) return refuseWith(ctx, 'New Connection Spec from OpenAPI', err.message, {});
    return failed(reportError(ctx, 'New Connection Spec from OpenAPI', err));
  }
}

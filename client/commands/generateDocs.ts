/**
 * *Generate Source Documentation* (`sourcesSdk.generateSourceDocs`): the source's documentation page
 * (core/docs/sourcePage.ts, the page `sources-sdk docs` writes) for the connection spec in the editor or the one
 * right-clicked. The text is the editor's (unsaved edits count). The connection spec id is the spec file's best link
 * in its workspace folder's `.sources-sdk/links.json`, chosen as the CLI chooses (core/docs/linkChoice.ts). A save
 * dialog proposes `<name>.md` beside the spec; an existing file is replaced only after a modal *Replace*; the page
 * opens, with *Open Preview* offered. Every file goes through `vscode.workspace.fs` and nothing here needs Node, so
 * the browser flavour runs the same handler.
 *
 * Arguments (all optional): `(uri, { output?: Uri | string, overwrite?: boolean })`: `output` answers the dialog,
 * `overwrite: true` the replace question. A menu's second argument (the explorer's selection) is ignored.
 * Result: `done` `{ uri, connectionSpecId?, authorNotes, replaced }`; `cancelled` (dialog dismissed, *Replace* not
 * chosen); `refused` (not a connection spec, not JSON, an invalid links file, the target open with unsaved changes);
 * `failed` (the file could not be written).
 */
import * as vscode from 'vscode';
import { bestLinkedConnectionSpecId, type LinkedSpecId } from '../../core/docs/linkChoice';
import { countAuthorNotes, documentationPageName, renderSourcePage } from '../../core/docs/sourcePage';
import { parseLinksFile } from '../../core/sync/linksFile';
import { parseSpecObject } from '../specText';
import { commandOptions, refuseWith, specDocument, toUri, UserError, type MessageContext } from './basics';
import { cancelled, done, failed, type CommandResult } from './result';

const TITLE = 'Generate Source Documentation';
/** The notification's action that opens the Markdown preview of the written page. */
export const OPEN_PREVIEW = 'Open Preview';
const MARKDOWN_PREVIEW = 'markdown.showPreviewToSide';
const MARKDOWN_EXTENSION = 'vscode.markdown-language-features';
/** The modal's button that replaces an existing file. */
export const REPLACE = 'Replace';

export interface GenerateDocsOptions {
  output?: vscode.Uri | string;
  overwrite?: boolean;
}

export type GenerateDocsResult = CommandResult<{ uri: string; connectionSpecId?: string; authorNotes: number; replaced: boolean }>;

/** The options of a caller; a menu's own second argument (a selection list, an editor group) gives none. */
function optionsOf(given: unknown): GenerateDocsOptions {
  const { output, overwrite } = commandOptions<GenerateDocsOptions>(given);
  return { output, overwrite: overwrite === true };
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/**
 * The spec's link to an uploaded connection spec, from `<workspace folder>/.sources-sdk/links.json` (where *Upload
 * Spec* and `sources-sdk push` write it), keyed by the spec's path relative to that folder. Undefined without a links
 * file or a link; a links file that cannot be read or is invalid is a UserError (the CLI stops on it too).
 */
async function linkedIdOf(specUri: vscode.Uri): Promise<LinkedSpecId | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(specUri);
  if (!folder) return undefined;
  const prefix = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  const linksUri = vscode.Uri.joinPath(folder.uri, '.sources-sdk', 'links.json');
  const name = vscode.workspace.asRelativePath(linksUri);
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(linksUri);
  } catch (err) {
    if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
    throw new UserError(`${name} cannot be read (${err instanceof Error ? err.message : String(err)})`);
  }
  let links;
  try {
    links = parseLinksFile(name, new TextDecoder().decode(bytes));
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  return bestLinkedConnectionSpecId(links, specUri.path.slice(prefix.length));
}

/** Where the dialog proposes the page: `<name>.md` beside the spec (in the first workspace folder for an untitled one). */
function proposedTarget(specUri: vscode.Uri): vscode.Uri | undefined {
  const name = documentationPageName(baseName(specUri));
  if (specUri.scheme !== 'untitled') return vscode.Uri.joinPath(specUri, '..', name);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder && vscode.Uri.joinPath(folder, name);
}

/** Writes the page for the spec at `arg` (a Uri or path), else the active editor's. */
export async function generateSourceDocs(ctx: MessageContext, arg: unknown, given?: unknown): Promise<GenerateDocsResult> {
  const options = optionsOf(given);
  try {
    const { document, kind } = await specDocument(arg);
    const specName = vscode.workspace.asRelativePath(document.uri);
    if (kind !== 'connectionSpec') throw new UserError(`${specName} is a flow spec: the page is written from a connection spec`);
    const spec = parseSpecObject(document.getText());
    if (!spec) throw new UserError(`${specName} is not valid JSON yet: fix the errors shown in the Problems view, then run it again`);
    const linked = await linkedIdOf(document.uri);

    const target = toUri(options.output) ?? await ctx.prompts.chooseSaveFile(`${TITLE}: where to write the page`,
      proposedTarget(document.uri), { Markdown: ['md'] });
    if (!target) return cancelled();
    const targetName = vscode.workspace.asRelativePath(target);
    if (target.toString() === document.uri.toString()) throw new UserError('the page would replace the spec itself: choose another file');
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    if (open?.isDirty) throw new UserError(`${targetName} is open with unsaved changes: save or close it, then run the command again`);
    const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
    if (exists && !options.overwrite) {
      const choice = await ctx.prompts.modal(`${targetName} already exists. Replace it with the page generated from ${specName}?`,
        'What you wrote in it (the AUTHOR parts) is lost unless you copy it over first.', REPLACE);
      if (choice !== REPLACE) return cancelled({ uri: target.toString() }, `${targetName} was kept as it is`);
    }

    const page = renderSourcePage(spec, { fileName: baseName(document.uri), connectionSpecId: linked?.id, linkedEnvironment: linked?.environment });
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(page));
    } catch (err) {
      const message = `${targetName} cannot be written (${err instanceof Error ? err.message : String(err)})`;
      ctx.log.error(`${TITLE}: ${message}`);
      void ctx.prompts.error(`${TITLE}: ${message}`);
      return failed(message, { uri: target.toString() });
    }
    await vscode.window.showTextDocument(target, { preview: false });

    const authorNotes = countAuthorNotes(page);
    const id = linked ? `connection spec id ${linked.id} (linked in ${linked.environment})` : 'not uploaded yet, so the requests say {CONNECTION_SPEC_ID}';
    ctx.log.info(`${TITLE}: wrote ${targetName} from ${specName}: ${id}; ${authorNotes} AUTHOR places`);
    // The Markdown preview comes with VS Code's built-in Markdown extension (a trimmed web build may lack it); its
    // commands are only registered once it activates, so ask for the extension, not the command.
    const actions = vscode.extensions.getExtension(MARKDOWN_EXTENSION) ? [OPEN_PREVIEW] : [];
    void ctx.prompts.info(`Wrote ${targetName} from ${specName}: ${id}. ${authorNotes} places marked AUTHOR are yours to write.`, ...actions)
      .then((choice) => {
        if (choice !== OPEN_PREVIEW) return;
        vscode.commands.executeCommand(MARKDOWN_PREVIEW, target).then(undefined, (err: unknown) =>
          ctx.log.warn(`${TITLE}: the Markdown preview did not open (${err instanceof Error ? err.message : String(err)})`));
      });
    return done({ uri: target.toString(), ...(linked ? { connectionSpecId: linked.id } : {}), authorNotes, replaced: exists });
  } catch (err) {
    if (err instanceof UserError) return refuseWith(ctx, TITLE, err.message, {});
    throw err;
  }
}

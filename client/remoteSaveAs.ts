/**
 * *Save As* of a read-only remote document (`sources-sdk-remote:`): VS Code proposes the document's basename, which
 * is already a spec file name (`<name>-connectionSpec.json`, see remoteDocumentPath), and writes a new file. VS Code
 * tells extensions nothing about where a save came from, so the saved file is recognised by its content: a file
 * saved with exactly the JSON of a recently opened remote document is that spec. It is linked (as a fetch would),
 * given the spec language right away (whatever name the user typed) and announced.
 */
import * as vscode from 'vscode';
import { announce, ensureSpecLanguage, recordLink } from './commands/fetchSave';
import type { CommandContext } from './commands/common';

export function registerRemoteSaveAs(ctx: CommandContext): vscode.Disposable {
  return vscode.workspace.onDidSaveTextDocument((document) => {
    if (document.uri.scheme !== 'file') return;
    const origin = ctx.remoteDocuments.takeOriginOf(document.getText());
    if (!origin) return;
    void (async () => {
      const relative = vscode.workspace.asRelativePath(document.uri);
      try {
        const linked = await recordLink(origin, document.uri);
        await ensureSpecLanguage(document, origin.resource);
        ctx.refreshTree();
        const what = `${origin.remote.name} (${origin.remote.id})`;
        ctx.log.info(linked ? `Saved ${what} as ${relative}; linked` : `Saved ${what} as ${relative} (outside a workspace folder: not linked)`);
        announce(ctx, linked ? `Saved ${origin.remote.name} to ${relative}; it is linked to the remote spec.` : `Saved ${origin.remote.name} to ${relative}.`,
          document.uri, origin.resource);
      } catch (err) {
        ctx.log.error(`Linking ${relative} to ${origin.remote.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
  });
}

/**
 * The web flavour inside a real VS Code web worker extension host (code-server and @vscode/test-web): the browser
 * entry activates, its worker language server publishes diagnostics, completes, hovers and fixes, restarts, Generate
 * Source Documentation writes its page, and the Node-only commands answer with the browser's limit instead of running.
 */
import * as vscode from 'vscode';
import type { SourcesSdkBrowserApi } from '../../../client/browserExtension';
import { equal, match, ok } from './expect';

const EXTENSION_ID = 'sources-sdk-tools.sources-sdk-tools';
/** The line scripts/testWeb.mjs waits for to take the screenshot of diagnostics (kept in step there). */
const SCREENSHOT_READY_LINE = 'SOURCES_SDK_WEB_SCREENSHOT_READY';

function fileInWorkspace(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  ok(folder, 'an open workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fileInWorkspace(name));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Polls `probe` every 50 ms until it yields a value, failing with `what` at the deadline. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sources-sdk');
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

export function defineWebTests(): void {
  describe('web flavour', () => {
    let api: SourcesSdkBrowserApi | undefined;

    it('activates the browser entry in a web extension host with the server running', async () => {
      equal(vscode.env.uiKind, vscode.UIKind.Web, 'UI kind');
      const extension = vscode.extensions.getExtension<SourcesSdkBrowserApi>(EXTENSION_ID);
      ok(extension, `${EXTENSION_ID} is installed`);
      api = await extension.activate();
      await api.ready;
      equal(api.api.flavour, 'browser', 'activate() came from the browser entry');
      equal(api.api.languageClientState(), 'running', 'language client state');
    });

    it('publishes diagnostics for a broken spec', async () => {
      const document = await open('broken-connectionSpec.json');
      equal(document.languageId, 'sources-sdk-connection-spec', 'language id from the file name');
      const diagnostics = await waitFor('diagnostics', () => (ours(document.uri).length ? ours(document.uri) : undefined));
      ok(diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error), `an error among ${diagnostics.map(codeOf).join(',')}`);
      ok(diagnostics.every((d) => /^SSDK\d{3}$/.test(codeOf(d))), 'SSDK codes');
    });

    it('completes pagination types', async () => {
      const document = await open('acme-crm-connectionSpec.json');
      const index = document.getText().indexOf('"type": "OFFSET"');
      ok(index >= 0, 'the fixture has an OFFSET pagination');
      const position = document.positionAt(index + '"type": "'.length);
      const labels = await waitFor('completion items', async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
        const found = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
        return found.includes('CONTINUATION_TOKEN') ? found : undefined;
      });
      ok(labels.includes('POINTER'), `POINTER in ${labels.join(',')}`);
    });

    it('hovers a spec key with its schema description', async () => {
      const document = await open('acme-crm-connectionSpec.json');
      const position = document.positionAt(document.getText().indexOf('"paginationP') + 3);
      const text = await waitFor('hover text', async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
        const joined = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
        return joined.trim() ? joined : undefined;
      });
      match(text, /page/i, 'hover of paginationParams');
    });

    it('applies a quick fix and its diagnostic goes away', async () => {
      const document = await open('initech-orders-connectionSpec.json');
      const isSpelling = (d: vscode.Diagnostic) => /offsetName|offSetName/.test(d.message);
      const target = await waitFor('the misspelling diagnostic', () => ours(document.uri).find(isSpelling));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, target.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.edit && /offSetName/.test(a.title));
      ok(fix?.edit, `a quick fix; got ${actions.map((a) => a.title).join(', ')}`);
      ok(await vscode.workspace.applyEdit(fix.edit), 'edit applied');
      await waitFor('the diagnostic to clear', () => (ours(document.uri).some(isSpelling) ? undefined : true));
    });

    it('outlines and formats a spec', async () => {
      const document = await open('acme-crm-connectionSpec.json');
      const symbols = await waitFor('symbols', async () => {
        const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
        return found?.length ? found : undefined;
      });
      ok(symbols.some((s) => s.name === 'authSpec'), `authSpec in ${symbols.map((s) => s.name).join(',')}`);
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, { tabSize: 8, insertSpaces: true });
      ok(edits && edits.length > 0, 'formatting with another indent produces edits');
    });

    it('Node-only commands say what the browser cannot do instead of running', async () => {
      const emulator = await vscode.commands.executeCommand<{ error?: string }>('sourcesSdk.startEmulator');
      match(emulator?.error ?? '', /Node process.*VS Code desktop or code-server.*sources-sdk emulator/s, 'startEmulator');
      // The default environment is the local emulator, which the browser cannot have.
      const upload = await vscode.commands.executeCommand<{ error?: string }>('sourcesSdk.uploadSpec');
      match(upload?.error ?? '', /local emulator, which does not run in the browser.*sources-sdk push/s, 'uploadSpec');
      const log = await vscode.commands.executeCommand<{ shown?: boolean }>('sourcesSdk.showLog');
      equal(log?.shown, true, 'Show Log still works');
    });

    it('Generate Source Documentation writes the page through the workspace file system and opens it', async () => {
      const spec = fileInWorkspace('acme-crm-connectionSpec.json');
      const target = fileInWorkspace('acme-crm.md');
      const result = await vscode.commands.executeCommand<{ outcome?: string; uri?: string; authorNotes?: number }>('sourcesSdk.generateSourceDocs', spec, { output: target });
      try {
        equal(result?.outcome, 'done', `outcome of ${JSON.stringify(result)}`);
        equal(result?.uri, target.toString(), 'the page\'s uri');
        const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
        for (const heading of ['## Prerequisites', '### Create a base connection', '### Create a source connection']) ok(page.includes(`\n${heading}\n`), heading);
        const parsed = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(spec))) as { authSpec: Array<{ spec: { properties: Record<string, { description: string }> } }> };
        for (const [name, property] of Object.entries(parsed.authSpec[0].spec.properties)) {
          ok(page.includes(`| \`${name}\` |`) && page.includes(property.description), `auth parameter ${name} with its description`);
        }
        ok((result?.authorNotes ?? 0) > 0, 'AUTHOR places counted');
        await waitFor('the page in an editor', () => (vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === target.toString()) ? true : undefined));
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
      }
    });

    it('Restart Language Server restarts the worker server through the lifecycle the desktop uses', async () => {
      const document = await open('broken-connectionSpec.json');
      await waitFor('diagnostics before the restart', () => (ours(document.uri).length ? true : undefined));
      const result = await vscode.commands.executeCommand<{ outcome?: string; restarted?: boolean }>('sourcesSdk.restartLanguageServer');
      equal(result?.outcome, 'done', 'restart outcome');
      equal(result?.restarted, true, 'restarted');
      equal(api?.api.languageClientState(), 'running', 'language client state after the restart');
      // The fresh worker server answers again: the open broken spec gets its diagnostics back.
      await waitFor('diagnostics from the restarted server', () => (ours(document.uri).length ? true : undefined));
    });

    it('shows the broken spec with its diagnostics while the runner takes a screenshot', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('notifications.clearAll');
      const document = await open('broken-connectionSpec.json');
      const error = await waitFor('an error', () => ours(document.uri).find((d) => d.severity === vscode.DiagnosticSeverity.Error));
      await vscode.window.showTextDocument(document, { selection: error.range, preview: false });
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      // The runner sees this line, takes the screenshot, then types into the focused editor: the extension host has
      // no other channel back from it in both harnesses. The diagnostics stay on screen until that edit.
      const before = document.version;
      console.log(SCREENSHOT_READY_LINE);
      await waitFor('the runner\'s screenshot', () => (document.version > before ? true : undefined), 45_000);
    });
  });
}

// Issue 23 point 5 in the editor: Generate Source Documentation on an example spec (examples/acme-crm, copied into
// the workspace): the save dialog proposes <name>.md beside the spec, the page is written from the editor's text with
// every auth parameter and the prod-linked id, opens, and offers the Markdown preview; an existing page is replaced
// only after the modal's Replace; a flow spec and an invalid links file are refused, nothing written.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GenerateDocsResult } from '../../client/commands/generateDocs';
import { activateExtension, closeAllEditors, EXTENSION_ID, ExtensionTestApi, openWorkspaceFile, Prompt, waitFor, workspaceUri } from './helpers';

type Schema = { properties: Record<string, { description?: string }>; required?: string[] };
interface ExampleSpec { authSpec: Array<{ name: string; spec: Schema }>; sourceSpec: { spec: Schema } }

const FOLDER = 'docs-page';
const SPEC = `${FOLDER}/acme-crm-connectionSpec.json`;
const PAGE = `${FOLDER}/acme-crm.md`;
const LINKS = '.sources-sdk/links.json';

/** Whether a Markdown preview is open in a tab (the preview is a webview of the Markdown extension). */
function markdownPreviewOpen(): boolean {
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) =>
    tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType)));
}

export function defineDocsPageTests(): void {
  describe('Generate Source Documentation', () => {
    let extension: ExtensionTestApi;
    let example: ExampleSpec;
    let linksBefore: string | undefined;
    let linksFolderExisted = true;

    before(async () => {
      extension = await activateExtension();
      // VS Code in a browser (code-server) saves after a second by default: the unsaved edit must stay unsaved here.
      await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
      const examplePath = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'examples', 'acme-crm-connectionSpec.json');
      fs.mkdirSync(workspaceUri(FOLDER).fsPath, { recursive: true });
      fs.copyFileSync(examplePath, workspaceUri(SPEC).fsPath);
      example = JSON.parse(fs.readFileSync(examplePath, 'utf8')) as ExampleSpec;
      const linksFile = workspaceUri(LINKS).fsPath;
      linksBefore = fs.existsSync(linksFile) ? fs.readFileSync(linksFile, 'utf8') : undefined;
      linksFolderExisted = fs.existsSync(path.dirname(linksFile));
    });
    afterEach(async () => {
      extension.testing!.setPromptResponder(undefined);
      // The first test edits the spec without saving: revert it so that closing its editor asks nothing.
      for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.path.includes(`/${FOLDER}/`))) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      await closeAllEditors();
      const linksFile = workspaceUri(LINKS).fsPath;
      if (linksBefore === undefined) fs.rmSync(linksFile, { force: true });
      else fs.writeFileSync(linksFile, linksBefore);
    });
    after(async () => {
      await closeAllEditors();
      await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
      if (!linksFolderExisted) fs.rmSync(path.dirname(workspaceUri(LINKS).fsPath), { recursive: true, force: true });
      fs.rmSync(workspaceUri(FOLDER).fsPath, { recursive: true, force: true });
    });

    /** Adds links of the example spec: prod (the id the page must name), stage and the local emulator. */
    function linkExample(): void {
      const links = linksBefore ? JSON.parse(linksBefore) : { version: 1, environments: {} };
      const record = (remoteId: string) => ({ [SPEC]: { resource: 'connectionSpecs', remoteId, contentHash: 'h', syncedAt: '2026-01-01T00:00:00.000Z' } });
      links.environments['local|LOCAL@AdobeOrg|local'] = { ...links.environments['local|LOCAL@AdobeOrg|local'], ...record('local-1111') };
      links.environments['stage|DOCS@AdobeOrg|stage'] = record('stage-2222');
      links.environments['prod|DOCS@AdobeOrg|prod'] = record('prod-4242');
      fs.mkdirSync(path.dirname(workspaceUri(LINKS).fsPath), { recursive: true });
      fs.writeFileSync(workspaceUri(LINKS).fsPath, JSON.stringify(links, null, 2));
    }

    it('writes the page beside the spec from the editor\'s text: sections, every auth parameter, the prod-linked id; opens it and its preview', async () => {
      linkExample();
      const document = await openWorkspaceFile(SPEC);
      const onDisk = fs.readFileSync(document.uri.fsPath, 'utf8');
      const editor = vscode.window.activeTextEditor!;
      const index = document.getText().indexOf('Segment whose contacts are read.');
      assert.ok(index > 0, 'the example describes segmentId');
      await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(index), document.positionAt(index + 32)), 'Segment edited, not saved yet.'));

      const prompts: Prompt[] = [];
      extension.testing!.setPromptResponder((prompt) => {
        prompts.push(prompt);
        if (prompt.kind === 'save') return prompt.defaultUri; // the user accepts the proposed file
        if (prompt.kind === 'notification' && prompt.items.includes('Open Preview')) return 'Open Preview';
        return undefined;
      });
      // From the palette: no argument, the active editor's spec.
      const result = await vscode.commands.executeCommand<GenerateDocsResult>('sourcesSdk.generateSourceDocs');
      assert.equal(result.outcome, 'done', JSON.stringify(result));
      const pageUri = workspaceUri(PAGE);
      assert.equal(prompts.find((p) => p.kind === 'save')?.defaultUri, pageUri.toString(), '<name>.md beside the spec is proposed');
      assert.equal(result.uri, pageUri.toString());
      assert.equal(result.connectionSpecId, 'prod-4242', 'the prod link wins over stage and the local emulator');
      assert.equal(result.replaced, false);

      const page = fs.readFileSync(pageUri.fsPath, 'utf8');
      for (const heading of ['## Overview', '## Prerequisites', '### Gather required credentials', '### Create a base connection',
        '### Explore your source', '### Create a source connection', '### Create a dataflow', '## Appendix']) {
        assert.ok(page.includes(`\n${heading}\n`), `section ${heading}`);
      }
      let authParameters = 0;
      for (const entry of example.authSpec) {
        assert.ok(page.includes(`Auth spec name \`${entry.name}\``), `auth entry ${entry.name}`);
        for (const [name, property] of Object.entries(entry.spec.properties)) {
          authParameters++;
          const row = page.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
          assert.ok(row, `a credentials row for ${name}`);
          assert.ok(row.includes(property.description ?? '?'), `${name}'s description in ${row}`);
          assert.equal(row.includes('**Required.**'), (entry.spec.required ?? []).includes(name), `${name} marked required as in the spec`);
        }
      }
      assert.ok(authParameters >= 5, `the example has its auth parameters (${authParameters})`);
      assert.match(page, /\| `params\.segmentId` \| \*\*Required\.\*\* Segment edited, not saved yet\./, 'the editor\'s unsaved text is used');
      assert.match(page, /"id": "prod-4242"/);
      assert.equal(result.authorNotes, (page.match(/AUTHOR/g) ?? []).length);
      assert.equal(fs.readFileSync(document.uri.fsPath, 'utf8'), onDisk, 'the spec file is untouched (still unsaved)');
      assert.equal(document.isDirty, true);

      assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === pageUri.toString()), 'the page is opened');
      const offer = prompts.find((p) => p.kind === 'notification' && p.items.includes('Open Preview'));
      assert.match(offer?.message ?? '', /Wrote docs-page\/acme-crm\.md from docs-page\/acme-crm-connectionSpec\.json: connection spec id prod-4242 .*\d+ places marked AUTHOR/);
      await waitFor('the Markdown preview of the page', () => markdownPreviewOpen());
    });

    it('asks before replacing an existing file: Cancel keeps it, Replace writes the page; the picked file is used', async () => {
      const specUri = workspaceUri(SPEC);
      const mine = workspaceUri(`${FOLDER}/my-page.md`);
      fs.writeFileSync(mine.fsPath, '# My own notes\n');
      const prompts: Prompt[] = [];
      // From the explorer (the file and the selection); the user picks their own file in the dialog, then cancels.
      extension.testing!.setPromptResponder((prompt) => { prompts.push(prompt); return prompt.kind === 'save' ? mine.fsPath : undefined; });
      const kept = await vscode.commands.executeCommand<GenerateDocsResult>('sourcesSdk.generateSourceDocs', specUri, [specUri]);
      assert.equal(kept.outcome, 'cancelled', JSON.stringify(kept));
      const question = prompts.find((p) => p.kind === 'message');
      assert.match(question?.message ?? '', /docs-page\/my-page\.md already exists\. Replace it with the page generated from docs-page\/acme-crm-connectionSpec\.json\?/);
      assert.deepEqual(question?.items, ['Replace'], 'a modal with Replace (and its Cancel)');
      assert.equal(fs.readFileSync(mine.fsPath, 'utf8'), '# My own notes\n', 'kept as it was');

      extension.testing!.setPromptResponder((prompt) => (prompt.kind === 'message' ? 'Replace' : undefined));
      const replaced = await vscode.commands.executeCommand<GenerateDocsResult>('sourcesSdk.generateSourceDocs', specUri, { output: mine });
      assert.equal(replaced.outcome, 'done', JSON.stringify(replaced));
      assert.equal(replaced.replaced, true);
      assert.equal(replaced.connectionSpecId, undefined, 'not linked: no id');
      const page = fs.readFileSync(mine.fsPath, 'utf8');
      assert.match(page, /^---\nkeywords:/);
      assert.match(page, /\{CONNECTION_SPEC_ID\}/);
    });

    it('refuses a flow spec and an invalid links file, saying why, and writes nothing', async () => {
      const flow = await vscode.commands.executeCommand<GenerateDocsResult>('sourcesSdk.generateSourceDocs', workspaceUri('rest-flowSpec.json'));
      assert.equal(flow.outcome, 'refused');
      assert.match(flow.outcome === 'refused' ? flow.reason : '', /rest-flowSpec\.json is a flow spec: the page is written from a connection spec/);

      fs.mkdirSync(path.dirname(workspaceUri(LINKS).fsPath), { recursive: true });
      fs.writeFileSync(workspaceUri(LINKS).fsPath, '{ "version": 1, "environments": { "prod|X|prod": { "a.json": { "resource": "nope" } } } }');
      const target = workspaceUri(`${FOLDER}/never.md`);
      const bad = await vscode.commands.executeCommand<GenerateDocsResult>('sourcesSdk.generateSourceDocs', workspaceUri(SPEC), { output: target });
      assert.equal(bad.outcome, 'refused');
      assert.match(bad.outcome === 'refused' ? bad.reason : '', /links\.json: .*resource must be "connectionSpecs" or "flowSpecs"/);
      assert.equal(fs.existsSync(target.fsPath), false);
    });
  });
}

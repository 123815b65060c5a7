/**
 * One CodeLens line atop spec files: "Upload · Compare with Remote · Register in Flow Spec · Preview Source" (connection specs;
 * no Preview Source on streaming ones, which have no request to preview) or
 * "Upload · Compare with Remote" (flow specs). Off with `sourcesSdk.codeLens.enabled: false`, and absent while the
 * file is empty (a new file named like a spec has nothing to upload or compare yet).
 */
import * as vscode from 'vscode';
import { affectsSetting, readSetting } from './settings';
import { CONNECTION_SPEC_LANGUAGE, SPEC_LANGUAGES } from './languages';

/** `"type": "generic-streaming"`: only the top level of a connection spec has that value (a cheap check per edit). */
const STREAMING_TYPE = /"type"\s*:\s*"generic-streaming"/;

class SpecCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return specCodeLenses(document);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The CodeLens line for a spec document (VS Code asks again after each edit, so it appears once text is typed). */
export function specCodeLenses(document: Pick<vscode.TextDocument, 'uri' | 'languageId' | 'getText'>): vscode.CodeLens[] {
  if (!readSetting('codeLens.enabled', document.uri)) return [];
  if (document.getText().trim() === '') return [];
  const top = new vscode.Range(0, 0, 0, 0);
  const lenses = [
    new vscode.CodeLens(top, { title: 'Upload', command: 'sourcesSdk.uploadSpec', arguments: [document.uri] }),
    new vscode.CodeLens(top, { title: 'Compare with Remote', command: 'sourcesSdk.compareWithRemote', arguments: [document.uri] }),
  ];
  if (document.languageId === CONNECTION_SPEC_LANGUAGE) {
    lenses.push(new vscode.CodeLens(top, { title: 'Register in Flow Spec', command: 'sourcesSdk.registerInFlowSpec', arguments: [document.uri] }));
    // A streaming source receives data by webhook: there is no request to preview.
    if (!STREAMING_TYPE.test(document.getText())) {
      lenses.push(new vscode.CodeLens(top, { title: 'Preview Source', command: 'sourcesSdk.previewSource', arguments: [document.uri] }));
    }
  }
  return lenses;
}

export function registerCodeLens(): vscode.Disposable {
  const provider = new SpecCodeLensProvider();
  const selector = SPEC_LANGUAGES.map((language) => ({ language, scheme: 'file' }));
  return vscode.Disposable.from(
    provider,
    vscode.languages.registerCodeLensProvider(selector, provider),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSetting(e, 'codeLens.enabled')) provider.refresh();
    }),
  );
}

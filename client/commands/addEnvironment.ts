/**
 * *Add Environment…* (offered by the environment picker): adds a template entry to the `sourcesSdk.environments`
 * user setting and opens the user settings JSON with the new entry's name selected, so the user fills it in where
 * environments live. Nothing else changes: the active environment stays as it was.
 */
import * as vscode from 'vscode';
import { settingKey } from '../../core/config/settings';
import { environmentTemplate } from '../environments';
import { readSetting, writeUserSetting } from '../settings';
import { done, failed, type CommandResult } from './result';
import type { CommandContext } from './common';

/** The picker item's label (the in-editor tests answer the picker with it). */
export const ADD_ENVIRONMENT_LABEL = 'Add Environment…';

export async function addEnvironmentTemplate(ctx: CommandContext): Promise<CommandResult<{ action: 'addedTemplate'; name: string }>> {
  const entries = readSetting('environments');
  const names = entries.map((entry) => (entry && typeof entry === 'object' ? String((entry as { name?: unknown }).name ?? '') : ''));
  const template = environmentTemplate(names);
  try {
    await writeUserSetting('environments', [...entries, template]);
    await vscode.commands.executeCommand('workbench.action.openSettingsJson', { revealSetting: { key: settingKey('environments') } });
  } catch (err) {
    const message = `Could not add an environment to your user settings: ${err instanceof Error ? err.message : String(err)}`;
    ctx.log.error(message);
    void ctx.prompts.error(message);
    return failed(message, { name: template.name });
  }
  selectTemplateName(template.name);
  const message = `Added "${template.name}" to sourcesSdk.environments in your user settings: replace the name, orgId and clientId, then run Sources SDK: Set Client Secret….`;
  ctx.log.info(message);
  void ctx.prompts.info(message);
  return done({ action: 'addedTemplate' as const, name: template.name });
}

/** Selects the template's name in the settings editor, so typing replaces it. */
function selectTemplateName(name: string): void {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const text = editor.document.getText();
  const at = text.lastIndexOf(`"name": ${JSON.stringify(name)}`);
  if (at < 0) return;
  const start = editor.document.positionAt(at + '"name": "'.length);
  const end = editor.document.positionAt(at + '"name": "'.length + name.length);
  editor.selection = new vscode.Selection(start, end);
  editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

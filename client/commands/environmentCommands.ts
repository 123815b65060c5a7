/**
 * Environment, secret, emulator and log commands. Each takes its answers as arguments (tests) or asks.
 */
import * as vscode from 'vscode';
import { CommandContext, ReportedError, reportError } from './common';
import { ADD_ENVIRONMENT_LABEL, addEnvironmentTemplate } from './addEnvironment';

export async function selectEnvironment(ctx: CommandContext, name?: unknown): Promise<{ name: string } | { cancelled: true } | Awaited<ReturnType<typeof addEnvironmentTemplate>>> {
  let chosen = typeof name === 'string' && name ? name : undefined;
  if (!chosen) {
    const active = ctx.session.active().config.name;
    const items = ctx.session.environments().map((e) => ({
      label: e.config.name,
      description: `${e.isLocalEmulator ? 'bundled emulator' : e.config.platformUrl} · sandbox ${e.config.sandbox}`,
      detail: e.config.name === active ? 'active' : undefined,
    }));
    items.push({ label: ADD_ENVIRONMENT_LABEL, description: 'a template entry in your user settings', detail: undefined });
    chosen = (await ctx.prompts.pick(items, 'Select the Sources SDK environment'))?.label;
    if (chosen === ADD_ENVIRONMENT_LABEL) return addEnvironmentTemplate(ctx);
  }
  if (!chosen) return { cancelled: true };
  try {
    await ctx.session.select(chosen);
  } catch (err) {
    throw new ReportedError(reportError(ctx, 'Select environment', err));
  }
  ctx.log.info(`Active environment: ${chosen}`);
  ctx.refreshTree();
  return { name: chosen };
}

export async function setClientSecret(ctx: CommandContext, envName?: unknown, secret?: unknown): Promise<{ envName: string; stored: boolean }> {
  let name = typeof envName === 'string' && envName ? envName : undefined;
  if (!name) {
    const items = ctx.session.environments().filter((e) => !e.isLocalEmulator).map((e) => ({ label: e.config.name }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage('Add an environment to the sourcesSdk.environments user setting first; the local emulator needs no secret.');
      return { envName: '', stored: false };
    }
    name = (await ctx.prompts.pick(items, 'Environment whose client secret to set'))?.label;
    if (!name) return { envName: '', stored: false };
  }
  if (typeof secret === 'string') {
    const stored = await ctx.session.storeSecret(name, secret.trim());
    ctx.log.info(stored ? `Client secret stored for "${name}"` : `Client secret deleted for "${name}"`);
    return { envName: name, stored };
  }
  const typed = await ctx.session.promptForSecret(name);
  ctx.log.info(typed ? `Client secret stored for "${name}"` : `No client secret stored for "${name}"`);
  return { envName: name, stored: Boolean(typed) };
}

export async function startEmulator(ctx: CommandContext): Promise<{ url: string; external: boolean } | { refused: true }> {
  if (!ctx.isTrusted()) {
    void vscode.window.showWarningMessage('The local emulator is disabled in an untrusted workspace. Trust the workspace to use it.');
    return { refused: true };
  }
  try {
    const result = await ctx.session.emulator.ensureRunning();
    const message = result.external ? `Using the emulator at ${result.url} (started outside VS Code).` : `Local emulator running at ${result.url}.`;
    ctx.log.info(message);
    ctx.prompts.info(message);
    ctx.refreshTree();
    return result;
  } catch (err) {
    throw new ReportedError(reportError(ctx, 'Start emulator', err));
  }
}

export async function stopEmulator(ctx: CommandContext): Promise<{ stopped: boolean }> {
  const stopped = await ctx.session.emulator.stop();
  const external = ctx.session.emulator.externalUrl();
  // Without feedback a user cannot tell "stopped" from "nothing happened" (an external emulator keeps running).
  const message = stopped ? 'Local emulator stopped.'
    : external ? `The emulator at ${external} was started outside VS Code (sourcesSdk.localEmulator.url or SOURCES_SDK_EMULATOR_URL): stop it where it runs.`
      : 'No bundled emulator is running.';
  ctx.log.info(message);
  ctx.prompts.info(message);
  ctx.refreshTree();
  return { stopped };
}

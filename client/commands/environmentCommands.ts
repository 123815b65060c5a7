/**
 * Environment, secret and emulator commands. Each takes its answers as arguments (tests) or asks.
 */
import { CommandContext, refuseWith, reportError, requireTrust } from './common';
import { ADD_ENVIRONMENT_LABEL, addEnvironmentTemplate } from './addEnvironment';
import { cancelled, done, failed, type CommandResult } from './result';

export async function selectEnvironment(ctx: CommandContext, name?: unknown):
  Promise<CommandResult<{ name: string; cancelled?: true }> | Awaited<ReturnType<typeof addEnvironmentTemplate>>> {
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
  if (!chosen) return cancelled({ cancelled: true as const }, 'no environment chosen');
  try {
    await ctx.session.select(chosen);
  } catch (err) {
    return failed(reportError(ctx, 'Select environment', err), { name: chosen });
  }
  ctx.log.info(`Active environment: ${chosen}`);
  ctx.refreshTree();
  return done({ name: chosen });
}

export async function setClientSecret(ctx: CommandContext, envName?: unknown, secret?: unknown): Promise<CommandResult<{ envName: string; stored: boolean }>> {
  let name = typeof envName === 'string' && envName ? envName : undefined;
  if (!name) {
    const items = ctx.session.environments().filter((e) => !e.isLocalEmulator).map((e) => ({ label: e.config.name }));
    if (items.length === 0) {
      return refuseWith(ctx, 'Set Client Secret', 'add an environment to the sourcesSdk.environments user setting first; the local emulator needs no secret',
        { envName: '', stored: false });
    }
    name = (await ctx.prompts.pick(items, 'Environment whose client secret to set'))?.label;
    if (!name) return cancelled({ envName: '', stored: false }, 'no environment chosen');
  }
  if (typeof secret === 'string') {
    const stored = await ctx.session.storeSecret(name, secret.trim());
    ctx.log.info(stored ? `Client secret stored for "${name}"` : `Client secret deleted for "${name}"`);
    return done({ envName: name, stored });
  }
  const typed = await ctx.session.promptForSecret(name);
  ctx.log.info(typed ? `Client secret stored for "${name}"` : `No client secret stored for "${name}"`);
  return done({ envName: name, stored: Boolean(typed) });
}

export async function startEmulator(ctx: CommandContext): Promise<CommandResult<{ url: string; external: boolean; refused?: true }>> {
  const untrusted = requireTrust(ctx, 'The local emulator', { refused: true as const });
  if (untrusted) return untrusted;
  try {
    const result = await ctx.session.emulator.ensureRunning();
    const message = result.external ? `Using the emulator at ${result.url} (started outside VS Code).` : `Local emulator running at ${result.url}.`;
    ctx.log.info(message);
    void ctx.prompts.info(message);
    ctx.refreshTree();
    return done({ url: result.url, external: result.external });
  } catch (err) {
    return failed(reportError(ctx, 'Start emulator', err));
  }
}

export async function stopEmulator(ctx: CommandContext): Promise<CommandResult<{ stopped: boolean }>> {
  const stopped = await ctx.session.emulator.stop();
  const external = ctx.session.emulator.externalUrl();
  // Without feedback a user cannot tell "stopped" from "nothing happened" (an external emulator keeps running).
  const message = stopped ? 'Local emulator stopped.'
    : external ? `The emulator at ${external} was started outside VS Code (sourcesSdk.localEmulator.url or SOURCES_SDK_EMULATOR_URL): stop it where it runs.`
      : 'No bundled emulator is running.';
  ctx.log.info(message);
  void ctx.prompts.info(message);
  ctx.refreshTree();
  return done({ stopped });
}

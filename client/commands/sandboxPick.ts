/**
 * Choosing one side of a cross-sandbox command (compare across sandboxes, promote): an environment from the
 * `sourcesSdk.environments` setting (plus the built-in emulator) in its configured sandbox, or another sandbox of one
 * of them typed by the user. Commands take the answer as an argument too (`{ environment, sandbox }`).
 */
import type * as vscode from 'vscode';
import type { FlowServiceClientWithExtras } from '../../core/api/flowServiceClient';
import { isProductionSandbox, normalizeSandbox } from '../../core/config/environments';
import type { ResolvedEnvironment } from '../environments';
import type { CommandContext } from './common';

/** One side as a command argument: an environment by name and, optionally, another sandbox of it. */
export interface SandboxArg {
  environment: string;
  sandbox?: string;
}

/** A chosen side with its client. */
export interface Side {
  client: FlowServiceClientWithExtras;
  env: ResolvedEnvironment;
  /** `Environment/sandbox`, for messages and diff titles. */
  label: string;
  production: boolean;
}

const ANOTHER = '$(edit) Another sandbox…';

function isSandboxArg(value: unknown): value is SandboxArg {
  return !!value && typeof value === 'object' && typeof (value as SandboxArg).environment === 'string';
}

/** Asks for a side (`role` says which: "source", "target", "left"…); undefined when dismissed. */
export async function pickSandbox(ctx: CommandContext, role: string, given: unknown): Promise<SandboxArg | undefined> {
  if (isSandboxArg(given)) return given;
  const environments = ctx.session.environments();
  type Item = vscode.QuickPickItem & { arg?: SandboxArg };
  const items: Item[] = environments.map((env) => ({
    label: `${env.config.name} · ${env.config.sandbox}`,
    description: isProductionSandbox(env.config.sandbox) ? 'production sandbox' : undefined,
    arg: { environment: env.config.name },
  }));
  items.push({ label: ANOTHER, description: 'a sandbox of one of these environments not configured as its default' });
  const picked = await ctx.prompts.pick(items, `The ${role} environment and sandbox`);
  if (!picked) return undefined;
  if (picked.arg) return picked.arg;
  const environment = await ctx.prompts.pick(environments.map((env) => ({ label: env.config.name, description: `default sandbox ${env.config.sandbox}` })),
    `The environment of the ${role} sandbox`);
  if (!environment) return undefined;
  const sandbox = await ctx.prompts.input(`Name of the ${role} sandbox in ${environment.label} (lower-case, e.g. dev or prod)`, false);
  if (sandbox === undefined || !sandbox.trim()) return undefined;
  return { environment: environment.label, sandbox: sandbox.trim() };
}

/** The client and labels of a side (starts the emulator for the built-in environment; asks for a missing secret). */
export async function openSide(ctx: CommandContext, arg: SandboxArg): Promise<Side> {
  const { client, env } = await ctx.session.clientFor(arg.environment, arg.sandbox);
  const sandbox = normalizeSandbox(env.config.sandbox);
  return { client, env, label: `${env.config.name}/${sandbox}`, production: isProductionSandbox(sandbox) };
}

/**
 * Choosing one side of a cross-sandbox command (compare across sandboxes, promote): an environment from the
 * `sourcesSdk.environments` setting (plus the built-in emulator) in its configured sandbox or in another sandbox
 * known for it (one the workspace's links name, or one picked before), or another sandbox typed by the user. The
 * target list leaves out the source and offers the last target first. Commands take the answer as an argument too
 * (`{ environment, sandbox }`).
 */
import type * as vscode from 'vscode';
import type { FlowServiceClientWithExtras } from '../../core/api/flowServiceClient';
import { isProductionSandbox, normalizeSandbox, syncIdentity } from '../../core/config/environments';
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

export interface PickOptions {
  /** A side not to offer (the source, when the target is picked): the same sandbox is never a valid other side. */
  exclude?: SandboxArg;
  /** Remembers the answer under this name (workspace state) and offers it first the next time. */
  remember?: string;
  /** Link-store keys (sync identities) the workspace's links name: their sandboxes are offered directly. */
  knownIdentities?: readonly string[];
}

const ANOTHER = '$(edit) Another sandbox…';
/** Workspace-state key prefix of remembered picks. */
const REMEMBERED = 'sourcesSdk.lastSandbox.';

function isSandboxArg(value: unknown): value is SandboxArg {
  return !!value && typeof value === 'object' && typeof (value as SandboxArg).environment === 'string';
}

/** The sync identity of `arg` among `environments` (undefined for an unknown environment). */
function identityOf(environments: readonly ResolvedEnvironment[], arg: SandboxArg): string | undefined {
  const env = environments.find((candidate) => candidate.config.name === arg.environment);
  return env && syncIdentity({ ...env.config, sandbox: normalizeSandbox(arg.sandbox ?? env.config.sandbox) });
}

type Item = vscode.QuickPickItem & { arg?: SandboxArg };

/**
 * The sides offered, in order: the remembered one, then per environment its configured sandbox and the other
 * sandboxes known for it (from the links, sorted); `exclude` and duplicates left out.
 */
export function sandboxItems(environments: readonly ResolvedEnvironment[], options: PickOptions & { last?: SandboxArg }): Item[] {
  const excluded = options.exclude && identityOf(environments, options.exclude);
  const seen = new Set<string>();
  const items: Item[] = [];
  const add = (env: ResolvedEnvironment, sandbox: string, why: string) => {
    const normalized = normalizeSandbox(sandbox);
    const identity = syncIdentity({ ...env.config, sandbox: normalized });
    const key = `${env.config.name}\n${normalized}`;
    if (identity === excluded || seen.has(key)) return;
    seen.add(key);
    const description = [why, isProductionSandbox(normalized) ? 'production sandbox' : undefined].filter(Boolean).join(' · ');
    items.push({ label: `${env.config.name} · ${normalized}`, description, arg: { environment: env.config.name, sandbox: normalized } });
  };
  const last = options.last && environments.find((env) => env.config.name === options.last!.environment);
  if (last) add(last, options.last!.sandbox ?? last.config.sandbox, 'last used');
  for (const env of environments) {
    add(env, env.config.sandbox, 'configured sandbox');
    const prefix = env.syncIdentity.slice(0, env.syncIdentity.lastIndexOf('|') + 1);
    const known = (options.knownIdentities ?? []).filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)).sort();
    for (const sandbox of known) add(env, sandbox, 'linked before');
  }
  return items;
}

/** Asks for a side (`role` says which: "source", "target", "left"…); undefined when dismissed. */
export async function pickSandbox(ctx: CommandContext, role: string, given: unknown, options: PickOptions = {}): Promise<SandboxArg | undefined> {
  if (isSandboxArg(given)) return given;
  const environments = ctx.session.environments();
  const rememberedKey = options.remember && `${REMEMBERED}${options.remember}`;
  const last = rememberedKey ? ctx.workspaceState.get<unknown>(rememberedKey) : undefined;
  const items = sandboxItems(environments, { ...options, last: isSandboxArg(last) ? last : undefined });
  items.push({ label: ANOTHER, description: 'another sandbox of one of these environments' });
  const picked = await ctx.prompts.pick(items, `The ${role} environment and sandbox`);
  if (!picked) return undefined;
  let answer = picked.arg;
  if (!answer) {
    const environment = await ctx.prompts.pick(environments.map((env) => ({ label: env.config.name, description: `configured sandbox ${env.config.sandbox}` })),
      `The environment of the ${role} sandbox`);
    if (!environment) return undefined;
    const sandbox = await ctx.prompts.input(`Name of the ${role} sandbox in ${environment.label} (lower-case, e.g. dev or prod)`, false);
    if (sandbox === undefined || !sandbox.trim()) return undefined;
    answer = { environment: environment.label, sandbox: normalizeSandbox(sandbox) };
  }
  if (rememberedKey) await ctx.workspaceState.update(rememberedKey, answer);
  return answer;
}

/** The client and labels of a side (starts the emulator for the built-in environment; asks for a missing secret). */
export async function openSide(ctx: CommandContext, arg: SandboxArg): Promise<Side> {
  const { client, env } = await ctx.session.clientFor(arg.environment, arg.sandbox);
  const sandbox = normalizeSandbox(env.config.sandbox);
  return { client, env, label: `${env.config.name}/${sandbox}`, production: isProductionSandbox(sandbox) };
}

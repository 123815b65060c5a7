/**
 * The active environment and everything needed to talk to it: settings (user scope only), the client secret from
 * SecretStorage, the emulator for the built-in environment, and one FlowServiceClient per environment, kept while its
 * settings and secret stay the same, so the client's IMS token cache serves every command until the token expires.
 */
import * as vscode from 'vscode';
import { createFlowServiceClient, type FlowServiceClientWithExtras } from '../core/api/flowServiceClient';
import { FlowServiceError } from '../core/api/errors';
import { normalizeSandbox, syncIdentity } from '../core/config/environments';
import { LOCAL_EMULATOR_CLIENT_SECRET, ResolvedEnvironment, clientSecretKey } from './environments';
import { affectsSetting, environmentsFromSettings, writeUserSetting } from './settings';
import type { EmulatorHost } from './emulatorHost';
import { loggerFor } from './output';
import type { Prompts } from './prompts';

export class Session implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the environment list, the active environment or the emulator changes. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly warned = new Set<string>();
  /** One client per environment name, with what it was built from (a change of either builds a new one). */
  private readonly clients = new Map<string, { fingerprint: string; secret: string; client: FlowServiceClientWithExtras }>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    readonly emulator: EmulatorHost,
    private readonly log: vscode.LogOutputChannel,
    private readonly prompts: Prompts,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSetting(e)) this.changed.fire();
      }),
      emulator.onDidChange(() => this.changed.fire()),
    );
    this.environments(); // surfaces ignored workspace values right away
  }

  /** All environments (built-in emulator first); warns once per distinct problem. */
  environments(): ResolvedEnvironment[] {
    const { environments, warnings } = environmentsFromSettings(this.emulator.currentUrl() ?? '');
    this.warnOnce(warnings);
    return environments;
  }

  /** Tells each distinct problem once (log and notification). */
  private warnOnce(warnings: readonly string[]): void {
    for (const warning of warnings) {
      if (this.warned.has(warning)) continue;
      this.warned.add(warning);
      this.log.warn(warning);
      void this.prompts.warning(`Sources SDK: ${warning}`);
    }
  }

  active(): ResolvedEnvironment {
    const { active, warnings } = environmentsFromSettings(this.emulator.currentUrl() ?? '');
    this.warnOnce(warnings);
    return active;
  }

  /** Makes `name` the active environment (user settings). */
  async select(name: string): Promise<void> {
    if (!this.environments().some((e) => e.config.name === name)) {
      throw new FlowServiceError(`No environment named "${name}" in the sourcesSdk.environments user setting.`, 'config');
    }
    await writeUserSetting('activeEnvironment', name);
    this.changed.fire();
  }

  async storeSecret(envName: string, secret: string): Promise<boolean> {
    for (const key of [...this.clients.keys()]) if (key.startsWith(`${envName}\n`)) this.clients.delete(key);
    if (secret) {
      await this.secrets.store(clientSecretKey(envName), secret);
    } else {
      await this.secrets.delete(clientSecretKey(envName));
    }
    return Boolean(secret);
  }

  /** Asks for a secret with a password box and stores it; undefined when dismissed. */
  async promptForSecret(envName: string): Promise<string | undefined> {
    const secret = await this.prompts.input(`Client secret for Sources SDK environment "${envName}" (kept in VS Code's secret storage)`, true);
    if (secret === undefined) return undefined;
    await this.storeSecret(envName, secret.trim());
    return secret.trim() || undefined;
  }

  /**
   * A client for the active environment. Starts the emulator for the built-in environment; asks for a missing secret
   * once (the first remote command), then fails with a 'config' error the UI turns into "Set Client Secret".
   */
  async client(): Promise<{ client: FlowServiceClientWithExtras; env: ResolvedEnvironment }> {
    return this.clientFor(this.active().config.name);
  }

  /**
   * A client for the environment named `name` (active or not), optionally in another `sandbox` of it (promotion and
   * the cross-sandbox compare reach two sandboxes at once). Same rules as {@link client}: the emulator is started for
   * the built-in environment, a missing secret is asked for once.
   */
  async clientFor(name: string, sandbox?: string): Promise<{ client: FlowServiceClientWithExtras; env: ResolvedEnvironment }> {
    const find = () => {
      const found = this.environments().find((candidate) => candidate.config.name === name);
      if (!found) throw new FlowServiceError(`No environment named "${name}" in the sourcesSdk.environments user setting.`, 'config');
      if (sandbox === undefined || normalizeSandbox(sandbox) === found.config.sandbox) return found;
      const config = { ...found.config, sandbox: normalizeSandbox(sandbox) };
      return { ...found, config, syncIdentity: syncIdentity(config) };
    };
    let env = find();
    let secret: string | undefined;
    if (env.isLocalEmulator) {
      await this.emulator.ensureRunning();
      env = find();
      secret = LOCAL_EMULATOR_CLIENT_SECRET;
    } else {
      secret = (await this.secrets.get(clientSecretKey(env.config.name))) ?? (await this.promptForSecret(env.config.name));
      if (!secret) {
        throw new FlowServiceError(`No client secret stored for environment "${env.config.name}".`, 'config', { code: 'missing-secret' });
      }
    }
    const clientSecret = secret;
    // The secret is part of the fingerprint only through equality: it never leaves this process's memory.
    const fingerprint = JSON.stringify(env.config);
    // One client per environment and sandbox (a promotion's two sides keep their own token caches).
    const key = `${env.config.name}\n${env.config.sandbox}`;
    const cached = this.clients.get(key);
    if (cached && cached.fingerprint === fingerprint && cached.secret === clientSecret) return { client: cached.client, env };
    const client = createFlowServiceClient({ environment: env.config, clientSecret, logger: loggerFor(this.log) });
    this.clients.set(key, { fingerprint, secret: clientSecret, client });
    return { client, env };
  }

  /** A client for the built-in local emulator whatever environment is active (starts the emulator if needed). */
  async emulatorClient(): Promise<{ client: FlowServiceClientWithExtras; env: ResolvedEnvironment }> {
    await this.emulator.ensureRunning();
    const env = this.environments().find((candidate) => candidate.isLocalEmulator);
    if (!env) throw new FlowServiceError('The local emulator environment is not available.', 'config');
    const client = createFlowServiceClient({ environment: env.config, clientSecret: LOCAL_EMULATOR_CLIENT_SECRET, logger: loggerFor(this.log) });
    return { client, env };
  }

  dispose(): void {
    this.clients.clear();
    for (const d of this.disposables) d.dispose();
  }
}

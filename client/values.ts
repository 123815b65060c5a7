/**
 * The extension's one store of a connection spec's test values, per spec file and auth entry: secrets (the one
 * secret rule, core/spec/parameters.ts) only in VS Code's SecretStorage, other values in the workspace state. Preview
 * Source, Test Source in Emulator and Change values… all read and write it, so a value given once is not asked again
 * by another command. Nothing goes to settings or files.
 */
import * as vscode from 'vscode';
import type { NeededValue } from '../core/spec/parameters';
import type { Prompts } from './prompts';

const STATE_KEY = 'sourcesSdk.values';

/** Per spec file: the auth entry used last and the plain values, keyed `<auth entry>/<name>`. */
type Remembered = Record<string, { authSpecName?: string; values: Record<string, string> }>;

export class ValueStore {
  constructor(private readonly secrets: vscode.SecretStorage, private readonly state: vscode.Memento) {}

  private secretKey(specUri: string, authSpecName: string, name: string): string {
    return `${STATE_KEY}:${specUri}:${authSpecName}:${name}`;
  }

  /** The auth entry the spec was last run with. */
  lastAuthSpec(specUri: string): string | undefined {
    return this.state.get<Remembered>(STATE_KEY, {})[specUri]?.authSpecName;
  }

  /** The remembered value of `needed` (from SecretStorage for a secret). */
  async get(specUri: string, authSpecName: string, needed: NeededValue): Promise<string | undefined> {
    if (needed.secret) return this.secrets.get(this.secretKey(specUri, authSpecName, needed.name));
    return this.state.get<Remembered>(STATE_KEY, {})[specUri]?.values[`${authSpecName}/${needed.name}`];
  }

  /** Remembers `values` of the `needed` ones (a secret in SecretStorage only) and `authSpecName` as the last used. */
  async remember(specUri: string, authSpecName: string, needed: NeededValue[], values: Record<string, string>): Promise<void> {
    const all = { ...this.state.get<Remembered>(STATE_KEY, {}) };
    const entry = { authSpecName, values: { ...(all[specUri]?.values ?? {}) } };
    for (const n of needed) {
      const value = values[n.name];
      if (value === undefined) continue;
      if (n.secret) {
        await this.secrets.store(this.secretKey(specUri, authSpecName, n.name), value);
        delete entry.values[`${authSpecName}/${n.name}`];
      } else {
        entry.values[`${authSpecName}/${n.name}`] = value;
      }
    }
    all[specUri] = entry;
    await this.state.update(STATE_KEY, all);
  }

  /**
   * Every needed value: `given` first (command arguments), then the remembered one unless `askAgain`, else asked (a
   * password box for a secret, the remembered value offered for a plain one; an empty answer keeps a remembered
   * secret). Remembers the result. Resolves to undefined when the user dismisses a question.
   */
  async collect(
    prompts: Prompts, specUri: string, authSpecName: string, needed: NeededValue[], given: Record<string, string> = {}, askAgain = false,
  ): Promise<Record<string, string> | undefined> {
    const values: Record<string, string> = { ...given };
    for (const n of needed) {
      if (values[n.name] !== undefined) continue;
      const remembered = await this.get(specUri, authSpecName, n);
      if (remembered !== undefined && !askAgain) {
        values[n.name] = remembered;
        continue;
      }
      const what = `${n.name}${n.description ? ` — ${n.description}` : ''}`;
      const prompt = n.secret
        ? `${what} (kept in VS Code's secret storage${remembered !== undefined ? '; leave empty to keep the stored value' : ''})`
        : what;
      const answer = await prompts.input(prompt, n.secret, n.secret ? undefined : remembered);
      if (answer === undefined) return undefined;
      values[n.name] = answer === '' && remembered !== undefined && n.secret ? remembered : answer;
    }
    await this.remember(specUri, authSpecName, needed, values);
    return values;
  }
}

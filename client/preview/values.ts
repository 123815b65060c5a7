/**
 * The test values of a preview: asked with the spec's own property descriptions, secrets (`format: password`) kept
 * in VS Code's SecretStorage, other values remembered per workspace (workspaceState), both keyed by spec file and
 * auth spec. Nothing is written to settings or files.
 */
import * as vscode from 'vscode';
import type { NeededValue } from '../../core/run/inputs';
import type { Prompts } from '../prompts';

const STATE_KEY = 'sourcesSdk.preview.values';

type Remembered = Record<string, { authSpecName?: string; values: Record<string, string> }>;

export class PreviewValueStore {
  constructor(private readonly secrets: vscode.SecretStorage, private readonly state: vscode.Memento) {}

  private secretKey(specUri: string, authSpecName: string, name: string): string {
    return `sourcesSdk.preview:${specUri}:${authSpecName}:${name}`;
  }

  lastAuthSpec(specUri: string): string | undefined {
    return this.state.get<Remembered>(STATE_KEY, {})[specUri]?.authSpecName;
  }

  /** The remembered value of `needed` (from secret storage for secrets). */
  async get(specUri: string, authSpecName: string, needed: NeededValue): Promise<string | undefined> {
    if (needed.secret) return this.secrets.get(this.secretKey(specUri, authSpecName, needed.name));
    return this.state.get<Remembered>(STATE_KEY, {})[specUri]?.values[`${authSpecName}/${needed.name}`];
  }

  async remember(specUri: string, authSpecName: string, needed: NeededValue[], values: Record<string, string>): Promise<void> {
    const all = { ...this.state.get<Remembered>(STATE_KEY, {}) };
    const entry = { authSpecName, values: { ...(all[specUri]?.values ?? {}) } };
    for (const n of needed) {
      const value = values[n.name];
      if (value === undefined) continue;
      if (n.secret) await this.secrets.store(this.secretKey(specUri, authSpecName, n.name), value);
      else entry.values[`${authSpecName}/${n.name}`] = value;
    }
    all[specUri] = entry;
    await this.state.update(STATE_KEY, all);
  }
}

/**
 * Asks for each needed value not given in `given`, offering the remembered one (a remembered secret is kept when
 * the box is left empty). Resolves to undefined when the user cancels.
 */
export async function askValues(
  prompts: Prompts, store: PreviewValueStore, specUri: string, authSpecName: string, needed: NeededValue[],
  given: Record<string, string>, askAgain: boolean,
): Promise<Record<string, string> | undefined> {
  const values: Record<string, string> = { ...given };
  for (const n of needed) {
    if (values[n.name] !== undefined) continue;
    const remembered = await store.get(specUri, authSpecName, n);
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
  await store.remember(specUri, authSpecName, needed, values);
  return values;
}

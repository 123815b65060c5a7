/**
 * Decides which spec kind an open document is: from our language ids directly, otherwise (a generic client sending
 * `json`) from the file name and, when `sourcesSdk.detectByContent` is on, the content. Settings are pulled per
 * document with workspace/configuration and cached until the client reports a configuration change.
 */
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind } from '../core/analysis/specKind';
import type { SpecKind } from '../core/analysis/types';
import { kindOfLanguage } from '../core/spec/kinds';

/** The settings the server reads (section `sourcesSdk`). */
export interface ServerSettings {
  detectByContent: boolean;
}

const DEFAULT_SETTINGS: ServerSettings = { detectByContent: true };

/** Per-document settings with a cache; works with clients that do not support workspace/configuration. */
export class DocumentKinds {
  private readonly settings = new Map<string, Promise<ServerSettings>>();

  constructor(private readonly connection: Connection, private readonly canPullConfiguration: () => boolean) {}

  /** The document's kind, or undefined when it is not a connection or flow spec. */
  async kindOf(document: TextDocument): Promise<SpecKind | undefined> {
    const byLanguage = kindOfLanguage(document.languageId);
    if (byLanguage) return byLanguage;
    const { detectByContent } = await this.settingsFor(document.uri);
    return detectKind(pathOfUri(document.uri), document.getText(), detectByContent);
  }

  /** Forgets cached settings (on workspace/didChangeConfiguration). */
  clear(): void {
    this.settings.clear();
  }

  /** Forgets one document's settings (on close). */
  forget(uri: string): void {
    this.settings.delete(uri);
  }

  private settingsFor(uri: string): Promise<ServerSettings> {
    if (!this.canPullConfiguration()) return Promise.resolve(DEFAULT_SETTINGS);
    let pending = this.settings.get(uri);
    if (!pending) {
      pending = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'sourcesSdk' }).then(
        (raw: unknown) => toSettings(raw),
        () => DEFAULT_SETTINGS,
      );
      this.settings.set(uri, pending);
    }
    return pending;
  }
}

function toSettings(raw: unknown): ServerSettings {
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).detectByContent : undefined;
  return { detectByContent: typeof value === 'boolean' ? value : DEFAULT_SETTINGS.detectByContent };
}

function pathOfUri(uri: string): string {
  const noQuery = uri.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(noQuery);
  } catch {
    return noQuery;
  }
}

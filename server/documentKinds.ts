/**
 * Which spec kind an open document is, by the one kind resolver (core/spec/kindResolver.ts): our language ids
 * decide, then the file name, then — when `sourcesSdk.detectByContent` is on — the content. The setting is pulled per
 * document with workspace/configuration only when the language id and the file name leave the question open, and
 * cached until the client reports a configuration change.
 */
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SpecKind } from '../core/analysis/types';
import { SETTINGS, SETTINGS_SECTION, settingFrom } from '../core/config/settings';
import { resolveKind, specKindOf } from '../core/spec/kindResolver';

/** The settings the server reads (ids and defaults: core/config/settings.ts). */
export interface ServerSettings {
  detectByContent: boolean;
}

const DEFAULT_SETTINGS: ServerSettings = { detectByContent: SETTINGS.detectByContent.default };

/** Per-document settings with a cache; works with clients that do not support workspace/configuration. */
export class DocumentKinds {
  private readonly settings = new Map<string, Promise<ServerSettings>>();

  constructor(private readonly connection: Connection, private readonly canPullConfiguration: () => boolean) {}

  /** The document's kind, or undefined when it is not a connection or flow spec. */
  kindOf(document: TextDocument): Promise<SpecKind | undefined> {
    return this.kindOfText(document.uri, document.languageId, () => document.getText());
  }

  /** The kind of `text` were it the content of `uri` with `languageId` (the upload gate asks about unsent text). */
  async kindOfText(uri: string, languageId: string, text: string | (() => string)): Promise<SpecKind | undefined> {
    const fileName = pathOfUri(uri);
    // Language id and file name need no setting (and no text): most documents are decided here, without waiting.
    const known = resolveKind({ languageId, fileName, detectByContent: false });
    if (known) return known.kind;
    const { detectByContent } = await this.settingsFor(uri);
    return specKindOf({ languageId, fileName, text, detectByContent });
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
      pending = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (raw: unknown) => toSettings(raw),
        () => DEFAULT_SETTINGS,
      );
      this.settings.set(uri, pending);
    }
    return pending;
  }
}

function toSettings(section: unknown): ServerSettings {
  return { detectByContent: settingFrom(section, 'detectByContent') };
}

function pathOfUri(uri: string): string {
  const noQuery = uri.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(noQuery);
  } catch {
    return noQuery;
  }
}

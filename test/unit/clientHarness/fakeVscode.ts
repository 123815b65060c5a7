/**
 * A small in-memory stand-in for the `vscode` API (and `vscode-languageclient/node`), enough to activate the
 * extension in plain Node and drive its commands against a real emulator. It records what the UI would show
 * (messages, diffs, opened documents) so tests can assert on it. Test double: lives under test/ only.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import Module from 'node:module';
import { SETTINGS, SETTING_IDS, settingKey } from '../../../core/config/settings';

type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private listeners: Array<Listener<T>> = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };
  fire(e: T): void { for (const l of [...this.listeners]) l(e); }
  dispose(): void { this.listeners = []; }
}

export class Disposable {
  constructor(private readonly fn: () => void = () => undefined) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable { return new Disposable(() => items.forEach((i) => i.dispose())); }
  dispose(): void { this.fn(); }
}

export class Uri {
  private constructor(readonly scheme: string, readonly path: string, readonly query = '') {}
  static file(p: string): Uri { return new Uri('file', nodePath.resolve(p)); }
  static parse(s: string): Uri {
    const m = /^([a-z][a-z0-9+.-]*):(?:\/\/[^/]*)?([^?]*)(?:\?(.*))?$/i.exec(s);
    if (!m) throw new Error(`bad uri ${s}`);
    return new Uri(m[1], decodeURIComponent(m[2]), m[3] ?? '');
  }
  static from(c: { scheme: string; path: string; query?: string }): Uri { return new Uri(c.scheme, c.path, c.query ?? ''); }
  static joinPath(base: Uri, ...parts: string[]): Uri { return new Uri(base.scheme, nodePath.posix.join(base.path, ...parts), ''); }
  get fsPath(): string { return this.path; }
  toString(): string { return `${this.scheme}://${this.path}${this.query ? `?${this.query}` : ''}`; }
  toJSON(): unknown { return { scheme: this.scheme, path: this.path, query: this.query }; }
}

export class Range {
  constructor(readonly startLine: number, readonly startCharacter: number, readonly endLine: number, readonly endCharacter: number) {}
  get start() { return { line: this.startLine, character: this.startCharacter }; }
}
export class ThemeColor { constructor(readonly id: string) {} }
export class ThemeIcon { constructor(readonly id: string) {} }
export class TreeItem {
  description?: string; tooltip?: string; iconPath?: unknown; contextValue?: string; command?: unknown;
  constructor(readonly label: string, readonly collapsibleState?: number) {}
}
export class CodeLens { constructor(readonly range: Range, readonly command?: { title: string; command: string; arguments?: unknown[] }) {} }
export class WorkspaceEdit {
  readonly edits: Array<{ uri: Uri; text: string }> = [];
  replace(uri: Uri, _range: Range, text: string): void { this.edits.push({ uri, text }); }
}
export const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 };
export const StatusBarAlignment = { Left: 1, Right: 2 };
export const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 };
export const ConfigurationTarget = { Global: 1, Workspace: 2, WorkspaceFolder: 3 };

export class FakeDocument {
  isDirty = false;
  constructor(readonly uri: Uri, public languageId: string, private text: string) {}
  getText(): string { return this.text; }
  get lineCount(): number { return this.text.split('\n').length; }
  setText(text: string, dirty: boolean): void { this.text = text; this.isDirty = dirty; }
  async save(): Promise<boolean> { fs.writeFileSync(this.uri.fsPath, this.text); this.isDirty = false; documentSaved.fire(this); return true; }
}

/** The defaults VS Code reads from package.json (the settings table, which a unit test ties to package.json). */
export function defaultSettings(): Record<string, unknown> {
  return Object.fromEntries(SETTING_IDS.map((id) => [settingKey(id), SETTINGS[id].default]));
}

/** Everything the fake records, plus knobs the tests turn. */
export const state = {
  userSettings: {} as Record<string, unknown>,
  workspaceSettings: {} as Record<string, unknown>,
  defaults: {} as Record<string, unknown>,
  workspaceRoot: '',
  isTrusted: true,
  messages: [] as Array<{ level: 'info' | 'warning' | 'error'; text: string; actions?: string[] }>,
  diffs: [] as Array<{ left: string; right: string; title: string }>,
  shown: [] as string[],
  logLines: [] as string[],
  context: {} as Record<string, unknown>,
  diagnostics: new Map<string, Array<{ severity: number; message: string; range: Range }>>(),
  documents: [] as FakeDocument[],
  statusBar: { text: '', backgroundColor: undefined as unknown },
  treeProviders: {} as Record<string, unknown>,
  /** What `withProgress` tokens do: set to true to cancel the next remote task as soon as it starts. */
  cancelNextProgress: false,
  /** How many progress notifications are showing right now (a picker must never wait under one). */
  progressRunning: 0,
  /** Workbench commands the extension ran (`workbench.actions.view.problems`, `workbench.trust.manage`…). */
  executed: [] as Array<{ id: string; args: unknown[] }>,
};

const commandHandlers = new Map<string, (...args: unknown[]) => unknown>();
const contentProviders = new Map<string, { provideTextDocumentContent(uri: Uri): string }>();
const configChanged = new EventEmitter<{ affectsConfiguration(s: string): boolean }>();
const documentOpened = new EventEmitter<FakeDocument>();
const documentSaved = new EventEmitter<FakeDocument>();

function languageFor(path: string): string {
  if (/[.-]connectionSpec\.json$/i.test(path)) return 'sources-sdk-connection-spec';
  if (/[.-]flowSpec\.json$/i.test(path)) return 'sources-sdk-flow-spec';
  return path.endsWith('.json') ? 'json' : 'plaintext';
}

function section(prefix: string | undefined, key: string): string { return prefix ? `${prefix}.${key}` : key; }

export const workspace = {
  get isTrusted() { return state.isTrusted; },
  get workspaceFolders() { return [{ uri: Uri.file(state.workspaceRoot), name: 'ws', index: 0 }]; },
  get textDocuments() { return state.documents; },
  getWorkspaceFolder(uri: Uri) { return uri.fsPath.startsWith(state.workspaceRoot) ? workspace.workspaceFolders[0] : undefined; },
  asRelativePath(uri: Uri | string) {
    const p = typeof uri === 'string' ? uri : uri.fsPath;
    return p.startsWith(state.workspaceRoot) ? nodePath.relative(state.workspaceRoot, p) : p;
  },
  getConfiguration(prefix?: string) {
    return {
      get<T>(key: string, def?: T): T | undefined {
        const k = section(prefix, key);
        return (state.workspaceSettings[k] ?? state.userSettings[k] ?? state.defaults[k] ?? def) as T | undefined;
      },
      inspect<T>(key: string) {
        const k = section(prefix, key);
        return { key: k, globalValue: state.userSettings[k] as T, workspaceValue: state.workspaceSettings[k] as T, defaultValue: state.defaults[k] as T };
      },
      async update(key: string, value: unknown) {
        state.userSettings[section(prefix, key)] = value;
        configChanged.fire({ affectsConfiguration: (s: string) => section(prefix, key).startsWith(s) });
      },
    };
  },
  onDidChangeConfiguration: configChanged.event,
  onDidOpenTextDocument: documentOpened.event,
  onDidSaveTextDocument: documentSaved.event,
  onDidCloseTextDocument: new EventEmitter<FakeDocument>().event,
  registerTextDocumentContentProvider(scheme: string, provider: { provideTextDocumentContent(uri: Uri): string }) {
    contentProviders.set(scheme, provider);
    return new Disposable(() => contentProviders.delete(scheme));
  },
  async openTextDocument(uri: Uri): Promise<FakeDocument> {
    const existing = state.documents.find((d) => d.uri.toString() === uri.toString());
    if (existing) return existing;
    const text = uri.scheme === 'file' ? fs.readFileSync(uri.fsPath, 'utf8') : contentProviders.get(uri.scheme)!.provideTextDocumentContent(uri);
    const doc = new FakeDocument(uri, languageFor(uri.path), text);
    state.documents.push(doc);
    documentOpened.fire(doc);
    return doc;
  },
  async applyEdit(edit: WorkspaceEdit) {
    for (const e of edit.edits) (await workspace.openTextDocument(e.uri)).setText(e.text, true);
    return true;
  },
  fs: {
    async readFile(uri: Uri) { return fs.readFileSync(uri.fsPath); },
    async writeFile(uri: Uri, data: Uint8Array) { fs.writeFileSync(uri.fsPath, data); },
    async createDirectory(uri: Uri) { fs.mkdirSync(uri.fsPath, { recursive: true }); },
  },
};

function message(level: 'info' | 'warning' | 'error') {
  return async (text: string) => { state.messages.push({ level, text }); return undefined; };
}

export const window = {
  activeTextEditor: undefined as undefined | { document: FakeDocument },
  createOutputChannel() {
    const line = (level: string) => (m: string) => { state.logLines.push(`[${level}] ${m}`); };
    return { info: line('info'), warn: line('warn'), error: line('error'), trace: line('trace'), debug: line('debug'), appendLine: line('info'), show() {}, dispose() {} };
  },
  createStatusBarItem() {
    return {
      name: '', command: '', tooltip: '', show() {}, hide() {}, dispose() {},
      get text() { return state.statusBar.text; }, set text(v: string) { state.statusBar.text = v; },
      get backgroundColor() { return state.statusBar.backgroundColor; }, set backgroundColor(v: unknown) { state.statusBar.backgroundColor = v; },
    };
  },
  createTreeView(id: string, options: { treeDataProvider: unknown }) {
    state.treeProviders[id] = options.treeDataProvider;
    return { visible: false, onDidChangeVisibility: new EventEmitter<unknown>().event, dispose() {} };
  },
  registerWebviewPanelSerializer() { return new Disposable(); },
  get visibleTextEditors() { return window.activeTextEditor ? [window.activeTextEditor] : []; },
  onDidChangeVisibleTextEditors: new EventEmitter<unknown>().event,
  async withProgress<T>(_options: unknown, task: (p: unknown, token: unknown) => Promise<T>): Promise<T> {
    const cancelled = new EventEmitter<void>();
    const token = { isCancellationRequested: false, onCancellationRequested: cancelled.event };
    state.progressRunning++;
    const running = task({ report() {} }, token).finally(() => { state.progressRunning--; });
    if (state.cancelNextProgress) {
      state.cancelNextProgress = false;
      token.isCancellationRequested = true;
      cancelled.fire();
    }
    return running;
  },
  showInformationMessage: message('info'),
  showWarningMessage: message('warning'),
  showErrorMessage: message('error'),
  async showQuickPick() { return undefined; },
  async showInputBox() { return undefined; },
  async showTextDocument(doc: FakeDocument) { state.shown.push(doc.uri.toString()); return {}; },
};

export const languages = {
  async setTextDocumentLanguage(doc: FakeDocument, id: string) { doc.languageId = id; return doc; },
  getDiagnostics(uri: Uri) { return state.diagnostics.get(uri.toString()) ?? []; },
  registerCodeLensProvider() { return new Disposable(); },
  /** Only artifact-file selectors are matched by the extension; the fake workspace has no artifacts folders. */
  match() { return 0; },
};

export const commands = {
  registerCommand(id: string, handler: (...args: unknown[]) => unknown) {
    commandHandlers.set(id, handler);
    return new Disposable(() => commandHandlers.delete(id));
  },
  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    if (id === 'setContext') { state.context[String(args[0])] = args[1]; return undefined; }
    if (id === 'vscode.diff') {
      state.diffs.push({ left: String(args[0]), right: String(args[1]), title: String(args[2]) });
      return undefined;
    }
    if (id.startsWith('workbench.')) { state.executed.push({ id, args }); return undefined; }
    const handler = commandHandlers.get(id);
    if (!handler) throw new Error(`command '${id}' not found`);
    return handler(...args);
  },
  async getCommands() { return [...commandHandlers.keys()]; },
};

/**
 * `vscode-languageclient/node` stand-in: a client that "runs" without a server. It answers the upload gate's
 * `sourcesSdk/specDiagnostics` from `state.diagnostics` (the real server's answers are tested in test/lsp).
 */
export const languageClientModule = {
  State: { Stopped: 1, Starting: 3, Running: 2 },
  TransportKind: { stdio: 0, ipc: 1 },
  LanguageClient: class {
    state = 1;
    private readonly changed = new EventEmitter<{ newState: number }>();
    onDidChangeState = this.changed.event;
    code2ProtocolConverter = { asUri: (u: Uri) => u.toString() };
    async start() { this.state = 2; this.changed.fire({ newState: 2 }); }
    async stop() { this.state = 1; }
    isRunning() { return this.state === 2; }
    /** The upload gate's request, answered from `state.diagnostics` (LSP severities are vscode's + 1). */
    async sendRequest(type: { method: string }, params: { textDocument: { uri: string; version: number } }): Promise<unknown> {
      if (type.method !== 'sourcesSdk/specDiagnostics') throw new Error(`method not found: ${type.method}`);
      const diagnostics = (state.diagnostics.get(params.textDocument.uri) ?? []).map((d) => ({ ...d, severity: d.severity + 1 }));
      return { kind: 'connectionSpec', version: params.textDocument.version, diagnostics };
    }
  },
};

const vscodeModule = {
  EventEmitter, Disposable, Uri, Range, ThemeColor, ThemeIcon, TreeItem, CodeLens, WorkspaceEdit, DiagnosticSeverity,
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  ProgressLocation, StatusBarAlignment, TreeItemCollapsibleState, ConfigurationTarget, workspace, window, languages, commands,
};

/** Makes `require('vscode')` and `require('vscode-languageclient/node')` return the fakes. Call before loading client code. */
export function installFakeVscode(): void {
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = loader._load;
  loader._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'vscode') return vscodeModule;
    if (request === 'vscode-languageclient/node') return languageClientModule;
    return original.call(this, request, parent, isMain);
  };
}

/** A fake ExtensionContext rooted at `storageDir`. */
export function fakeExtensionContext(storageDir: string) {
  const secrets = new Map<string, string>();
  return {
    subscriptions: [] as Array<{ dispose(): unknown }>,
    globalStorageUri: Uri.file(storageDir),
    asAbsolutePath: (p: string) => nodePath.resolve(p),
    /** ExtensionMode.Test: the unit tests drive the extension through its test seams. */
    extensionMode: 3,
    secrets: {
      async get(k: string) { return secrets.get(k); },
      async store(k: string, v: string) { secrets.set(k, v); },
      async delete(k: string) { secrets.delete(k); },
      onDidChange: new EventEmitter<unknown>().event,
    },
    secretValues: secrets,
    workspaceState: memento(),
  };
}

/** An in-memory `vscode.Memento`. */
function memento() {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get<T>(key: string, fallback?: T): T | undefined { return values.has(key) ? values.get(key) as T : fallback; },
    async update(key: string, value: unknown) { if (value === undefined) values.delete(key); else values.set(key, value); },
  };
}

/**
 * The workspace index: every connection and flow spec file of the workspace folders and the links file
 * (`.sources-sdk/links.json`, which remote id each file stands for). Built in the background at start, kept current
 * from file events and from open documents, and only ever read by handlers (a keystroke never waits for it).
 * It backs the workspace-wide checks: a linked connection spec that no flow spec lists (SSDK820, with a *Register
 * in Flow Spec* action), two connection specs with one name (SSDK821), and hover / go to definition on the ids of a
 * flow spec's `sourceConnectionSpecIds`.
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { CodeAction, Diagnostic, Hover, Location, Position, Range } from 'vscode-languageserver';
import { rowsByCode, severityNumber } from '../core/analysis/ruleRow';
import { DEFAULT_LIMITS } from '../core/analysis/sizeGuard';
import { WORKSPACE_TABLE } from '../core/analysis/workspaceTable';
import { specKindOf } from '../core/spec/kindResolver';
import { DIAGNOSTIC_SOURCE, type SpecKind } from '../core/analysis/types';
import { LineIndex } from '../core/artifacts/textPositions';
import { folderOf, hostFiles, pathToUri, uriToPath } from './hostFiles';

/** File patterns the index reads (also the file watchers the server registers). */
export const INDEX_PATTERNS = ['**/*{-,.}connectionSpec.json', '**/*{-,.}flowSpec.json', '**/.sources-sdk/links.json'];

interface SpecEntry {
  path: string;
  kind: SpecKind;
  name?: string;
  nameRange?: Range;
  /** Flow specs: the ids they list. */
  sourceIds: string[];
}

interface LinkEntry {
  path: string;
  resource: string;
  remoteId: string;
}

const WORKSPACE_ROWS = rowsByCode(WORKSPACE_TABLE);

/** Code of the "register" action's command (the client's existing command). */
const REGISTER_COMMAND = 'sourcesSdk.registerInFlowSpec';

export class WorkspaceIndex {
  private readonly specs = new Map<string, SpecEntry>();
  /** Links per links-file path. */
  private readonly links = new Map<string, LinkEntry[]>();
  private roots: string[] = [];

  /** `changed` is called after the index changed in a way that can alter diagnostics (the server re-validates). */
  constructor(private readonly changed: () => void) {}

  /** Scans the workspace folders in the background. */
  start(rootUris: readonly string[]): void {
    this.roots = rootUris.map(uriToPath).filter((p): p is string => p !== undefined);
    void this.scan();
  }

  private async scan(): Promise<void> {
    const files = hostFiles();
    if (!files) return;
    for (const root of this.roots) {
      for (const path of await files.findFiles(root, INDEX_PATTERNS)) await this.readFile(path);
    }
    this.changed();
  }

  /** A watched file was created, changed (1, 2) or deleted (3). */
  async fileEvent(uri: string, type: number): Promise<void> {
    const path = uriToPath(uri);
    if (!path) return;
    if (type === 3) {
      this.specs.delete(path);
      this.links.delete(path);
    } else {
      await this.readFile(path);
    }
    this.changed();
  }

  /** An open document's text (newer than the disk). Returns true when names or ids changed. */
  updateFromDocument(uri: string, text: string, kind: SpecKind): boolean {
    const path = uriToPath(uri);
    // Files outside the workspace folders (a spec opened from elsewhere) are not part of the workspace checks.
    if (!path || !this.inWorkspace(path)) return false;
    const before = this.specs.get(path);
    const entry = parseSpec(path, text, kind);
    this.specs.set(path, entry);
    return !before || before.name !== entry.name || before.sourceIds.join() !== entry.sourceIds.join();
  }

  private async readFile(path: string): Promise<void> {
    // Above the engine's size limit a spec gets no semantic analysis either; its size is known before any read.
    const head = await hostFiles()?.readFile(path, DEFAULT_LIMITS.maxChars + 1);
    if (!head || head.size > DEFAULT_LIMITS.maxChars) {
      this.specs.delete(path);
      this.links.delete(path);
      return;
    }
    const text = new TextDecoder().decode(head.bytes).replace(/^\uFEFF/, '');
    if (path.endsWith('links.json')) {
      this.links.set(path, parseLinks(path, text));
      return;
    }
    const kind = specKindOf({ fileName: path });
    if (kind) this.specs.set(path, parseSpec(path, text, kind));
  }

  /** The workspace-wide diagnostics of one spec document. */
  diagnosticsFor(uri: string): Diagnostic[] {
    const path = uriToPath(uri);
    const entry = path && this.inWorkspace(path) ? this.specs.get(path) : undefined;
    if (!entry || entry.kind !== 'connectionSpec') return [];
    const out: Diagnostic[] = [];
    const where = entry.nameRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    if (entry.name) {
      const twins = [...this.specs.values()].filter((s) => s !== entry && this.inWorkspace(s.path) && s.kind === 'connectionSpec' && s.name === entry.name);
      if (twins.length > 0) {
        out.push(diagnostic('SSDK821', where, `Another connection spec in the workspace is also named "${entry.name}" ` +
          `(${twins.map((t) => this.display(t.path)).join(', ')}): name lookups (fetch, upload by name) become ambiguous.`));
      }
    }
    const remoteIds = this.remoteIdsOf(path!);
    if (remoteIds.length > 0) {
      const listed = new Set([...this.specs.values()].filter((s) => s.kind === 'flowSpec').flatMap((s) => s.sourceIds));
      const missing = remoteIds.filter((id) => !listed.has(id));
      if (missing.length > 0) {
        out.push({ ...diagnostic('SSDK820', where, `This spec is linked to ${missing.join(', ')}, which no flow spec in the workspace ` +
          'lists in sourceConnectionSpecIds: register it so dataflows can use it.'), data: { remoteIds: missing } });
      }
    }
    return out;
  }

  /** The *Register in Flow Spec* action for an SSDK820 diagnostic. */
  registerAction(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
    return diagnostics.filter((d) => d.code === 'SSDK820').map((d) => ({
      title: 'Register in Flow Spec', kind: 'quickfix', diagnostics: [d],
      command: { title: 'Register in Flow Spec', command: REGISTER_COMMAND, arguments: [uri] },
    }));
  }

  /** The workspace connection spec linked to `id`, if any. */
  private specOfRemoteId(id: string): SpecEntry | undefined {
    for (const entries of this.links.values()) {
      const link = entries.find((l) => l.remoteId === id && l.resource === 'connectionSpecs');
      const spec = link ? this.specs.get(link.path) : undefined;
      if (spec) return spec;
    }
    return undefined;
  }

  /** The id string under `position` in a flow spec's sourceConnectionSpecIds, with its range. */
  private idAt(text: string, position: Position): { id: string; range: Range } | undefined {
    const root = parseTree(text);
    const list = root ? findNodeAtLocation(root, ['sourceConnectionSpecIds']) : undefined;
    if (list?.type !== 'array') return undefined;
    const index = new LineIndex(text);
    const offset = offsetAt(text, position);
    const node = (list.children ?? []).find((n) => n.type === 'string' && offset >= n.offset && offset <= n.offset + n.length);
    return node ? { id: String(node.value), range: index.range(node.offset, node.offset + node.length) } : undefined;
  }

  /** Hover on an id of sourceConnectionSpecIds that belongs to a workspace spec: its name and file. */
  hover(text: string, position: Position): Hover | null {
    const at = this.idAt(text, position);
    const spec = at && this.specOfRemoteId(at.id);
    if (!at || !spec) return null;
    return { range: at.range, contents: { kind: 'markdown', value: `**${spec.name ?? '(no name)'}** — connection spec in \`${this.display(spec.path)}\`` } };
  }

  /** Go to definition on such an id: the spec file (at its name). */
  definition(text: string, position: Position): Location[] {
    const at = this.idAt(text, position);
    const spec = at && this.specOfRemoteId(at.id);
    if (!spec) return [];
    return [{ uri: pathToUri(spec.path), range: spec.nameRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
  }

  private remoteIdsOf(path: string): string[] {
    const ids = new Set<string>();
    for (const entries of this.links.values()) for (const link of entries) if (link.path === path && link.resource === 'connectionSpecs') ids.add(link.remoteId);
    return [...ids];
  }

  private inWorkspace(path: string): boolean {
    return this.roots.some((root) => path.startsWith(`${root}/`) || path.startsWith(`${root}\\`));
  }

  private display(path: string): string {
    const root = this.roots.find((r) => path.startsWith(`${r}/`) || path.startsWith(`${r}\\`));
    return root ? path.slice(root.length + 1) : path;
  }
}

function diagnostic(code: string, range: Range, message: string): Diagnostic {
  return { range, severity: severityNumber(WORKSPACE_ROWS.get(code)?.severity ?? 'info'), code, source: DIAGNOSTIC_SOURCE, message };
}

function parseSpec(path: string, text: string, kind: SpecKind): SpecEntry {
  const root = parseTree(text);
  const entry: SpecEntry = { path, kind, sourceIds: [] };
  if (root?.type !== 'object') return entry;
  const name = findNodeAtLocation(root, ['name']);
  if (name?.type === 'string') {
    entry.name = String(name.value);
    entry.nameRange = new LineIndex(text).range(name.offset, name.offset + name.length);
  }
  const ids: Node | undefined = findNodeAtLocation(root, ['sourceConnectionSpecIds']);
  if (ids?.type === 'array') entry.sourceIds = (ids.children ?? []).filter((n) => n.type === 'string').map((n) => String(n.value));
  return entry;
}

/** Links of `<root>/.sources-sdk/links.json` (`{environments: {env: {relativePath: {resource, remoteId}}}}`); bad input → none. */
function parseLinks(linksPath: string, text: string): LinkEntry[] {
  const root = folderOf(folderOf(linksPath));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const environments = (data as { environments?: unknown })?.environments;
  if (!environments || typeof environments !== 'object') return [];
  const out: LinkEntry[] = [];
  for (const files of Object.values(environments as Record<string, unknown>)) {
    if (!files || typeof files !== 'object') continue;
    for (const [relative, record] of Object.entries(files as Record<string, unknown>)) {
      const { resource, remoteId } = (record ?? {}) as { resource?: unknown; remoteId?: unknown };
      if (typeof resource !== 'string' || typeof remoteId !== 'string') continue;
      const separator = root.includes('\\') && !root.includes('/') ? '\\' : '/';
      out.push({ path: `${root}${separator}${relative.split('/').join(separator)}`, resource, remoteId });
    }
  }
  return out;
}

function offsetAt(text: string, position: Position): number {
  let line = 0;
  let offset = 0;
  while (line < position.line && offset < text.length) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
    line++;
  }
  return Math.min(offset + position.character, text.length);
}

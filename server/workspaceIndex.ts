/**
 * The workspace index: the language server's workspace snapshot (core/workspace/snapshot.ts) — every connection and
 * flow spec file of the workspace folders and the links files — kept current from file events and open documents,
 * and only ever read by handlers (a keystroke never waits for it). The workspace rules (SSDK820, SSDK821:
 * core/analysis/rules/workspace) run on it once per change of the snapshot, not per keystroke; hover and go to
 * definition on the ids of a flow spec's `sourceConnectionSpecIds` read it too.
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { CodeAction, Diagnostic, Hover, Location, Position, Range } from 'vscode-languageserver';
import { checkWorkspace } from '../core/analysis/rules/workspace/index';
import { LineIndex } from '../core/artifacts/textPositions';
import { readWorkspaceFile, snapshotOf, WORKSPACE_PATTERNS, type LinksContent } from '../core/workspace/scanWorkspace';
import { displayPath, inWorkspace, sameSummary, summarizeSpec, type SpecSummary, type WorkspaceSnapshot } from '../core/workspace/snapshot';
import type { ASTNode } from 'vscode-json-languageservice';
import type { SpecKind } from '../core/spec/kinds';
import { toProtocolDiagnostics } from './lspTypes';
import { hostFiles, pathToUri, uriToPath } from './hostFiles';

export { WORKSPACE_PATTERNS as INDEX_PATTERNS } from '../core/workspace/scanWorkspace';

/** Code of the "register" action's command (the client's existing command). */
const REGISTER_COMMAND = 'sourcesSdk.registerInFlowSpec';

export class WorkspaceIndex {
  private readonly specs = new Map<string, SpecSummary>();
  /** Links and seen flow specs per links-file path. */
  private readonly linksFiles = new Map<string, LinksContent>();
  private roots: string[] = [];
  /** The workspace rules' findings per path for the current snapshot; computed on first use after a change. */
  private findings: Map<string, Diagnostic[]> | undefined;

  /**
   * `changed` is called after the index changed in a way that can alter diagnostics (the server re-validates);
   * `log` gets what the index leaves out and why (an invalid links file, a file over the size limit).
   */
  constructor(private readonly changed: () => void, private readonly log: (message: string) => void = () => undefined) {}

  /** Scans the workspace folders in the background. */
  start(rootUris: readonly string[]): void {
    this.roots = rootUris.map(uriToPath).filter((p): p is string => p !== undefined);
    void this.scan();
  }

  private async scan(): Promise<void> {
    const files = hostFiles();
    if (!files) return;
    for (const root of this.roots) {
      for (const path of await files.findFiles(root, WORKSPACE_PATTERNS)) await this.readFile(path);
    }
    this.touched();
  }

  /** A watched file was created, changed (1, 2) or deleted (3). */
  async fileEvent(uri: string, type: number): Promise<void> {
    const path = uriToPath(uri);
    if (!path) return;
    if (type === 3) {
      this.specs.delete(path);
      this.linksFiles.delete(path);
    } else {
      await this.readFile(path);
    }
    this.touched();
  }

  /**
   * An open document's summary (newer than the disk), from the parse the server already has. Returns true when it
   * changes what the workspace rules see (the server then re-validates the other open documents).
   */
  updateFromDocument(uri: string, kind: SpecKind, root: () => ASTNode | undefined, positionAt: (offset: number) => Position): boolean {
    const path = uriToPath(uri);
    // Files outside the workspace folders (a spec opened from elsewhere) are not part of the workspace checks.
    if (!path || !this.inWorkspace(path)) return false;
    const entry = summarizeSpec(path, kind, root(), positionAt);
    if (sameSummary(this.specs.get(path), entry)) return false;
    this.specs.set(path, entry);
    this.findings = undefined;
    return true;
  }

  private async readFile(path: string): Promise<void> {
    const files = hostFiles();
    const content = files && await readWorkspaceFile(path, files);
    this.specs.delete(path);
    this.linksFiles.delete(path);
    if (!content) return;
    if ('spec' in content) this.specs.set(path, content.spec);
    else if ('links' in content) this.linksFiles.set(path, content.links);
    else this.log(content.problem);
  }

  private touched(): void {
    this.findings = undefined;
    this.changed();
  }

  /** The snapshot the workspace rules run on. */
  snapshot(): WorkspaceSnapshot {
    return snapshotOf(this.roots, this.specs.values(), this.linksFiles.values());
  }

  /** The workspace-wide diagnostics of one spec document. */
  diagnosticsFor(uri: string): Diagnostic[] {
    const path = uriToPath(uri);
    if (!path) return [];
    if (!this.findings) {
      const found = checkWorkspace(this.snapshot(), ({ codes, error }) => this.log(`the workspace rule for ${codes.join(', ')} failed: ${String(error)}`));
      this.findings = new Map([...found].map(([file, diagnostics]) => [file, toProtocolDiagnostics(diagnostics)]));
    }
    return this.findings.get(path) ?? [];
  }

  /** The *Register in Flow Spec* action for an SSDK820 diagnostic. */
  registerAction(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
    return diagnostics.filter((d) => d.code === 'SSDK820').map((d) => ({
      title: 'Register in Flow Spec', kind: 'quickfix', diagnostics: [d],
      command: { title: 'Register in Flow Spec', command: REGISTER_COMMAND, arguments: [uri] },
    }));
  }

  /** The workspace connection spec linked to `id`, if any. */
  private specOfRemoteId(id: string): SpecSummary | undefined {
    for (const content of this.linksFiles.values()) {
      const link = content.links.find((l) => l.remoteId === id && l.resource === 'connectionSpecs');
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
    return { range: at.range, contents: { kind: 'markdown', value: `**${spec.name ?? '(no name)'}** — connection spec in \`${displayPath(this.snapshotRoots(), spec.path)}\`` } };
  }

  /** Go to definition on such an id: the spec file (at its name). */
  definition(text: string, position: Position): Location[] {
    const at = this.idAt(text, position);
    const spec = at && this.specOfRemoteId(at.id);
    if (!spec) return [];
    return [{ uri: pathToUri(spec.path), range: spec.nameRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
  }

  private inWorkspace(path: string): boolean {
    return inWorkspace(this.snapshotRoots(), path);
  }

  private snapshotRoots(): Pick<WorkspaceSnapshot, 'roots'> {
    return { roots: this.roots };
  }
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

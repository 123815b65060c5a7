/**
 * A workspace snapshot: what the workspace rules (core/analysis/rules/workspace) look at — every connection and flow
 * spec file of the workspace folders, the links files (`.sources-sdk/links.json`: which remote id each file stands
 * for, and the remote flow specs seen when registering) and the artifacts folders. The language server keeps one
 * current from file events and open documents (server/workspaceIndex.ts); `sources-sdk validate <folder>` scans one
 * from disk (scanWorkspace.ts). Both build it with the functions here, so the editor and the CLI report alike.
 */
import type { ASTNode, Range } from 'vscode-json-languageservice';
import type { ArtifactsFolderInput } from '../artifacts/checkFolder';
import type { SpecKind, SpecResource } from '../spec/kinds';
import type { LinksFile } from '../sync/linksFile';

/** What the workspace rules need of one spec file. */
export interface SpecSummary {
  /** Absolute path. */
  path: string;
  kind: SpecKind;
  /** The top-level `name`, when it is a string, and where its value sits. */
  name?: string;
  nameRange?: Range;
  /** Flow specs: the ids `sourceConnectionSpecIds` lists. */
  sourceConnectionSpecIds: readonly string[];
}

/** One link of a links file: `path` stands for remote `remoteId` in `environment` (a sync identity). */
export interface WorkspaceLink {
  path: string;
  environment: string;
  resource: SpecResource;
  remoteId: string;
}

/** A remote flow spec as the tools last saw it (recorded in links.json when registering). */
export interface SeenFlowSpec {
  environment: string;
  id: string;
  name?: string;
  sourceConnectionSpecIds: readonly string[];
}

/** An artifacts folder (Sources/{source}/Artifacts) and its files. */
export interface ArtifactsFolderSnapshot extends ArtifactsFolderInput {
  /** Absolute path of the folder. */
  path: string;
}

/** The input of the workspace rules. Every part may be empty: a rule looks only at the parts it needs. */
export interface WorkspaceSnapshot {
  /** Workspace folders (absolute paths); specs outside them are not part of the workspace checks. */
  readonly roots: readonly string[];
  readonly specs: readonly SpecSummary[];
  readonly links: readonly WorkspaceLink[];
  readonly seenFlowSpecs: readonly SeenFlowSpec[];
  readonly artifactsFolders: readonly ArtifactsFolderSnapshot[];
}

/** A snapshot with nothing in it, to fill in. */
export function emptySnapshot(roots: readonly string[] = []): WorkspaceSnapshot {
  return { roots, specs: [], links: [], seenFlowSpecs: [], artifactsFolders: [] };
}

/**
 * The summary of a spec from its parse (the engine's tree: the server and the CLI have one already, so nothing is
 * parsed twice). `positionAt` turns an offset into a position of the same text.
 */
export function summarizeSpec(path: string, kind: SpecKind, root: ASTNode | undefined,
  positionAt: (offset: number) => Range['start']): SpecSummary {
  const summary: SpecSummary = { path, kind, sourceConnectionSpecIds: [] };
  if (root?.type !== 'object') return summary;
  for (const property of root.properties) {
    const value = property.valueNode;
    if (property.keyNode.value === 'name' && value?.type === 'string') {
      summary.name = value.value;
      summary.nameRange = { start: positionAt(value.offset), end: positionAt(value.offset + value.length) };
    } else if (property.keyNode.value === 'sourceConnectionSpecIds' && value?.type === 'array') {
      summary.sourceConnectionSpecIds = value.items.flatMap((item) => (item.type === 'string' ? [item.value] : []));
    }
  }
  return summary;
}

/** True when two summaries would give the workspace rules the same answers (the server re-checks only then). */
export function sameSummary(a: SpecSummary | undefined, b: SpecSummary): boolean {
  return !!a && a.kind === b.kind && a.name === b.name && sameRange(a.nameRange, b.nameRange) &&
    a.sourceConnectionSpecIds.join('\n') === b.sourceConnectionSpecIds.join('\n');
}

function sameRange(a: Range | undefined, b: Range | undefined): boolean {
  return a === b || (!!a && !!b && a.start.line === b.start.line && a.start.character === b.start.character &&
    a.end.line === b.end.line && a.end.character === b.end.character);
}

/**
 * The links and seen flow specs of a validated links file (core/sync/linksFile.ts `validateLinksFile`) that lives in
 * `<root>/.sources-sdk/links.json`; link paths are made absolute with `root`'s separator.
 */
export function linksOf(root: string, file: LinksFile): { links: WorkspaceLink[]; seenFlowSpecs: SeenFlowSpec[] } {
  const separator = root.includes('\\') && !root.includes('/') ? '\\' : '/';
  const links: WorkspaceLink[] = [];
  for (const [environment, files] of Object.entries(file.environments)) {
    for (const [relative, record] of Object.entries(files)) {
      links.push({ path: `${root}${separator}${relative.split('/').join(separator)}`, environment, resource: record.resource, remoteId: record.remoteId });
    }
  }
  const seenFlowSpecs: SeenFlowSpec[] = [];
  for (const [environment, flowSpecs] of Object.entries(file.seenFlowSpecs ?? {})) {
    for (const [id, seen] of Object.entries(flowSpecs)) {
      seenFlowSpecs.push({ environment, id, name: seen.name, sourceConnectionSpecIds: seen.sourceConnectionSpecIds });
    }
  }
  return { links, seenFlowSpecs };
}

/** Whether `path` lies inside one of the snapshot's workspace folders. */
export function inWorkspace(snapshot: Pick<WorkspaceSnapshot, 'roots'>, path: string): boolean {
  return snapshot.roots.some((root) => path.startsWith(`${root}/`) || path.startsWith(`${root}\\`));
}

/** A path as shown in messages: relative to its workspace folder. */
export function displayPath(snapshot: Pick<WorkspaceSnapshot, 'roots'>, path: string): string {
  const root = snapshot.roots.find((r) => path.startsWith(`${r}/`) || path.startsWith(`${r}\\`));
  return root ? path.slice(root.length + 1) : path;
}

/**
 * Builds workspace snapshots from files: what one spec file or links file contributes, and a whole scan of the
 * workspace folders. The language server reads its files through here (server/workspaceIndex.ts, with the host's
 * file access) and so does `sources-sdk validate <folder>`, so both see the same files the same way: the same
 * patterns, the same ignored folders (core/files/ignoredFolders.ts), the same size bound, the links file validated.
 */
import { getLanguageService, TextDocument, type LanguageService } from 'vscode-json-languageservice';
import { DEFAULT_LIMITS } from '../analysis/sizeGuard';
import type { FolderReader } from '../artifacts/loadFolder';
import { specKindOf } from '../spec/kindResolver';
import { SPEC_FILE_GLOB } from '../spec/kinds';
import { validateLinksFile } from '../sync/linksFile';
import { stripBom } from '../sync/text';
import { emptySnapshot, linksOf, summarizeSpec, type SeenFlowSpec, type SpecSummary, type WorkspaceLink, type WorkspaceSnapshot } from './snapshot';

/** The links file below a workspace folder. */
export const LINKS_FILE_GLOB = '**/.sources-sdk/links.json';

/** What a workspace scan reads (also the file watchers the language server registers). */
export const WORKSPACE_PATTERNS: readonly string[] = [SPEC_FILE_GLOB, LINKS_FILE_GLOB];

/** File access for a scan: a folder reader plus a search by glob below a folder (ignoring the ignored folders). */
export interface WorkspaceFiles extends FolderReader {
  /** Absolute paths of the files below `root` whose names match one of `patterns` (globs relative to root). */
  findFiles(root: string, patterns: readonly string[]): Promise<string[]>;
}

/** What one links file contributes. */
export interface LinksContent {
  links: WorkspaceLink[];
  seenFlowSpecs: SeenFlowSpec[];
}

/** What one file contributes to a snapshot; `problem` says why a file that should contribute does not. */
export type WorkspaceFileContent =
  | { spec: SpecSummary }
  | { links: LinksContent }
  | { problem: string };

let parser: LanguageService | undefined;

/** Reads one spec or links file (at most the engine's size limit of it). Undefined when it is neither or unreadable. */
export async function readWorkspaceFile(path: string, files: FolderReader): Promise<WorkspaceFileContent | undefined> {
  const isLinks = /[\\/]\.sources-sdk[\\/]links\.json$/.test(path);
  const kind = isLinks ? undefined : specKindOf({ fileName: path });
  if (!isLinks && !kind) return undefined;
  const head = await files.readFile(path, DEFAULT_LIMITS.maxChars + 1);
  if (!head) return undefined;
  if (head.size > DEFAULT_LIMITS.maxChars) return { problem: `${path} is over ${DEFAULT_LIMITS.maxChars} bytes: left out of the workspace checks` };
  const text = stripBom(new TextDecoder().decode(head.bytes));
  if (isLinks) {
    try {
      return { links: linksOf(folderOf(folderOf(path)), validateLinksFile(path, JSON.parse(text))) };
    } catch (err) {
      return { problem: `${err instanceof Error ? err.message : String(err)} (the workspace checks ignore its links)` };
    }
  }
  parser ??= getLanguageService({});
  const document = TextDocument.create(`file://${path}`, 'json', 1, text);
  return { spec: summarizeSpec(path, kind!, parser.parseJSONDocument(document).root, (offset) => document.positionAt(offset)) };
}

/** A snapshot of the given parts (the server keeps them per file and assembles one when its rules run). */
export function snapshotOf(roots: readonly string[], specs: Iterable<SpecSummary>, linksFiles: Iterable<LinksContent>): WorkspaceSnapshot {
  const contents = [...linksFiles];
  return {
    ...emptySnapshot(roots),
    specs: [...specs],
    links: contents.flatMap((c) => c.links),
    seenFlowSpecs: contents.flatMap((c) => c.seenFlowSpecs),
  };
}

/** Scans the workspace folders `roots` (absolute paths): every spec file and links file below them. */
export async function scanWorkspace(roots: readonly string[], files: WorkspaceFiles, onProblem?: (message: string) => void): Promise<WorkspaceSnapshot> {
  const specs: SpecSummary[] = [];
  const linksFiles: LinksContent[] = [];
  for (const root of roots) {
    for (const path of (await files.findFiles(root, WORKSPACE_PATTERNS)).sort()) {
      const content = await readWorkspaceFile(path, files);
      if (!content) continue;
      if ('spec' in content) specs.push(content.spec);
      else if ('links' in content) linksFiles.push(content.links);
      else onProblem?.(content.problem);
    }
  }
  return snapshotOf(roots, specs, linksFiles);
}

/** The folder part of a path. */
function folderOf(path: string): string {
  const index = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return index > 0 ? path.slice(0, index) : path;
}

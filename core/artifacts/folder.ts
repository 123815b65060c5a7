/**
 * An artifacts folder as the artifacts rules (core/analysis/rules/artifacts) see it: its files, read with a bound by
 * loadFolder.ts; its `{source}` prefix; and which file plays which of the five roles. Pure: no I/O.
 */
import type { Diagnostic } from 'vscode-json-languageservice';
import { isTextOrSvg, parseArtifactName, sourcePrefix, type ArtifactRole } from './names';

/** One file of the folder. `bytes` (when read from disk) lets a renamed PNG/JPEG be told apart from text. */
export interface ArtifactFileInput {
  name: string;
  text: string;
  bytes?: Uint8Array;
  /** The file's size when it is over the cap and was not read (`text` is then empty): reported as too large. */
  tooLarge?: number;
}

/** A folder to check: its name, its parent's name (`Sources/{source}/Artifacts`) and its files. */
export interface ArtifactsFolderInput {
  folderName: string;
  parentName?: string;
  files: readonly ArtifactFileInput[];
}

/** The diagnostics of one file of the folder; files without findings are listed too (so editors can clear them). */
export interface ArtifactFileDiagnostics {
  file: string;
  diagnostics: Diagnostic[];
}

/** The folder's files the checks look at (text, SVG and the connection spec), in name order. */
export function relevantFiles(folder: ArtifactsFolderInput): ArtifactFileInput[] {
  return folder.files.filter((f) => isTextOrSvg(f.name) || parseArtifactName(f.name)?.role === 'connectionSpec')
    .slice().sort((a, b) => a.name.localeCompare(b.name));
}

/** The `{source}` prefix, and which file plays each role: the correctly named one, else one with another prefix. */
export function folderRoles(folder: ArtifactsFolderInput): { prefix?: string; relevant: ArtifactFileInput[]; byRole: Map<ArtifactRole, ArtifactFileInput> } {
  const relevant = relevantFiles(folder);
  const prefix = sourcePrefix(relevant.map((f) => f.name), folder.parentName);
  const byRole = new Map<ArtifactRole, ArtifactFileInput>();
  for (const file of relevant) {
    const parsed = parseArtifactName(file.name);
    if (!parsed) continue;
    if (parsed.prefix === prefix || !byRole.has(parsed.role)) byRole.set(parsed.role, file);
  }
  return { prefix, relevant, byRole };
}

/** The path of a file of `folder`, with the folder path's own separator (a Windows path keeps its backslashes). */
export function artifactPath(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? `${folder}${name}` : `${folder}${separator}${name}`;
}

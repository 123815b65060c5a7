/**
 * The artifacts checks of one folder, for callers that have just that folder (the CLI's artifacts search, tests):
 * runs the artifacts rules (core/analysis/rules/artifacts) on a snapshot holding only this folder, and answers per
 * file name. Every file the checks look at is listed, with or without findings (so editors can clear it).
 */
import { checkWorkspace } from '../analysis/rules/workspace/index';
import { emptySnapshot } from '../workspace/snapshot';
import { artifactPath, relevantFiles, type ArtifactFileDiagnostics, type ArtifactsFolderInput } from './folder';

export type { ArtifactFileDiagnostics, ArtifactFileInput, ArtifactsFolderInput } from './folder';

/** Runs every artifacts rule over one folder. */
export function checkArtifactsFolder(folder: ArtifactsFolderInput): ArtifactFileDiagnostics[] {
  const path = folder.folderName;
  const byPath = checkWorkspace({ ...emptySnapshot(), artifactsFolders: [{ ...folder, path }] });
  return relevantFiles(folder).map((file) => ({ file: file.name, diagnostics: byPath.get(artifactPath(path, file.name)) ?? [] }));
}

/**
 * The workspace part of `sources-sdk validate`: the snapshot the workspace rules run on (core/analysis/rules/workspace),
 * built as the language server builds its own — the spec files and links files below the directory arguments (the
 * CLI's workspace folders, scanned by core/workspace/scanWorkspace.ts) and the artifacts folders below them or
 * holding a given file — so SSDK801–813 and SSDK820/821 come out as the editor shows them.
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Diagnostic } from 'vscode-json-languageservice';
import { checkWorkspace } from '../../core/analysis/rules/workspace/index';
import { isArtifactsFolderOnDisk, loadArtifactsFolder, nodeFolderReader } from '../../core/artifacts';
import { IGNORED_GLOBS } from '../../core/files/ignoredFolders';
import { nodeWorkspaceFiles } from '../../core/workspace/nodeFiles';
import { scanWorkspace } from '../../core/workspace/scanWorkspace';
import type { ArtifactsFolderSnapshot } from '../../core/workspace/snapshot';
import tinyglobby = require('tinyglobby');

const { glob } = tinyglobby;

/** Absolute paths of the artifacts folders to check: below directory arguments, and the folders of file targets. */
export async function artifactFolderCandidates(args: readonly string[], targetPaths: readonly string[]): Promise<Set<string>> {
  const candidates = new Set<string>(targetPaths.map((path) => dirname(resolve(path))));
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (!info?.isDirectory()) continue;
    candidates.add(resolve(arg));
    const found = await glob(['**/*.txt', '**/*.svg', '**/*-connectionSpec.json', '**/Artifacts/'], {
      cwd: arg, ignore: [...IGNORED_GLOBS], dot: false, onlyFiles: false,
    });
    for (const file of found) candidates.add(file.endsWith('/') ? resolve(arg, file) : dirname(resolve(arg, file)));
  }
  const folders = new Set<string>();
  for (const folder of [...candidates].sort()) if (await isArtifactsFolderOnDisk(folder)) folders.add(folder);
  return folders;
}

/**
 * The workspace rules' diagnostics per absolute path (every covered file listed, findings or not) and how many
 * artifact files that are not specs were checked (the specs are counted by validate itself).
 */
export async function workspaceDiagnostics(args: readonly string[], artifactFolders: ReadonlySet<string>, onProblem: (message: string) => void):
  Promise<{ byPath: Map<string, Diagnostic[]>; extraFiles: number }> {
  const roots: string[] = [];
  for (const arg of args) if ((await stat(arg).catch(() => undefined))?.isDirectory()) roots.push(resolve(arg));
  const snapshot = await scanWorkspace(roots, nodeWorkspaceFiles, onProblem);
  const folders: ArtifactsFolderSnapshot[] = [];
  for (const folder of artifactFolders) {
    const loaded = await loadArtifactsFolder(folder, nodeFolderReader);
    if (loaded) folders.push(loaded);
  }
  const byPath = checkWorkspace({ ...snapshot, artifactsFolders: folders });
  const extraFiles = [...byPath.keys()].filter((path) => !path.endsWith('.json')).length;
  return { byPath, extraFiles };
}

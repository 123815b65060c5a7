/**
 * The artifacts-folder part of `sources-sdk validate`: finds the artifacts folders below the given directories (and
 * the folders of the given files) and turns their diagnostics into findings whose `file` is the artifact file.
 */
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { checkArtifactsFolderOnDisk, isArtifactsFolderOnDisk } from '../../core/artifacts';
import { IGNORED_GLOBS } from '../../core/files/ignoredFolders';
import { toFindings, type Finding } from '../format/findings';
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

/** Checks every folder; `extraFiles` counts the .txt/.svg files checked (spec files are counted by validate itself). */
export async function checkArtifactFolders(folders: ReadonlySet<string>, displayPath: (path: string) => string):
  Promise<{ findings: Finding[]; extraFiles: number }> {
  const findings: Finding[] = [];
  let extraFiles = 0;
  for (const folder of folders) {
    const result = await checkArtifactsFolderOnDisk(folder);
    if (!result) continue;
    for (const file of result.files) {
      if (!file.path.endsWith('.json')) extraFiles++;
      findings.push(...toFindings(displayPath(join(file.path)), file.diagnostics));
    }
  }
  return { findings, extraFiles };
}

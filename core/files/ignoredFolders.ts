/**
 * The one table of folders no walker enters: dependencies, version-control data and build output. The CLI's
 * `validate` walk, its artifacts-folder search and its unreadable-folder check, the emulator's seed-folder reader,
 * the language server's workspace scan (server/nodeHostFiles.ts) and the extension's workspace searches
 * (`vscode.workspace.findFiles` excludes) all read it, so the editor and the command line look at the same files.
 * test/unit/ignoredFolders.test.ts ties it to those consumers.
 */

/** Folder names skipped wherever they appear. */
export const IGNORED_FOLDERS: readonly string[] = ['node_modules', '.git', 'dist', 'out'];

/** The same as glob patterns (`**\/node_modules/**`, …) for a globber's `ignore` option. */
export const IGNORED_GLOBS: readonly string[] = IGNORED_FOLDERS.map((name) => `**/${name}/**`);

/** Whether a walker skips a folder called `name`. */
export function isIgnoredFolder(name: string): boolean {
  return IGNORED_FOLDERS.includes(name);
}

/**
 * One glob matching every ignored folder and `extra` names, for an exclude pattern such as
 * `vscode.workspace.findFiles`'s (`**\/{node_modules,.git,dist,out}/**`).
 */
export function ignoredFoldersGlob(extra: readonly string[] = []): string {
  return `**/{${[...IGNORED_FOLDERS, ...extra].join(',')}}/**`;
}

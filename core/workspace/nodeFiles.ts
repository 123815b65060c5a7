/**
 * Node's file system as {@link WorkspaceFiles}: the language server's Node entry and the CLI scan the workspace
 * through it (the browser flavour has no file system and never imports this module).
 */
import { resolve } from 'node:path';
import { nodeFolderReader } from '../artifacts/nodeFolder';
import { IGNORED_GLOBS } from '../files/ignoredFolders';
import type { WorkspaceFiles } from './scanWorkspace';
// CommonJS build on purpose (see cli/commands/validate.ts).
import tinyglobby = require('tinyglobby');

export const nodeWorkspaceFiles: WorkspaceFiles = {
  ...nodeFolderReader,
  async findFiles(root, patterns) {
    try {
      // dot: the links file lives in `.sources-sdk`; the ignored folders (`.git` among them) stay out.
      const found = await tinyglobby.glob([...patterns], { cwd: root, ignore: [...IGNORED_GLOBS], dot: true, absolute: false });
      return found.map((file) => resolve(root, file));
    } catch {
      return [];
    }
  },
};

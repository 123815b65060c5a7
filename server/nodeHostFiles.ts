/** Node's file system as the language server's {@link HostFiles} (installed by the Node entry, server.ts). */
import { resolve } from 'node:path';
import { nodeFolderReader } from '../core/artifacts/nodeFolder';
import type { HostFiles } from './hostFiles';
import { IGNORED_GLOBS } from '../core/files/ignoredFolders';
// CommonJS build on purpose (see cli/commands/validate.ts).
import tinyglobby = require('tinyglobby');


export const nodeHostFiles: HostFiles = {
  ...nodeFolderReader,
  async findFiles(root, patterns) {
    try {
      const found = await tinyglobby.glob([...patterns], { cwd: root, ignore: [...IGNORED_GLOBS], dot: true, absolute: false });
      return found.map((file) => resolve(root, file));
    } catch {
      return [];
    }
  },
};

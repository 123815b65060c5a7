/** Node's file system as the language server's {@link HostFiles} (installed by the Node entry, server.ts). */
import { resolve } from 'node:path';
import { nodeFolderReader } from '../core/artifacts/nodeFolder';
import type { HostFiles } from './hostFiles';
// CommonJS build on purpose (see cli/commands/validate.ts).
import tinyglobby = require('tinyglobby');

/** Folders never indexed: dependencies, VCS data and build output. */
const IGNORED = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**'];

export const nodeHostFiles: HostFiles = {
  ...nodeFolderReader,
  async findFiles(root, patterns) {
    try {
      const found = await tinyglobby.glob([...patterns], { cwd: root, ignore: IGNORED, dot: true, absolute: false });
      return found.map((file) => resolve(root, file));
    } catch {
      return [];
    }
  },
};

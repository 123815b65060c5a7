/** Node's file system as the language server's {@link HostFiles} (installed by the Node entry, server.ts). */
import { nodeWorkspaceFiles } from '../core/workspace/nodeFiles';
import type { HostFiles } from './hostFiles';

export const nodeHostFiles: HostFiles = nodeWorkspaceFiles;

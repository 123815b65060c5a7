/**
 * File access the language server needs beyond open documents (the artifacts folder's other files, the workspace
 * index). The Node entry (server.ts) installs Node's file system; a host without one (a Web Worker) installs none,
 * and the features that need it stay quiet. Kept out of startServer's imports so no Node module is reachable from
 * the browser bundle.
 */
import type { WorkspaceFiles } from '../core/workspace/scanWorkspace';

/** What the host offers: listing and reading files by path (with a bound), and finding files below a folder. */
export type HostFiles = WorkspaceFiles;

let installed: HostFiles | undefined;

/** Installs the host's file access (once, at start-up, before `startServer`). */
export function installHostFiles(files: HostFiles): void {
  installed = files;
}

/** The host's file access, or undefined when the host has none. */
export function hostFiles(): HostFiles | undefined {
  return installed;
}

/** `file:` URI → path (undefined for other schemes). Windows drive letters lose their leading slash. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file://')) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(uri.slice('file://'.length).replace(/[?#].*$/, ''));
  } catch {
    return undefined;
  }
  if (/^\/[a-zA-Z]:[\\/]/.test(path)) path = path.slice(1);
  return path;
}

/** Path → `file:` URI, encoded the way VS Code encodes it (so both sides name a file alike). */
export function pathToUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const withRoot = slashed.startsWith('/') ? slashed : `/${slashed}`;
  return `file://${withRoot.split('/').map((segment) => encodeURIComponent(segment)).join('/')}`;
}

/** The folder part of a path. */
export function folderOf(path: string): string {
  const index = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return index > 0 ? path.slice(0, index) : path;
}

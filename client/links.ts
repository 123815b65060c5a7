/**
 * Link stores per workspace folder (`<folder>/.sources-sdk/links.json`, format owned by core/sync/links.ts) and the
 * reverse lookup the tree needs (remote id → linked local file).
 */
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { SpecResource } from '../core/api/types';
import { FileLinkStore, LinkRecord, linksFilePath } from '../core/sync/links';
import { workspaceRootOf } from './commands/common';

const stores = new Map<string, FileLinkStore>();

/** The link store of the workspace folder holding `uri` (one instance per folder so writes stay serialised). */
export function linkStoreFor(uri: vscode.Uri): FileLinkStore | undefined {
  const root = workspaceRootOf(uri);
  if (!root || root.scheme !== 'file') return undefined;
  let store = stores.get(root.fsPath);
  if (!store) {
    store = new FileLinkStore(root.fsPath);
    stores.set(root.fsPath, store);
  }
  return store;
}

/** Searches every workspace folder's links file for a file linked to `id` in the environment `envKey`. */
export async function findLinkedFile(envKey: string, resource: SpecResource, id: string): Promise<vscode.Uri | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    let parsed: { environments?: Record<string, Record<string, LinkRecord>> };
    try {
      parsed = JSON.parse(await fs.readFile(linksFilePath(folder.uri.fsPath), 'utf8'));
    } catch {
      continue; // no links file (or unreadable): nothing linked in this folder
    }
    for (const [relative, record] of Object.entries(parsed.environments?.[envKey] ?? {})) {
      if (record.resource === resource && record.remoteId === id) return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
    }
  }
  return undefined;
}

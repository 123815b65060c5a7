/**
 * Link stores per workspace folder (`<folder>/.sources-sdk/links.json`, format owned by core/sync/links.ts) and the
 * reverse lookup the tree needs (remote id → linked local file).
 */
import * as vscode from 'vscode';
import type { SpecResource } from '../core/api/types';
import { FileLinkStore } from '../core/sync/links';
import { workspaceRootOf } from './commands/common';

const stores = new Map<string, FileLinkStore>();

/** The link store of the workspace folder holding `uri` (one instance per folder so writes stay serialised). */
export function linkStoreFor(uri: vscode.Uri): FileLinkStore | undefined {
  const root = workspaceRootOf(uri);
  if (!root || root.scheme !== 'file') return undefined;
  return storeOfFolder(root.fsPath);
}

function storeOfFolder(folder: string): FileLinkStore {
  let store = stores.get(folder);
  if (!store) {
    store = new FileLinkStore(folder);
    stores.set(folder, store);
  }
  return store;
}

/**
 * The environment keys (sync identities: `local|org|sandbox`…) the links file of `uri`'s workspace folder names: the
 * sandboxes that file's workspace has been synced with. None when there is no readable links file.
 */
export async function linkedIdentities(uri: vscode.Uri): Promise<string[]> {
  try {
    return Object.keys((await linkStoreFor(uri)?.readAll())?.environments ?? {});
  } catch {
    return [];
  }
}

/** Searches every workspace folder's links file for a file linked to `id` in the environment `envKey`. */
export async function findLinkedFile(envKey: string, resource: SpecResource, id: string): Promise<vscode.Uri | undefined> {
  return (await findLink(envKey, resource, id))?.file;
}

/** The link store of the workspace folder holding a file linked to `id` in `envKey`, if any. */
export async function linkStoreLinking(envKey: string, resource: SpecResource, id: string): Promise<FileLinkStore | undefined> {
  return (await findLink(envKey, resource, id))?.store;
}

async function findLink(envKey: string, resource: SpecResource, id: string): Promise<{ file: vscode.Uri; store: FileLinkStore } | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    let environments;
    const store = storeOfFolder(folder.uri.fsPath);
    try {
      // Read through the store: validated, and keys of older versions migrated to the sync identity.
      ({ environments } = await store.readAll());
    } catch {
      continue; // an unreadable or invalid links file: nothing to show as linked (an upload names the problem)
    }
    for (const [relative, record] of Object.entries(environments[envKey] ?? {})) {
      if (record.resource === resource && record.remoteId === id) return { file: vscode.Uri.joinPath(folder.uri, ...relative.split('/')), store };
    }
  }
  return undefined;
}

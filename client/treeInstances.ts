/**
 * The instance part of the Flow Service tree: "Connections" (base connections) and "Flows", each flow expanding to
 * its runs, newest first, with their status and record counts; a failed run carries its error (tooltip and a child
 * row). Read through the same client as the specs, so it shows whatever the active environment holds.
 */
import * as vscode from 'vscode';
import type { InstanceResource, ListOptions } from '../core/api/types';
import { describeError } from './commands/common';
import type { Session } from './session';

export type InstanceNode =
  | { type: 'instanceGroup'; resource: 'connections' | 'flows' }
  | { type: 'connection'; id: string; name: string; specId: string; state: string }
  | { type: 'flow'; id: string; name: string; state: string; lastRun?: string }
  | { type: 'run'; id: string; status: string; records: number; failed: number; started?: number; error?: string }
  | { type: 'runError'; message: string };

type MessageNode = { type: 'message'; message: string; isError: boolean };

/** The two instance groups under the environment. */
export function instanceGroups(): InstanceNode[] {
  return [{ type: 'instanceGroup', resource: 'connections' }, { type: 'instanceGroup', resource: 'flows' }];
}

interface RunItem {
  id: string;
  metrics?: {
    durationSummary?: { startedAtUTC?: number };
    recordSummary?: { inputRecordCount?: number; failedRecordCount?: number };
    statusSummary?: { status?: string; errors?: Array<{ message?: string }> };
  };
}

function toRun(run: RunItem): InstanceNode {
  const status = run.metrics?.statusSummary?.status ?? 'unknown';
  const error = run.metrics?.statusSummary?.errors?.[0]?.message;
  return {
    type: 'run',
    id: run.id,
    status,
    records: Number(run.metrics?.recordSummary?.inputRecordCount ?? 0),
    failed: Number(run.metrics?.recordSummary?.failedRecordCount ?? 0),
    started: run.metrics?.durationSummary?.startedAtUTC,
    ...(error ? { error } : {}),
  };
}

/** Every item of a list, paged to the end. */
async function items(session: Session, resource: InstanceResource, options: ListOptions = {}): Promise<Array<Record<string, unknown>>> {
  const { client } = await session.client();
  return client.listItems(resource, options);
}

/** Children of an instance group or a flow; failures become a message row. */
export async function instanceChildren(session: Session, node: InstanceNode): Promise<Array<InstanceNode | MessageNode>> {
  try {
    if (node.type === 'instanceGroup' && node.resource === 'connections') {
      const list = await items(session, 'connections');
      if (list.length === 0) return [{ type: 'message', message: 'No base connections in this sandbox', isError: false }];
      return list.map((c) => ({ type: 'connection', id: String(c.id), name: String(c.name ?? c.id), specId: String((c.connectionSpec as { id?: unknown } | undefined)?.id ?? ''), state: String(c.state ?? '') }));
    }
    if (node.type === 'instanceGroup') {
      const list = await items(session, 'flows');
      if (list.length === 0) return [{ type: 'message', message: 'No flows in this sandbox', isError: false }];
      return list.map((f) => ({ type: 'flow', id: String(f.id), name: String(f.name ?? f.id), state: String(f.state ?? ''), lastRun: (f.lastRunDetails as { state?: string } | undefined)?.state }));
    }
    if (node.type === 'flow') {
      const runs = (await items(session, 'runs', { property: [`flowId==${node.id}`], orderby: '-createdAt' })) as unknown as RunItem[];
      if (runs.length === 0) return [{ type: 'message', message: 'No runs yet', isError: false }];
      return runs.map(toRun);
    }
    if (node.type === 'run' && node.error) return [{ type: 'runError', message: node.error }];
    return [];
  } catch (err) {
    return [{ type: 'message', message: `Could not load: ${describeError(err)}`, isError: true }];
  }
}

/**
 * The hover text of a named row: its full name (the row may cut it), what it is with its id, then any extra lines. The
 * tooltip is where a long name or id can be read whole.
 */
export function namedTooltip(name: string, what: string, id: string, ...extra: Array<string | undefined>): string {
  return [name, `${what} ${id}`, ...extra.filter((line): line is string => !!line)].join('\n');
}

export function instanceTreeItem(node: InstanceNode): vscode.TreeItem {
  switch (node.type) {
    case 'instanceGroup': {
      const item = new vscode.TreeItem(node.resource === 'connections' ? 'Connections' : 'Flows', vscode.TreeItemCollapsibleState.Collapsed);
      item.iconPath = new vscode.ThemeIcon('folder');
      item.contextValue = `group.${node.resource}`;
      return item;
    }
    case 'connection': {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
      item.description = node.state ? `${node.state} · ${node.id}` : node.id;
      item.tooltip = namedTooltip(node.name, 'base connection', node.id, node.specId ? `connection spec ${node.specId}` : undefined, node.state ? `state ${node.state}` : undefined);
      item.iconPath = new vscode.ThemeIcon('key');
      item.contextValue = 'connection';
      return item;
    }
    case 'flow': {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = [node.state, node.lastRun ? `last run ${node.lastRun}` : undefined].filter(Boolean).join(' · ');
      item.tooltip = namedTooltip(node.name, 'flow', node.id, item.description ? String(item.description) : undefined);
      item.iconPath = new vscode.ThemeIcon('git-merge');
      item.contextValue = 'flow';
      return item;
    }
    case 'run': {
      const when = node.started ? new Date(node.started).toISOString().replace('T', ' ').slice(0, 19) : 'run';
      const item = new vscode.TreeItem(`${when} ${node.status}`, node.error ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.description = `${node.records} record${node.records === 1 ? '' : 's'}${node.failed ? `, ${node.failed} failed` : ''}`;
      item.tooltip = `run ${node.id}\n${node.status}: ${item.description}${node.error ? `\n${node.error}` : ''}`;
      item.iconPath = new vscode.ThemeIcon(node.status === 'success' ? 'pass' : node.status === 'failed' ? 'error' : 'sync');
      item.contextValue = `run.${node.status}`;
      return item;
    }
    case 'runError': {
      const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('warning');
      item.tooltip = node.message;
      item.contextValue = 'runError';
      return item;
    }
  }
}

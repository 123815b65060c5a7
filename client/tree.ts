/**
 * The "Flow Service" tree: active environment → "Connection specs" / "Flow specs" → specs (label name,
 * description id), then "Connections" (base connections) and "Flows" → runs (status, record counts; a failed run
 * shows its error). Lists load lazily when a group is expanded; a failure becomes an item carrying the message.
 */
import { kindInfoOfResource, SPEC_RESOURCES } from '../core/spec/kinds';
import * as vscode from 'vscode';
import type { RemoteSpec, SpecResource } from '../core/api/types';
import { describeError } from './commands/common';
import type { Session } from './session';
import { instanceChildren, instanceGroups, instanceTreeItem, namedTooltip, type InstanceNode } from './treeInstances';

export type FlowServiceNode =
  | { type: 'environment'; label: string; description: string; tooltip: string }
  | { type: 'group'; resource: SpecResource }
  | { type: 'spec'; resource: SpecResource; id: string; name: string; linkedUri?: vscode.Uri }
  | { type: 'message'; message: string; isError: boolean }
  | InstanceNode;

/** One row of the tree as a user sees it, with its children. */
export interface TreeSnapshotItem {
  label: string;
  description?: string;
  /** The hover text: a named row's full name and its id. */
  tooltip?: string;
  contextValue?: string;
  children: TreeSnapshotItem[];
}

/** Finds the local file linked to a remote spec in the active environment (undefined when none). */
export type LinkedFileLookup = (resource: SpecResource, id: string) => Promise<vscode.Uri | undefined>;

export class FlowServiceTree implements vscode.TreeDataProvider<FlowServiceNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FlowServiceNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly session: Session, private readonly linkedFile: LinkedFileLookup) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: FlowServiceNode): vscode.TreeItem {
    switch (node.type) {
      case 'environment': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = node.description;
        item.tooltip = node.tooltip;
        item.iconPath = new vscode.ThemeIcon('cloud');
        item.contextValue = 'environment';
        item.command = { title: 'Select Environment', command: 'sourcesSdk.selectEnvironment' };
        return item;
      }
      case 'group': {
        const label = kindInfoOfResource(node.resource).pluralTitle;
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('folder');
        item.contextValue = `group.${node.resource}`;
        return item;
      }
      case 'spec': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
        item.description = node.id;
        item.tooltip = namedTooltip(node.name, kindInfoOfResource(node.resource).label, node.id,
          node.linkedUri ? `linked to ${vscode.workspace.asRelativePath(node.linkedUri)}` : undefined);
        item.iconPath = new vscode.ThemeIcon(node.resource === 'connectionSpecs' ? 'plug' : 'git-merge');
        item.contextValue = `remoteSpec.${node.resource}${node.linkedUri ? '.linked' : ''}`;
        item.command = { title: 'Open', command: 'sourcesSdk.openRemoteSpec', arguments: [node] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.isError ? 'error' : 'info');
        item.tooltip = node.message;
        item.contextValue = node.isError ? 'error' : 'message';
        return item;
      }
      default:
        return instanceTreeItem(node);
    }
  }

  async getChildren(node?: FlowServiceNode): Promise<FlowServiceNode[]> {
    if (!node) {
      const env = this.session.active();
      const where = env.config.platformUrl || 'not started yet';
      return [{ type: 'environment', label: env.config.name, description: `sandbox ${env.config.sandbox}`, tooltip: `${env.config.name}\nsandbox ${env.config.sandbox}\n${where}` }];
    }
    if (node.type === 'environment') return [...SPEC_RESOURCES.map((resource): FlowServiceNode => ({ type: 'group', resource })), ...instanceGroups()];
    if (node.type === 'instanceGroup' || node.type === 'flow' || node.type === 'run') {
      return vscode.window.withProgress({ location: { viewId: 'sourcesSdk.flowService' } }, () => instanceChildren(this.session, node));
    }
    if (node.type !== 'group') return [];
    return vscode.window.withProgress({ location: { viewId: 'sourcesSdk.flowService' } }, () => this.loadGroup(node.resource));
  }

  private async loadGroup(resource: SpecResource): Promise<FlowServiceNode[]> {
    let specs: RemoteSpec[];
    try {
      const { client } = await this.session.client();
      specs = await client.list(resource);
    } catch (err) {
      return [{ type: 'message', message: `Could not load: ${describeError(err)}`, isError: true }];
    }
    if (specs.length === 0) return [{ type: 'message', message: 'None in this sandbox', isError: false }];
    specs.sort((a, b) => String(a.name).localeCompare(String(b.name)));
    return Promise.all(specs.map(async (spec) => ({
      type: 'spec' as const,
      resource,
      id: spec.id,
      name: String(spec.name ?? spec.id),
      linkedUri: await this.linkedFile(resource, spec.id).catch(() => undefined),
    })));
  }

  /**
   * The rendered tree (labels and descriptions, groups expanded) through the same provider calls the view makes;
   * exposed to the in-editor tests, which cannot read a tree view's rows otherwise.
   */
  async snapshot(node?: FlowServiceNode): Promise<TreeSnapshotItem[]> {
    const children = await this.getChildren(node);
    return Promise.all(children.map(async (child) => {
      const item = this.getTreeItem(child);
      const expandable = item.collapsibleState !== vscode.TreeItemCollapsibleState.None;
      return {
        label: String(typeof item.label === 'object' ? item.label.label : item.label),
        description: typeof item.description === 'string' ? item.description : undefined,
        tooltip: typeof item.tooltip === 'string' ? item.tooltip : undefined,
        contextValue: item.contextValue,
        children: expandable ? await this.snapshot(child) : [],
      };
    }));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

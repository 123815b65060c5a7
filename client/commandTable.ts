/**
 * The one table of the extension's commands: id, title, icon, whether it needs a trusted workspace, the menus it
 * appears in, and whether the browser flavour offers it (else why not and the CLI command that does it instead).
 *
 * Everything else reads it: `package.json`'s `contributes.commands` and `contributes.menus` are generated from it
 * (`npm run manifest`; test/unit/commandTable.test.ts fails when they differ), the desktop registration
 * (client/commands/index.ts, one handler per row, enforced by the compiler) and the browser flavour's answers
 * (client/browserExtension.ts, client/browser/webLimits.ts). Pure data, no `vscode` import: the browser bundle and the
 * unit tests load it.
 *
 * Adding a command: a row here, its handler in client/commands/index.ts's handler record (the handler's body in a
 * file of its own when it is more than a call), then `npm run manifest`.
 */
import { SPEC_KINDS, SPEC_LANGUAGE_IDS } from '../core/spec/kinds';
import { REMOTE_SCHEME } from './specText';

/** Context key the Node flavour sets to true; menus of commands the browser does not offer require it. */
export const NODE_HOST_CONTEXT_KEY = 'sourcesSdk.nodeHost';
/** The `when` clause of a command or view only the Node flavour (desktop, code-server) offers. */
export const NODE_ONLY_WHEN = `!isWeb || ${NODE_HOST_CONTEXT_KEY}`;
/** The `when` clause of a command that needs a trusted workspace (the override is the in-editor tests' seam). */
export const TRUSTED_WHEN = 'isWorkspaceTrusted && !sourcesSdk.untrustedOverride';
/** The Flow Service view (contributes.views); its items and title actions are hidden with the view in the browser. */
export const FLOW_SERVICE_VIEW = 'sourcesSdk.flowService';
/** Category every command is listed under in the palette. */
export const COMMAND_CATEGORY = 'Sources SDK';

/** Why the browser flavour does not run a command (client/browser/webLimits.ts words the message). */
export type BrowserLimit = 'emulator' | 'remote' | 'desktop' | 'preview';

/** Menus a row may place its command in, besides the palette (the order package.json lists them in). */
export const MENUS = ['explorer/context', 'editor/title', 'editor/title/context', 'view/title', 'view/item/context'] as const;
export type MenuId = (typeof MENUS)[number];

/** One entry of a menu: the context it shows in (the table adds the Node and trust guards) and its group. */
export interface MenuPlacement {
  when: string;
  group: string;
}

/** One command. */
export interface CommandRow {
  id: `sourcesSdk.${string}`;
  title: string;
  /** Codicon name (`cloud-upload`), shown in menus that draw icons (view title, inline actions, editor title). */
  icon?: string;
  /**
   * `required`: disabled (`enablement`) and hidden from menus until the workspace is trusted; `menus`: only hidden
   * from menus (stopping the emulator stays possible).
   */
  trust?: 'required' | 'menus';
  /** `offered`: the browser flavour runs it; otherwise why it does not, and the CLI command that does it instead. */
  browser: 'offered' | { limit: BrowserLimit; cli?: string };
  /** Command palette: always (absent), only in this context, or never (`false`: a tree action needing its item). */
  palette?: string | false;
  /** Other menus. */
  menus?: Partial<Record<MenuId, readonly MenuPlacement[]>>;
}

const languageIs = (variable: string, languageId: string) => `${variable} == ${languageId}`;
const languageIsSpec = (variable: string) => `${variable} =~ /^(${SPEC_LANGUAGE_IDS.join('|')})$/`;
const CONNECTION_EDITOR = languageIs('editorLangId', SPEC_KINDS.connectionSpec.languageId);
const SPEC_EDITOR = languageIsSpec('editorLangId');
const CONNECTION_RESOURCE = languageIs('resourceLangId', SPEC_KINDS.connectionSpec.languageId);
const SPEC_RESOURCE = languageIsSpec('resourceLangId');
const IN_VIEW = `view == ${FLOW_SERVICE_VIEW}`;
/** A read-only remote document of a kind (client/remoteDocuments.ts: `sources-sdk-remote:/<resource>/<id>/…`). */
const remoteDocumentOf = (resource: string) => `resourceScheme == ${REMOTE_SCHEME} && resourcePath =~ /^\\/${resource}\\//`;
/** A Flow Service tree item (client/tree.ts sets `remoteSpec.<resource>` and a `.linked` suffix as its contextValue). */
const treeItem = (pattern: string) => `${IN_VIEW} && viewItem =~ ${pattern}`;
/** A tree item action: an inline icon and the same entry in the item's right-click menu. */
const itemAction = (when: string, inline: string, group: string): MenuPlacement[] => [{ when, group: inline }, { when, group }];

/** The table. Rows keep the order package.json lists the commands in. */
export const COMMANDS = [
  {
    id: 'sourcesSdk.fetchConnectionSpec', title: 'Fetch Connection Spec…', icon: 'cloud-download',
    browser: { limit: 'remote', cli: 'sources-sdk pull' },
    menus: {
      'editor/title': [{ when: remoteDocumentOf(SPEC_KINDS.connectionSpec.resource), group: 'navigation@1' }],
      'view/item/context': itemAction(treeItem('/^remoteSpec\\.connectionSpecs/'), 'inline@2', '2_sync@1'),
    },
  },
  {
    id: 'sourcesSdk.fetchFlowSpec', title: 'Fetch Flow Spec…', icon: 'cloud-download',
    browser: { limit: 'remote', cli: 'sources-sdk pull' },
    menus: {
      'editor/title': [{ when: remoteDocumentOf(SPEC_KINDS.flowSpec.resource), group: 'navigation@1' }],
      'view/item/context': itemAction(treeItem('/^remoteSpec\\.flowSpecs/'), 'inline@2', '2_sync@1'),
    },
  },
  {
    id: 'sourcesSdk.uploadSpec', title: 'Upload Spec', icon: 'cloud-upload', trust: 'required',
    browser: { limit: 'remote', cli: 'sources-sdk push' },
    palette: SPEC_EDITOR,
    menus: {
      'explorer/context': [{ when: SPEC_RESOURCE, group: 'sourcesSdk@1' }],
      'editor/title/context': [{ when: SPEC_RESOURCE, group: 'sourcesSdk@1' }],
    },
  },
  {
    id: 'sourcesSdk.compareWithRemote', title: 'Compare with Remote', icon: 'diff',
    browser: { limit: 'remote', cli: 'sources-sdk diff' },
    palette: SPEC_EDITOR,
    menus: {
      'explorer/context': [{ when: SPEC_RESOURCE, group: 'sourcesSdk@2' }],
      'editor/title/context': [{ when: SPEC_RESOURCE, group: 'sourcesSdk@2' }],
      'view/item/context': itemAction(treeItem('/\\.linked$/'), 'inline@3', '2_sync@2'),
    },
  },
  {
    id: 'sourcesSdk.registerInFlowSpec', title: 'Register in Flow Spec', trust: 'required',
    browser: { limit: 'remote', cli: 'sources-sdk register' },
    menus: {
      'explorer/context': [{ when: CONNECTION_RESOURCE, group: 'sourcesSdk@3' }],
      'editor/title/context': [{ when: CONNECTION_RESOURCE, group: 'sourcesSdk@3' }],
    },
  },
  {
    id: 'sourcesSdk.selectEnvironment', title: 'Select Environment…', icon: 'server-environment',
    browser: { limit: 'remote' },
    menus: { 'view/title': [{ when: IN_VIEW, group: 'navigation@1' }] },
  },
  {
    id: 'sourcesSdk.setClientSecret', title: 'Set Client Secret…', icon: 'key',
    browser: { limit: 'remote' },
    menus: { 'view/title': [{ when: IN_VIEW, group: 'environment@1' }] },
  },
  {
    id: 'sourcesSdk.startEmulator', title: 'Start Local Emulator', icon: 'play', trust: 'required',
    browser: { limit: 'emulator', cli: 'sources-sdk emulator' },
    menus: { 'view/title': [{ when: IN_VIEW, group: 'emulator@1' }] },
  },
  {
    id: 'sourcesSdk.stopEmulator', title: 'Stop Local Emulator', icon: 'debug-stop', trust: 'menus',
    browser: { limit: 'emulator' },
    menus: { 'view/title': [{ when: IN_VIEW, group: 'emulator@2' }] },
  },
  {
    id: 'sourcesSdk.refreshFlowService', title: 'Refresh Flow Service', icon: 'refresh',
    browser: { limit: 'remote' },
    menus: { 'view/title': [{ when: IN_VIEW, group: 'navigation@2' }] },
  },
  { id: 'sourcesSdk.showLog', title: 'Show Log', icon: 'output', browser: 'offered' },
  {
    id: 'sourcesSdk.openRemoteSpec', title: 'Open Remote Spec (read-only)', icon: 'go-to-file',
    browser: { limit: 'remote' },
    palette: false,
    menus: { 'view/item/context': itemAction(treeItem('/^remoteSpec\\./'), 'inline@1', '1_open@1') },
  },
  { id: 'sourcesSdk.restartLanguageServer', title: 'Restart Language Server', icon: 'debug-restart', browser: 'offered' },
  {
    id: 'sourcesSdk.previewSource', title: 'Preview Source', icon: 'play-circle', trust: 'required',
    browser: { limit: 'preview', cli: 'sources-sdk preview' },
    palette: CONNECTION_EDITOR,
    menus: {
      'explorer/context': [{ when: CONNECTION_RESOURCE, group: 'sourcesSdk@4' }],
      'editor/title/context': [{ when: CONNECTION_RESOURCE, group: 'sourcesSdk@4' }],
    },
  },
  {
    id: 'sourcesSdk.testSourceInEmulator', title: 'Test Source in Emulator', icon: 'beaker', trust: 'required',
    browser: { limit: 'emulator', cli: 'sources-sdk test' },
    palette: CONNECTION_EDITOR,
    menus: { 'explorer/context': [{ when: CONNECTION_RESOURCE, group: 'sourcesSdk@4' }] },
  },
  {
    id: 'sourcesSdk.previewCard', title: 'Preview Source Card and Forms', icon: 'open-preview',
    // Not Node-bound, but its panel is only wired up by the desktop entry so far.
    browser: { limit: 'desktop' },
    palette: CONNECTION_EDITOR,
    menus: { 'editor/title': [{ when: CONNECTION_RESOURCE, group: 'navigation@9' }] },
  },
  {
    id: 'sourcesSdk.compareAcrossSandboxes', title: 'Compare Across Sandboxes…', icon: 'diff-multiple',
    browser: { limit: 'remote', cli: 'sources-sdk promote --dry-run' },
    palette: SPEC_EDITOR,
    menus: { 'explorer/context': [{ when: SPEC_RESOURCE, group: 'sourcesSdk@5' }] },
  },
  {
    id: 'sourcesSdk.promoteSpec', title: 'Promote Spec…', icon: 'rocket', trust: 'required',
    browser: { limit: 'remote', cli: 'sources-sdk promote' },
    palette: SPEC_EDITOR,
    menus: { 'explorer/context': [{ when: SPEC_RESOURCE, group: 'sourcesSdk@5' }] },
  },
  {
    // Reads the spec and links.json and writes the page through vscode.workspace.fs: the browser runs it too.
    id: 'sourcesSdk.generateSourceDocs', title: 'Generate Source Documentation', icon: 'book',
    browser: 'offered',
    palette: CONNECTION_EDITOR,
    menus: {
      'explorer/context': [{ when: CONNECTION_RESOURCE, group: 'sourcesSdk@7' }],
      'editor/title/context': [{ when: CONNECTION_RESOURCE, group: 'sourcesSdk@7' }],
    },
  },
  {
    id: 'sourcesSdk.newFromOpenApi', title: 'New Connection Spec from OpenAPI…', icon: 'new-file',
    // Not Node-bound either, but wired up by the desktop entry only so far.
    browser: { limit: 'desktop', cli: 'sources-sdk new --from-openapi' },
    menus: {
      'explorer/context': [{
        when: `resourceExtname =~ /^\\.(json|ya?ml)$/i && ${SPEC_LANGUAGE_IDS.map((id) => `resourceLangId != ${id}`).join(' && ')}`,
        group: 'sourcesSdk@6',
      }],
    },
  },
] as const satisfies readonly CommandRow[];

/** Every command id the extension contributes. */
export type CommandId = (typeof COMMANDS)[number]['id'];
/** Commands the browser flavour runs itself (browserExtension.ts has one handler for each). */
export type BrowserCommandId = Extract<(typeof COMMANDS)[number], { browser: 'offered' }>['id'];

export const COMMAND_IDS: readonly CommandId[] = COMMANDS.map((row) => row.id);

const BY_ID: ReadonlyMap<string, CommandRow> = new Map(COMMANDS.map((row) => [row.id, row]));

/** The row of a command id. */
export function commandRow(id: CommandId): CommandRow {
  return BY_ID.get(id) as CommandRow;
}

/** Whether the browser flavour runs a command itself. */
export function isBrowserCommand(id: CommandId): id is BrowserCommandId {
  return commandRow(id).browser === 'offered';
}

/** Why the browser flavour does not run a command, and the CLI command instead; undefined when it does. */
export function browserLimitOf(id: CommandId): { limit: BrowserLimit; cli?: string } | undefined {
  const browser = commandRow(id).browser;
  return browser === 'offered' ? undefined : browser;
}

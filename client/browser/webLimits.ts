/**
 * What the browser flavour leaves out, and what it says when asked anyway. Pure (no `vscode` import) so the rules
 * are unit-tested; browserExtension.ts registers the commands with these messages.
 *
 * The emulator is a Node process, and fetch/upload/compare/register keep their links to remote specs in a file
 * beside the workspace (Node file system): both need VS Code desktop, code-server or the CLI. Their menus are hidden
 * by the `sourcesSdk.nodeHost` context key, which only the Node flavour sets.
 */
import type { CommandId } from '../commandIds';

/** Context key the Node flavour sets to true; `when` clauses of Node-only commands require it. */
export const NODE_HOST_CONTEXT_KEY = 'sourcesSdk.nodeHost';

/** Commands the browser flavour does not run, and why. It keeps `showLog` and `restartLanguageServer`. */
export const BROWSER_UNAVAILABLE: Readonly<Partial<Record<CommandId, 'emulator' | 'remote' | 'desktop' | 'preview'>>> = {
  'sourcesSdk.startEmulator': 'emulator',
  'sourcesSdk.stopEmulator': 'emulator',
  'sourcesSdk.fetchConnectionSpec': 'remote',
  'sourcesSdk.fetchFlowSpec': 'remote',
  'sourcesSdk.uploadSpec': 'remote',
  'sourcesSdk.compareWithRemote': 'remote',
  'sourcesSdk.registerInFlowSpec': 'remote',
  'sourcesSdk.selectEnvironment': 'remote',
  'sourcesSdk.setClientSecret': 'remote',
  'sourcesSdk.refreshFlowService': 'remote',
  'sourcesSdk.openRemoteSpec': 'remote',
  'sourcesSdk.previewSource': 'preview',
  // Not Node-bound, but its panel is only wired up by the desktop entry so far.
  'sourcesSdk.previewCard': 'desktop',
  'sourcesSdk.testSourceInEmulator': 'emulator',
  'sourcesSdk.compareAcrossSandboxes': 'remote',
  'sourcesSdk.promoteSpec': 'remote',
  // Not Node-bound either, but wired up by the desktop entry only so far.
  'sourcesSdk.newFromOpenApi': 'desktop',
};

const ELSEWHERE = 'Open the folder in VS Code desktop or code-server, or use the sources-sdk CLI';
const CLI_FOR: Partial<Record<CommandId, string>> = {
  'sourcesSdk.startEmulator': 'sources-sdk emulator',
  'sourcesSdk.testSourceInEmulator': 'sources-sdk test',
  'sourcesSdk.fetchConnectionSpec': 'sources-sdk pull',
  'sourcesSdk.fetchFlowSpec': 'sources-sdk pull',
  'sourcesSdk.uploadSpec': 'sources-sdk push',
  'sourcesSdk.compareWithRemote': 'sources-sdk diff',
  'sourcesSdk.registerInFlowSpec': 'sources-sdk register',
  'sourcesSdk.previewSource': 'sources-sdk preview',
  'sourcesSdk.compareAcrossSandboxes': 'sources-sdk promote --dry-run',
  'sourcesSdk.promoteSpec': 'sources-sdk promote',
  'sourcesSdk.newFromOpenApi': 'sources-sdk new --from-openapi',
};

/** How a probe of the Flow Service from the browser went (see `probeFromBrowser`). */
export type BrowserReach =
  | { reachable: true }
  | { reachable: false; host: string; reason: 'cors' | 'local-emulator' };

/** The message a Node-only command shows in the browser. */
export function browserLimitMessage(command: CommandId, reach?: BrowserReach): string {
  const cli = CLI_FOR[command] ? ` (\`${CLI_FOR[command]}\`)` : '';
  if (BROWSER_UNAVAILABLE[command] === 'emulator') {
    return `The local emulator is a Node process and does not run in the browser. ${ELSEWHERE}${cli}.`;
  }
  if (BROWSER_UNAVAILABLE[command] === 'preview') {
    return `Preview Source calls your source's API from a Node process (a browser page may not call most APIs: CORS). ${ELSEWHERE}${cli}.`;
  }
  if (BROWSER_UNAVAILABLE[command] === 'desktop') {
    return `This command is not part of the browser flavour yet. Open the folder in VS Code desktop or code-server.`;
  }
  if (reach && !reach.reachable && reach.reason === 'local-emulator') {
    return `The active environment is the local emulator, which does not run in the browser. ${ELSEWHERE}${cli}.`;
  }
  if (reach && !reach.reachable) {
    return `The browser cannot call ${reach.host} from this page: the request was blocked (the API does not allow `
      + `cross-origin requests from this editor, CORS). ${ELSEWHERE}${cli}.`;
  }
  return `Remote commands keep their links to remote specs in files of the workspace, which the browser flavour `
    + `does not write. ${ELSEWHERE}${cli}.`;
}

/**
 * Tries the hosts a remote command would call (IMS for the token, then the platform API) without credentials.
 * Any HTTP answer, even 401, means the browser may read responses from that host; a rejected fetch (TypeError) in a
 * browser means the request was blocked, which for a reachable public API is CORS.
 */
export async function probeFromBrowser(
  urls: readonly string[], fetchFn: (url: string, init: { method: string; signal?: AbortSignal }) => Promise<unknown>, signal?: AbortSignal,
): Promise<BrowserReach> {
  for (const url of urls) {
    try {
      await fetchFn(url, { method: 'GET', signal });
    } catch {
      return { reachable: false, host: new URL(url).host, reason: 'cors' };
    }
  }
  return { reachable: true };
}

/**
 * What the browser flavour says when asked for a command it does not run. Which commands those are, why (`limit`)
 * and the CLI command instead are columns of the command table (client/commandTable.ts); the wording is here. Pure
 * (no `vscode` import) so the messages are unit-tested; browserExtension.ts registers the commands with them.
 *
 * The emulator is a Node process, and fetch/upload/compare/register keep their links to remote specs in a file
 * beside the workspace (Node file system): both need VS Code desktop, code-server or the CLI. Their menus are hidden
 * by the `sourcesSdk.nodeHost` context key, which only the Node flavour sets.
 */
import { browserLimitOf, type CommandId } from '../commandTable';

const ELSEWHERE = 'Open the folder in VS Code desktop or code-server, or use the sources-sdk CLI';

/** How a probe of the Flow Service from the browser went (see `probeFromBrowser`). */
export type BrowserReach =
  | { reachable: true }
  | { reachable: false; host: string; reason: 'cors' | 'local-emulator' };

/** The message a Node-only command shows in the browser. */
export function browserLimitMessage(command: CommandId, reach?: BrowserReach): string {
  const limit = browserLimitOf(command);
  const cli = limit?.cli ? ` (\`${limit.cli}\`)` : '';
  if (limit?.limit === 'emulator') {
    return `The local emulator is a Node process and does not run in the browser. ${ELSEWHERE}${cli}.`;
  }
  if (limit?.limit === 'preview') {
    return `Preview Source calls your source's API from a Node process (a browser page may not call most APIs: CORS). ${ELSEWHERE}${cli}.`;
  }
  if (limit?.limit === 'desktop') {
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

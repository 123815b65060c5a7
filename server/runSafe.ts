/**
 * Wraps a request handler so an exception (or a rejected promise) is logged and answered with a default value
 * instead of an LSP error: a failing feature on one odd document should degrade quietly, not break the editor.
 */
import type { Connection } from 'vscode-languageserver';

/** Runs `work`; on failure logs `what` with the stack and returns `fallback`. */
export async function runSafe<T>(connection: Connection, what: string, fallback: T, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    connection.console.error(`${what} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return fallback;
  }
}

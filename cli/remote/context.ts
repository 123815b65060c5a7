/**
 * What every remote command needs: the configured client (with a redacting exchange log on --verbose), the link
 * store of the workspace, output streams, cancellation on Ctrl+C, and the mapping of failures to exit codes.
 */
import * as path from 'node:path';
import { createFlowServiceClient, type FlowServiceClientWithExtras } from '../../core/api/flowServiceClient';
import { FlowServiceError } from '../../core/api/errors';
import { assertCredentialHostAllowed } from '../../core/api/errors';
import type { Logger } from '../../core/api/types';
import { FileLinkStore } from '../../core/sync/links';
import { ConfigError, resolveConfig, type ConnectionFlags } from './config';
import type { CliIO } from '../io';

export { processIO, type CliIO } from '../io';

export interface RemoteFlags extends ConnectionFlags {
  /** Workspace root for the links file (default: current directory). */
  workspace?: string;
  verbose?: boolean;
  /** Per-request timeout in seconds. */
  timeout?: string;
}

export interface RemoteContext {
  client: FlowServiceClientWithExtras;
  links: FileLinkStore;
  io: CliIO;
  signal: AbortSignal;
  /** Removes the Ctrl+C handler. */
  dispose(): void;
}

/** Builds the context; throws ConfigError for missing or bad configuration. */
export function createRemoteContext(flags: RemoteFlags, io: CliIO, listenForInterrupt = true): RemoteContext {
  const { environment, clientSecret } = resolveConfig(flags, io.env);
  const timeoutSeconds = flags.timeout === undefined ? undefined : Number(flags.timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) throw new ConfigError(`--timeout must be a positive number of seconds, got ${flags.timeout}`);
  // Checked once here, naming the variable, rather than failing every file of a push with the same message.
  assertCredentialHostAllowed(environment.platformUrl, 'SOURCES_SDK_PLATFORM_URL (--platform-url)');
  assertCredentialHostAllowed(environment.imsUrl, 'SOURCES_SDK_IMS_URL (--ims-url)');
  // The logger only ever sees text the client has already redacted.
  const logger: Logger = {
    info: (m) => flags.verbose && io.err(`${m}\n`),
    warn: (m) => flags.verbose && io.err(`warning: ${m}\n`),
    error: (m) => io.err(`${m}\n`),
    exchange: (e) => {
      if (!flags.verbose) return;
      io.err(`${e.method} ${e.url} → ${e.status} in ${e.durationMs} ms (attempt ${e.attempt}${e.requestId ? `, request id ${e.requestId}` : ''})${e.note ? `: ${e.note}` : ''}\n`);
    },
  };
  const client = createFlowServiceClient({
    environment,
    clientSecret,
    logger,
    timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
  });
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  if (listenForInterrupt) process.once('SIGINT', onInterrupt);
  return {
    client,
    // Resolved against the CLI's working directory, as file arguments are (the process cwd may differ in-process).
    links: new FileLinkStore(path.resolve(io.cwd, flags.workspace ?? '.')),
    io,
    signal: controller.signal,
    dispose: () => process.removeListener('SIGINT', onInterrupt),
  };
}

/** Exit code for a failure: 2 for configuration/usage/I/O, 1 for refusals and remote errors. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof ConfigError) return 2;
  if (err instanceof FlowServiceError) return err.kind === 'config' ? 2 : 1;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? 2 : 1;
}

/** One-line message for a failure (already redacted when it comes from the client). */
export function describeError(err: unknown, redact: (text: string) => string = (t) => t): string {
  if (err instanceof FlowServiceError) {
    const code = err.details.code && !err.message.includes(err.details.code) ? ` [${err.details.code}]` : '';
    return redact(`${err.message}${code}`);
  }
  return redact(err instanceof Error ? err.message : String(err));
}

/**
 * Runs a single-target command (`pull`, `register`) in a remote context: configuration errors and failures become
 * one `sources-sdk <command>: …` line on stderr and their exit code, and the Ctrl+C handler is always removed.
 */
export async function withRemoteContext(command: string, flags: RemoteFlags, io: CliIO, body: (ctx: RemoteContext) => Promise<number>): Promise<number> {
  let ctx: RemoteContext;
  try {
    ctx = createRemoteContext(flags, io);
  } catch (err) {
    io.err(`sources-sdk ${command}: ${describeError(err)}\n`);
    return exitCodeFor(err);
  }
  try {
    return await body(ctx);
  } catch (err) {
    io.err(`sources-sdk ${command}: ${describeError(err, ctx.client.redact)}\n`);
    return exitCodeFor(err);
  } finally {
    ctx.dispose();
  }
}

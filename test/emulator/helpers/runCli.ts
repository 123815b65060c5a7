/**
 * Runs `sources-sdk …`: in this process through its `main` (`cli`, the default: most tests check what a command
 * does, not the process around it), or the freshly bundled CLI in a child process, as a user or a CI job would
 * (`cliProcess`, `startCli`: several processes at once, Ctrl+C, exit on a closed pipe).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { bundledCliPath } from './cliEmulator';
import { cliInProcess } from '../../helpers/cliInProcess';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once the process has exited and its streams are closed. */
  done: Promise<CliRun>;
}

/** Starts the CLI with only PATH plus `env` in its environment. */
export async function startCli(args: string[], env: Record<string, string | undefined>, cwd: string): Promise<RunningCli> {
  const path = await bundledCliPath();
  const child = spawn(process.execPath, [path, ...args], { cwd, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

/** Runs the bundled CLI in a child process to completion. */
export async function cliProcess(args: string[], env: Record<string, string | undefined>, cwd: string): Promise<CliRun> {
  return (await startCli(args, env, cwd)).done;
}

/** Runs the CLI in this process to completion (test/helpers/cliInProcess.ts), with only PATH plus `env` as its environment. */
export const cli: (args: string[], env: Record<string, string | undefined>, cwd: string) => Promise<CliRun> = cliInProcess;

/** Polls `condition` every few milliseconds until it holds, failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Credentials the CLI reads from its environment, for a client of the emulator at `url` (platform and IMS alike). */
export interface CliCredentials {
  clientId: string;
  clientSecret: string;
  orgId: string;
}

/** The CLI's environment for the emulator at `url` with `credentials`, plus `extra` variables (sandbox, values…). */
export function cliEnv(url: string, credentials: CliCredentials, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SOURCES_SDK_PLATFORM_URL: url,
    SOURCES_SDK_IMS_URL: url,
    SOURCES_SDK_CLIENT_ID: credentials.clientId,
    SOURCES_SDK_CLIENT_SECRET: credentials.clientSecret,
    SOURCES_SDK_ORG_ID: credentials.orgId,
    ...extra,
  };
}

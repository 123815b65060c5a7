/**
 * Runs the emulator the way users do, through the bundled CLI in a child process. Under `npm test` that is the
 * dist/cli.js the script built just before (scripts/runTests.mjs passes its path in SOURCES_SDK_TEST_CLI); otherwise
 * the CLI is bundled once per test process into a temp folder removed when the process exits (same esbuild settings
 * as the real build, CLI entry only), so these tests never depend on a stale or half-built dist/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { processTempFolder } from '../../helpers/tempFolders';

const REPO_ROOT = resolve(__dirname, '../../..');
let bundled: Promise<string> | undefined;

/** Path of a freshly bundled `cli.js`: the run's (SOURCES_SDK_TEST_CLI), else one bundled for this process. */
export function bundledCliPath(): Promise<string> {
  const shared = process.env.SOURCES_SDK_TEST_CLI;
  if (shared) return Promise.resolve(shared);
  bundled ??= (async () => {
    const outdir = processTempFolder('cli-');
    await build({
      entryPoints: { cli: join(REPO_ROOT, 'cli/cli.ts') },
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      outdir,
      logLevel: 'error',
      logOverride: { 'import-is-undefined': 'error' },
      mainFields: ['module', 'main'],
    });
    return join(outdir, 'cli.js');
  })();
  return bundled;
}

export interface CliEmulator {
  child: ChildProcess;
  url: string;
  /** Everything written to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code / signal once the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `sources-sdk emulator …args` and waits (up to `timeoutMs`) for its `listening on` line. */
export async function spawnCliEmulator(args: string[], timeoutMs = 15000): Promise<CliEmulator> {
  const cli = await bundledCliPath();
  const child = spawn(process.execPath, [cli, 'emulator', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.on('exit', (code, signal) => done({ code, signal }));
  });
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`emulator did not start within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^listening on (http:\/\/\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`emulator exited early (code ${code}, signal ${signal}); stderr: ${stderr}`));
    });
  });
  return { child, url, stdout: () => stdout, stderr: () => stderr, exited };
}

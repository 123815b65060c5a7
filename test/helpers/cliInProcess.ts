/**
 * Runs `sources-sdk …` in this process through the CLI's `main(argv, io)`, with what it writes to stdout and stderr
 * captured, `env` as its whole environment (as a child process started with only PATH plus `env` sees it) and `cwd`
 * as its working folder. For tests where the process boundary is not what is tested: a spawned CLI costs a Node
 * start and the 2 MB bundle's load per call (docs/testing.md). Calls run one at a time, since the working folder is
 * the process's own; tests of several processes at once, signals, pipes and terminals spawn the CLI instead
 * (test/emulator/helpers/runCli.ts `cliProcess`, `startCli`).
 */
import { main } from '../../cli/cli';
import type { CliIO } from '../../cli/io';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs the CLI with `args` to completion; nobody can answer a question (stdin is not a terminal). */
export function cliInProcess(args: string[], env: Record<string, string | undefined> = {}, cwd = process.cwd()): Promise<CliResult> {
  const run = queue.then(async () => {
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      out: (text) => { stdout += text; },
      err: (text) => { stderr += text; },
      env: { PATH: process.env.PATH, ...env },
      cwd,
    };
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      return { code: await main(args, io), stdout, stderr };
    } finally {
      process.chdir(previous);
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * The CLI's seams to its process: output streams, environment, working folder and the terminal. `main(argv, io)`
 * passes one `CliIO` to every command, so the whole CLI runs in-process (tests, bench) as it runs from the shell.
 * The `emulator` command is the exception: a long-running server stopped by signals, it always uses the process.
 */

/** Output and process seams, so commands run in-process (tests, bench) as well as from the shell. */
export interface CliIO {
  /** Writes to standard output; `false` asks the writer to wait for `drained()` before writing more. */
  out(text: string): boolean | void;
  err(text: string): void;
  /** Resolves when standard output takes more after `out` returned false (a pipe that is read slowly). */
  drained?(): Promise<void>;
  env: NodeJS.ProcessEnv;
  /**
   * The working folder. Remote commands resolve their file arguments against it; `validate`, `preview`, `docs` and
   * `new` use the process's own (an in-process caller changes into this folder while they run).
   */
  cwd: string;
  /**
   * Asks a question on the terminal and resolves to the line typed; absent (or undefined) when nobody can answer
   * (stdin is not a terminal: CI, pipes), so commands that need a confirmation refuse instead of waiting.
   */
  ask?(question: string): Promise<string | undefined>;
}

/** The real process: stdout, stderr, `process.env`, `process.cwd()` and the terminal on stdin. */
export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  drained: () => new Promise<void>((resolve) => process.stdout.once('drain', resolve)),
  get env() {
    return process.env;
  },
  get cwd() {
    return process.cwd();
  },
  async ask(question) {
    if (!process.stdin.isTTY) return undefined;
    const readline = await import('node:readline/promises');
    const terminal = readline.createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await terminal.question(question);
    } finally {
      terminal.close();
    }
  },
};

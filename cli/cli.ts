/**
 * `sources-sdk`: the command line over the same engine and client as the extension.
 * Exit codes: 0 success / clean, 1 findings (errors, differences, refused), 2 usage or I/O errors.
 */
import { Command, CommanderError } from 'commander';
import { registerValidate } from './commands/validate';
import { registerEmulator } from './commands/emulator';
import { registerRemoteCommands } from './commands/remote';
import { TOOL_VERSION } from '../core/version';
import { registerPreview } from './commands/preview';
import { registerTest } from './commands/test';
import { registerDocs } from './commands/docs';
import { registerNew } from './commands/new';
import { processIO, type CliIO } from './io';

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. `io` is the process by
 * default; tests pass their own to run the CLI in-process and read what it wrote (test/helpers/cliInProcess.ts).
 */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const program = new Command();
  program
    .name('sources-sdk')
    .description('Validate, emulate and sync Sources SDK connection and flow specifications.')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => { io.out(s); }, writeErr: (s) => io.err(s) });

  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
    // The status so far, should stdout close early (see quietOnEpipe); an in-process caller reads the result instead.
    if (io === processIO) process.exitCode = exitCode;
  };
  registerValidate(program, setExit, io);
  registerEmulator(program, setExit);
  registerRemoteCommands(program, setExit, io);
  registerPreview(program, setExit, io);
  registerTest(program, setExit, io);
  registerDocs(program, setExit, io);
  registerNew(program, setExit, io);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0 through here; anything else is a usage error.
      return err.exitCode === 0 ? 0 : 2;
    }
    io.err(`sources-sdk: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  return exitCode;
}

/**
 * `sources-sdk validate … | head`: once the reader is gone, stop quietly with the status so far instead of dying
 * with an EPIPE stack trace.
 */
function quietOnEpipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

if (require.main === module) {
  quietOnEpipe(process.stdout);
  quietOnEpipe(process.stderr);
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err) => { process.stderr.write(`sources-sdk: ${err instanceof Error ? err.stack : String(err)}\n`); process.exitCode = 2; },
  );
}

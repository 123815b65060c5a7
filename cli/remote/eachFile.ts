/**
 * The loop shared by `push` and `diff`: parse --concurrency, build the remote context, run one task per file with
 * bounded concurrency, print each file's line as soon as it (and every file before it) is done, and turn the
 * outcomes into an exit code. Output keeps the order of the arguments, so runs are reproducible, while a long run
 * still shows progress file by file.
 */
import * as path from 'node:path';
import { FlowServiceError } from '../../core/api/errors';
import { createRemoteContext, describeError, exitCodeFor, type CliIO, type RemoteContext, type RemoteFlags } from './context';
import { mapWithConcurrency, parseConcurrency } from './pool';

/** Exit code after Ctrl+C (128 + SIGINT), as shells report it. */
export const INTERRUPTED_EXIT_CODE = 130;

/** What one file's task produced: a result, or the error it failed with. */
export type FileOutcome<R> = { file: string; result: R; error?: undefined } | { file: string; result?: undefined; error: unknown };

export interface EachFileOptions<R> {
  /** Sub-command name for messages (`push`, `diff`). */
  command: string;
  files: string[];
  flags: RemoteFlags & { concurrency?: string };
  io: CliIO;
  /** The work for one file; `absolute` is resolved against the CLI's working directory. */
  task(file: string, absolute: string, ctx: RemoteContext): Promise<R>;
  /** Prints the line(s) for one outcome and returns its exit code (0 when all is well). */
  report(outcome: FileOutcome<R>, ctx: RemoteContext): number;
  /** The closing summary line (without newline), printed to stderr. */
  summary(): string;
  /** Test seam: whether to listen for SIGINT (default true). */
  listenForInterrupt?: boolean;
}

/** Runs `task` over every file and reports as it goes; resolves to the highest exit code. */
export async function runForEachFile<R>(options: EachFileOptions<R>): Promise<number> {
  const { command, files, flags, io } = options;
  let ctx: RemoteContext;
  let concurrency: number;
  try {
    concurrency = parseConcurrency(flags.concurrency);
    ctx = createRemoteContext(flags, io, options.listenForInterrupt ?? true);
  } catch (err) {
    io.err(`sources-sdk ${command}: ${describeError(err)}\n`);
    return exitCodeFor(err);
  }
  const context = ctx;
  const outcomes: Array<FileOutcome<R> | undefined> = new Array(files.length);
  let printed = 0;
  let exitCode = 0;
  // Print in argument order: flush every finished outcome that has no unfinished file before it.
  const flush = () => {
    while (printed < files.length && outcomes[printed]) {
      exitCode = Math.max(exitCode, options.report(outcomes[printed]!, context));
      printed++;
    }
  };
  try {
    await mapWithConcurrency(files, concurrency, async (file, index) => {
      let outcome: FileOutcome<R>;
      try {
        // After Ctrl+C, files not yet started are not touched at all.
        if (context.signal.aborted) throw new FlowServiceError('not started: interrupted (Ctrl+C)', 'cancelled');
        outcome = { file, result: await options.task(file, path.resolve(io.cwd, file), context) };
      } catch (error) {
        outcome = { file, error };
      }
      outcomes[index] = outcome;
      flush();
    });
    io.err(`${options.summary()}\n`);
    return context.signal.aborted ? INTERRUPTED_EXIT_CODE : exitCode;
  } finally {
    context.dispose();
  }
}

/** The status word and message for a failed file: `no remote`, `refused`, `cancelled` or `failed`. */
export function describeFailure(error: unknown, ctx: RemoteContext): { word: string; message: string } {
  const message = describeError(error, ctx.client.redact);
  if (error instanceof FlowServiceError) {
    if (error.kind === 'conflict') return { word: 'refused', message };
    if (error.kind === 'cancelled') return { word: 'cancelled', message };
  }
  return { word: 'failed', message };
}

/**
 * `sources-sdk preview <spec> --auth "<auth spec name>" --set name=value … [--set-env name=VAR …] [--max-pages N]
 * [--max-records N] [--max-records-mb N] [--max-response-mb N] [--window-start ISO --window-end ISO] [--backfill]
 * [--timeout seconds]
 * [--format text|json]`:
 * runs a connection spec against the source's own API with the engine of `core/run` and prints what it read.
 * Values go to the auth spec when it has a property of that name, else to `sourceSpec.spec` (placeholders see both).
 * Secrets are best given with `--set-env name=VAR` (read from the environment, not the shell history).
 * Exit codes: 0 read (warnings allowed), 1 the run failed (the source answered an error, no answer, not JSON, a spec
 * or value problem), 2 usage or I/O, 130 interrupted.
 */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { authSpecNames, routeValues } from '../../core/chain/values';
import { runSpec, type RunRequest } from '../../core/run';
import { MAX_RESPONSE_FLAG, MAX_RESPONSE_HELP, maxResponseBytes, recordMebibytes } from './responseLimit';
import { UsageError, valuesFromFlags, withValueOptions } from './setValues';
import { stripBom } from '../../core/sync/text';
import { previewJsonChunks, previewText } from '../format/preview';
import { processIO, type CliIO } from '../io';

interface PreviewFlags {
  auth?: string;
  set: string[];
  setEnv: string[];
  maxPages?: string;
  maxRecords?: string;
  maxRecordsMb?: string;
  maxResponseMb?: string;
  windowStart?: string;
  windowEnd?: string;
  backfill?: boolean;
  timeout?: string;
  format: 'text' | 'json';
}

/** Registers `preview`. `setExit` raises the process exit code (the highest value wins). */
export function registerPreview(program: Command, setExit: (code: number) => void, io: CliIO = processIO): void {
  withValueOptions(program
    .command('preview')
    .description("Run a connection spec against the source's own API and show the requests, records, schema and warnings.")
    .argument('<spec>', 'connection spec file')
    .option('--auth <name>', 'name of the auth spec to use (default: the only one)'))
    .option('--max-pages <n>', 'most requests to make (default 50)')
    .option('--max-records <n>', 'most records to keep; more are counted (default 1000)')
    .option('--max-records-mb <n>', 'most MiB of records (as JSON) to keep; more are counted (default 16, at most 1000)')
    .option(MAX_RESPONSE_FLAG, MAX_RESPONSE_HELP)
    .option('--window-start <iso>', 'schedule window start (default: 24 hours before the end)')
    .option('--window-end <iso>', 'schedule window end (default: now)')
    .option('--backfill', 'with ADVANCE scheduling, run the backfill expression')
    .option('--timeout <seconds>', 'per-request timeout (default 30)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (specPath: string, flags: PreviewFlags) => setExit(await runPreview(specPath, flags, io)));
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number of at least 1, not ${JSON.stringify(value)}`);
  return n;
}

function date(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new UsageError(`${flag} must be an ISO date such as 2024-05-01T00:00:00Z, not ${JSON.stringify(value)}`);
  return d;
}

/** Builds the run request from the flags; throws `UsageError` for bad flags. */
function buildRequest(spec: unknown, flags: PreviewFlags, env: NodeJS.ProcessEnv): RunRequest {
  const names = authSpecNames(spec);
  const authSpecName = flags.auth ?? (names.length === 1 ? names[0] : undefined);
  if (!authSpecName) throw new UsageError(`choose an auth spec with --auth: ${names.map((n) => JSON.stringify(n)).join(', ') || 'the spec has none'}`);
  // Values stay text here: the run puts them into URLs, headers and bodies as given.
  const { authValues, sourceValues } = routeValues(spec, authSpecName, valuesFromFlags(flags, env), { typed: false });
  const end = date(flags.windowEnd, '--window-end');
  const start = date(flags.windowStart, '--window-start');
  let window: RunRequest['window'];
  if (start || end) {
    const windowEnd = end ?? new Date();
    window = { start: start ?? new Date(windowEnd.getTime() - 24 * 3600_000), end: windowEnd };
    if (window.start.getTime() >= window.end.getTime()) throw new UsageError('--window-start must be before --window-end');
  }
  const timeout = flags.timeout === undefined ? undefined : Number(flags.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout must be a number of seconds above 0, not ${JSON.stringify(flags.timeout)}`);
  return {
    spec, authSpecName, authValues, sourceValues, window, backfill: flags.backfill === true,
    limits: {
      maxPages: positiveInt(flags.maxPages, '--max-pages'),
      maxRecords: positiveInt(flags.maxRecords, '--max-records'),
      maxRecordBytes: recordMebibytes(flags.maxRecordsMb, '--max-records-mb'),
      maxResponseBytes: maxResponseBytes(flags.maxResponseMb),
      requestTimeoutMs: timeout === undefined ? undefined : Math.round(timeout * 1000),
      detailedRequests: 0,
    },
  };
}

/** The command's body, separate from commander so its exit code is easy to follow. */
export async function runPreview(specPath: string, flags: PreviewFlags, io: CliIO = processIO): Promise<number> {
  const fail = (message: string, code: number) => {
    io.err(`sources-sdk preview: ${message}\n`);
    return code;
  };
  let spec: unknown;
  try {
    spec = JSON.parse(stripBom(await readFile(specPath, 'utf8')));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code ? `${specPath}: cannot read (${code})` : `${specPath}: not valid JSON (${(err as Error).message}); run sources-sdk validate ${specPath}`, 2);
  }
  let request: RunRequest;
  try {
    request = buildRequest(spec, flags, io.env);
  } catch (err) {
    if (err instanceof UsageError) return fail(err.message, 2);
    throw err;
  }
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  let lastProgress = 0;
  request.signal = controller.signal;
  request.onProgress = (p) => {
    // Progress on stderr for long runs, at most once a second, so stdout stays the result alone.
    if (Date.now() - lastProgress < 1000 || !process.stderr.isTTY) return;
    lastProgress = Date.now();
    io.err(`sources-sdk preview: ${p.requests} requests, ${p.recordCount} records…\n`);
  };
  const result = await runSpec(request).finally(() => process.removeListener('SIGINT', onInterrupt));
  if (flags.format === 'json') await writeChunks(previewJsonChunks(result), io);
  else io.out(`${previewText(result)}\n`);
  if (result.error?.code === 'cancelled') return fail('interrupted', 130);
  if (result.error) {
    const where = result.error.specPath ? ` (${result.error.specPath})` : '';
    return fail(`${result.error.message}${where}`, 1);
  }
  return 0;
}

/** Writes the chunks to stdout as the pipe takes them (a large JSON result is never held as one string). */
async function writeChunks(chunks: Iterable<string>, io: CliIO): Promise<void> {
  for (const chunk of chunks) {
    if (io.out(chunk) === false) await io.drained?.();
  }
  io.out('\n');
}

/**
 * `sources-sdk emulator`: runs the local Flow Service + IMS emulator until SIGINT/SIGTERM.
 * Prints `listening on http://HOST:PORT` on stdout once ready (and, with --faults, a `fault route on: …` line with
 * the admin token); request logs go to stderr.
 */
import type { Command } from 'commander';
import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { startEmulator } from '../../emulator/emulator';
import { parseFaultArgument } from '../../emulator/faults';
import { ADMIN_TOKEN_HEADER } from '../../emulator/faultRoute';
import { isLoopbackHost } from '../../core/transport/host';
import { MAX_RESPONSE_FLAG, MAX_RESPONSE_HELP, maxResponseBytes, recordMebibytes } from './responseLimit';
import { collect, UsageError } from './setValues';
import { stripBom } from '../../core/sync/text';
import type { FaultSpec } from '../../emulator/types';

interface EmulatorCliOptions {
  port: string;
  host: string;
  data?: string;
  clientId?: string;
  clientSecret?: string;
  fault: string[];
  seedDir?: string;
  seed: boolean;
  quiet?: boolean;
  faults?: boolean;
  allowRemote?: boolean;
  maxResponseMb?: string;
  maxRunRecords?: string;
  maxRunRecordsMb?: string;
}

/** `--max-run-records` (at least 1) and `--max-run-records-mb` (1 to 1000 MiB); throws `UsageError`. */
function runRecordLimits(opts: EmulatorCliOptions): { maxRecords?: number; maxRecordBytes?: number } {
  const limits: { maxRecords?: number; maxRecordBytes?: number } = {};
  if (opts.maxRunRecords !== undefined) {
    const n = Number(opts.maxRunRecords);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--max-run-records must be a whole number of at least 1, not ${JSON.stringify(opts.maxRunRecords)}`);
    limits.maxRecords = n;
  }
  const bytes = recordMebibytes(opts.maxRunRecordsMb, '--max-run-records-mb');
  if (bytes !== undefined) limits.maxRecordBytes = bytes;
  return limits;
}

/** Secrets on a command line are visible to other local users, so the secret may also come from the environment. */
const SECRET_ENV = 'SOURCES_SDK_EMULATOR_CLIENT_SECRET';

async function listJsonFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listJsonFiles(path)));
    else if (entry.isFile() && entry.name.endsWith('.json')) found.push(path);
  }
  return found.sort();
}

/** Reads spec files from a folder: flow specs have `sourceConnectionSpecIds`, connection specs `authSpec`/`sourceSpec`. */
export async function readSeedDir(dir: string): Promise<{ connectionSpecs: object[]; flowSpecs: object[]; skipped: string[] }> {
  const result = { connectionSpecs: [] as object[], flowSpecs: [] as object[], skipped: [] as string[] };
  for (const file of await listJsonFiles(dir)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(stripBom(await fs.readFile(file, 'utf8')));
    } catch (err) {
      throw new Error(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      result.skipped.push(relative(dir, file));
      continue;
    }
    const spec = parsed as Record<string, unknown>;
    if (Array.isArray(spec.sourceConnectionSpecIds)) result.flowSpecs.push(spec);
    else if ('authSpec' in spec || 'sourceSpec' in spec) result.connectionSpecs.push(spec);
    else result.skipped.push(relative(dir, file));
  }
  return result;
}

export function registerEmulator(program: Command, setExit: (code: number) => void): void {
  program
    .command('emulator')
    .description('Run a local Flow Service + IMS emulator (connection and flow specs) until Ctrl+C.')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--data <dir>', 'persist specs in this folder (default: in memory only)')
    .option('--client-id <id>', 'only this client id gets tokens (with --client-secret)')
    .option('--client-secret <secret>', `only this secret gets tokens (or set ${SECRET_ENV})`)
    .option('--fault <fault>', 'inject a fault, e.g. 503, 429:retry=2:times=3, delay:ms=500, drop:times=1, malformed:path=/flowSpecs (repeatable)', collect, [])
    .option('--seed-dir <dir>', 'create the connection/flow specs found in this folder in every sandbox on first use')
    .option('--no-seed', 'do not seed RestStorageToAEP and GenericStreamingAEP')
    .option('--quiet', 'do not log requests to stderr')
    .option('--faults', 'serve the fault route /__emulator/faults (needs the admin token printed at start)')
    .option(MAX_RESPONSE_FLAG, `${MAX_RESPONSE_HELP}, for explore and dataflow runs`)
    .option('--max-run-records <n>', 'records each run keeps for GET /runs/{id}/records; all are counted (default 1000)')
    .option('--max-run-records-mb <n>', 'MiB of records (as JSON) each run keeps, at most 1000 (default 16)')
    .option('--allow-remote', 'with --host, allow listening on an address other than loopback (no TLS, no real auth: take care)')
    .action(async (opts: EmulatorCliOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        process.stderr.write(`sources-sdk emulator: invalid --port ${opts.port}\n`);
        setExit(2);
        return;
      }
      if (!isLoopbackHost(opts.host) && !opts.allowRemote) {
        process.stderr.write(
          `sources-sdk emulator: --host ${opts.host} is not a loopback address: anyone who can reach it could read and change ` +
            'the specs and get tokens. Add --allow-remote if you really mean it, or keep the default 127.0.0.1.\n',
        );
        setExit(2);
        return;
      }
      const clientSecret = opts.clientSecret ?? (process.env[SECRET_ENV] || undefined);
      if ((opts.clientId === undefined) !== (clientSecret === undefined)) {
        process.stderr.write('sources-sdk emulator: --client-id and --client-secret go together\n');
        setExit(2);
        return;
      }
      let faults: FaultSpec[];
      let runRecords: ReturnType<typeof runRecordLimits>;
      let seeds = { connectionSpecs: [] as object[], flowSpecs: [] as object[], skipped: [] as string[] };
      let responseLimit: number | undefined;
      try {
        responseLimit = maxResponseBytes(opts.maxResponseMb);
        runRecords = runRecordLimits(opts);
        faults = opts.fault.map(parseFaultArgument);
        if (opts.seedDir) seeds = await readSeedDir(opts.seedDir);
      } catch (err) {
        process.stderr.write(`sources-sdk emulator: ${err instanceof Error ? err.message : String(err)}\n`);
        setExit(2);
        return;
      }
      if (opts.seedDir) {
        process.stderr.write(
          `seeding ${seeds.connectionSpecs.length} connection spec(s) and ${seeds.flowSpecs.length} flow spec(s) from ${opts.seedDir}` +
            (seeds.skipped.length ? ` (skipped, not specs: ${seeds.skipped.join(', ')})` : '') +
            '\n',
        );
      }
      let emulator: Awaited<ReturnType<typeof startEmulator>>;
      try {
        emulator = await startEmulator({
          port,
          host: opts.host,
          dataDir: opts.data,
          clientId: opts.clientId,
          clientSecret,
          seed: opts.seed,
          seedConnectionSpecs: seeds.connectionSpecs,
          seedFlowSpecs: seeds.flowSpecs,
          faults,
          faultRoute: opts.faults === true,
          maxResponseBytes: responseLimit,
          runRecords,
          log: opts.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
        });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const reason =
          code === 'EADDRINUSE' ? `port ${port} on ${opts.host} is already in use (another emulator?): pick another --port, or 0 for any free one`
            : code === 'EADDRNOTAVAIL' ? `${opts.host} is not an address of this machine (--host)`
              : err instanceof Error ? err.message : String(err);
        process.stderr.write(`sources-sdk emulator: ${reason}\n`);
        setExit(2);
        return;
      }
      process.stdout.write(`listening on ${emulator.url}\n`);
      if (!isLoopbackHost(opts.host)) {
        process.stderr.write(`warning: listening on ${opts.host}, reachable from other machines, without TLS (--allow-remote)\n`);
      }
      if (opts.faults) {
        process.stdout.write(`fault route on: ${emulator.url}/__emulator/faults with header ${ADMIN_TOKEN_HEADER}: ${emulator.adminToken}\n`);
      }
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          process.stderr.write(`${signal}: closing\n`);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await emulator.close();
    });
}

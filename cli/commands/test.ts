/**
 * `sources-sdk test <spec> --auth "<auth spec name>" --set name=value … [--set-env name=VAR …]`: walks the test
 * chain Adobe asks for before a submission (push, register, base connection, explore, source and target
 * connections, flow, first run) against the configured Flow Service — normally the local emulator, where runs
 * really read the source — and prints each step, the run's result and the records it read.
 * Exit codes: 0 the first run succeeded and read at least one record; 1 it failed, read nothing, or a call was
 * refused; 2 usage, configuration or I/O; 130 interrupted.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { walkTestChain, type TestChainResult } from '../../core/chain/testChain';
import { authSpecNames, routeValues, secretNamesAmong } from '../../core/chain/values';
import { findAuthSpecEntry } from '../../core/spec/parameters';
import { namedPairs, UsageError, valuesFromFlags, withValueOptions } from './setValues';
import { FlowServiceError } from '../../core/api/errors';
import { stripBom } from '../../core/sync/text';
import { addConnectionOptions } from './remote';
import { describeError, exitCodeFor, processIO, withRemoteContext, type CliIO, type RemoteFlags } from '../remote/context';

export interface TestFlags extends RemoteFlags {
  auth?: string;
  set: string[];
  setEnv: string[];
  force?: boolean;
  runTimeout?: string;
  format: 'text' | 'json';
}

/** Registers `test`. `setExit` raises the process exit code (the highest value wins). */
export function registerTest(program: Command, setExit: (code: number) => void, io: CliIO = processIO): void {
  addConnectionOptions(
    withValueOptions(program
      .command('test')
      .description('Walk the Flow Service test chain for a connection spec (push, register, base connection, explore, source/target connection, flow) and wait for its first run.')
      .argument('<spec>', 'connection spec file')
      .option('--auth <name>', 'auth spec to create the base connection with (default: the only one)'))
      .option('--force', 'push over a remote spec that changed since the last sync')
      .option('--run-timeout <seconds>', 'how long to wait for the first run (default 120)')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text')),
  ).action(async (spec: string, flags: TestFlags) => setExit(await runTest(spec, flags, io)));
}


function renderText(result: TestChainResult): string {
  const lines: string[] = [];
  if (result.inletUrl) {
    lines.push(`Streaming flow ${result.flowId}: send JSON events to ${result.inletUrl}`);
    return lines.join('\n');
  }
  lines.push(`Run ${String(result.run?.id)}: ${result.status}, ${result.recordCount ?? 0} record(s) read`);
  if (result.error) lines.push(`Error: ${result.error}`);
  if (result.records && result.records.length > 0) {
    const shown = result.records.slice(0, 5);
    lines.push(`First ${shown.length} of ${result.records.length} kept record(s):`);
    for (const record of shown) lines.push(`  ${JSON.stringify(record)}`);
  }
  return lines.join('\n');
}

/** The command's body (in-process callable for tests). */
export async function runTest(specPath: string, flags: TestFlags, io: CliIO = processIO): Promise<number> {
  const fail = (message: string, code: number) => {
    io.err(`sources-sdk test: ${message}\n`);
    return code;
  };
  const filePath = path.resolve(io.cwd, specPath);
  let text: string;
  let spec: unknown;
  try {
    text = await readFile(filePath, 'utf8');
    spec = JSON.parse(stripBom(text));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code ? `${specPath}: cannot read (${code})` : `${specPath}: not valid JSON (${(err as Error).message}); run sources-sdk validate ${specPath}`, 2);
  }
  let authSpecName = '';
  let values: { authValues: Record<string, unknown>; sourceValues: Record<string, unknown> };
  try {
    const streaming = (spec as { type?: unknown }).type === 'generic-streaming';
    const names = authSpecNames(spec);
    if (!streaming) {
      const chosen = flags.auth ?? (names.length === 1 ? names[0] : undefined);
      if (!chosen) throw new UsageError(`choose an auth spec with --auth: ${names.map((n) => JSON.stringify(n)).join(', ') || 'the spec has none'}`);
      const entry = findAuthSpecEntry(spec, chosen);
      if (!entry) throw new UsageError(`--auth ${JSON.stringify(chosen)} is not an auth spec of ${specPath}: use one of ${names.map((n) => JSON.stringify(n)).join(', ')}`);
      authSpecName = entry.name;
      for (const name of secretNamesAmong(spec, authSpecName, namedPairs(flags.set, '--set').map(([n]) => n))) {
        io.err(`sources-sdk test: warning: ${name} is a secret; pass it with --set-env ${name}=VAR to keep it out of your shell history\n`);
      }
    }
    values = routeValues(spec, authSpecName, valuesFromFlags(flags, io.env));
  } catch (err) {
    if (err instanceof UsageError) return fail(err.message, 2);
    throw err;
  }
  const runTimeout = flags.runTimeout === undefined ? undefined : Number(flags.runTimeout);
  if (runTimeout !== undefined && !(runTimeout > 0)) return fail(`--run-timeout must be a number of seconds above 0, not ${JSON.stringify(flags.runTimeout)}`, 2);

  return withRemoteContext('test', flags, io, async (ctx) => {
    let result: TestChainResult;
    try {
      result = await walkTestChain({
        client: ctx.client,
        filePath,
        text,
        links: ctx.links,
        force: flags.force,
        authSpecName,
        ...values,
        signal: ctx.signal,
        runTimeoutMs: runTimeout === undefined ? undefined : runTimeout * 1000,
        onStep: (step) => {
          if (flags.format === 'text') io.out(`✓ ${step.message}\n`);
        },
      });
    } catch (err) {
      if (err instanceof FlowServiceError && err.kind === 'cancelled') return fail('interrupted', 130);
      io.err(`sources-sdk test: ${describeError(err, ctx.client.redact)}\n`);
      return exitCodeFor(err);
    }
    io.out(`${flags.format === 'json' ? JSON.stringify(result, null, 2) : renderText(result)}\n`);
    if (result.status !== 'success') return fail(result.inletUrl ? 'a streaming flow has no run until events arrive' : `the first run failed: ${result.error ?? 'no details'}`, 1);
    if ((result.recordCount ?? 0) < 1) return fail('the first run succeeded but read no record: check the source values and the spec\'s contentPath', 1);
    return 0;
  });
}

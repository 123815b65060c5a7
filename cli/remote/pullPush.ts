/** `sources-sdk pull` and `sources-sdk push`. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-json-languageservice';
import { SpecEngine } from '../../core/analysis/engine';
import { kindForFile } from '../../core/sync/specFile';
import type { SpecResource } from '../../core/api/types';
import { kindOfArgument, SPEC_KINDS, type SpecKind } from '../../core/spec/kinds';
import { pullSpec, pushSpec, PushRefused, recordSync, type PushResult } from '../../core/sync/operations';
import { decisionsFromFlags, refusalError } from './pushReasons';
import { stripBom } from '../../core/sync/text';
import { ConfigError } from './config';
import { exitCodeFor, withRemoteContext, type CliIO, type RemoteFlags } from './context';
import { describeFailure, runForEachFile } from './eachFile';
import { writeFileAtomically } from '../../core/files/atomicWrite';
import { readIfExists, readSpecFile } from './files';
import { resolveOutputTarget } from '../outputTarget';
import { refusalLine } from './refusalPlace';

/** `connection-spec` / `flow-spec` (a few spellings accepted) → endpoint. */
export function resourceFromKindArgument(kind: string): SpecResource {
  const known = kindOfArgument(kind);
  if (known) return SPEC_KINDS[known].resource;
  throw new ConfigError(`unknown spec kind "${kind}": use connection-spec or flow-spec`);
}

export interface PullFlags extends RemoteFlags {
  output?: string;
  force?: boolean;
}

/** Fetches a spec; prints it, or writes it to `--output` (refusing to overwrite a different file without --force). */
export async function runPull(kind: string, idOrName: string, flags: PullFlags, io: CliIO): Promise<number> {
  return withRemoteContext('pull', flags, io, async (ctx) => {
    const resource = resourceFromKindArgument(kind);
    const { remote, text } = await pullSpec({ client: ctx.client, resource, idOrName, signal: ctx.signal });
    if (!flags.output) {
      io.out(text);
      return 0;
    }
    const output = await resolveOutputTarget(path.resolve(io.cwd, flags.output), flags.output, flags.force === true);
    if (!output.ok) {
      io.err(`sources-sdk pull: ${output.message}\n`);
      return 2;
    }
    const target = output.writePath;
    const existing = await readIfExists(target);
    // A copy that differs only in line ends or a byte order mark (git autocrlf, Windows editors) is the same spec.
    const sameContent = existing !== undefined && stripBom(existing).replace(/\r\n/g, '\n') === text;
    if (existing !== undefined && !sameContent && !flags.force) {
      io.err(`sources-sdk pull: ${flags.output} exists and differs from the remote spec; not overwritten (use --force, or sources-sdk diff ${flags.output})\n`);
      return 1;
    }
    if (!sameContent) await writeFileAtomically(target, text);
    await recordSync(ctx.links, ctx.client, target, resource, remote);
    io.err(`pulled ${remote.name} (${remote.id}) → ${flags.output}\n`);
    return 0;
  });
}

export interface PushFlags extends RemoteFlags {
  force?: boolean;
  /** Update an unlinked remote spec of the same name. */
  adopt?: boolean;
  concurrency?: string;
  /** commander's `--no-validate` sets this to false. */
  validate?: boolean;
}

let sharedEngine: SpecEngine | undefined;

/** Error-severity findings the validation engine reports for a file (messages with their 1-based line). */
export async function validationErrors(file: string, text: string, kind: SpecKind): Promise<string[]> {
  sharedEngine ??= new SpecEngine();
  const document = TextDocument.create(pathToFileURL(file).href, 'json', 1, text);
  try {
    const diagnostics = await sharedEngine.analyze(document, kind);
    return diagnostics.filter((d) => d.severity === 1).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
  } finally {
    sharedEngine.forget(document.uri);
  }
}

/** Pushes files with bounded concurrency; exit 1 if any was refused or failed remotely, 2 on I/O problems. */
export async function runPush(files: string[], flags: PushFlags, io: CliIO): Promise<number> {
  const counts = { created: 0, updated: 0, unchanged: 0, refused: 0, failed: 0, cancelled: 0 };
  return runForEachFile<PushResult>({
    command: 'push',
    files,
    flags,
    io,
    async task(file, absolute, ctx) {
      const text = await readSpecFile(absolute);
      // Decided once: the check below and the upload use the same kind.
      const kind = kindForFile(absolute, text);
      if (flags.validate !== false) {
        const errors = await validationErrors(absolute, text, kind);
        if (errors.length > 0) {
          throw new ValidationRefusal(`${errors.length} validation error(s), first ${errors[0]}; run \`sources-sdk validate ${file}\` (or push --no-validate)`);
        }
      }
      try {
        return await pushSpec({ client: ctx.client, filePath: absolute, text, kind, links: ctx.links, decisions: decisionsFromFlags(flags), signal: ctx.signal });
      } catch (err) {
        throw err instanceof PushRefused ? refusalError(err.plan, file) : err;
      }
    },
    report(outcome, ctx) {
      if (outcome.result) {
        counts[outcome.result.action]++;
        io.out(`${outcome.result.action.padEnd(9)} ${outcome.file} → ${outcome.result.remote.id}\n`);
        return 0;
      }
      const { word, message } = outcome.error instanceof ValidationRefusal ? { word: 'refused', message: outcome.error.message } : describeFailure(outcome.error, ctx);
      counts[word as 'refused' | 'failed' | 'cancelled']++;
      io.out(`${word.padEnd(9)} ${outcome.file}: ${message}\n`);
      const place = refusalLine(outcome.file, io.cwd, outcome.error);
      if (place) io.err(`${place}\n`);
      return word === 'refused' ? 1 : exitCodeFor(outcome.error);
    },
    summary: () =>
      `${files.length} file(s): ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.refused} refused, ${counts.failed} failed` +
      (counts.cancelled ? `, ${counts.cancelled} cancelled` : ''),
  });
}

/** A local refusal (the file has validation errors): nothing was sent. */
class ValidationRefusal extends Error {}

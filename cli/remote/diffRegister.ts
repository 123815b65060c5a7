/** `sources-sdk diff` and `sources-sdk register`. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FlowServiceError } from '../../core/api/errors';
import { unifiedDiff } from '../../core/sync/diff';
import { environmentKey } from '../../core/sync/links';
import { diffSpec, parseSpecText, resolveRemote, type DiffResult } from '../../core/sync/operations';
import { kindForFile } from '../../core/sync/specFile';
import { applyRegisterPlan, planRegister, type RegisterResult } from '../../core/sync/register';
import { registrationRefusalLine } from './refusalPlace';
import { describeError, exitCodeFor, withRemoteContext, type CliIO, type RemoteContext, type RemoteFlags } from './context';
import { describeFailure, runForEachFile } from './eachFile';
import { readSpecFile } from './files';
import { validationErrors } from './pullPush';

export interface DiffFlags extends RemoteFlags {
  unified?: boolean;
  concurrency?: string;
}

/** Compares files with their remotes. Exit 0 when all are the same, 1 when any differs or fails, 2 on I/O/config. */
export async function runDiff(files: string[], flags: DiffFlags, io: CliIO): Promise<number> {
  const counts = { same: 0, differ: 0, noRemote: 0, failed: 0 };
  const localErrors = new Map<string, string[]>();
  return runForEachFile<{ result: DiffResult; localText: string }>({
    command: 'diff',
    files,
    flags,
    io,
    async task(file, absolute, ctx) {
      const localText = await readSpecFile(absolute);
      try {
        return { localText, result: await diffSpec({ client: ctx.client, filePath: absolute, text: localText, links: ctx.links, signal: ctx.signal }) };
      } catch (error) {
        // With no remote the advice is to push: only if push would accept the file.
        if (error instanceof FlowServiceError && error.kind === 'not-found') localErrors.set(file, await validationErrors(absolute, localText, kindForFile(absolute, localText)));
        throw error;
      }
    },
    report(outcome, ctx) {
      const { file } = outcome;
      if (!outcome.result) {
        if (outcome.error instanceof FlowServiceError && outcome.error.kind === 'not-found') {
          counts.noRemote++;
          // push refuses a file with errors, so suggesting it would only lead to a refusal.
          const errors = localErrors.get(file) ?? [];
          const next = errors.length > 0
            ? `fix its ${errors.length} validation error(s) first (\`sources-sdk validate ${file}\`; first ${errors[0].replace(/[.\s]+$/, '')}), then push it to create it`
            : `\`sources-sdk push ${file}\` creates it (or \`sources-sdk push --adopt\` links a remote spec of the same name)`;
          io.out(`no remote ${file}: ${describeError(outcome.error, ctx.client.redact)}; nothing to compare with: ${next}\n`);
          return 1;
        }
        counts.failed++;
        const { word, message } = describeFailure(outcome.error, ctx);
        io.out(`${word.padEnd(9)} ${file}: ${message}\n`);
        return exitCodeFor(outcome.error);
      }
      const { result, localText } = outcome.result;
      if (result.same) {
        counts.same++;
        io.out(`same      ${file}${result.remoteChangedSinceSync ? ' (remote changed since last sync, but matches)' : ''}\n`);
        return 0;
      }
      counts.differ++;
      const note = result.remoteChangedSinceSync ? ' [remote changed since last sync]' : '';
      io.out(`differs   ${file}: ${result.summary}${note}\n`);
      if (flags.unified) io.out(unifiedDiff(localText, result.remoteText, { local: file, remote: `remote ${result.remote.id}` }));
      return 1;
    },
    summary: () =>
      `${files.length} file(s) compared: ${counts.same} same, ${counts.differ} differ` +
      (counts.noRemote ? `, ${counts.noRemote} with no remote` : '') +
      (counts.failed ? `, ${counts.failed} failed` : ''),
  });
}

export interface RegisterFlags extends RemoteFlags {
  flowSpec?: string;
  dryRun?: boolean;
}

/** Resolves `target` (a connection spec id, a linked or named spec file, or a name) to a connection spec id. */
async function connectionSpecIdFor(target: string, ctx: RemoteContext): Promise<string> {
  const file = path.resolve(ctx.io.cwd, target);
  const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'EISDIR') return undefined;
    throw err;
  });
  if (text === undefined) return (await resolveRemote(ctx.client, 'connectionSpecs', target, ctx.signal)).id;
  const link = await ctx.links.get(environmentKey(ctx.client.environment), file);
  if (link) return link.remoteId;
  const name = parseSpecText(target, text).name;
  if (typeof name !== 'string') throw new FlowServiceError(`${target} has no name and is not linked: push it first`, 'not-found');
  return (await resolveRemote(ctx.client, 'connectionSpecs', name, ctx.signal)).id;
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then((stat) => stat.isFile(), () => false);
}

/** Appends a connection spec id to its flow spec (or shows the plan with --dry-run). */
export async function runRegister(target: string, flags: RegisterFlags, io: CliIO): Promise<number> {
  return withRemoteContext('register', flags, io, async (ctx) => {
    const connectionSpecId = await connectionSpecIdFor(target, ctx);
    // The links store remembers the flow spec as seen, so the workspace check SSDK820 clears for the linked file.
    const options = { client: ctx.client, connectionSpecId, flowSpecId: flags.flowSpec, links: ctx.links, signal: ctx.signal };
    const plan = await planRegister(options);
    if (flags.dryRun) {
      io.out(plan.changed ? `would ${plan.summary}\n${plan.diff}` : `${plan.summary}\n`);
      return 0;
    }
    let result: RegisterResult;
    try {
      result = await applyRegisterPlan(plan, options);
    } catch (err) {
      // A refusal of the flow spec PUT goes to the local flow spec file linked to it, else the connection spec file.
      const flowSpecFile = await ctx.links.fileLinkedTo(environmentKey(ctx.client.environment), 'flowSpecs', plan.flowSpec.id);
      const connectionFile = (await isFile(path.resolve(ctx.io.cwd, target))) ? target : undefined;
      const place = registrationRefusalLine(connectionFile, ctx.io.cwd, err, flowSpecFile);
      if (place) io.err(`${place}\n`);
      throw err;
    }
    const ids = Array.isArray(result.after.sourceConnectionSpecIds) ? result.after.sourceConnectionSpecIds.length : 0;
    io.out(
      result.changed
        ? `registered ${connectionSpecId} in ${result.after.name} (${result.after.id}); it now lists ${ids} source connection spec ids, none removed\n`
        : `${connectionSpecId} is already registered in ${result.after.name} (${result.after.id}); nothing changed\n`,
    );
    return 0;
  });
}

/**
 * `sources-sdk promote <file> --from-sandbox A --to-sandbox B`: copy a spec's remote copy from one sandbox to another
 * (core/sync/promote.ts plans and applies; this file only prints and maps flags). The diff is printed before anything
 * changes; the guarantees and exit codes are those of `push` (1 refused or remote error, 2 usage, configuration, I/O);
 * a production target needs its name typed at the terminal, or `--yes` where nobody can type (CI).
 */
import * as path from 'node:path';
import { platformUrls } from '../../core/config/environments';
import { canApply, CHANGED_WHILE_CONFIRMING, PushRefused } from '../../core/sync/push';
import { applyPromotion, planPromotion, PromotionRegistrationFailed, type PromotionPlan } from '../../core/sync/promote';
import { ConfigError } from './config';
import { createRemoteContext, describeError, exitCodeFor, type CliIO, type RemoteContext, type RemoteFlags } from './context';
import { describeFailure, INTERRUPTED_EXIT_CODE } from './eachFile';
import { readSpecFile } from './files';
import { decisionsFromFlags, refusalError, type RefusalWording } from './pushReasons';
import { refusalLine, registrationRefusalLine } from './refusalPlace';

export interface PromoteFlags extends RemoteFlags {
  fromSandbox?: string;
  toSandbox?: string;
  /** Platform of the source (`prod`, `stage` or a gateway URL); default `--platform-url`. */
  fromEnv?: string;
  /** Platform of the target; default `--platform-url`. */
  toEnv?: string;
  flowSpec?: string;
  yes?: boolean;
  force?: boolean;
  adopt?: boolean;
  dryRun?: boolean;
}

/** The flags of one side: its sandbox and, when given, its platform (whose IMS then comes with it). */
function sideFlags(flags: PromoteFlags, sandbox: string | undefined, platform: string | undefined): RemoteFlags {
  if (!platform) return { ...flags, sandbox: sandbox ?? flags.sandbox };
  return { ...flags, sandbox: sandbox ?? flags.sandbox, platformUrl: platform, imsUrl: platformUrls(platform)?.imsUrl ?? flags.imsUrl };
}

function describePlan(plan: PromotionPlan, file: string): string {
  const found = plan.sourceFoundBy === 'link' ? 'linked' : 'same name';
  const lines = [`promote ${file}: ${plan.source.name} (${plan.source.id}, ${found}) from ${plan.fromKey} to ${plan.toKey}`];
  if (plan.fileDiffers) {
    lines.push(`note: ${file} differs from the copy in the source (${plan.fileDiffers.summary}): that copy is promoted, not the file; ` +
      `push the file to the source sandbox first to promote your edits`);
  }
  const into = plan.push.remote ? `${plan.push.remote.id}: ${plan.push.comparison?.summary ?? plan.push.reason}` : 'a new spec';
  lines.push(`target: ${plan.push.reason} (${into})`);
  for (const target of plan.registration) {
    const state = target.alreadyRegistered ? 'already registered' : 'register';
    lines.push(`flow spec: ${state} in ${target.flowSpec.name} (${target.flowSpec.id}), chosen by ${target.rule}`);
  }
  if (plan.registrationSkipped) lines.push(`flow spec: none (${plan.registrationSkipped})`);
  return `${lines.join('\n')}\n`;
}

/** Asks for the production sandbox's name; true when it was typed exactly. */
async function confirmProduction(plan: PromotionPlan, io: CliIO): Promise<boolean | 'nobody'> {
  const answer = io.ask ? await io.ask(`${plan.targetSandbox} is a production sandbox. Type its name to promote ${plan.source.name} into it: `) : undefined;
  if (answer === undefined) return 'nobody';
  return answer.trim().toLowerCase() === plan.targetSandbox;
}

/** Promotes one spec file's remote copy; see the module comment for exit codes. */
export async function runPromote(file: string, flags: PromoteFlags, io: CliIO): Promise<number> {
  let from: RemoteContext;
  let to: RemoteContext;
  try {
    if (!flags.toSandbox) throw new ConfigError('--to-sandbox is required');
    from = createRemoteContext(sideFlags(flags, flags.fromSandbox, flags.fromEnv), io, false);
    to = createRemoteContext(sideFlags(flags, flags.toSandbox, flags.toEnv), io);
  } catch (err) {
    io.err(`sources-sdk promote: ${describeError(err)}\n`);
    return exitCodeFor(err);
  }
  const absolute = path.resolve(io.cwd, file);
  const signal = to.signal;
  const wording: RefusalWording = {
    compare: `sources-sdk promote ${file} --from-sandbox ${from.client.environment.sandbox} --to-sandbox ${to.client.environment.sandbox} --dry-run`,
    command: 'promote',
  };
  const report = (word: string, message: string) => io.out(`${word.padEnd(9)} ${file}: ${message}\n`);
  let plan: PromotionPlan | undefined;
  try {
    const text = await readSpecFile(absolute);
    plan = await planPromotion({ from: from.client, to: to.client, filePath: absolute, text, links: to.links, flowSpec: flags.flowSpec, signal });
    io.out(describePlan(plan, file));
    io.out(plan.diff || 'no differences: the target already holds the source content\n');
    const decisions = decisionsFromFlags(flags);
    if (!canApply(plan.push, decisions)) {
      report('refused', refusalError(plan.push, file, wording).message);
      return 1;
    }
    if (flags.dryRun) {
      io.err('dry run: nothing was changed\n');
      return 0;
    }
    if (plan.production && !flags.yes) {
      const confirmed = await confirmProduction(plan, io);
      if (confirmed !== true) {
        report('refused', confirmed === 'nobody'
          ? `promoting into the production sandbox "${plan.targetSandbox}" needs confirmation: run it in a terminal and type the sandbox name, or pass --yes (CI)`
          : `the name typed is not "${plan.targetSandbox}": nothing was changed`);
        return 1;
      }
    }
    const result = await applyPromotion(plan, { to: to.client, links: to.links, decisions, signal });
    io.out(`${result.push.action.padEnd(9)} ${file} → ${result.push.remote.id} in ${plan.toKey}\n`);
    for (const registration of result.registrations) {
      io.out(registration.changed
        ? `registered ${result.push.remote.id} in ${registration.flowSpec.name} (${registration.flowSpec.id}), none removed\n`
        : `already registered in ${registration.flowSpec.name} (${registration.flowSpec.id})\n`);
    }
    return 0;
  } catch (err) {
    if (signal.aborted) {
      report('cancelled', 'interrupted (Ctrl+C)');
      return INTERRUPTED_EXIT_CODE;
    }
    if (err instanceof PushRefused && plan) {
      const reason = refusalError(err.plan, file, wording).message;
      report('refused', err.meanwhile ? `${CHANGED_WHILE_CONFIRMING}: ${reason}` : reason);
      return 1;
    }
    if (err instanceof PromotionRegistrationFailed) {
      report('failed', describeError(err, to.client.redact));
      const flowSpecFile = await to.links.fileLinkedTo(plan!.toKey, 'flowSpecs', err.flowSpec.id);
      const place = registrationRefusalLine(file, io.cwd, err.cause, flowSpecFile);
      if (place) io.err(`${place}\n`);
      return exitCodeFor(err.cause);
    }
    const { word, message } = describeFailure(err, to);
    report(word, message);
    const place = refusalLine(file, io.cwd, err);
    if (place) io.err(`${place}\n`);
    return word === 'refused' ? 1 : exitCodeFor(err);
  } finally {
    from.dispose();
    to.dispose();
  }
}

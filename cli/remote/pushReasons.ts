/**
 * The CLI's wording of push plans: core decides what a situation is (core/sync/push.ts reasons), the CLI only says
 * it in terms of its own flags. `--force` allows every decision, `--adopt` only updating a same-named remote.
 */
import { FlowServiceError } from '../../core/api/errors';
import type { PushDecision, PushPlan } from '../../core/sync/push';

/** The decisions the push flags give. */
export function decisionsFromFlags(flags: { force?: boolean; adopt?: boolean }): PushDecision[] {
  const decisions: PushDecision[] = [];
  if (flags.force) decisions.push('overwrite');
  if (flags.adopt) decisions.push('adopt');
  return decisions;
}

/** How a refusal names the way out: the command that compares, and the command whose flags resolve it. */
export interface RefusalWording {
  /** A command line that shows the differences. */
  compare: string;
  /** The sub-command to repeat with `--force` / `--adopt`. */
  command: string;
}

/** Why a plan was not applied, with the flag or command that resolves it. `file` is the path as typed. */
export function refusalText(plan: PushPlan, file: string, wording: RefusalWording = { compare: `sources-sdk diff ${file}`, command: 'push' }): string {
  const remoteId = plan.remote?.id ?? plan.link?.remoteId ?? '';
  const { compare, command } = wording;
  switch (plan.reason) {
    case 'remote-changed':
      return `the remote spec ${remoteId} changed since the last sync of this file${plan.localChangedSinceSync ? ' (and so did the file)' : ''}` +
        `${plan.comparison ? `; ${plan.comparison.summary}` : ''}: run \`${compare}\` to compare, or ${command} --force to overwrite it`;
    case 'remote-deleted':
      return `linked to ${remoteId}, which no longer exists remotely: ${command} --force to create it again`;
    case 'name-taken':
      return `a remote spec with this name exists: id ${remoteId} (${plan.comparison?.summary ?? 'different content'}). ` +
        `${command.charAt(0).toUpperCase()}${command.slice(1)} with --adopt to update it (or --force), or pull it to compare first`;
    case 'ambiguous-name':
      return `${plan.candidates?.length ?? 2} remote specs are named "${plan.name}" (${(plan.candidates ?? []).map((c) => c.id).join(', ')}): ` +
        `pull the one this file stands for first (by id), then ${command}`;
    default:
      return `${command} needs a decision (${plan.reason})`;
  }
}

/** A refused plan as the error the per-file loop prints as `refused` (exit 1), carrying the remote. */
export function refusalError(plan: PushPlan, file: string, wording?: RefusalWording): FlowServiceError {
  return new FlowServiceError(refusalText(plan, file, wording), 'conflict', { remote: plan.remote, retryable: false });
}

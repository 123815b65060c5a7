/**
 * *Promote Spec…*: copy a spec's remote copy from one sandbox to another (core/sync/promote.ts plans and applies).
 * The diff (target now ↔ what it will hold) opens first, then one modal asks: a plain confirmation, or the question a
 * conflict in the target needs (Overwrite, Create Again, Update, as Upload asks). When the open file differs from the
 * source's copy, the modal says so and offers *Upload to <source> First* (then the promotion is planned again). A
 * production target is named in the modal, and an argument confirms it only by naming the sandbox. The target list
 * leaves out the source and offers the last target first. Refused in an untrusted workspace. A refusal of the Flow
 * Service lands as a diagnostic where it belongs (refusalDiagnostics.ts).
 */
import * as vscode from 'vscode';
import { kindInfoOfResource } from '../../core/spec/kinds';
import { LinkStore, MemoryLinkStore } from '../../core/sync/links';
import { applyPromotion, planPromotion, PromotionRegistrationFailed, type PromotionPlan } from '../../core/sync/promote';
import { PushRefused, type PushDecision } from '../../core/sync/push';
import { findLinkedFile, linkedIdentities, linkStoreFor } from '../links';
import { clearRefusal, showRefusal, showRegistrationRefusal } from '../refusalDiagnostics';
import { CommandContext, describeError, isCancellation, reportError, requireTrust, withRemoteProgress } from './common';
import { specDocumentOr } from './specDocumentOr';
import { cancelled, done, failed, refused, type CommandResult } from './result';
import { openSide, pickSandbox, type Side } from './sandboxPick';
import { uploadDocument } from './upload';

export interface PromoteArgs {
  /** Source side `{ environment, sandbox? }`; asked when missing. */
  from?: unknown;
  /** Target side; asked when missing. */
  to?: unknown;
  /** Target flow spec (id or exact name) instead of the rule in docs/promotion.md. */
  flowSpec?: string;
  /** Answers the confirmation of a non-production target. */
  confirm?: boolean;
  /** Answers the confirmation of a production target: must be its sandbox name. */
  confirmSandbox?: string;
  /** Overwrite a target changed since the last sync there (and create again / adopt) without asking. */
  force?: boolean;
}

export interface PromoteDetails {
  action?: 'created' | 'updated' | 'unchanged';
  /** The spec's id in the target. */
  id?: string;
  /** Core's reason for the target (`create`, `update`, `remote-changed`…). */
  plan?: string;
  /** Flow specs of the target it was registered in (or already was). */
  registeredIn?: string[];
  /** The prompts' wording named the production sandbox (tests read it). */
  production?: boolean;
}

const PROMOTE = 'Promote';
/** The button that uploads the open file to the source sandbox before promoting. */
const uploadFirstButton = (from: Side) => `Upload to ${from.label} First`;
const OVERWRITE = 'Overwrite';
const CREATE_AGAIN = 'Create Again';
const UPDATE = 'Update';

/** The words a modal uses for the target: a production sandbox is named as such. */
function targetWords(side: Side): string {
  return side.production ? `the PRODUCTION sandbox "${side.env.config.sandbox}" of ${side.env.config.name}` : side.label;
}

function planSummary(plan: PromotionPlan, from: Side, to: Side): string {
  const label = kindInfoOfResource(plan.resource).label;
  const lines = plan.fileDiffers
    ? [`Your open file differs from the copy in ${from.label} (${plan.fileDiffers.summary}): the copy in ${from.label} is promoted, not your file. ` +
      `${uploadFirstButton(from)} sends your file there, then shows the promotion again.`]
    : [];
  lines.push(`Source: ${plan.source.name} (${plan.source.id}) in ${from.label}, found by ${plan.sourceFoundBy === 'link' ? 'the file\'s link' : 'its name'}.`);
  if (plan.push.reason === 'create') lines.push(`Target: no ${label} yet; it will be created.`);
  else if (plan.push.remote) lines.push(`Target: ${plan.push.remote.id}; ${plan.push.comparison?.summary ?? plan.push.reason}.`);
  for (const target of plan.registration) {
    lines.push(target.alreadyRegistered
      ? `Already registered in flow spec ${target.flowSpec.name}.`
      : `Then registered in flow spec ${target.flowSpec.name} (${target.flowSpec.id}), chosen by ${target.rule}.`);
  }
  if (plan.registrationSkipped) lines.push(`No registration: ${plan.registrationSkipped}.`);
  lines.push(`The diff is open: left ${to.label} now, right what it will hold.`);
  return lines.join('\n');
}

type Decision = { decisions: PushDecision[] } | { result: CommandResult<PromoteDetails> } | { uploadFirst: true };

/** Thrown out of a question answered with *Upload to <source> First*. */
class UploadFirst extends Error {}

/**
 * The one question the plan needs; production targets are named in it, and confirmed by name only. When the open
 * file differs from the source's copy (and no argument confirmed the promotion), the question says so and offers to
 * upload the file to the source first, even when the target needs nothing.
 */
async function decide(ctx: CommandContext, plan: PromotionPlan, from: Side, to: Side, args: PromoteArgs): Promise<Decision> {
  try {
    return await question(ctx, plan, from, to, args);
  } catch (err) {
    if (err instanceof UploadFirst) return { uploadFirst: true };
    throw err;
  }
}

async function question(ctx: CommandContext, plan: PromotionPlan, from: Side, to: Side, args: PromoteArgs): Promise<Decision> {
  const name = plan.source.name;
  const details: PromoteDetails = { plan: plan.push.reason, id: plan.push.remote?.id, production: to.production };
  const detail = planSummary(plan, from, to);
  const into = targetWords(to);
  const confirmedByArgs = to.production ? args.confirmSandbox?.trim().toLowerCase() === to.env.config.sandbox : args.confirm === true;
  const offerUpload = plan.fileDiffers !== undefined && !confirmedByArgs;
  const ask = async (text: string, button: string | undefined): Promise<boolean> => {
    const buttons = [...(button ? [button] : []), ...(offerUpload ? [uploadFirstButton(from)] : [])];
    const choice = await ctx.prompts.modal(text, detail, ...buttons);
    if (offerUpload && choice === uploadFirstButton(from)) throw new UploadFirst();
    return button !== undefined && choice === button;
  };
  switch (plan.push.reason) {
    case 'ambiguous-name':
      return { result: refused(`${plan.push.candidates?.length ?? 2} specs are named "${name}" in ${to.label}: fetch the one this file stands for there first (it links the file), then promote.`, details) };
    case 'remote-changed':
      if (args.force && confirmedByArgs) return { decisions: ['overwrite'] };
      if (await ask(`${name} in ${into} changed since your last sync there (someone else updated it). Overwrite it with the copy from ${from.label}?`, OVERWRITE)) {
        return { decisions: ['overwrite'] };
      }
      return { result: refused(`${name} in ${to.label} changed since your last sync there; nothing was promoted. Compare Across Sandboxes shows both copies.`, details) };
    case 'remote-deleted':
      if (args.force && confirmedByArgs) return { decisions: ['create-again'] };
      return (await ask(`${name} was deleted in ${into} since your last sync there. Create it again from ${from.label}?`, CREATE_AGAIN))
        ? { decisions: ['create-again'] } : { result: cancelled(details, 'not confirmed') };
    case 'name-taken':
      if (args.force && confirmedByArgs) return { decisions: ['adopt'] };
      return (await ask(`A different ${name} already exists in ${into} and this file is not linked to it there. Update it with the copy from ${from.label}?`, UPDATE))
        ? { decisions: ['adopt'] } : { result: cancelled(details, 'not confirmed') };
    default: {
      const nothingToDo = plan.push.reason === 'unchanged' && plan.registration.every((t) => t.alreadyRegistered);
      if (nothingToDo && offerUpload) {
        await ask(`${name} in ${into} is already the same as in ${from.label}, but your open file differs from that copy.`, undefined);
        return { result: cancelled(details, 'not confirmed') };
      }
      if (nothingToDo || confirmedByArgs) return { decisions: [] };
      const verb = plan.push.reason === 'create' ? 'create it' : plan.push.reason === 'update' ? 'update it' : 'it is already the same there; register it';
      return (await ask(`Promote ${name} from ${from.label} to ${into} (${verb})?`, to.production ? `${PROMOTE} to ${to.env.config.sandbox}` : PROMOTE))
        ? { decisions: [] } : { result: cancelled(details, 'not confirmed') };
    }
  }
}

/** Shows the plan's diff read-only: the target now (empty when there is none) ↔ what it will hold. */
async function showPlanDiff(ctx: CommandContext, plan: PromotionPlan, from: Side, to: Side): Promise<void> {
  const before = ctx.remoteDocuments.put(plan.resource, plan.push.remote?.id ?? 'new', String(plan.source.name), plan.targetText ?? '', to.label);
  const after = ctx.remoteDocuments.put(plan.resource, plan.source.id, String(plan.source.name), plan.sourceText, from.label);
  await vscode.commands.executeCommand('vscode.diff', before, after, `${plan.source.name}: ${to.label} now ↔ after promotion from ${from.label}`, { preview: true });
}


export async function promoteSpec(ctx: CommandContext, uriArg: unknown, argsArg: unknown): Promise<CommandResult<PromoteDetails>> {
  const args: PromoteArgs = argsArg && typeof argsArg === 'object' ? argsArg as PromoteArgs : {};
  const refuse = (reason: string, details: PromoteDetails = {}) => {
    ctx.log.warn(`Promote refused: ${reason}`);
    void ctx.prompts.error(`Promote refused: ${reason}`);
    return refused(reason, details);
  };
  const untrusted = requireTrust(ctx, 'Promoting', {} as PromoteDetails);
  if (untrusted) return untrusted;
  const found = await specDocumentOr(uriArg, refuse);
  if ('refused' in found) return found.refused;
  const { document } = found;
  const fileLabel = vscode.workspace.asRelativePath(document.uri);
  if (document.uri.scheme !== 'file') return refuse(`save ${fileLabel} to a file first: its links say which spec it stands for.`);
  const knownIdentities = await linkedIdentities(document.uri);
  const fromArg = await pickSandbox(ctx, 'source', args.from, { knownIdentities });
  if (!fromArg) return cancelled({}, 'no source chosen');
  const toArg = await pickSandbox(ctx, 'target', args.to, { exclude: fromArg, remember: 'promoteTarget', knownIdentities });
  if (!toArg) return cancelled({}, 'no target chosen');
  const links: LinkStore = linkStoreFor(document.uri) ?? new MemoryLinkStore();
  const what = `Promote ${fileLabel}`;
  let plan: PromotionPlan | undefined;
  try {
    const makePlan = () => withRemoteProgress(`Planning the promotion of ${fileLabel}…`, async (signal) => {
      const from = await openSide(ctx, fromArg);
      const to = await openSide(ctx, toArg);
      if (from.env.syncIdentity === to.env.syncIdentity) return { from, to, plan: undefined };
      return { from, to, plan: await planPromotion({ from: from.client, to: to.client, filePath: document.uri.fsPath, text: document.getText(), links, flowSpec: args.flowSpec, signal }) };
    });
    const planned = await makePlan();
    const { from, to } = planned;
    if (!planned.plan) return refuse(`${from.label} and ${to.label} are the same sandbox: pick another target.`);
    plan = planned.plan;
    await showPlanDiff(ctx, plan, from, to);
    let answer = await decide(ctx, plan, from, to, args);
    if ('uploadFirst' in answer) {
      // The file goes to the source as an upload sends it (the conflict question first, if the source moved meanwhile).
      const uploaded = await uploadDocument(ctx, document, { confirm: true }, async () => ({ client: from.client, config: from.env.config }));
      if (uploaded.outcome !== 'done') {
        const reason = `${fileLabel} was not uploaded to ${from.label} (${uploaded.outcome === 'failed' ? uploaded.error : uploaded.reason ?? uploaded.outcome}): nothing was promoted`;
        return uploaded.outcome === 'cancelled' ? cancelled({}, reason) : refused(reason, {});
      }
      plan = (await makePlan()).plan!;
      await showPlanDiff(ctx, plan, from, to);
      answer = await decide(ctx, plan, from, to, args);
      // Offered once: a file that still differs (edited meanwhile) is not uploaded again without being asked anew.
      if ('uploadFirst' in answer) return cancelled({}, `${fileLabel} still differs from the copy in ${from.label}: promote again`);
    }
    if ('result' in answer) return answer.result;
    const current = plan;
    const result = await withRemoteProgress(`Promoting ${plan.source.name} to ${to.label}…`, (signal) =>
      applyPromotion(current, { to: to.client, links, decisions: answer.decisions, signal }));
    clearRefusal(document.uri);
    const registeredIn = result.registrations.map((r) => r.flowSpec.id);
    const registered = result.registrations.filter((r) => r.changed).map((r) => ` and registered in ${r.flowSpec.name}`).join('');
    const message = `${plan.source.name}: ${result.push.action} in ${to.label} (${result.push.remote.id})${registered}.`;
    ctx.log.info(`${what}: ${message}`);
    ctx.prompts.info(message);
    ctx.refreshTree();
    return done({ action: result.push.action, id: result.push.remote.id, plan: plan.push.reason, registeredIn, production: to.production });
  } catch (err) {
    if (isCancellation(err)) return cancelled({}, 'cancelled');
    if (err instanceof PushRefused) return refuse(describeError(err), { plan: err.plan.reason });
    if (err instanceof PromotionRegistrationFailed && plan) {
      // On the flow spec file linked in the target when there is one, else the spec file.
      await showRegistrationRefusal(err.cause, await findLinkedFile(plan.toKey, 'flowSpecs', err.flowSpec.id), document.uri);
      return failed(reportError(ctx, what, err), { action: err.pushed.action, id: err.pushed.remote.id, plan: plan.push.reason });
    }
    showRefusal(document, err);
    return failed(reportError(ctx, what, err), { plan: plan?.push.reason });
  }
}

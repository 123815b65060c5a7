/** Rules 3 and 4: `sourceSpec.attributes.scheduleParams` and the runtime values `{SCHEDULE_QUERY}`, `{START_TIME}`, `{END_TIME}`. */
import type { ASTNode, ObjectASTNode, StringASTNode } from 'vscode-json-languageservice';
import { asObject, findProperty, getPath, stringOffsetMapper, stringValue } from '../astUtil';
import { forEachRequestString, tokensOf, wholeTemplate } from '../placeholders';
import type { Rule, RuleContext } from '../types';
import { row } from '../ruleRow';

const DATE_LETTERS = new Set('yMdHhmsfFKzZTtg');
const FORMAT_KEYS = ['scheduleStartParamFormat', 'scheduleEndParamFormat', 'paramFormat'];

/** True when `format` looks like a .NET/Java date pattern (`yyyy-MM-ddTHH:mm:ssZ`); quoted literals are skipped. */
export function isDatePattern(format: string): boolean {
  let sawDateToken = false;
  let quoted = false;
  for (const c of format) {
    if (c === "'") { quoted = !quoted; continue; }
    if (quoted) continue;
    const isLetter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!isLetter) continue;
    if (!DATE_LETTERS.has(c)) return false;
    if (c === 'y' || c === 'M' || c === 'd' || c === 'H') sawDateToken = true;
  }
  return sawDateToken;
}

export const schedulingRule: Rule = {
  table: [
    row('SSDK301', 'error', '`{SCHEDULE_QUERY}` without ADVANCE scheduling', 'Set `scheduleParams.type` to `ADVANCE` with `incremental`/`backfill` queries, or remove `{SCHEDULE_QUERY}`.', 'sourceSpec'),
    row('SSDK302', 'error', 'ADVANCE scheduling without `incremental`', 'Add `incremental`, the query for new or changed records (use `{START_TIME}`/`{END_TIME}`).', 'sourceSpec'),
    row('SSDK303', 'warning', 'ADVANCE scheduling never used', 'Put `{SCHEDULE_QUERY}` in a query/header/body parameter where the query should go.', 'sourceSpec'),
    row('SSDK304', 'warning', '`{START_TIME}`/`{END_TIME}` outside a schedule query', 'Use these runtime values only inside `incremental` or `backfill`.', 'sourceSpec'),
    row('SSDK305', 'error', 'Schedule parameter names missing', 'Add `scheduleStartParamName` and `scheduleEndParamName` (or use ADVANCE scheduling).', 'sourceSpec'),
    row('SSDK306', 'warning', 'Not a date pattern', 'Use date tokens such as `yyyy-MM-ddTHH:mm:ssZ`.', 'sourceSpec'),
    row('SSDK307', 'info', 'ADVANCE scheduling without `backfill`/`paramFormat`', 'Add `backfill` (history query) and `paramFormat` (date format of the time values).', 'sourceSpec'),
    row('SSDK308', 'warning', 'Schedule field of the other form', 'Standard (`scheduleStartParamName`…) and ADVANCE (`incremental`, `backfill`, `paramFormat`) keys do not mix: remove the ignored one or switch the form.', 'sourceSpec'),
    row('SSDK309', 'info', 'Source without a time filter', 'Nothing limits a run to new data: each run reads everything the request returns (ADVANCE scheduling with no `{START_TIME}`/`{END_TIME}` and no `{SCHEDULE_QUERY}`). Add the source\'s date filter when it has one.', 'sourceSpec'),
  ],
  kinds: ['connectionSpec'],
  reads: ['sourceSpec.attributes'],
  run(ctx) {
    const schedule = asObject(getPath(ctx.root, ['sourceSpec', 'attributes', 'scheduleParams']));
    const typeNode = findProperty(schedule, 'type')?.valueNode;
    const isAdvance = stringValue(typeNode) === 'ADVANCE';
    let scheduleQueryUses = 0;
    forEachRequestString(ctx.root, (node) => {
      forEachRuntimeToken(ctx, node, (name, start, end) => {
        if (name === 'SCHEDULE_QUERY') {
          scheduleQueryUses++;
          if (!isAdvance) ctx.report({ code: 'SSDK301', start, end,
            message: '"{SCHEDULE_QUERY}" is only substituted with ADVANCE scheduling: set scheduleParams.type to "ADVANCE" with "incremental"/"backfill" queries, or remove it.' });
        } else {
          reportTimeOutsideQuery(ctx, name, start, end);
        }
      });
    });
    if (!schedule) return;
    for (const prop of schedule.properties) {
      const key = prop.keyNode.value;
      const value = prop.valueNode;
      if (value?.type !== 'string') continue;
      // Template text ("{DATE_FORMAT}") is reported once, as such (SSDK105), not also as a bad pattern.
      if (FORMAT_KEYS.includes(key) && !isDatePattern(value.value) && !wholeTemplate(value.value)) {
        ctx.report({ code: 'SSDK306', node: value,
          message: `"${key}" should be a date pattern built from tokens such as yyyy, MM, dd, HH, mm, ss, fff, K, Z (e.g. "yyyy-MM-ddTHH:mm:ssZ").` });
      }
      if (key !== 'incremental' && key !== 'backfill') {
        forEachRuntimeToken(ctx, value, (name, start, end) => {
          if (name !== 'SCHEDULE_QUERY') reportTimeOutsideQuery(ctx, name, start, end);
        });
      }
    }
    const anchor: ASTNode = typeNode ?? keyOf(schedule) ?? schedule;
    if (isAdvance || typeNode === undefined) reportOtherFormKeys(ctx, schedule, isAdvance);
    if (isAdvance) {
      if (!findProperty(schedule, 'incremental')) {
        ctx.report({ code: 'SSDK302', node: anchor,
          message: 'ADVANCE scheduling needs "incremental": add the query for new or changed records, using {START_TIME} and {END_TIME}.' });
      } else if (scheduleQueryUses === 0 && !hasTimeValues(schedule)) {
        // Nothing to substitute and nowhere to put it: the form a source without time filters takes on purpose.
        ctx.report({ code: 'SSDK309', node: anchor,
          message: 'No time filter: each run reads everything the request returns. Add the source\'s date filter here ("incremental" with {START_TIME}/{END_TIME}, and "{SCHEDULE_QUERY}" where it is sent) when it has one.' });
      } else if (scheduleQueryUses === 0) {
        ctx.report({ code: 'SSDK303', node: anchor,
          message: 'ADVANCE scheduling has no effect: put "{SCHEDULE_QUERY}" in a query, header or body parameter where the query should be sent.' });
      }
      const missing = ['backfill', 'paramFormat'].filter((key) => !findProperty(schedule, key));
      if (missing.length > 0) {
        ctx.report({ code: 'SSDK307', node: anchor,
          message: `ADVANCE scheduling normally also has ${missing.map((m) => `"${m}"`).join(' and ')}: add ${missing.length > 1 ? 'them' : 'it'}.` });
      }
    } else if (typeNode === undefined) {
      // A `type` other than ADVANCE (e.g. "advance") is the schema's enum finding with its did-you-mean; asking
      // for the standard form's parameter names on top of it would point the author the wrong way.
      const missing = ['scheduleStartParamName', 'scheduleEndParamName'].filter((key) => !findProperty(schedule, key));
      if (missing.length > 0) {
        ctx.report({ code: 'SSDK305', node: anchor,
          message: `scheduleParams needs ${missing.map((m) => `"${m}"`).join(' and ')}: the query parameter names that carry each run's start and end time.` });
      }
    }
  },
};

const STANDARD_KEYS = ['scheduleStartParamName', 'scheduleEndParamName', ...FORMAT_KEYS.filter((k) => k !== 'paramFormat')];
const ADVANCE_KEYS = ['incremental', 'backfill', 'paramFormat'];

/** The two forms share no keys; one of the other form is ignored, so the author's intent is not what runs. */
function reportOtherFormKeys(ctx: RuleContext, schedule: ObjectASTNode, isAdvance: boolean): void {
  for (const prop of schedule.properties) {
    const key = prop.keyNode.value;
    if (isAdvance && STANDARD_KEYS.includes(key)) {
      ctx.report({ code: 'SSDK308', node: prop.keyNode,
        message: `"${key}" belongs to standard scheduling and is ignored with "type": "ADVANCE": remove it (the time window goes into "incremental").` });
    } else if (!isAdvance && ADVANCE_KEYS.includes(key)) {
      ctx.report({ code: 'SSDK308', node: prop.keyNode,
        message: `"${key}" is used only with "type": "ADVANCE": add "type": "ADVANCE" (and "{SCHEDULE_QUERY}" where the query goes) or remove it.` });
    }
  }
}

/** True when `incremental` or `backfill` uses {START_TIME} or {END_TIME}: a time filter meant to be sent somewhere. */
function hasTimeValues(schedule: ObjectASTNode): boolean {
  return ['incremental', 'backfill'].some((key) => {
    const value = stringValue(findProperty(schedule, key)?.valueNode);
    return value !== undefined && (value.includes('{START_TIME}') || value.includes('{END_TIME}'));
  });
}

function keyOf(node: ASTNode): ASTNode | undefined {
  return node.parent?.type === 'property' ? node.parent.keyNode : undefined;
}

function forEachRuntimeToken(ctx: RuleContext, node: StringASTNode, visit: (name: string, start: number, end: number) => void): void {
  if (node.value.indexOf('{') < 0) return;
  const tokens = tokensOf(node);
  let toOffset: ((index: number) => number) | undefined;
  for (const token of tokens) {
    if (token.kind !== 'brace') continue;
    if (token.name !== 'SCHEDULE_QUERY' && token.name !== 'START_TIME' && token.name !== 'END_TIME') continue;
    toOffset ??= stringOffsetMapper(ctx.document, node);
    visit(token.name, toOffset(token.tokenStart), toOffset(token.tokenEnd));
  }
}

function reportTimeOutsideQuery(ctx: RuleContext, name: string, start: number, end: number): void {
  ctx.report({ code: 'SSDK304', start, end,
    message: `"{${name}}" is only substituted inside scheduleParams "incremental" or "backfill": move it into one of those queries.` });
}

/**
 * The rule table: every diagnostic code the engine can emit, with its severity, a title, what to do about it
 * and the Adobe documentation page the rule comes from (core/spec/adobeDocs.ts). Each row is written next to the
 * code that reports it (a document rule's `table`, a workspace rule's, the syntax/schema layer's); this
 * module only gathers them. docs/diagnostics.md is rendered from the result (a unit test fails when the file is out
 * of date). Codes are stable: never reuse one for a different meaning.
 */
import { ADOBE_DOCS } from '../spec/adobeDocs';
import { rowsByCode, type RuleDoc } from './ruleRow';
import { RULES } from './rules/index';
import { PASTED_RESPONSE_TABLE } from './pastedResponse';
import { WORKSPACE_RULES } from './rules/workspace/index';
import { SYNTAX_SCHEMA_TABLE } from './syntaxSchemaTable';

export { severityNumber, type RuleDoc } from './ruleRow';

/** Every code, in code order: SSDK001–014 and SSDK090–091 from the syntax/schema layer, the rest from rules. */
export const RULE_TABLE: readonly RuleDoc[] = [
  ...SYNTAX_SCHEMA_TABLE,
  ...PASTED_RESPONSE_TABLE,
  ...RULES.flatMap((rule) => rule.table),
  ...WORKSPACE_RULES.flatMap((rule) => rule.table),
].sort((a, b) => a.code.localeCompare(b.code));

const BY_CODE = rowsByCode(RULE_TABLE);

/** The table row for `code`, or undefined for an unknown code. */
export function ruleInfo(code: string): RuleDoc | undefined {
  return BY_CODE.get(code);
}

/** Renders docs/diagnostics.md from RULE_TABLE. A unit test keeps the committed file identical to this output. */
export function renderDiagnosticsTable(): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    '# Diagnostics',
    '',
    'Every diagnostic carries `source: sources-sdk` and one of these stable codes. The file is generated from',
    'the rows each rule declares next to its code (gathered by `core/analysis/codes.ts`, `renderDiagnosticsTable()`);',
    '`test/unit/rules/docs.test.ts` fails when it is out of date.',
    'The last column links the Adobe documentation page the rule comes from.',
    '',
    'How findings combine:',
    '',
    '- **No finding hides an error.** Where a semantic rule and the schema see the same problem, the rule\'s message',
    '  replaces the schema\'s only when it is about the same key or value at the same or a higher severity. A missing',
    '  required property stays an error on its object\'s key whatever else is reported inside that object.',
    '- **Template text keeps the schema\'s severity.** `{…}` text from the documentation\'s templates (any case, spaces',
    '  allowed) in a slot that only takes certain values (an enum, an object, a number) is the schema error, with the',
    '  allowed values as quick fixes; elsewhere it is SSDK105.',
    '- **The mistake where it is.** When the JSON does not parse, each mistake (a missing comma or colon, an unclosed',
    '  string, a stray character, a missing or extra bracket placed by the indentation) is one SSDK001 on its line, with',
    '  the repair as a quick fix when it is clear. The repaired text is analysed and its findings shown, except on the',
    '  lines a repair touches; without a clear repair only findings before the damage are shown. A document that parses',
    '  but has a missing and an extra bracket that balance (members in the wrong object) is one SSDK006 on the first',
    '  member that moved, when the indentation shows where the bracket belongs and moving it explains findings. See',
    '  [language-server.md](language-server.md#broken-json-the-mistake-where-it-is).',
    '- **One point, one finding.** A schema message and a rule message about the same key and cause become one (on the',
    '  key, not the whole object); template text is reported once (SSDK105), not also as a bad category or date format;',
    '  all server-managed fields are one SSDK518, and a pasted GET response is one SSDK525.',
    '- Unknown keys (SSDK011) are warnings: the Flow Service ignores them, but they are usually a misspelling.',
    '',
    '| Code | Severity | Meaning | What to do | Documentation |',
    '| --- | --- | --- | --- | --- |',
    ...RULE_TABLE.map((info) =>
      `| ${info.code} | ${info.severity} | ${escape(info.title)} | ${escape(info.action)} | ${info.docs ? `[${info.docs}](${ADOBE_DOCS[info.docs]})` : ''} |`),
    '',
  ];
  return lines.join('\n');
}

/**
 * Runs the semantic rules over one parse and converts their findings into LSP diagnostics.
 * Each rule is isolated: one that throws on an unexpected shape is skipped, never taking the others down, and the
 * exception goes to `onRuleError` so a rule bug shows up in the server log / CLI stderr instead of silently losing
 * that rule's findings.
 */
import type { ASTNode, Diagnostic, TextDocument } from 'vscode-json-languageservice';
import { ruleCodes, rowsByCode, severityNumber } from '../ruleRow';

export { ruleCodes } from '../ruleRow';
import { SYNTAX_SCHEMA_TABLE } from '../syntaxSchemaTable';
import { DIAGNOSTIC_SOURCE, type AnalysisContext, type Finding, type Rule, type RuleContext, type SpecKind } from '../types';
import { authRule } from './auth';
import { duplicateKeysRule } from './duplicateKeys';
import { embeddedSchemaRule } from './embeddedSchemas';
import { flowSpecRule } from './flowSpec';
import { guessesRule } from './guesses';
import { openObjectKeysRule } from './openObjectKeys';
import { optionSpecRule } from './optionSpec';
import { paginationRule } from './pagination';
import { permissionsRule } from './permissions';
import { placeholderRule } from './placeholders';
import { profileRule } from './profile';
import { schedulingRule } from './scheduling';
import { topLevelKeysRule } from './topLevelKeys';
import { requestShapeRule } from './requestShape';
import { uiAttributesRule } from './uiAttributes';

/** Every semantic rule, in reporting order. */
export const RULES: Rule[] = [
  duplicateKeysRule,
  topLevelKeysRule,
  openObjectKeysRule,
  placeholderRule,
  paginationRule,
  schedulingRule,
  authRule,
  requestShapeRule,
  profileRule,
  uiAttributesRule,
  permissionsRule,
  flowSpecRule,
  optionSpecRule,
  embeddedSchemaRule,
  guessesRule,
];

/** Severities come from the rules' own rows and the schema layer's (for the codes rules share with it). */
const ROWS = rowsByCode(SYNTAX_SCHEMA_TABLE, ...RULES.map((rule) => rule.table));

const TAG_NUMBERS = { unnecessary: 1, deprecated: 2 } as const;

/** Called with the index of the rule in {@link RULES}, its codes and what it threw. */
export type RuleErrorHandler = (failure: { rule: number; codes: readonly string[]; error: unknown }) => void;

/**
 * Runs every rule that applies to `kind` and returns the diagnostics (source `sources-sdk`). Never throws: a rule
 * that throws is reported to `onRuleError` (nothing is reported when it is omitted) and the others still run.
 */
export function runRules(document: TextDocument, root: ASTNode | undefined, kind: SpecKind,
  onRuleError?: RuleErrorHandler, context: AnalysisContext = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const ctx: RuleContext = {
    document,
    root,
    kind,
    remote: context.remote,
    guesses: context.guesses,
    report: (finding) => {
      const diagnostic = toDiagnostic(document, finding);
      if (diagnostic) diagnostics.push(diagnostic);
    },
  };
  RULES.forEach((rule, index) => {
    if (!rule.kinds.includes(kind)) return;
    try {
      rule.run(ctx);
    } catch (error) {
      // A rule meeting a shape it did not expect must not hide the other rules' findings.
      onRuleError?.({ rule: index, codes: ruleCodes(rule), error });
    }
  });
  return diagnostics;
}

function toDiagnostic(document: TextDocument, finding: Finding): Diagnostic | undefined {
  const info = ROWS.get(finding.code);
  const start = finding.start ?? finding.node?.offset;
  const end = finding.end ?? (finding.node ? finding.node.offset + finding.node.length : undefined);
  if (start === undefined || end === undefined) return undefined;
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(start), end: document.positionAt(end) },
    severity: severityNumber(finding.severity ?? info?.severity ?? 'warning'),
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.data) diagnostic.data = finding.data;
  if (finding.tags?.length) diagnostic.tags = finding.tags.map((tag) => TAG_NUMBERS[tag]);
  return diagnostic;
}

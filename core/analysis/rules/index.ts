/**
 * Runs the semantic rules over one parse and converts their findings into LSP diagnostics.
 * Each rule is isolated: one that throws on an unexpected shape is skipped, never taking the others down.
 */
import type { ASTNode, Diagnostic, TextDocument } from 'vscode-json-languageservice';
import { ruleInfo, severityNumber } from '../codes';
import { DIAGNOSTIC_SOURCE, type Finding, type Rule, type RuleContext, type SpecKind } from '../types';
import { authRule } from './auth';
import { duplicateKeysRule } from './duplicateKeys';
import { embeddedSchemaRule } from './embeddedSchemas';
import { flowSpecRule } from './flowSpec';
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
];

const TAG_NUMBERS = { unnecessary: 1, deprecated: 2 } as const;

/** Runs every rule that applies to `kind` and returns the diagnostics (source `sources-sdk`). Never throws. */
export function runRules(document: TextDocument, root: ASTNode | undefined, kind: SpecKind): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const ctx: RuleContext = {
    document,
    root,
    kind,
    report: (finding) => {
      const diagnostic = toDiagnostic(document, finding);
      if (diagnostic) diagnostics.push(diagnostic);
    },
  };
  for (const rule of RULES) {
    if (!rule.kinds.includes(kind)) continue;
    try {
      rule.run(ctx);
    } catch {
      // A rule meeting a shape it did not expect must not hide the other rules' findings.
    }
  }
  return diagnostics;
}

function toDiagnostic(document: TextDocument, finding: Finding): Diagnostic | undefined {
  const info = ruleInfo(finding.code);
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

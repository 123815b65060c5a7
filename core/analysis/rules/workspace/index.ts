/**
 * The workspace rules: checks over a workspace snapshot (core/workspace/snapshot.ts) rather than one parse — the
 * artifacts folders' files and icon, and the checks across spec files (registration in a flow spec, one name per
 * connection spec). The language server runs them on the snapshots it keeps (server/workspaceIndex.ts,
 * server/artifactsService.ts), `sources-sdk validate` on the one it scans from disk; both get the same findings.
 */
import type { Diagnostic } from 'vscode-json-languageservice';
import { artifactPath, relevantFiles } from '../../../artifacts/folder';
import { inWorkspace, type WorkspaceSnapshot } from '../../../workspace/snapshot';
import { ruleCodes, rowsByCode, severityNumber } from '../../ruleRow';
import { DIAGNOSTIC_SOURCE, type WorkspaceFinding, type WorkspaceRule } from '../../types';
import { artifactsFolderRule } from '../artifacts/folder';
import { artifactIconRule } from '../artifacts/icon';
import { registrationRule } from './registration';
import { specNamesRule } from './specNames';

/** Every workspace rule, in reporting order. */
export const WORKSPACE_RULES: WorkspaceRule[] = [artifactsFolderRule, artifactIconRule, registrationRule, specNamesRule];

const ROWS = rowsByCode(...WORKSPACE_RULES.map((rule) => rule.table));

/** Called with the index of the rule in {@link WORKSPACE_RULES}, its codes and what it threw. */
export type WorkspaceRuleErrorHandler = (failure: { rule: number; codes: readonly string[]; error: unknown }) => void;

/**
 * Runs every workspace rule over `snapshot`. The answer has an entry for every file the snapshot covers (the specs
 * inside the workspace folders, the artifact files), empty when it has no finding, so a caller can clear files whose
 * findings went away. Never throws: a rule that throws goes to `onRuleError` and the others still run.
 */
export function checkWorkspace(snapshot: WorkspaceSnapshot, onRuleError?: WorkspaceRuleErrorHandler): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const spec of snapshot.specs) if (inWorkspace(snapshot, spec.path)) out.set(spec.path, []);
  for (const folder of snapshot.artifactsFolders) for (const file of relevantFiles(folder)) out.set(artifactPath(folder.path, file.name), []);
  const report = (finding: WorkspaceFinding) => {
    const list = out.get(finding.path) ?? [];
    list.push(toDiagnostic(finding));
    out.set(finding.path, list);
  };
  WORKSPACE_RULES.forEach((rule, index) => {
    try {
      rule.run({ snapshot, report });
    } catch (error) {
      onRuleError?.({ rule: index, codes: ruleCodes(rule), error });
    }
  });
  return out;
}

function toDiagnostic(finding: WorkspaceFinding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    severity: severityNumber(finding.severity ?? ROWS.get(finding.code)?.severity ?? 'warning'),
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.data) diagnostic.data = finding.data;
  return diagnostic;
}

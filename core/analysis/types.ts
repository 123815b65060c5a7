/**
 * Shared types of the spec analysis engine. Pure: no `vscode` import; LSP data types come from
 * vscode-json-languageservice (which re-exports vscode-languageserver-types) so the server can pass them through.
 */
import type { AdobeDocPage } from '../spec/adobeDocs';
import type { RuleDoc } from './ruleRow';
import type { SpecGuess } from '../spec/guessFile';
import type { WorkspaceSnapshot } from '../workspace/snapshot';
import type { ASTNode, Diagnostic, Range, TextDocument } from 'vscode-json-languageservice';

/** The two kinds of file the engine understands (defined by the kind table, core/spec/kinds.ts). */
import type { SpecKind } from '../spec/kinds';
export type { SpecKind };

/** Severity names used in the rule table, docs and the CLI. */
export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

/** Every diagnostic the engine emits carries this `source`. */
export const DIAGNOSTIC_SOURCE = 'sources-sdk';

/** One row of the rule table (written next to its rule, gathered by `core/analysis/codes.ts`, rendered into docs/diagnostics.md). */
export interface RuleInfo {
  /** Stable code, e.g. `SSDK101`. Never reused for a different meaning. */
  code: string;
  severity: SeverityName;
  /** Short title for docs and the CLI's SARIF rules. */
  title: string;
  /** The Adobe documentation page the rule comes from (core/spec/adobeDocs.ts). */
  docs?: AdobeDocPage;
}

/** Extra payload a diagnostic can carry for its quick fix (serialised into `Diagnostic.data`). */
export interface FixData {
  /** Replacement candidates for a misspelt key or value, best first. */
  candidates?: string[];
  /** Free-form extra facts a fix needs (e.g. the placeholder name, pagination type). */
  [key: string]: unknown;
}

/**
 * Facts from outside the document that a caller may know (never fetched by the engine: the language server and the
 * CLI do not call the Flow Service to analyse a file). Absent facts make the rules say less, never guess.
 */
export interface AnalysisContext {
  /** The remote copy of this flow spec (linked or cached): its `sourceConnectionSpecIds`, to catch ids a PUT would drop. */
  remote?: { sourceConnectionSpecIds?: readonly string[] };
  /** What a generator guessed in this file (its guesses file, core/spec/guessFile.ts): each still-unchanged guess is an SSDK530. */
  guesses?: readonly SpecGuess[];
}

/** What a rule gets to look at. One parse, shared by every rule and by the schema validation. */
export interface RuleContext {
  readonly document: TextDocument;
  /** What the caller knows about the remote copy, if anything. */
  readonly remote?: AnalysisContext['remote'];
  /** The guesses of the file's guesses file, if the caller read one. */
  readonly guesses?: AnalysisContext['guesses'];
  /** Root of the parsed JSON (vscode-json-languageservice AST); undefined for an empty document. */
  readonly root: ASTNode | undefined;
  readonly kind: SpecKind;
  /** Report a finding on a node (its whole extent) or on an explicit offset range. */
  report(finding: Finding): void;
}

export interface Finding {
  code: string;
  message: string;
  /** Node to underline; use `start`/`end` offsets instead for part of a string (e.g. one placeholder). */
  node?: ASTNode;
  start?: number;
  end?: number;
  /** Overrides the rule table's severity (rarely needed). */
  severity?: SeverityName;
  data?: FixData;
  /** Marks the range as unused (faded) or deprecated (struck through). */
  tags?: Array<'unnecessary' | 'deprecated'>;
}

/** A semantic check beyond JSON Schema. Rules are pure functions of the parse. */
export interface Rule {
  /** The rule-table rows this rule owns (core/analysis/ruleRow.ts `row()`): gathered into docs/diagnostics.md. */
  readonly table: readonly RuleDoc[];
  /** Codes of rows owned elsewhere that this rule also reports (e.g. SSDK011, owned by the schema layer). */
  readonly alsoReports?: readonly string[];
  /** Which spec kinds it applies to. */
  readonly kinds: readonly SpecKind[];
  /**
   * Where the rule reads string values: dotted key paths from the top (array items are not named, so
   * `authSpec.spec` is the `spec` of every authSpec entry), for every kind it applies to. After a letter typed in one
   * string outside these paths the rule's last findings are kept, moved (core/analysis/ruleResults.ts). Omitted: it
   * may read any value and runs after every edit. `[]`: it reads keys and the tree's shape only. Keys, numbers,
   * booleans and the shape may be read anywhere. test/unit/ruleReads.test.ts checks each list against what the rule
   * reads on every fixture.
   */
  readonly reads?: readonly string[];
  run(ctx: RuleContext): void;
}

/** A finding of a workspace rule: on any file of the snapshot (a spec, an artifact file), at a range of it. */
export interface WorkspaceFinding {
  /** Absolute path of the file the finding is on. */
  path: string;
  code: string;
  message: string;
  /** Where in the file; its first character when omitted. */
  range?: Range;
  /** Overrides the rule table's severity (rarely needed). */
  severity?: SeverityName;
  data?: FixData;
}

/** What a workspace rule gets to look at: the snapshot (core/workspace/snapshot.ts), and where to report. */
export interface WorkspaceRuleContext {
  readonly snapshot: WorkspaceSnapshot;
  report(finding: WorkspaceFinding): void;
}

/**
 * A check that needs more than one spec file, or files that are not specs (the artifacts folder): the same shape as
 * {@link Rule}, over a workspace snapshot instead of one parse. The language server and `sources-sdk validate` run
 * them through core/analysis/rules/workspace/index.ts on the snapshots they build.
 */
export interface WorkspaceRule {
  /** The rule-table rows this rule owns (gathered into docs/diagnostics.md). */
  readonly table: readonly RuleDoc[];
  /** Codes of rows owned elsewhere that this rule also reports. */
  readonly alsoReports?: readonly string[];
  run(ctx: WorkspaceRuleContext): void;
}

export type { ASTNode, Diagnostic, Range, TextDocument };

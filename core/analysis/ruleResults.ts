/**
 * The semantic rules run again only where an edit can change what they find. After a letter typed in (or removed
 * from) one string value (treeEdit.ts) nothing else in the tree changed, so a rule that does not read that string
 * (its `reads`, core/analysis/types.ts, do not cover the string's place) would find exactly what it found before:
 * its last findings are kept, moved by the edit's length. The rules that do read it run again. Any other edit runs
 * every rule.
 *
 * test/unit/memberValidation.test.ts compares the results with a full analysis on random edits;
 * test/unit/ruleReads.test.ts checks each rule's `reads` against the strings it reads on every fixture.
 */
import type { ASTNode, Diagnostic, StringASTNode, TextDocument } from 'vscode-json-languageservice';
import { RULES, runEachRule, type RuleErrorHandler } from './rules/index';
import type { ChangedRegion, EditFrom } from './textEdit';
import { movedDiagnostic, type PlacedDiagnostic } from './treeEdit';
import type { AnalysisContext, Rule, SpecKind } from './types';

/** A rule's finding with its offsets in the text it was found in. */
type Kept = PlacedDiagnostic;

/** The last run of the rules over a document: its text, what the caller knew (`key`) and each rule's findings. */
interface LastRun {
  text: string;
  key: string;
  perRule: Kept[][];
}

export class RuleResults {
  private readonly last = new Map<string, LastRun>();

  /** Runs of the rules that apply, and of those skipped (findings kept), since creation (for tests and the benchmark). */
  readonly counts = { ran: 0, kept: 0 };

  /** `keep`: how many documents' last runs are remembered (the oldest is forgotten first). */
  constructor(private readonly keep = 64) {}

  /**
   * The rules' diagnostics for `document` (parsed as `root`), in rule order. `key` stands for the kind and what the
   * caller knew (its context); `edit` and `editedString` say how the text differs from the last one analysed
   * (treeEdit.ts), when only one string value changed.
   */
  run(document: TextDocument, root: ASTNode | undefined, kind: SpecKind, onRuleError: RuleErrorHandler | undefined,
    context: AnalysisContext, key: string, edit?: EditFrom, editedString?: StringASTNode): Diagnostic[] {
    const previous = this.last.get(document.uri);
    this.last.delete(document.uri);
    // (The rule list is the same too: tests may add a rule of their own.)
    const stillHolds = previous && edit && editedString && previous.key === key && previous.text === edit.before && previous.perRule.length === RULES.length;
    const place = stillHolds ? keyPath(editedString) : undefined;
    const found = runEachRule(document, root, kind, onRuleError, context, place === undefined ? undefined : (rule) => reads(rule, place));
    const perRule = found.map((diagnostics, index): Kept[] => {
      if (diagnostics) {
        if (RULES[index].kinds.includes(kind)) this.counts.ran++;
        return diagnostics.map((diagnostic) => ({ start: document.offsetAt(diagnostic.range.start), end: document.offsetAt(diagnostic.range.end), diagnostic }));
      }
      this.counts.kept++;
      return previous!.perRule[index].map((item) => movedDiagnostic(document, item, edit!.region));
    });
    this.remember(document.uri, { text: document.getText(), key, perRule });
    // Copies: the caller may change what it gets (mergeDiagnostics carries the schema's candidates over to a rule's
    // finding), and a kept finding must stay as its rule reported it.
    return perRule.flatMap((items) => items.map((item) => ({ ...item.diagnostic })));
  }

  /** The document changed by white space between tokens only (treeEdit.ts): every rule's findings just move. */
  moved(document: TextDocument, before: string, region: ChangedRegion): void {
    const last = this.last.get(document.uri);
    if (!last || last.text !== before) return;
    const perRule = last.perRule.map((items) => items.map((item) => movedDiagnostic(document, item, region)));
    this.remember(document.uri, { ...last, text: document.getText(), perRule });
  }

  /** Forgets a document (on close). */
  forget(uri: string): void {
    this.last.delete(uri);
  }

  private remember(uri: string, run: LastRun): void {
    this.last.delete(uri);
    this.last.set(uri, run);
    if (this.last.size > this.keep) this.last.delete(this.last.keys().next().value as string);
  }
}

/** Whether a string at dotted key path `place` is one `rule` reads (see `Rule.reads`). */
function reads(rule: Rule, place: string): boolean {
  if (rule.reads === undefined) return true;
  return rule.reads.some((path) => place === path || place.startsWith(`${path}.`));
}

/** The keys from the top down to `node`, dotted; array items are not named (`authSpec.spec.properties.host.type`). */
export function keyPath(node: ASTNode): string {
  const keys: string[] = [];
  for (let at: ASTNode | undefined = node; at; at = at.parent) if (at.type === 'property') keys.push(at.keyNode.value);
  return keys.reverse().join('.');
}

/**
 * When a document parses but its schema findings come from a mis-nesting (a missing and an extra closer that
 * balance, recovery/misnested.ts): one SSDK006 on the first member that sits in the wrong object, with the fix that
 * moves the closer, instead of "not allowed here" and "missing property" for every member that moved.
 * The repair is only believed when it explains findings: the repaired document must have fewer problems (errors and
 * warnings) and no more schema findings ("missing property", "not allowed here"). A person's own odd indentation
 * around a correctly nested member makes things worse when "repaired", so it is left alone; a document without
 * problems is not looked at.
 */
import type { Diagnostic } from 'vscode-json-languageservice';
import { findMisnesting, type Misnesting } from './recovery/misnested';
import type { Recovery } from './recovery/recover';

/** Above this size the check is skipped: it re-reads the text a few times, and per keystroke that adds up. */
export const MISNESTING_MAX_CHARS = 128 * 1024;

/** The findings a member in the wrong object draws: schema violations (missing property) and unknown keys. */
const STRUCTURE_CODES = new Set(['SSDK010', 'SSDK011']);

const structural = (list: readonly Diagnostic[]) => list.filter((d) => typeof d.code === 'string' && STRUCTURE_CODES.has(d.code)).length;
const problems = (list: readonly Diagnostic[]) => list.filter((d) => (d.severity ?? 1) <= 2).length;

/** The mis-nesting behind `findings` of a parsed `text`, as a recovery to analyse, if there is a clear one. */
export function misnestingRecovery(text: string, findings: readonly Diagnostic[]): Recovery | undefined {
  if (text.length > MISNESTING_MAX_CHARS || problems(findings) === 0) return undefined;
  const found = findMisnesting(text);
  return found && toRecovery(found);
}

/** True when the repaired document's findings (`repaired`) are better than the original's: see the module comment. */
export function explainsFindings(original: readonly Diagnostic[], repaired: readonly Diagnostic[]): boolean {
  return structural(repaired) <= structural(original) && problems(repaired) < problems(original);
}

const quoted = (name: string | undefined) => (name === undefined ? 'the top level' : `"${name}"`);

function toRecovery(found: Misnesting): Recovery {
  const insertion = found.edits.find((e) => e.newText.length > 0);
  const removal = found.edits.find((e) => e.newText.length === 0);
  const closer = insertion?.newText.trim() ?? '}';
  const missing = found.missingLine + 1;
  const extra = found.extraLine + 1;
  const where = missing < extra
    ? `a "${closer}" is missing before it (line ${missing}) and the one at line ${extra} is extra`
    : `the "${closer}" at line ${extra} closes ${quoted(found.belongsTo)} too early (one is missing at line ${missing})`;
  const message = `"${found.moved.key}" is indented as part of ${quoted(found.belongsTo)} but sits in ${quoted(found.sitsIn)}: ${where}. `
    + `Move the "${closer}" (quick fix); until then the findings it causes are not shown.`;
  return {
    mistakes: [{
      kind: 'misnested', code: 'SSDK006',
      edit: removal ?? found.edits[0], fixEdits: found.edits,
      at: found.moved, message, fix: `Move the "${closer}" so "${found.moved.key}" is in ${quoted(found.belongsTo)}`,
    }],
    edits: found.edits,
    repaired: found.repaired,
    scanned: 0,
  };
}

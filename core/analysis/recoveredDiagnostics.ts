/**
 * Findings for a document that does not parse. With a confident repair (recovery/recover.ts) the repaired text is
 * analysed as a whole and its findings are mapped back, minus those on the lines a repair touched; each mistake is
 * one SSDK001 where the mistake is, with the repair as its quick fix when the repair is clear. Without one, the
 * mistakes found so far and the first error no repair explains are reported, and of the other findings only those
 * before the damage that are not about a container holding it (they could be knock-ons of the damage).
 */
import type { ASTNode, Diagnostic, JSONDocument, TextDocument, TextEdit } from 'vscode-json-languageservice';
import { codedDiagnostic } from './schemaDiagnostics';
import { toOriginal, type Recovery } from './recovery/recover';

/** What an SSDK001 carries for its quick fix. */
export interface SyntaxRepairData {
  repair: { title: string; edits: TextEdit[] };
}

/** Codes of the syntax layer a repaired analysis has no business reporting again. */
const SYNTAX = 'SSDK001';

/** SSDK001 per mistake, with the quick fix when the repair is clear. */
function mistakeDiagnostics(document: TextDocument, recovery: Recovery): Diagnostic[] {
  return recovery.mistakes.map((mistake) => {
    const data: SyntaxRepairData | undefined = mistake.fix ? {
      repair: {
        title: mistake.fix,
        edits: (mistake.fixEdits ?? [mistake.edit]).map((edit) => ({
          range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.newText,
        })),
      },
    } : undefined;
    return codedDiagnostic(document, mistake.at.start, mistake.at.end, mistake.code ?? SYNTAX, mistake.message, data as Record<string, unknown> | undefined);
  });
}

/** The lines each repair touched (and where each mistake is reported), as offset ranges of the original. */
function damagedRegions(document: TextDocument, recovery: Recovery): Array<[number, number]> {
  const lines = (start: number, end: number): [number, number] => {
    const first = document.positionAt(start).line;
    const last = document.positionAt(end).line;
    return [document.offsetAt({ line: first, character: 0 }), document.offsetAt({ line: last + 1, character: 0 }) - 1];
  };
  return recovery.mistakes.flatMap((mistake) => (mistake.fixEdits
    // A moved closer: the lines of each edit and of the report, not everything between them.
    ? [...mistake.fixEdits.map((edit) => lines(edit.start, edit.end)), lines(mistake.at.start, mistake.at.end)]
    : [lines(Math.min(mistake.edit.start, mistake.at.start), Math.max(mistake.edit.end, mistake.at.end))]));
}

/**
 * The findings of a confidently repaired document, in the original's positions: `repaired` are the findings of the
 * repaired text (`repairedDocument`).
 */
export function mapRepairedFindings(document: TextDocument, recovery: Recovery, repairedDocument: TextDocument,
  repaired: Diagnostic[]): Diagnostic[] {
  const regions = damagedRegions(document, recovery);
  const out = mistakeDiagnostics(document, recovery);
  for (const diagnostic of repaired) {
    if (diagnostic.code === SYNTAX || diagnostic.code === 'SSDK091') continue;
    const start = toOriginal(recovery.edits, repairedDocument.offsetAt(diagnostic.range.start));
    const end = Math.max(start, toOriginal(recovery.edits, repairedDocument.offsetAt(diagnostic.range.end)));
    if (regions.some(([from, to]) => start <= to && end >= from)) continue; // inside the damage: withheld
    out.push({ ...diagnostic, range: { start: document.positionAt(start), end: document.positionAt(end) } });
  }
  return out;
}

/**
 * Without a confident repair: the mistakes found, one SSDK001 at the first error they do not explain (the parser's
 * own message from `original`), and of `original`'s other findings only those entirely before the damage that are
 * not about a container around it.
 */
export function unrepairedFindings(document: TextDocument, json: JSONDocument, recovery: Recovery, original: Diagnostic[]): Diagnostic[] {
  const out = mistakeDiagnostics(document, recovery);
  // Without a located error (the search gave up), the parser's first error marks where the damage starts.
  const firstSyntax = original.find((d) => d.code === SYNTAX);
  const unresolved = recovery.unresolved?.offset ?? (firstSyntax ? document.offsetAt(firstSyntax.range.start) : document.getText().length);
  const damage = Math.min(unresolved, ...recovery.mistakes.map((m) => Math.min(m.edit.start, m.at.start)));
  const aroundDamage = containerOffsets(json.getNodeFromOffset(damage, true));
  let reportedUnresolved = false;
  for (const diagnostic of original) {
    const start = document.offsetAt(diagnostic.range.start);
    if (diagnostic.code === SYNTAX) {
      // The first error no repair explains, and later errors the parser met after reading on (first of each line).
      if (start >= unresolved && !reportedUnresolved) {
        out.push(diagnostic);
        reportedUnresolved = true;
      }
      continue;
    }
    const end = document.offsetAt(diagnostic.range.end);
    if (end < damage && !aroundDamage.has(start)) out.push(diagnostic);
  }
  if (!reportedUnresolved && recovery.unresolved) {
    out.push(codedDiagnostic(document, unresolved, unresolved + Math.max(1, recovery.unresolved.length), SYNTAX,
      'Invalid JSON here: fix the syntax (nothing after this point is checked until it parses).'));
  }
  return out;
}

/** Offsets where findings about the containers around `node` are reported (their starts and their keys). */
function containerOffsets(node: ASTNode | undefined): Set<number> {
  const offsets = new Set<number>();
  for (let current = node; current; current = current.parent) {
    offsets.add(current.offset);
    if (current.type === 'property') offsets.add(current.keyNode.offset);
  }
  return offsets;
}

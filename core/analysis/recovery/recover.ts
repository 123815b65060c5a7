/**
 * Finds the mistakes behind a document's JSON syntax errors the way a person would, one at a time: at the first
 * error, try each candidate repair (candidates.ts), keep the one after which the text reads on furthest while the
 * indentation still agrees with the nesting near the repair, and only when no other kind of repair does as well.
 * Then the next error, up to a few mistakes and a bounded amount of scanning, so a badly broken or huge file costs
 * little. Only called for text that does not parse: valid JSON never gets here.
 */
import { candidatesFor, tokenRepair, type Candidate, type Edit, type MistakeKind } from './candidates';
import { Lines, walk } from './walk';

export type { Edit, MistakeKind } from './candidates';

/** One mistake found, in the coordinates of the original text. */
export interface Mistake {
  kind: MistakeKind;
  /** The repair (also the quick fix when `fix` is set). */
  edit: Edit;
  /** Where the mistake is reported. */
  at: { start: number; end: number };
  message: string;
  fix?: string;
  /** The code reported (SSDK001 unless set: SSDK006 for a mis-nesting in a document that parses). */
  code?: string;
  /** Every edit of the fix when it takes more than `edit` (moving a closer: insert one, remove another). */
  fixEdits?: Edit[];
}

export interface Recovery {
  mistakes: Mistake[];
  /** Every repair, sorted, in the original's coordinates. */
  edits: Edit[];
  /** The repaired text, when every syntax error was repaired with confidence. */
  repaired?: string;
  /** The first error no confident repair was found for (original coordinates). */
  unresolved?: { offset: number; length: number };
  /** Characters scanned: the work done (the budget bounds it). */
  scanned: number;
}

/** Most mistakes repaired in one document: past that it is a draft, not a slip. */
const MAX_MISTAKES = 8;
/**
 * Most characters read while searching (each candidate re-reads the text: line starts, then up to its next error;
 * asking jsonrepair reads it twice more). About 90 candidate reads of the 6 KB example spec; a 1 MB file gets two.
 */
const SCAN_BUDGET = 2_000_000;
/** A disagreement of indentation this many lines after a repair still counts against it. */
const NEAR_LINES = 3;

/** How much a kind of repair is trusted when two read on equally well (lower first). */
const RANK: Record<MistakeKind, number> = {
  comma: 1, colon: 1, closeString: 1, stray: 1, extraCloser: 1, missingCloser: 1, wrapper: 1, token: 2, unfinished: 3,
  misnested: 1,
};

interface Scored {
  candidate: Candidate;
  result: string;
  /** [indentation disagrees near the repair, an error remains, rank, edit length]. */
  score: [number, number, number, number];
}

/**
 * Repairs `text` mistake by mistake; see the module comment. Text nested too deeply for the parser's recursion (the
 * engine allows up to 1,000 levels) gets no repair: the caller reports the parser's own error.
 */
export function recoverSyntax(text: string): Recovery {
  try {
    return search(text);
  } catch (error) {
    if (error instanceof RangeError) return { mistakes: [], edits: [], scanned: 0 };
    throw error;
  }
}

function search(text: string): Recovery {
  const mistakes: Mistake[] = [];
  const edits: Edit[] = [];
  let work = text;
  let scanned = 0;
  for (let round = 0; round <= MAX_MISTAKES; round++) {
    const lines = new Lines(work);
    const walked = walk(work, lines);
    scanned += walked.scanned;
    const error = walked.error;
    if (!error) return { mistakes, edits, repaired: work, scanned };
    const unresolved = () => ({ mistakes, edits, unresolved: { offset: toOriginal(edits, error.offset), length: error.length }, scanned });
    if (round === MAX_MISTAKES) return unresolved();
    const scored: Scored[] = [];
    const tryCandidate = (candidate: Candidate) => {
      const { edit } = candidate;
      const result = work.slice(0, edit.start) + edit.newText + work.slice(edit.end);
      const resultLines = new Lines(result);
      const after = walk(result, resultLines);
      scanned += after.scanned + result.length;
      const shift = edit.newText.length - (edit.end - edit.start);
      const insertedEnd = edit.start + edit.newText.length;
      const nextError = after.error ? (after.error.offset >= insertedEnd ? after.error.offset - shift : edit.start) : Infinity;
      if (nextError <= error.offset) return; // did not get past the error
      const mismatch = after.mismatch;
      const near = mismatch !== undefined && (mismatch.offset < edit.start
        || resultLines.lineOf(mismatch.offset) <= resultLines.lineOf(insertedEnd) + NEAR_LINES);
      scored.push({ candidate, result, score: [near ? 1 : 0, after.error ? 1 : 0, RANK[candidate.kind], edit.end - edit.start + edit.newText.length] });
    };
    for (const candidate of candidatesFor(work, lines, walked)) {
      if (scanned > SCAN_BUDGET) return unresolved();
      tryCandidate(candidate);
    }
    let best = pickBest(scored);
    if (!best || best.score[1] !== 0) {
      // Only when our own repairs do not read on cleanly: jsonrepair re-reads the whole text.
      const token = scanned + 2 * work.length <= SCAN_BUDGET ? tokenRepair(work, lines, error.offset) : undefined;
      scanned += 2 * work.length;
      if (token) tryCandidate(token);
      best = pickBest(scored);
    }
    if (!best) return unresolved();
    const mapped = mapEdit(edits, best.candidate.edit);
    if (!mapped) return unresolved();
    mistakes.push({
      kind: best.candidate.kind, edit: mapped,
      at: { start: toOriginal(edits, best.candidate.at.start), end: toOriginal(edits, best.candidate.at.end) },
      message: best.candidate.message, fix: best.candidate.fix,
    });
    insertSorted(edits, mapped);
    work = best.result;
  }
  return { mistakes, edits, scanned };
}

/** The best-scored repair, or none when it breaks the indentation or another kind of repair does exactly as well. */
function pickBest(scored: Scored[]): Scored | undefined {
  if (scored.length === 0) return undefined;
  const order = (a: Scored, b: Scored) => a.score[0] - b.score[0] || a.score[1] - b.score[1] || a.score[2] - b.score[2] || a.score[3] - b.score[3];
  const sorted = [...scored].sort(order);
  const best = sorted[0];
  if (best.score[0] !== 0) return undefined;
  const rival = sorted.find((s) => s !== best && s.candidate.kind !== best.candidate.kind
    && s.score[0] === best.score[0] && s.score[1] === best.score[1] && s.score[2] === best.score[2] && s.result !== best.result);
  return rival ? undefined : best;
}

/**
 * Maps an offset of the repaired text (the original with `edits` applied) back to the original. An offset inside
 * inserted text maps to where the insertion was made.
 */
export function toOriginal(edits: readonly Edit[], offset: number): number {
  let shift = 0;
  for (const edit of edits) {
    const start = edit.start + shift;
    if (offset < start) break;
    const end = start + edit.newText.length;
    if (offset <= end && edit.newText.length > 0) return offset === end ? edit.end : edit.start;
    shift += edit.newText.length - (edit.end - edit.start);
  }
  return offset - shift;
}

/** `edit` (on the repaired-so-far text) in original coordinates, unless it touches text an earlier repair inserted. */
function mapEdit(edits: readonly Edit[], edit: Edit): Edit | undefined {
  let shift = 0;
  for (const earlier of edits) {
    const start = earlier.start + shift;
    const end = start + earlier.newText.length;
    if (edit.end <= start) break;
    if (edit.start < end && edit.end > start && earlier.newText.length > 0) return undefined;
    shift += earlier.newText.length - (earlier.end - earlier.start);
  }
  return { start: toOriginal(edits, edit.start), end: toOriginal(edits, edit.end), newText: edit.newText };
}

function insertSorted(edits: Edit[], edit: Edit): void {
  let index = edits.findIndex((e) => e.start > edit.start);
  if (index < 0) index = edits.length;
  edits.splice(index, 0, edit);
}

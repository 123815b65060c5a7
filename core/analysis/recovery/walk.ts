/**
 * One pass over JSON text with jsonc-parser's visitor, up to the first syntax error, comparing the nesting the parser
 * computes with the indentation the person typed. In a document indented the way editors indent it, a container's
 * members share one indentation deeper than the line that opens it, and its closing bracket sits at that line's
 * indentation. The first line that disagrees points at a structural mistake (a missing or an extra bracket) even
 * when the parser only stumbles much later, or not at all until the end of the file.
 */
import { ParseErrorCode, visit } from 'jsonc-parser';
import { LineIndex } from '../../artifacts/textPositions';

/** An open object or array while walking. */
export interface Frame {
  close: '}' | ']';
  /** Offset of the opening bracket. */
  openOffset: number;
  /** Indentation of the line the opening bracket is on. */
  openIndent: number;
  /** Indentation of the container's members (the first member placed on a line of its own decides). */
  memberIndent?: number;
  /** The property this container is the value of, if any. */
  key?: string;
}

/** A closing bracket seen before the first error. */
export interface CloserSeen {
  offset: number;
  char: '}' | ']';
  /** The property whose value it closes (undefined for the root or an array element). */
  key?: string;
  /** True when the container it closes is the top-level one. */
  root: boolean;
}

/** Where the indentation first disagrees with the nesting. */
export interface Mismatch {
  offset: number;
  /** `outer`: the line is indented as if containers had been closed before it (a closer is missing); `inner`: as if
   * it were still inside a container that was closed (an extra closer, or a closer in the wrong place). */
  kind: 'outer' | 'inner';
  /** The open containers at that point (outermost first). */
  stack: Frame[];
  indent: number;
  /** True when the line starts with a closing bracket. */
  closer: boolean;
  /** End of the last token before the disagreeing line's first token. */
  before: number;
}

export interface SyntaxError_ {
  code: ParseErrorCode;
  offset: number;
  length: number;
  /** Open containers at the error (outermost first). */
  stack: Frame[];
}

export interface WalkResult {
  error?: SyntaxError_;
  mismatch?: Mismatch;
  /** Start and end offsets of the last token read before the error (or the end). */
  lastTokenStart: number;
  lastTokenEnd: number;
  /** True when that token is a property key. */
  lastWasKey: boolean;
  closers: CloserSeen[];
  /** Characters the walk read (for the recovery's work budget). */
  scanned: number;
}

const STOP = Symbol('stop');

/** The text's lines (the one line table, `LineIndex`) plus the indentation of each, computed once per text. */
export class Lines extends LineIndex {
  indentOf(line: number): number {
    let i = this.starts[line];
    while (i < this.text.length && (this.text[i] === ' ' || this.text[i] === '\t')) i++;
    return i - this.starts[line];
  }
}

/** Walks `text` up to its first syntax error (comments and trailing commas are not errors here). */
export function walk(text: string, lines = new Lines(text)): WalkResult {
  const stack: Frame[] = [];
  const closers: CloserSeen[] = [];
  let pendingKey: string | undefined;
  let lastTokenStart = 0;
  let lastTokenEnd = 0;
  let lastWasKey = false;
  const token = (start: number, end: number, key = false) => { lastTokenStart = start; lastTokenEnd = end; lastWasKey = key; };
  let mismatch: Mismatch | undefined;
  let error: SyntaxError_ | undefined;
  let scanned = 0;

  /** True when the token at (line, character) is the first thing on its line. */
  const lineFirst = (line: number, character: number) => lines.indentOf(line) === character;
  const disagree = (offset: number, kind: Mismatch['kind'], indent: number, closer = false) => {
    mismatch ??= { offset, kind, stack: stack.map((f) => ({ ...f })), indent, closer, before: lastTokenEnd };
  };
  const member = (offset: number, line: number, character: number) => {
    const frame = stack[stack.length - 1];
    if (!frame || !lineFirst(line, character)) return;
    if (frame.memberIndent === undefined) {
      if (character > frame.openIndent) frame.memberIndent = character;
      else disagree(offset, 'outer', character);
    } else if (character < frame.memberIndent) disagree(offset, 'outer', character);
    else if (character > frame.memberIndent) disagree(offset, 'inner', character);
  };
  const open = (close: Frame['close'], offset: number, line: number, character: number) => {
    if (pendingKey === undefined) member(offset, line, character);
    stack.push({ close, openOffset: offset, openIndent: lines.indentOf(line), key: pendingKey });
    pendingKey = undefined;
    token(offset, offset + 1);
  };
  const closeFrame = (offset: number, length: number, line: number, character: number) => {
    const frame = stack[stack.length - 1];
    // The visitor also ends a container whose closer is missing (length 0, just before reporting the error).
    if (!frame || length === 0) return;
    if (lineFirst(line, character)) {
      if (character > frame.openIndent) disagree(offset, 'inner', character, true);
      else if (character < frame.openIndent) disagree(offset, 'outer', character, true);
    } else if (lines.lineOf(frame.openOffset) !== line) {
      // A closer after other content on its line, while its container opened on an earlier line: not where an
      // editor puts it (typed by mistake, or a lost line break).
      disagree(offset, 'inner', character, true);
    }
    stack.pop();
    closers.push({ offset, char: frame.close, key: frame.key, root: stack.length === 0 });
    token(offset, offset + 1);
  };

  try {
    visit(text, {
      onObjectBegin: (offset, _length, line, character) => open('}', offset, line, character),
      onArrayBegin: (offset, _length, line, character) => open(']', offset, line, character),
      onObjectEnd: (offset, length, line, character) => closeFrame(offset, length, line, character),
      onArrayEnd: (offset, length, line, character) => closeFrame(offset, length, line, character),
      onObjectProperty: (name, offset, length, line, character) => {
        member(offset, line, character);
        pendingKey = name;
        token(offset, offset + length, true);
      },
      onLiteralValue: (_value, offset, length, line, character) => {
        if (stack[stack.length - 1]?.close === ']') member(offset, line, character);
        pendingKey = undefined;
        token(offset, offset + length);
      },
      onSeparator: (_char, offset) => token(offset, offset + 1),
      onError: (code, offset, length, line, character) => {
        // The token the parser stumbled on is judged like a member: a line indented as an outer level's member
        // says a closer is missing before it.
        if (code !== ParseErrorCode.InvalidCommentToken) member(offset, line, character);
        error = { code, offset, length, stack: stack.map((f) => ({ ...f })) };
        scanned = offset;
        throw STOP;
      },
    }, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
    scanned = text.length;
  } catch (stop) {
    if (stop !== STOP) throw stop;
  }
  return { error, mismatch, lastTokenStart, lastTokenEnd, lastWasKey, closers, scanned };
}

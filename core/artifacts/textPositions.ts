/** Offsets ↔ LSP positions for plain text, with `\n`, `\r\n` and `\r` line ends (as VS Code counts them). */
import type { Position, Range } from 'vscode-json-languageservice';

/**
 * Maps offsets of one text to zero-based line/character positions. The one line table of core: the artifacts checks,
 * refusal locations, the catalog card, the workspace index and the syntax recovery (`Lines`) all read it.
 */
export class LineIndex {
  /** The offset each line starts at (line 0 at 0). */
  readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        this.starts.push(i + 1);
      }
    }
  }

  /** The position of an offset (clamped to the text). */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.starts[line] };
  }

  /** The zero-based line an offset falls on (binary search over the line starts). */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The offset where line `line`'s content ends (before its line end). */
  endOf(line: number): number {
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    while (end > this.starts[line] && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return end;
  }

  /** The range between two offsets. */
  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }

  /** The whole of line `line` (zero-based) without its line end; an empty range at 0:0 for an empty text. */
  lineRange(line: number): Range {
    const index = Math.max(0, Math.min(line, this.starts.length - 1));
    return this.range(this.starts[index], this.endOf(index));
  }

  /** Number of lines (a trailing line end starts an empty last line). */
  get lineCount(): number {
    return this.starts.length;
  }
}

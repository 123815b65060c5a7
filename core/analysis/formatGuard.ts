/**
 * Bounds for formatting. The formatter (jsonc-parser's, via the JSON language service) builds one edit per token
 * with `indent × depth` characters each, so a document within the analysis limits can still ask for hundreds of
 * megabytes of output (990 levels × 200,000 items), and a legal `tabSize: 2147483647` asks for gigabytes on the
 * first line. Options are clamped, and the output size is estimated with a flat token scan before formatting.
 */
import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { FormattingOptions } from 'vscode-json-languageservice';
import type { ExceededLimit } from './sizeGuard';

/** Largest indentation unit honoured; bigger tab sizes are clamped to this. */
export const MAX_TAB_SIZE = 16;

/** Formatting is refused when its output is estimated above this many characters (16 Mi: ~8× a 2 MB spec). */
export const DEFAULT_MAX_FORMATTED_CHARS = 16 * 1024 * 1024;

/**
 * Formatting options reduced to sane values: `tabSize` an integer in 1–{@link MAX_TAB_SIZE} (4 when missing or not
 * a number), `insertSpaces` a boolean (true unless `false`); the other known flags kept only when boolean.
 */
export function clampFormattingOptions(options: Partial<FormattingOptions> | undefined): FormattingOptions {
  const raw = options?.tabSize;
  const tabSize = typeof raw === 'number' && Number.isFinite(raw) ? Math.min(MAX_TAB_SIZE, Math.max(1, Math.round(raw))) : 4;
  const clamped: FormattingOptions = { tabSize, insertSpaces: options?.insertSpaces !== false };
  for (const flag of ['insertFinalNewline', 'trimTrailingWhitespace', 'trimFinalNewlines', 'keepLines'] as const) {
    const value = (options as Record<string, unknown> | undefined)?.[flag];
    if (typeof value === 'boolean') (clamped as Record<string, unknown>)[flag] = value;
  }
  return clamped;
}

/** Offsets of a range to format; the whole document when undefined. */
export interface OffsetRange {
  offset: number;
  length: number;
}

/**
 * An upper estimate of the characters the formatter would produce for `text` (or the lines of `range`): every
 * token plus a space, the original whitespace (kept around tokens it cannot parse), and at every line break the
 * formatter inserts (after `{`, `[`, `,`, a comment, before a closing bracket, or kept with `keepLines`) an end of
 * line and the indentation of that depth. Stops counting once above `stopAbove`.
 */
export function estimateFormattedChars(text: string, range: OffsetRange | undefined, options: FormattingOptions, stopAbove = Infinity): number {
  let start = 0;
  let end = text.length;
  let initialLevel = 0;
  if (range) {
    // Like the formatter: whole lines, starting at the indentation the first line already has.
    start = Math.max(0, Math.min(range.offset, text.length));
    while (start > 0 && !isEol(text.charCodeAt(start - 1))) start--;
    end = Math.min(text.length, Math.max(start, range.offset + range.length));
    while (end < text.length && !isEol(text.charCodeAt(end))) end++;
    initialLevel = leadingIndentLevel(text, start, options.tabSize);
  }
  const unit = options.insertSpaces ? options.tabSize : 1;
  const eol = 2;
  const scanner = createScanner(text.slice(start, end), false);
  let level = 0;
  let total = 0;
  let breaksBefore = 0;
  let previous: SyntaxKind | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF && total <= stopAbove; token = scanner.scan()) {
    if (token === SyntaxKind.Trivia || token === SyntaxKind.LineBreakTrivia) {
      // Kept as it is next to a token the formatter cannot parse, so it counts too.
      total += scanner.getTokenLength();
      if (token === SyntaxKind.LineBreakTrivia) breaksBefore++;
      continue;
    }
    if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) level--;
    const breakHere =
      previous === SyntaxKind.OpenBraceToken || previous === SyntaxKind.OpenBracketToken || previous === SyntaxKind.CommaToken ||
      previous === SyntaxKind.LineCommentTrivia || previous === SyntaxKind.BlockCommentTrivia ||
      token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken || breaksBefore > 0;
    if (breakHere || previous === undefined) total += eol * Math.max(1, breaksBefore) + Math.max(0, initialLevel + level) * unit;
    total += scanner.getTokenLength() + 1;
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) level++;
    breaksBefore = 0;
    previous = token;
  }
  return total;
}

function isEol(c: number): boolean {
  return c === 10 || c === 13;
}

/** The formatter's view of a line's indentation: spaces count 1, tabs `tabSize`, divided by `tabSize`. */
function leadingIndentLevel(text: string, lineStart: number, tabSize: number): number {
  let chars = 0;
  for (let i = lineStart; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) chars++;
    else if (c === 9) chars += tabSize;
    else break;
  }
  return Math.floor(chars / tabSize);
}

/**
 * Why formatting this text must not run, or undefined when it may: the document exceeds an analysis limit, or its
 * formatted form is estimated above `maxFormattedChars`. The reason is a sentence for a log line.
 */
export function formattingRefusal(
  text: string,
  limit: ExceededLimit | undefined,
  range: OffsetRange | undefined,
  options: FormattingOptions,
  maxFormattedChars = DEFAULT_MAX_FORMATTED_CHARS,
): string | undefined {
  if (limit) return `Formatting skipped: ${limit.reason}.`;
  const estimate = estimateFormattedChars(text, range, options, maxFormattedChars);
  if (estimate > maxFormattedChars) {
    const mib = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;
    return `Formatting skipped: the result would be larger than ${mib(maxFormattedChars)} characters ` +
      `(more than ${mib(estimate)} with tab size ${options.tabSize}); reduce the nesting or the tab size.`;
  }
  return undefined;
}

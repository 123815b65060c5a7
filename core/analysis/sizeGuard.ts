/**
 * Limits that keep the engine responsive on pathological input. The JSON parser and the schema validator are
 * recursive, so nesting depth is measured with a flat token scan BEFORE anything recursive touches the text.
 */
import { createScanner, ParseErrorCode, SyntaxKind, visit } from 'jsonc-parser';
import { DEFAULT_MAX_FORMATTED_CHARS } from './formatGuard';
import type { TextDocument } from 'vscode-json-languageservice';

/** Thresholds above which schema validation and semantic rules are skipped (SSDK090). */
export interface AnalysisLimits {
  /** Characters (≈ bytes for ASCII JSON). */
  maxChars: number;
  maxLines: number;
  /** Deepest `{`/`[` nesting allowed. */
  maxDepth: number;
  /** Largest estimated formatting output, in characters (see formatGuard.ts); above it formatting is refused. */
  maxFormattedChars: number;
}

/** Generous enough for any real spec (a few KB) and the 1 MB stress spec; small enough to stay interactive. */
export const DEFAULT_LIMITS: AnalysisLimits = {
  maxChars: 2 * 1024 * 1024,
  maxLines: 100_000,
  maxDepth: 1000,
  maxFormattedChars: DEFAULT_MAX_FORMATTED_CHARS,
};

/** A limit a document exceeds. `tooDeep` means even a recursive syntax check is unsafe. */
export interface ExceededLimit {
  reason: string;
  tooDeep: boolean;
}

/** Which limit the text exceeds, or undefined when it is within every limit. */
export function exceededLimit(text: string, limits: AnalysisLimits): ExceededLimit | undefined {
  const { depth, lines } = scanDepthAndLines(text, limits.maxDepth);
  if (depth > limits.maxDepth) return { reason: `nesting is deeper than ${limits.maxDepth} levels`, tooDeep: true };
  if (text.length > limits.maxChars) {
    const reason = `the document has ${fmt(text.length)} characters (limit ${fmt(limits.maxChars)})`;
    return { reason, tooDeep: false };
  }
  if (lines > limits.maxLines) {
    return { reason: `the document has ${fmt(lines)} lines (limit ${fmt(limits.maxLines)})`, tooDeep: false };
  }
  return undefined;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Deepest nesting the parser could reach, and the line count, without recursion. Tokens come from jsonc-parser's own
 * scanner (the one the parser uses), so strings end exactly where the parser ends them: at `"`, at `\r` or `\n`, or
 * at the end of the text; brackets inside strings and comments are not counted. Depth is an upper bound of the
 * parser's: a closing bracket only closes a container of its own kind (the parser skips a mismatched one, so
 * `[}` repeated must count as ever deeper). Stops once depth passes `stopAbove` (the answer is already "too deep").
 */
export function scanDepthAndLines(text: string, stopAbove = Infinity): { depth: number; lines: number } {
  const lines = countLines(text);
  const scanner = createScanner(text, true);
  const open: number[] = []; // SyntaxKind of each open container, innermost last
  let maxDepth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      open.push(token);
      if (open.length > maxDepth) {
        maxDepth = open.length;
        if (maxDepth > stopAbove) break;
      }
    } else if (token === SyntaxKind.CloseBraceToken) {
      if (open[open.length - 1] === SyntaxKind.OpenBraceToken) open.pop();
    } else if (token === SyntaxKind.CloseBracketToken) {
      if (open[open.length - 1] === SyntaxKind.OpenBracketToken) open.pop();
    }
  }
  return { depth: maxDepth, lines };
}

/** Lines as an editor counts them: `\r\n`, `\n` and a lone `\r` each end one. */
function countLines(text: string): number {
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) lines++;
    else if (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) lines++;
  }
  return lines;
}

/** A syntax problem found by the light-weight (non-AST) check used for oversized documents. */
export interface LightSyntaxError {
  offset: number;
  length: number;
  kind: 'syntax' | 'comment' | 'trailingComma';
  message: string;
}

/**
 * Strict-JSON syntax check without building a tree (jsonc-parser's visitor), for documents too large for the full
 * engine but shallow enough to parse. Returns at most `max` problems.
 */
export function lightSyntaxCheck(document: TextDocument, max = 100): LightSyntaxError[] {
  const text = document.getText();
  const errors: LightSyntaxError[] = [];
  let lastOffset = -1;
  visit(text, {
    onError: (code, offset, length) => {
      // The visitor reports some problems twice at one offset (e.g. a trailing comma); keep the first.
      if (errors.length >= max || offset === lastOffset) return;
      lastOffset = offset;
      const comma = trailingCommaBefore(text, offset, code);
      if (comma !== undefined) {
        errors.push({ offset: comma, length: 1, kind: 'trailingComma', message: 'Trailing comma: specs are strict JSON. Remove the comma.' });
      } else if (code === ParseErrorCode.InvalidCommentToken) {
        errors.push({ offset, length, kind: 'comment', message: describeParseError(code) });
      } else {
        errors.push({ offset, length, kind: 'syntax', message: describeParseError(code) });
      }
    },
  }, { disallowComments: true, allowTrailingComma: false });
  return errors;
}

/** Offset of the comma when an "expected" error sits on a closing bracket right after one. */
function trailingCommaBefore(text: string, offset: number, code: ParseErrorCode): number | undefined {
  if (code !== ParseErrorCode.PropertyNameExpected && code !== ParseErrorCode.ValueExpected) return undefined;
  const closing = text.charCodeAt(offset);
  if (closing !== 125 /* } */ && closing !== 93 /* ] */) return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',' ? i : undefined;
}

function describeParseError(code: ParseErrorCode): string {
  switch (code) {
    case ParseErrorCode.InvalidCommentToken: return 'Comments are not allowed in JSON: remove the comment.';
    case ParseErrorCode.PropertyNameExpected: return 'Property name expected (a trailing comma?): fix the JSON syntax.';
    case ParseErrorCode.ValueExpected: return 'Value expected (a trailing comma?): fix the JSON syntax.';
    case ParseErrorCode.CommaExpected: return 'Comma expected: fix the JSON syntax.';
    case ParseErrorCode.ColonExpected: return 'Colon expected: fix the JSON syntax.';
    case ParseErrorCode.CloseBraceExpected: return 'Closing brace expected: fix the JSON syntax.';
    case ParseErrorCode.CloseBracketExpected: return 'Closing bracket expected: fix the JSON syntax.';
    case ParseErrorCode.EndOfFileExpected: return 'End of file expected: remove the text after the top-level value.';
    default: return 'Invalid JSON: fix the syntax.';
  }
}

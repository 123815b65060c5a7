/**
 * Limits that keep the engine responsive on pathological input. The JSON parser and the schema validator are
 * recursive, so nesting depth is measured with a flat character scan BEFORE anything recursive touches the text.
 */
import { ParseErrorCode, visit } from 'jsonc-parser';
import type { TextDocument } from 'vscode-json-languageservice';

/** Thresholds above which schema validation and semantic rules are skipped (SSDK090). */
export interface AnalysisLimits {
  /** Characters (≈ bytes for ASCII JSON). */
  maxChars: number;
  maxLines: number;
  /** Deepest `{`/`[` nesting allowed. */
  maxDepth: number;
}

/** Generous enough for any real spec (a few KB) and the 1 MB stress spec; small enough to stay interactive. */
export const DEFAULT_LIMITS: AnalysisLimits = { maxChars: 2 * 1024 * 1024, maxLines: 100_000, maxDepth: 1000 };

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
 * Deepest bracket nesting outside strings, and the line count, in one pass. Stops counting depth once it passes
 * `stopAbove` (the answer is already "too deep"). Brackets inside comments are counted, which can only overestimate.
 */
export function scanDepthAndLines(text: string, stopAbove = Infinity): { depth: number; lines: number } {
  let depth = 0;
  let maxDepth = 0;
  let lines = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      lines++;
      inString = false; // strings cannot span lines; resync so one stray quote does not flip the whole file
      continue;
    }
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > maxDepth) {
        maxDepth = depth;
        if (maxDepth > stopAbove) return { depth: maxDepth, lines: lines + countNewlines(text, i) };
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (depth > 0) depth--;
    }
  }
  return { depth: maxDepth, lines };
}

function countNewlines(text: string, from: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
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

/**
 * The repairs worth trying for the first syntax error of a text: token-level ones at the error (a comma, a colon, a
 * closing quote, removing a stray character; and whatever `jsonrepair` changes on that line) and structural ones
 * where the indentation disagrees with the nesting (insert the closers a line is indented for, remove a closer that
 * closed its container early). Each is only a proposal: recover.ts keeps the one that reads on cleanly, and asks
 * `jsonrepair` (tokenRepair) only when none of these does.
 */
import { createScanner, ParseErrorCode, SyntaxKind } from 'jsonc-parser';
import { jsonrepair } from 'jsonrepair';
import { diffLines } from 'diff';
import type { Frame, Lines, WalkResult } from './walk';

/** A text edit in the coordinates of the text it applies to. */
export interface Edit {
  start: number;
  end: number;
  newText: string;
}

/** Which kind of mistake a repair undoes (decides the message). */
export type MistakeKind = 'comma' | 'colon' | 'closeString' | 'stray' | 'wrapper' | 'unfinished' | 'missingCloser'
  | 'extraCloser' | 'token' | 'misnested';

export interface Candidate {
  kind: MistakeKind;
  edit: Edit;
  /** Where to report the mistake. */
  at: { start: number; end: number };
  message: string;
  /** Title of the quick fix; none when the repair is a guess a person should make themselves. */
  fix?: string;
}

/** Above this size `jsonrepair` is not consulted (it re-reads the whole text). */
const JSONREPAIR_MAX = 256 * 1024;

/** Every candidate repair for `walked.error` (and for the first indentation disagreement before it). */
export function candidatesFor(text: string, lines: Lines, walked: WalkResult): Candidate[] {
  const error = walked.error;
  if (!error) return [];
  const out: Candidate[] = [];
  const token = tokenAt(text, error.offset);
  const previous = { start: walked.lastTokenStart, end: walked.lastTokenEnd };
  const prevChar = text[previous.end - 1];
  const afterValue = previous.end > 0 && prevChar !== ',' && prevChar !== '{' && prevChar !== '[' && prevChar !== ':';

  if (afterValue && !walked.lastWasKey) {
    out.push({ kind: 'comma', edit: insert(previous.end, ','), at: previous,
      message: 'A comma is missing after this value: the next line starts another entry. Add ",".', fix: 'Insert the missing comma' });
  }
  if (walked.lastWasKey && error.code === ParseErrorCode.ColonExpected) {
    const key = text.slice(previous.start, previous.end);
    if (lines.lineOf(error.offset) === lines.lineOf(previous.start)) {
      out.push({ kind: 'colon', edit: insert(previous.end, ':'), at: previous,
        message: `A colon is missing after the key ${key}: write ${key}: <value>.`, fix: 'Insert the missing colon' });
    } else {
      out.push(unfinishedMember(text, lines, previous, key));
    }
  }
  if (error.code === ParseErrorCode.UnexpectedEndOfString) out.push(...closeString(text, lines, error.offset, walked));
  if (token.kind === SyntaxKind.OpenBraceToken || token.kind === SyntaxKind.OpenBracketToken) {
    const close = matchingCloser(text, error.offset);
    if (close !== undefined) {
      const inner = text.slice(error.offset + 1, close).trim();
      out.push({ kind: 'wrapper', edit: { start: error.offset, end: close + 1, newText: text.slice(error.offset + 1, close) },
        at: { start: error.offset, end: close + 1 },
        message: `A "${text[error.offset]}" cannot start an entry here: remove the brackets around ${shorten(inner)}.`,
        fix: 'Remove the brackets' });
    }
  }
  if (token.length > 0 && token.kind !== SyntaxKind.EOF && token.kind !== SyntaxKind.StringLiteral) {
    out.push(...removals(text, lines, error.offset, token.length, walked));
  }
  out.push(...structural(text, lines, walked));
  return out;
}

function insert(at: number, newText: string): Edit {
  return { start: at, end: at, newText };
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 37)}…` : flat;
}

function tokenAt(text: string, offset: number): { kind: SyntaxKind; length: number } {
  const scanner = createScanner(text, true);
  scanner.setPosition(offset);
  const kind = scanner.scan();
  return { kind, length: scanner.getTokenLength() };
}

/** Offset of the bracket closing the one at `open` (strings and comments skipped), if any. */
function matchingCloser(text: string, open: number): number | undefined {
  const scanner = createScanner(text, true);
  scanner.setPosition(open);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) depth++;
    else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth--;
      if (depth === 0) return scanner.getTokenOffset();
    }
  }
  return undefined;
}

/** An unterminated string: close it at the end of its line, or before the comma that ends the line. */
function closeString(text: string, lines: Lines, offset: number, walked: WalkResult): Candidate[] {
  const line = lines.lineOf(offset);
  let end = lines.endOf(line);
  while (end > offset + 1 && /\s/.test(text[end - 1])) end--;
  const at = { start: offset, end };
  const inObject = walked.error?.stack[walked.error.stack.length - 1]?.close === '}';
  const isKey = inObject && (walked.lastTokenEnd === 0 || text[walked.lastTokenEnd - 1] === ',' || text[walked.lastTokenEnd - 1] === '{');
  if (isKey) return [unfinishedMember(text, lines, at, text.slice(offset, end))];
  const message = 'This string is not closed: add the closing quote (").';
  const out: Candidate[] = [{ kind: 'closeString', edit: insert(end, '"'), at, message, fix: 'Close the string' }];
  if (text[end - 1] === ',') out.push({ kind: 'closeString', edit: insert(end - 1, '"'), at, message, fix: 'Close the string' });
  return out;
}

/** A key typed without its value: read on as if the line were not there (no fix: only the author knows the rest). */
function unfinishedMember(text: string, lines: Lines, key: { start: number; end: number }, keyText: string): Candidate {
  const line = lines.lineOf(key.start);
  let start = lines.starts[line];
  const end = line + 1 < lines.starts.length ? lines.starts[line + 1] : text.length;
  // When it is the last member, the comma before it goes too (or the repaired text would end in a trailing comma).
  const next = nextSignificant(text, end);
  if (next === '}' || next === undefined) {
    const before = text.slice(0, start).trimEnd();
    if (before.endsWith(',')) start = before.length - 1;
  }
  const name = keyText.replace(/^"/, '').replace(/"$/, '');
  return { kind: 'unfinished', edit: { start, end: next === undefined ? text.length : end, newText: start < lines.starts[line] ? '\n' : '' },
    at: key, message: `The property "${name}" is unfinished: write "${name}": <value>, or remove the line.` };
}

function nextSignificant(text: string, from: number): string | undefined {
  const scanner = createScanner(text, true);
  scanner.setPosition(from);
  const kind = scanner.scan();
  return kind === SyntaxKind.EOF ? undefined : scanner.getTokenValue() || text[scanner.getTokenOffset()];
}

/** Removing what the parser stumbled on: a stray character, an extra closer (alone, with its comma, or its line). */
function removals(text: string, lines: Lines, offset: number, length: number, walked: WalkResult): Candidate[] {
  const char = text[offset];
  if (char === '}' || char === ']') {
    const closed = walked.closers.length > 0 ? walked.closers[walked.closers.length - 1] : undefined;
    return extraCloser(text, lines, offset, closed?.root ? 'the spec' : closed?.key ? `"${closed.key}"` : 'its container', true);
  }
  const shown = text.slice(offset, offset + Math.min(length, 20));
  return [{ kind: 'stray', edit: { start: offset, end: offset + length, newText: '' }, at: { start: offset, end: offset + length },
    message: `Unexpected ${JSON.stringify(shown)} here: remove it.`, fix: `Remove ${JSON.stringify(shown)}` }];
}

/** Ways to remove the closer at `offset` (the bracket, the bracket and its comma, or its whole line). */
function extraCloser(text: string, lines: Lines, offset: number, closes: string, stray: boolean): Candidate[] {
  const char = text[offset];
  const message = stray ? `This "${char}" comes after ${closes} was already closed: remove it.`
    : `This "${char}" closes ${closes} too early: remove it.`;
  const at = { start: offset, end: offset + 1 };
  const candidate = (edit: Edit): Candidate => ({ kind: 'extraCloser', edit, at, message, fix: `Remove the extra "${char}"` });
  const line = lines.lineOf(offset);
  const content = text.slice(lines.starts[line], lines.endOf(line)).trim();
  if (content === char || content === `${char},`) {
    // A line holding only the closer goes whole (the quick fix leaves no empty line behind).
    const start = line > 0 ? lines.endOf(line - 1) : lines.starts[line];
    return [candidate({ start, end: lines.endOf(line), newText: '' })];
  }
  const out = [candidate({ start: offset, end: offset + 1, newText: '' })];
  if (text[offset + 1] === ',') out.push(candidate({ start: offset, end: offset + 2, newText: '' }));
  return out;
}

/** Repairs read off the first line whose indentation disagrees with the nesting. */
function structural(text: string, lines: Lines, walked: WalkResult): Candidate[] {
  const mismatch = walked.mismatch;
  const out: Candidate[] = [];
  if (mismatch?.kind === 'outer') {
    out.push(...insertClosers(text, lines, mismatch.stack, mismatch.indent, mismatch.closer, mismatch.before));
  } else if (mismatch?.kind === 'inner') {
    // The closer that ended its container early is among the last few before the line (usually the last).
    const recent = walked.closers.filter((c) => c.offset <= mismatch.offset).slice(-3);
    for (const closer of recent) {
      out.push(...extraCloser(text, lines, closer.offset, closer.root ? 'the spec' : closer.key ? `"${closer.key}"` : 'its container', false));
    }
  }
  const error = walked.error;
  if (error && (error.code === ParseErrorCode.CloseBraceExpected || error.code === ParseErrorCode.CloseBracketExpected)
    && error.offset >= text.trimEnd().length) {
    out.push(...insertClosers(text, lines, error.stack, 0, true, walked.lastTokenEnd));
  }
  return out;
}

/** Closes the containers a line at `indent` cannot be inside, on lines of their own, after the last token before it. */
function insertClosers(text: string, lines: Lines, stack: Frame[], indent: number, closerLine: boolean, before: number): Candidate[] {
  const open = [...stack];
  const closing: Frame[] = [];
  while (open.length > 0 && (closerLine ? open[open.length - 1].openIndent > indent : open[open.length - 1].openIndent >= indent)) {
    closing.push(open.pop()!);
  }
  if (closing.length === 0) return [];
  const body = closing.map((frame) => `\n${leading(text, lines, frame.openOffset)}${frame.close}`).join('');
  const last = closing[0];
  const what = last.key ? `"${last.key}"` : stack.length === closing.length ? 'the spec' : 'this list';
  const message = `${what} is not closed: add "${closing.map((f) => f.close).join('')}" after this line (the next line is indented as a member of an outer level).`;
  const fix = `Insert "${closing.map((f) => f.close).join('')}"`;
  const at = { start: Math.max(0, before - 1), end: before };
  const out: Candidate[] = [];
  if (text[before - 1] === ',') {
    out.push({ kind: 'missingCloser', edit: insert(before - 1, body), at, message, fix });
  } else {
    out.push({ kind: 'missingCloser', edit: insert(before, body), at, message, fix });
    if (!closerLine) out.push({ kind: 'missingCloser', edit: insert(before, `${body},`), at, message, fix });
  }
  return out;
}

/** The whitespace that starts the line holding `offset`. */
function leading(text: string, lines: Lines, offset: number): string {
  const line = lines.lineOf(offset);
  return text.slice(lines.starts[line], lines.starts[line] + lines.indentOf(line));
}

/**
 * What `jsonrepair` changes on the error's line (and the lines next to it), as one edit. It knows many token-level
 * slips (quotes of the wrong kind, missing quotes, Python literals, …); its structural guesses are not used. The
 * texts are compared line by line (cheap), then the changed lines are trimmed to the characters that differ.
 */
export function tokenRepair(text: string, lines: Lines, offset: number): Candidate | undefined {
  if (text.length > JSONREPAIR_MAX) return undefined;
  let repaired: string;
  try {
    repaired = jsonrepair(text);
  } catch {
    return undefined;
  }
  const errorLine = lines.lineOf(offset);
  let line = 0;
  let removed: { from: number; to: number } | undefined;
  let added = '';
  for (const part of diffLines(text, repaired)) {
    const count = part.count ?? part.value.split('\n').length - 1;
    if (part.added) {
      if (removed) added += part.value;
      continue;
    }
    if (part.removed && line <= errorLine + 1 && line + count >= errorLine - 1) {
      removed = { from: line, to: line + count };
      added = '';
    } else if (removed) break;
    line += count;
  }
  if (!removed) return undefined;
  const from = lines.starts[removed.from];
  const to = removed.to < lines.starts.length ? lines.starts[removed.to] : text.length;
  const before = text.slice(from, to);
  let head = 0;
  while (head < before.length && head < added.length && before[head] === added[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < added.length - head && before[before.length - 1 - tail] === added[added.length - 1 - tail]) tail++;
  const edit = { start: from + head, end: to - tail, newText: added.slice(head, added.length - tail) };
  const old = text.slice(edit.start, edit.end).trim();
  return { kind: 'token', edit, at: { start: Math.min(edit.start, offset), end: Math.max(edit.end, offset + 1) },
    message: old ? `Invalid JSON here: write ${JSON.stringify(shorten(edit.newText.trim()))} instead of ${JSON.stringify(shorten(old))}.`
      : `Invalid JSON here: insert ${JSON.stringify(shorten(edit.newText))}.`,
    fix: 'Repair the JSON here' };
}

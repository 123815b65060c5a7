/**
 * Applying a warning's fix (`SpecFix`: values to set at spec locations) to a spec's text, keeping its formatting:
 * jsonc-parser's `modify` places each value (creating what is missing) in the file's own indentation and line ends.
 * The result as one text edit, for an editor's quick fix, or as the new text, for tests and tools.
 */
import { applyEdits, modify } from 'jsonc-parser';
import type { SpecFix } from './types';

/** The file's indentation (spaces or a tab, and how many) and line end, from its first indented line. */
function formattingOf(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** The spec text with `fix` applied. */
export function applySpecFix(text: string, fix: SpecFix): string {
  const formattingOptions = formattingOf(text);
  return fix.edits.reduce((current, edit) => applyEdits(current, modify(current, edit.path, edit.value, { formattingOptions })), text);
}

/** `fix` as one replacement of the part of `text` it changes (offset, length, new text). */
export function specFixEdit(text: string, fix: SpecFix): { offset: number; length: number; content: string } {
  const updated = applySpecFix(text, fix);
  let start = 0;
  while (start < text.length && start < updated.length && text[start] === updated[start]) start++;
  let end = 0;
  while (end < text.length - start && end < updated.length - start && text[text.length - 1 - end] === updated[updated.length - 1 - end]) end++;
  return { offset: start, length: text.length - start - end, content: updated.slice(start, updated.length - end) };
}

/** What the fix does, in words: `set sourceSpec.attributes.contentPath.path to "$.data.entries"`. */
export function describeFix(fix: SpecFix): string {
  return fix.edits.map((e) => `set ${e.path.join('.')} to ${JSON.stringify(e.value)}`).join(' and ');
}

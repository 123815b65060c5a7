/**
 * Pieces of completion snippets written by us (not the schema's): placeholders, the indentation the document uses,
 * and where an inserted key's text goes. Multi-line snippets carry the indentation themselves and are sent with
 * `insertTextMode: asIs`, so an editor that re-indents snippets (VS Code's default) does not indent them twice.
 */
import { createScanner, SyntaxKind } from 'jsonc-parser';
import type { ASTNode, Range, TextDocument } from 'vscode-json-languageservice';

/** LSP `InsertTextMode.asIs` (1): the editor inserts the text's own indentation unchanged. */
export const INSERT_AS_IS = 1 as const;

/** A snippet placeholder holding `sample` (strings quoted, `$`, `}` and `\` escaped). */
export function placeholder(sample: string | number, n: number): string {
  if (typeof sample === 'number') return `\${${n}:${sample}}`;
  return `"\${${n}:${escapeSnippet(sample)}}"`;
}

/** `text` with the characters a snippet gives meaning to (`$`, `}`, `\`) escaped. */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/** The whitespace before `offset` on its line (the indentation a new key there gets). */
export function indentAt(document: TextDocument, offset: number): string {
  const position = document.positionAt(offset);
  const before = document.getText({ start: { line: position.line, character: 0 }, end: position });
  return /^\s*/.exec(before)?.[0] ?? '';
}

/** One level of the document's indentation: a tab, or the leading spaces of its first indented line (2 if none). */
export function indentUnit(document: TextDocument): string {
  const found = /\n([ \t]+)\S/.exec(document.getText());
  if (!found) return '  ';
  return found[1].startsWith('\t') ? '\t' : found[1];
}

/**
 * Where a key chosen at `offset` goes: over the key being typed (a string key node, or the word before the cursor
 * with its opening quote), and whether a comma must follow because another entry comes next.
 */
export function keyInsertion(document: TextDocument, node: ASTNode | undefined, offset: number): { range: Range; separator: string } {
  const text = document.getText();
  let start = offset;
  let end = offset;
  if (node?.type === 'string' && node.parent?.type === 'property' && node.parent.keyNode === node) {
    start = node.offset;
    end = node.offset + node.length;
  } else {
    while (start > 0 && !' \t\n\r\v":{[,]}'.includes(text.charAt(start - 1))) start--;
    if (start > 0 && text.charAt(start - 1) === '"') start--;
  }
  const scanner = createScanner(text, true);
  scanner.setPosition(end);
  const next = scanner.scan();
  const separator = next === SyntaxKind.CommaToken || next === SyntaxKind.CloseBraceToken
    || next === SyntaxKind.CloseBracketToken || next === SyntaxKind.EOF ? '' : ',';
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, separator };
}

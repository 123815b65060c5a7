/**
 * Cursor-marker fixtures: write a spec inline with `⟦…⟧` around each expected diagnostic range and `|` for a
 * cursor; `parseMarkers` returns the clean text plus the offsets. `|` is only a cursor when `cursor: true`
 * is passed, because JSON text may legitimately contain a pipe.
 */
import { getLanguageService, TextDocument, type ASTNode, type Diagnostic } from 'vscode-json-languageservice';
import { runRules } from '../../../core/analysis/rules/index';
import type { AnalysisContext, SpecKind } from '../../../core/analysis/types';

export interface MarkedText {
  text: string;
  /** `[start, end]` offsets of each `⟦…⟧` range, in order of appearance. */
  ranges: Array<[number, number]>;
  /** Offset of the `|` cursor, when requested. */
  cursor?: number;
}

/** Strips `⟦`, `⟧` (and `|` when `cursor` is set) and returns their offsets in the clean text. */
export function parseMarkers(marked: string, options: { cursor?: boolean } = {}): MarkedText {
  let text = '';
  const ranges: Array<[number, number]> = [];
  const open: number[] = [];
  let cursor: number | undefined;
  for (const c of marked) {
    if (c === '⟦') open.push(text.length);
    else if (c === '⟧') {
      const start = open.pop();
      if (start === undefined) throw new Error('unbalanced ⟧ in fixture');
      ranges.push([start, text.length]);
    } else if (c === '|' && options.cursor && cursor === undefined) cursor = text.length;
    else text += c;
  }
  if (open.length) throw new Error('unbalanced ⟦ in fixture');
  ranges.sort((a, b) => a[0] - b[0]);
  return { text, ranges, cursor };
}

const service = getLanguageService({});
let counter = 0;

/** Parses `text` the way the engine does and returns the document and root. */
export function parse(text: string): { document: TextDocument; root: ASTNode | undefined } {
  const document = TextDocument.create(`file:///fixture${counter++}.json`, 'json', 1, text);
  return { document, root: service.parseJSONDocument(document).root };
}

/** Runs the rules over `text`; returns the document and diagnostics. */
export function analyze(text: string, kind: SpecKind = 'connectionSpec', context?: AnalysisContext): { document: TextDocument; root: ASTNode | undefined; diagnostics: Diagnostic[] } {
  const { document, root } = parse(text);
  return { document, root, diagnostics: runRules(document, root, kind, undefined, context) };
}

/** The diagnostics with `code`, as `[start, end]` offsets. */
export function rangesOf(document: TextDocument, diagnostics: Diagnostic[], code: string): Array<[number, number]> {
  return diagnostics.filter((d) => d.code === code)
    .map((d): [number, number] => [document.offsetAt(d.range.start), document.offsetAt(d.range.end)])
    .sort((a, b) => a[0] - b[0]);
}

/** Codes present in `diagnostics`, sorted and de-duplicated. */
export function codesOf(diagnostics: Diagnostic[]): string[] {
  return [...new Set(diagnostics.map((d) => String(d.code)))].sort();
}

/**
 * The one kind resolver: whether a document is a connection spec, a flow spec or neither. The language server, the
 * extension's commands and content detection, the CLI and sync all ask it, with what they know: the editor's
 * language id, the file name, the text and the `sourcesSdk.detectByContent` setting. The order is fixed: one of our
 * language ids decides; then a spec file name (`*-connectionSpec.json`, `*.flowSpec.json`, any case); then, when
 * content detection is on, the top-level keys. Pure: no vscode import.
 */
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { SETTINGS } from '../config/settings';
import { kindOfFileName, kindOfLanguage, type SpecKind } from './kinds';

/** What a caller knows about a document. Everything is optional; the more it knows, the better the answer. */
export interface KindQuestion {
  /** A path, URI path or file name: only the last segment counts. */
  fileName?: string;
  /** The editor's language id (a plain `json` or any other id says nothing; ours decide). */
  languageId?: string;
  /** The text, or how to get it: read only when the language id and file name leave the question open. */
  text?: string | (() => string);
  /** The `sourcesSdk.detectByContent` setting; its default (core/config/settings.ts) when not given. */
  detectByContent?: boolean;
}

/** What decided the kind. */
export type KindEvidence = 'language' | 'fileName' | 'content';

/** The answer: the kind and what decided it. */
export interface ResolvedKind {
  kind: SpecKind;
  by: KindEvidence;
}

/** Resolves a document's kind with its evidence; undefined when it is not a spec (as far as the inputs tell). */
export function resolveKind(question: KindQuestion): ResolvedKind | undefined {
  const byLanguage = question.languageId !== undefined ? kindOfLanguage(question.languageId) : undefined;
  if (byLanguage) return { kind: byLanguage, by: 'language' };
  const byName = question.fileName !== undefined ? kindOfFileName(question.fileName) : undefined;
  if (byName) return { kind: byName, by: 'fileName' };
  if (!(question.detectByContent ?? SETTINGS.detectByContent.default) || question.text === undefined) return undefined;
  const byContent = kindFromContent(typeof question.text === 'function' ? question.text() : question.text);
  return byContent ? { kind: byContent, by: 'content' } : undefined;
}

/** {@link resolveKind} without the evidence. */
export function specKindOf(question: KindQuestion): SpecKind | undefined {
  return resolveKind(question)?.kind;
}

/** How much text the content test scans at most; top-level keys of real specs appear well within this. */
const CONTENT_SCAN_LIMIT = 256 * 1024;

/**
 * Kind implied by the top-level keys of a JSON text: `authSpec` with `sourceSpec`/`exploreSpec`/`providerId` means a
 * connection spec; `sourceConnectionSpecIds`/`targetConnectionSpecIds`/`transformationSpecs` (or the singular
 * request-body spelling) means a flow spec. API responses wrapped in `{"items": […]}` are not editable specs.
 * Exported for the resolver's tests; consumers ask {@link resolveKind}.
 */
export function kindFromContent(text: string): SpecKind | undefined {
  const keys = topLevelKeys(text);
  if (keys.size === 0 || keys.has('items')) return undefined;
  const flowHints = ['sourceConnectionSpecIds', 'targetConnectionSpecIds', 'transformationSpecs', 'transformationSpec'];
  if (flowHints.some((k) => keys.has(k))) return 'flowSpec';
  if (keys.has('authSpec') && (keys.has('sourceSpec') || keys.has('exploreSpec') || keys.has('providerId'))) {
    return 'connectionSpec';
  }
  // A streaming connection spec may have `authSpec: []` omitted by hand; sourceSpec + exploreSpec is still decisive.
  if (keys.has('sourceSpec') && keys.has('exploreSpec')) return 'connectionSpec';
  return undefined;
}
/** Names of the properties of the top-level object, scanning tokens only (no tree), bounded by CONTENT_SCAN_LIMIT. */
function topLevelKeys(text: string): Set<string> {
  const keys = new Set<string>();
  const scanner = createScanner(text.length > CONTENT_SCAN_LIMIT ? text.slice(0, CONTENT_SCAN_LIMIT) : text, true);
  let depth = 0;
  let expectingKey = false;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    switch (token) {
      case SyntaxKind.OpenBraceToken:
        if (depth === 0) expectingKey = true;
        depth++;
        break;
      case SyntaxKind.OpenBracketToken:
        if (depth === 0) return keys; // a top-level array is never a spec
        depth++;
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        depth--;
        if (depth <= 0) return keys;
        break;
      case SyntaxKind.CommaToken:
        if (depth === 1) expectingKey = true;
        break;
      case SyntaxKind.StringLiteral:
        if (depth === 1 && expectingKey) {
          keys.add(scanner.getTokenValue());
          expectingKey = false;
        }
        break;
      default:
        break;
    }
  }
  return keys;
}

/**
 * Decides whether a file is a connection spec, a flow spec or neither: first by file name, then (optionally) by a
 * cheap look at the top-level keys. Pure; used by the language server (for generic `json` documents) and the CLI.
 */
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { kindOfFileName } from '../spec/kinds';
import type { SpecKind } from './types';

/** How much text `kindFromContent` scans at most; top-level keys of real specs appear well within this. */
const CONTENT_SCAN_LIMIT = 256 * 1024;

/** Kind implied by a file name (`*-connectionSpec.json`, `*.flowSpec.json`, …); undefined when the name says nothing. */
export function kindFromFileName(path: string): SpecKind | undefined {
  return kindOfFileName(path);
}

/**
 * Kind implied by the top-level keys of a JSON text: `authSpec` with `sourceSpec`/`exploreSpec`/`providerId` means a
 * connection spec; `sourceConnectionSpecIds`/`targetConnectionSpecIds`/`transformationSpecs` (or the singular
 * request-body spelling) means a flow spec. API responses wrapped in `{"items": […]}` are not editable specs.
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

/** File name first; content only when `detectByContent` is on (the `sourcesSdk.detectByContent` setting). */
export function detectKind(path: string, text: string, detectByContent: boolean): SpecKind | undefined {
  return kindFromFileName(path) ?? (detectByContent ? kindFromContent(text) : undefined);
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

/**
 * Clickable links for string values that are plain http(s) URLs (documentationLink, authorizationTestUrl,
 * accessTokenUrl, urlParams.host …). Values with `${placeholders}` or `{…}` templates are not links.
 */
import type { ASTNode, DocumentLink, TextDocument } from 'vscode-json-languageservice';

const PLAIN_URL = /^https?:\/\/[^\s"{}$<>\\^`|]+$/i;
const MAX_LINKS = 1000;

/** Every string value (not key) that is a plain URL, as a link covering the text between the quotes. */
export function urlLinks(document: TextDocument, root: ASTNode | undefined): DocumentLink[] {
  const links: DocumentLink[] = [];
  const stack: ASTNode[] = root ? [root] : [];
  while (stack.length > 0 && links.length < MAX_LINKS) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'object':
        for (let i = node.properties.length - 1; i >= 0; i--) {
          const value = node.properties[i].valueNode;
          if (value) stack.push(value);
        }
        break;
      case 'array':
        for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
        break;
      case 'string':
        if (node.value.length < 2048 && PLAIN_URL.test(node.value) && isValidUrl(node.value)) {
          links.push({
            range: { start: document.positionAt(node.offset + 1), end: document.positionAt(node.offset + node.length - 1) },
            target: node.value,
          });
        }
        break;
      default:
        break;
    }
  }
  return links;
}

function isValidUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The HTML shell of the extension's webviews (Preview Source, Card and Forms): a Content-Security-Policy meta tag
 * first, then the page's own head and body. Scripts run only with the page's nonce, so nothing from a spec can run.
 */
import { randomBytes } from 'node:crypto';

/** A fresh random nonce per page (crypto-strong: it is what lets a script run). */
export function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** `text` for a double-quoted HTML attribute value. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface WebviewPage {
  title: string;
  /** The page's Content-Security-Policy. */
  csp: string;
  /** Markup in <head> after the policy (styles). */
  head: string;
  /** The <body> markup (its root element and script tag). */
  body: string;
}

export function webviewPage(page: WebviewPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${page.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${page.title}</title>
${page.head}
</head>
<body>
${page.body}
</body>
</html>`;
}

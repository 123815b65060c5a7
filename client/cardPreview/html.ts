/**
 * The webview page: a strict Content-Security-Policy (nothing by default; styles and the one script only with this
 * page's nonce; images only as data: URIs, which is how the SVG icon is shown, never inline), the styles and the
 * script. No spec text is put into the page: the model arrives by postMessage and is drawn with textContent.
 */
import { escapeAttribute, webviewPage } from '../webviewPage';
import { WEBVIEW_SCRIPT } from './webviewScript';

/** The Content-Security-Policy of the page. */
function contentSecurityPolicy(nonce: string): string {
  return `default-src 'none'; img-src data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
}

const STYLES = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 8px 16px; }
.section-title { font-size: 1.1em; opacity: .8; font-weight: 600; }
.card { border: 1px solid var(--vscode-panel-border, #444); border-radius: 8px; padding: 12px; max-width: 360px; background: var(--vscode-editorWidget-background); }
.card-head { display: flex; align-items: center; gap: 12px; }
.icon { width: 48px; height: 48px; object-fit: contain; border-radius: 6px; background: #fff; }
.icon.placeholder { display: flex; align-items: center; justify-content: center; color: #666; font-size: 24px; }
.titles { flex: 1; }
.label { font-weight: 600; font-size: 1.15em; }
.category { opacity: .75; font-size: .9em; }
.badge { font-size: .75em; border-radius: 10px; padding: 2px 8px; margin-left: 4px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.description { margin: 10px 0 0; }
.note { opacity: .7; font-size: .85em; font-style: italic; }
.problem { color: var(--vscode-errorForeground); }
.form { margin-top: 20px; max-width: 480px; border-top: 1px solid var(--vscode-panel-border, #444); padding-top: 8px; }
.form-title { font-size: 1.05em; margin: 8px 0 2px; }
.form-subtitle { opacity: .7; font-size: .85em; margin-bottom: 8px; }
.field { margin: 10px 0; padding: 4px 6px; border-radius: 4px; }
.field-title { display: block; font-weight: 500; margin-bottom: 3px; }
.required { color: var(--vscode-errorForeground); }
.field input, .field select { width: 100%; box-sizing: border-box; padding: 4px; background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, #555); }
.field input[type=checkbox] { width: auto; }
/* Inputs are drawn disabled; clicks go to the field row, which reveals the declaration. */
.field input, .field select { pointer-events: none; }
.field-description { opacity: .75; font-size: .85em; margin-top: 2px; }
.group { border-left: 2px solid var(--vscode-panel-border, #555); padding-left: 10px; }
.revealable { cursor: pointer; }
.revealable:hover, .revealable:focus { outline: 1px solid var(--vscode-focusBorder); }
`;

/** The whole page; `specUri` goes into the page's saved state, from which a restored panel is redrawn. */
export function previewHtml(nonce: string, specUri: string): string {
  return webviewPage({
    title: 'Source card and forms',
    csp: contentSecurityPolicy(nonce),
    head: `<style nonce="${nonce}">${STYLES}</style>`,
    body: `<div id="root" data-spec-uri="${escapeAttribute(specUri)}"><p class="note">Loading…</p></div>\n<script nonce="${nonce}">${WEBVIEW_SCRIPT}</script>`,
  });
}

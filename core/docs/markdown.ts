/**
 * Small Markdown and curl writers for the generated documentation page: table cells that cannot break the table,
 * fenced blocks, and Flow Service requests in the shape Adobe's API pages show (curl with the standard headers).
 */
import { FLOW_SERVICE_PATH } from '../api/flowResources';
import { PLATFORMS } from '../config/environments';

/** The production platform URL the page's requests go to (the environments table's). */
export const PLATFORM_URL = PLATFORMS.prod.platformUrl;

/** The base URL of the Flow Service API that every request on the page is sent to. */
export const FLOW_SERVICE_BASE = `${PLATFORM_URL}${FLOW_SERVICE_PATH}`;

/** What the author replaces by hand, written the same way everywhere so a search for it finds every spot. */
export const AUTHOR_MARK = 'AUTHOR';

/** A paragraph only the source's author can write: a quote that says so. */
export function authorNote(text: string): string {
  return `> **${AUTHOR_MARK}:** ${text}`;
}

/** Text safe inside a table cell: no line breaks, `|` escaped. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}

/** Inline code that survives backticks inside the value. */
export function code(value: string): string {
  const fence = value.includes('`') ? '``' : '`';
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A value as inline code: strings as written, anything else as JSON. */
export function codeValue(value: unknown): string {
  return code(typeof value === 'string' ? value : JSON.stringify(value));
}

/** A Markdown table. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A fenced code block. */
export function fenced(language: string, body: string): string {
  return `\`\`\`${language}\n${body}\n\`\`\``;
}

/** Single-quotes a string for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A curl request to `url` with the headers every Flow Service call needs (and `Content-Type` with a body), the body
 * pretty-printed.
 */
export function curl(method: string, url: string, body?: unknown): string {
  const lines = [
    `curl -X ${method} \\`,
    `  ${shellQuote(url)} \\`,
    `  -H 'Authorization: Bearer {ACCESS_TOKEN}' \\`,
    `  -H 'x-api-key: {API_KEY}' \\`,
    `  -H 'x-gw-ims-org-id: {ORG_ID}' \\`,
    `  -H 'x-sandbox-name: {SANDBOX_NAME}'${body === undefined ? '' : ' \\'}`,
  ];
  if (body !== undefined) {
    lines.push(`  -H 'Content-Type: application/json' \\`);
    lines.push(`  -d ${shellQuote(JSON.stringify(body, null, 2)).replace(/\n/g, '\n    ')}`);
  }
  return fenced('shell', lines.join('\n'));
}

/** The *API format* block of a step: the method and the path. */
export function apiFormat(method: string, path: string): string {
  return `**API format**\n\n${fenced('http', `${method} ${path}`)}`;
}

/** The usual create response: the new resource's id and etag. */
export function createdResponse(idPlaceholder: string): string {
  return fenced('json', JSON.stringify({ id: idPlaceholder, etag: '"{ETAG}"' }, null, 2));
}

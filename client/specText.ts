/**
 * Pure helpers for presenting specs in the editor (no `vscode` import; unit-tested).
 */
import { defaultSpecFileName, isSpecResource, kindInfoOfResource, type SpecResource } from '../core/spec/kinds';

/** URI scheme of the read-only remote documents (client/remoteDocuments.ts: `sources-sdk-remote:/<resource>/<id>/…`). */
export const REMOTE_SCHEME = 'sources-sdk-remote';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Returns `value` with object keys ordered like the same objects in `template` (keys the template lacks keep their
 * order, after the known ones). Used so a diff of remote vs local shows content changes, not key order.
 */
export function orderKeysLike(value: unknown, template: unknown): unknown {
  if (Array.isArray(value)) {
    const t = Array.isArray(template) ? template : [];
    return value.map((item, i) => orderKeysLike(item, t[i]));
  }
  if (!value || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const shape = template && typeof template === 'object' && !Array.isArray(template) ? (template as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    if (Object.prototype.hasOwnProperty.call(source, key)) out[key] = orderKeysLike(source[key], shape[key]);
  }
  for (const key of Object.keys(source)) {
    if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = orderKeysLike(source[key], undefined);
  }
  return out;
}

/** Pretty JSON with the indentation of the local file (tabs or N spaces), ending with a newline. */
export function stringifyLike(value: unknown, localText: string): string {
  const indentMatch = /\n([ \t]+)"/.exec(localText);
  const indent = indentMatch ? (indentMatch[1].startsWith('\t') ? '\t' : indentMatch[1].length) : 2;
  const eol = localText.includes('\r\n') ? '\r\n' : '\n';
  return JSON.stringify(value as Json, null, indent).replace(/\n/g, eol) + eol;
}

/** Parses a spec file's text; undefined when it is not a JSON object. */
export function parseSpecObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Path of the virtual read-only document of a remote spec: `/<resource>/<id>/<name>-connectionSpec.json` (or
 * `-flowSpec.json`). Its last segment is the spec file name: VS Code proposes a virtual document's basename on
 * *Save As*, so the saved file gets a spec file name (and with it the spec language) without renaming.
 */
export function remoteDocumentPath(resource: SpecResource, id: string, name: string): string {
  return `/${resource}/${encodeURIComponent(id)}/${defaultSpecFileName(name, kindInfoOfResource(resource).kind)}`;
}

/** Inverse of {@link remoteDocumentPath}. */
export function parseRemoteDocumentPath(path: string): { resource: SpecResource; id: string } | undefined {
  const m = /^\/([^/]+)\/([^/]+)\//.exec(path);
  return m && isSpecResource(m[1]) ? { resource: m[1], id: decodeURIComponent(m[2]) } : undefined;
}

/**
 * The JSON of a spec text without its formatting (key order kept), undefined when it is not JSON: how a file saved
 * from a read-only remote document is recognised even if format-on-save re-indented it.
 */
export function canonicalJson(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * Pure helpers for presenting specs in the editor (no `vscode` import; unit-tested).
 */
import { isSpecResource, type SpecResource } from '../core/spec/kinds';

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

/** Path of the virtual read-only document of a remote spec: `/<resource>/<id>/<file-safe name>.json`. */
export function remoteDocumentPath(resource: SpecResource, id: string, name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'spec';
  return `/${resource}/${encodeURIComponent(id)}/${safe}.json`;
}

/** Inverse of {@link remoteDocumentPath}. */
export function parseRemoteDocumentPath(path: string): { resource: SpecResource; id: string } | undefined {
  const m = /^\/([^/]+)\/([^/]+)\//.exec(path);
  return m && isSpecResource(m[1]) ? { resource: m[1], id: decodeURIComponent(m[2]) } : undefined;
}

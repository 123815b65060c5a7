/**
 * Structural comparison of a local spec with a remote one (after normalisation, so server fields and key order
 * never count as differences) and a unified text diff for display.
 */
import { createTwoFilesPatch } from 'diff';
import { toAuthoringForm } from './normalize';

/** One difference, addressed by a JSON pointer into the authoring form. */
export interface SpecChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
}

export interface SpecComparison {
  same: boolean;
  changes: SpecChange[];
  /** E.g. "2 changes: sourceSpec.attributes.paginationParams.limitValue changed, description added". */
  summary: string;
}

/** How many changes the summary names before "and N more". */
const SUMMARY_LIMIT = 5;

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Own keys only: `"constructor" in {}` is true through the prototype. */
function hasOwn(object: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function walk(local: unknown, remote: unknown, path: string, out: SpecChange[]): void {
  if (Array.isArray(local) && Array.isArray(remote)) {
    const length = Math.max(local.length, remote.length);
    for (let i = 0; i < length; i++) {
      const child = `${path}/${i}`;
      if (i >= remote.length) out.push({ path: child, kind: 'added' });
      else if (i >= local.length) out.push({ path: child, kind: 'removed' });
      else walk(local[i], remote[i], child, out);
    }
    return;
  }
  if (isObject(local) && isObject(remote)) {
    for (const key of Object.keys(local)) {
      const child = `${path}/${escapePointer(key)}`;
      if (!hasOwn(remote, key)) out.push({ path: child, kind: 'added' });
      else walk(local[key], remote[key], child, out);
    }
    for (const key of Object.keys(remote)) {
      if (!hasOwn(local, key)) out.push({ path: `${path}/${escapePointer(key)}`, kind: 'removed' });
    }
    return;
  }
  if (local !== remote) out.push({ path, kind: 'changed' });
}

/** "/sourceSpec/attributes/x" → "sourceSpec.attributes.x" (array indexes as [i]). */
export function readablePath(pointer: string): string {
  if (pointer === '') return '(whole spec)';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

/**
 * Compares two specs after normalising both. `added` means present locally but not remotely (the push would add
 * it), `removed` the reverse.
 */
export function compareSpecs(local: Record<string, unknown>, remote: Record<string, unknown>): SpecComparison {
  const changes: SpecChange[] = [];
  walk(toAuthoringForm(local), toAuthoringForm(remote), '', changes);
  if (changes.length === 0) return { same: true, changes, summary: 'no differences' };
  const named = changes.slice(0, SUMMARY_LIMIT).map((c) => `${readablePath(c.path)} ${c.kind}`);
  const more = changes.length > SUMMARY_LIMIT ? `, and ${changes.length - SUMMARY_LIMIT} more` : '';
  const noun = changes.length === 1 ? 'change' : 'changes';
  return { same: false, changes, summary: `${changes.length} ${noun}: ${named.join(', ')}${more}` };
}

/**
 * A unified diff (remote → local, so "+" lines are what a push would send). Line ends are compared as LF: a file
 * saved with CRLF would otherwise differ on every line from the remote rendering.
 */
export function unifiedDiff(localText: string, remoteText: string, names: { local: string; remote: string }): string {
  const lf = (text: string) => text.replace(/\r\n/g, '\n');
  return createTwoFilesPatch(names.remote, names.local, lf(remoteText), lf(localText), undefined, undefined, { context: 3 });
}

/** Reading a local spec file for sync: which collection it belongs to, and its JSON object. */
import { FlowServiceError } from '../api/errors';
import type { SpecResource } from '../api/types';
import { specKindOf } from '../spec/kindResolver';
import { SPEC_KIND_LIST, SPEC_KINDS, type SpecKind } from '../spec/kinds';
import { stripBom } from './text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` looks like a spec id rather than a name. */
export function looksLikeId(value: string): boolean {
  return UUID.test(value);
}

/**
 * The kind of a local file without an editor (the CLI, sync): the one kind resolver (core/spec/kindResolver.ts) on
 * its name, then its content. Throws a `config` error saying how to name it when it is neither kind.
 */
export function kindForFile(filePath: string, text: string): SpecKind {
  const kind = specKindOf({ fileName: filePath, text });
  if (kind) return kind;
  const names = SPEC_KIND_LIST.map((k) => `*${k.fileSuffixes[0]}`).join(' or ');
  throw new FlowServiceError(`${filePath} is neither a connection spec nor a flow spec (name it ${names})`, 'config');
}

/** Which endpoint a local file belongs to ({@link kindForFile}'s resource). */
export function resourceForFile(filePath: string, text: string): SpecResource {
  return SPEC_KINDS[kindForFile(filePath, text)].resource;
}

/** Parses a spec file, throwing a `validation` error naming the file. */
export function parseSpecText(filePath: string, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripBom(text));
  } catch (err) {
    throw new FlowServiceError(`${filePath} is not valid JSON: ${(err as Error).message}`, 'validation');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new FlowServiceError(`${filePath} must contain a JSON object`, 'validation');
  }
  return parsed as Record<string, unknown>;
}

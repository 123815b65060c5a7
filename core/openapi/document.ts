/**
 * An API description read from text: OpenAPI 3.0, OpenAPI 3.1 or Swagger 2.0, as JSON or YAML, with its local
 * `$ref`s resolved on access. Pure (no I/O): the caller reads the file.
 *
 * YAML goes through js-yaml (its default schema: plain data, no custom types, nothing executed); JSON text goes
 * through `JSON.parse`, which is faster on large descriptions. `$ref`s are resolved lazily, one node at a time, so
 * a 5 MB description with thousands of schemas costs only what the chosen operation touches, and cycles
 * (a schema that contains itself) never loop.
 */
import { load as loadYaml } from 'js-yaml';
import { getValueByPointer } from 'fast-json-patch';
import { stripBom } from '../sync/text';

/** The description formats understood. */
export type DescriptionVersion = '2.0' | '3.0' | '3.1';

/** A description that cannot be used, with what to do about it (the CLI exits 2 with this message). */
export class OpenApiError extends Error {}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How deep a chain of `$ref`s to `$ref`s may go before it counts as a loop. */
const MAX_REF_CHAIN = 32;

export class ApiDescription {
  constructor(readonly root: JsonObject, readonly version: DescriptionVersion) {}

  /** `info.title`, or undefined. */
  get title(): string | undefined {
    const info = this.root.info;
    return isObject(info) && typeof info.title === 'string' && info.title.trim() ? info.title.trim() : undefined;
  }

  /**
   * The node itself, or what its `$ref` (a local `#/…` JSON pointer) points at, following chains. A `$ref` that
   * leaves the file or points nowhere is an `OpenApiError` naming it.
   */
  deref(node: unknown): unknown {
    let current = node;
    for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
      if (hops >= MAX_REF_CHAIN) throw new OpenApiError(`$ref ${JSON.stringify(current.$ref)} is part of a loop of references`);
      current = this.pointer(current.$ref);
    }
    return current;
  }

  /** `deref` for a node expected to be an object (anything else → undefined). */
  object(node: unknown): JsonObject | undefined {
    const value = this.deref(node);
    return isObject(value) ? value : undefined;
  }

  private pointer(ref: string): unknown {
    if (!ref.startsWith('#')) {
      throw new OpenApiError(`$ref ${JSON.stringify(ref)} points outside this file; only local references (#/…) are resolved: bundle the description into one file first`);
    }
    let pointer: string;
    try {
      pointer = decodeURIComponent(ref.slice(1));
    } catch {
      throw new OpenApiError(`$ref ${JSON.stringify(ref)} is not a valid reference`);
    }
    if (pointer !== '' && !pointer.startsWith('/')) throw new OpenApiError(`$ref ${JSON.stringify(ref)} is not a JSON pointer (#/…)`);
    let found: unknown;
    try {
      found = pointer === '' ? this.root : getValueByPointer(this.root, pointer);
    } catch {
      found = undefined;
    }
    if (found === undefined) throw new OpenApiError(`$ref ${JSON.stringify(ref)} points at nothing in this file`);
    return found;
  }
}

/** Which format a parsed document is, from its `openapi` / `swagger` field. */
function versionOf(root: JsonObject): DescriptionVersion {
  if (typeof root.swagger === 'string' && root.swagger.startsWith('2.')) return '2.0';
  if (typeof root.openapi === 'string') {
    if (root.openapi.startsWith('3.0')) return '3.0';
    if (root.openapi.startsWith('3.1')) return '3.1';
    throw new OpenApiError(`openapi ${JSON.stringify(root.openapi)} is not supported: use an OpenAPI 3.0 or 3.1 description, or Swagger 2.0`);
  }
  if (root.swagger !== undefined) throw new OpenApiError(`swagger ${JSON.stringify(root.swagger)} is not supported: use Swagger 2.0 or OpenAPI 3.x`);
  throw new OpenApiError('not an OpenAPI or Swagger description: it has no "openapi" or "swagger" field at the top');
}

/**
 * Parses a description (JSON or YAML, told apart by the first character) and checks that it is one.
 * Throws `OpenApiError` with the parser's position for text that does not parse.
 */
export function parseDescription(text: string): ApiDescription {
  const body = stripBom(text);
  const trimmed = body.trimStart();
  if (trimmed === '') throw new OpenApiError('the file is empty');
  let root: unknown;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      root = JSON.parse(body);
    } catch (err) {
      throw new OpenApiError(`not valid JSON: ${(err as Error).message}`);
    }
  } else {
    try {
      root = loadYaml(body);
    } catch (err) {
      const reason = (err as { reason?: string; mark?: { line: number; column: number } });
      const where = reason.mark ? ` at line ${reason.mark.line + 1}, column ${reason.mark.column + 1}` : '';
      throw new OpenApiError(`not valid YAML${where}: ${reason.reason ?? (err as Error).message}`);
    }
  }
  if (!isObject(root)) throw new OpenApiError('not an OpenAPI or Swagger description: the top level is not an object');
  const version = versionOf(root);
  if (!isObject(root.paths) || Object.keys(root.paths).length === 0) throw new OpenApiError('the description has no paths');
  return new ApiDescription(root, version);
}

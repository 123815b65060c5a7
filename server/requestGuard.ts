/**
 * Every request handler goes through one gate, so a misbehaving client gets a protocol error instead of a `null`
 * that looks like "no result": -32002 before `initialize`, -32602 with a plain message when the params are malformed.
 * Past the gate, runSafe turns a failure into a logged default answer.
 */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { runSafe } from './runSafe';

/** Describes what is wrong with a request's params, or returns undefined when they are usable. */
export type ParamCheck = (params: unknown) => string | undefined;

/** Most positions accepted in one selection-range request (an editor sends one per cursor). */
export const MAX_POSITIONS = 10_000;

export class RequestGate {
  private initialized = false;

  constructor(private readonly connection: Connection) {}

  /** Call from the `initialize` handler: requests are served from then on. */
  open(): void {
    this.initialized = true;
  }

  /** Wraps `work` for `connection.onX`: the initialize check, the params check, then runSafe with `fallback`. */
  handle<P, T>(what: string, fallback: T, check: ParamCheck, work: (params: P) => T | Promise<T>): (params: P) => Promise<T> {
    return async (params: P) => {
      if (!this.initialized) {
        throw new ResponseError(ErrorCodes.ServerNotInitialized, `The server is not initialized yet: send "initialize" before a ${what} request.`);
      }
      const problem = check(params);
      if (problem) throw new ResponseError(ErrorCodes.InvalidParams, `Invalid ${what} request: ${problem}.`);
      return runSafe(this.connection, what, fallback, () => work(params));
    };
  }
}

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isUInteger = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 2 ** 31 - 1;

function positionProblem(value: unknown, name: string): string | undefined {
  if (!isObject(value)) return `${name} must be an object with line and character`;
  if (!isUInteger(value.line) || !isUInteger(value.character)) return `${name}.line and ${name}.character must be non-negative integers`;
  return undefined;
}

function rangeProblem(value: unknown, name: string): string | undefined {
  if (!isObject(value)) return `${name} must be an object with start and end`;
  return positionProblem(value.start, `${name}.start`) ?? positionProblem(value.end, `${name}.end`);
}

/** Checks that compose: each returns the first problem found. */
export const params: Record<'textDocument' | 'position' | 'references' | 'rename' | 'codeAction' | 'formatting' | 'rangeFormatting' | 'selectionRanges', ParamCheck> = {
  textDocument: ((p) => {
    if (!isObject(p)) return 'params must be an object';
    if (!isObject(p.textDocument) || typeof p.textDocument.uri !== 'string') return 'textDocument.uri must be a string';
    return undefined;
  }),

  position: ((p) => params.textDocument(p) ?? positionProblem((p as Fields).position, 'position')),

  references: ((p) => params.position(p) ?? (isObject((p as Fields).context) && typeof ((p as Fields).context as Fields).includeDeclaration === 'boolean'
    ? undefined : 'context.includeDeclaration must be a boolean')),

  rename: ((p) => params.position(p) ?? (typeof (p as Fields).newName === 'string' ? undefined : 'newName must be a string')),

  codeAction: ((p) => {
    const problem: string | undefined = params.textDocument(p) ?? rangeProblem((p as Fields).range, 'range');
    if (problem) return problem;
    const context = (p as Fields).context;
    if (!isObject(context) || !Array.isArray(context.diagnostics)) return 'context.diagnostics must be an array';
    if (context.only !== undefined && !(Array.isArray(context.only) && context.only.every((k) => typeof k === 'string'))) {
      return 'context.only must be an array of strings';
    }
    return undefined;
  }),

  /** tabSize must be a number (it is clamped to 1–16 later) and insertSpaces a boolean, as LSP requires. */
  formatting: ((p) => {
    const problem = params.textDocument(p);
    if (problem) return problem;
    const options = (p as Fields).options;
    if (!isObject(options)) return 'options must be an object with tabSize and insertSpaces';
    if (typeof options.tabSize !== 'number' || !Number.isFinite(options.tabSize)) return 'options.tabSize must be a number';
    if (typeof options.insertSpaces !== 'boolean') return 'options.insertSpaces must be a boolean';
    return undefined;
  }),

  rangeFormatting: ((p) => params.formatting(p) ?? rangeProblem((p as Fields).range, 'range')),

  selectionRanges: ((p) => {
    const problem = params.textDocument(p);
    if (problem) return problem;
    const positions = (p as Fields).positions;
    if (!Array.isArray(positions)) return 'positions must be an array';
    if (positions.length > MAX_POSITIONS) return `at most ${MAX_POSITIONS} positions are accepted (got ${positions.length})`;
    for (let i = 0; i < positions.length; i++) {
      const positionIssue = positionProblem(positions[i], `positions[${i}]`);
      if (positionIssue) return positionIssue;
    }
    return undefined;
  }),
};

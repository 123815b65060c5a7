/**
 * Regular expressions of JSONPath filters (`match()` and `search()`, RFC 9535 §2.4.6–2.4.7) under a bound a spec
 * cannot defeat. JavaScript's own engine backtracks: `search(@.url, '(a+)+b')` over 30 `a`s ran for minutes and froze
 * the process (the emulator stopped answering). Here every pattern runs on RE2JS, a linear-time engine (no
 * backtracking, so time grows with the input, whatever the pattern), and a pattern written in the spec in the classic
 * catastrophic shape, a repeated group whose branch is only repeated or optional parts (`(a+)+`, `(\w+\s?)*`), is refused
 * when the path is compiled: backtracking engines can take exponential time on it, so the author hears of it here.
 */
import { RE2JS } from 're2js';
import { jsonpath, FunctionExpressionType, type FilterFunction, type JSONPathQuery } from 'json-p3';

/** A literal pattern a spec may not use, and why. */
export interface UnsafePattern {
  fn: 'match' | 'search';
  pattern: string;
  /** Why it is refused, in a sentence that says what to do. */
  reason: string;
}

/**
 * The I-Regexp form of a pattern in RE2 syntax: the same, except `.` outside a character class, which in I-Regexp
 * matches any character but `\n` and `\r` (RE2's `.` only leaves out `\n`).
 */
function toRe2(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') out += pattern[++i]; // a leading `]` is a literal
    } else {
      out += ch === '.' ? '[^\\n\\r]' : ch;
    }
  }
  return out;
}

/** Compiled patterns, `null` for those RE2 refuses (an invalid pattern matches nothing, as RFC 9535 says). */
const compiled = new Map<string, RE2JS | null>();

/** The RE2JS program of a pattern, or `null` when it is not one; throws nothing. */
function program(pattern: string): RE2JS | null {
  let re = compiled.get(pattern);
  if (re === undefined) {
    try {
      re = RE2JS.compile(toRe2(pattern));
    } catch {
      re = null;
    }
    // Patterns read from the data (`match(@.a, @.b)`) could be many; keep the cache bounded.
    if (compiled.size >= 256) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/** `match()` / `search()` on the linear-time engine, with RFC 9535's answers for non-strings and bad patterns. */
class LinearRegexFunction implements FilterFunction {
  readonly argTypes = [FunctionExpressionType.ValueType, FunctionExpressionType.ValueType];
  readonly returnType = FunctionExpressionType.LogicalType;
  constructor(private readonly whole: boolean) {}

  call(value: unknown, pattern: unknown): boolean {
    if (typeof value !== 'string' || typeof pattern !== 'string') return false;
    const re = program(pattern);
    if (!re) return false;
    const matcher = re.matcher(value);
    return this.whole ? matcher.matches() : matcher.find();
  }
}

/** Puts the linear-time `match` and `search` into a JSONPath environment, in place of the backtracking ones. */
export function installLinearRegex(environment: { functionRegister: Map<string, FilterFunction> }): void {
  environment.functionRegister.set('match', new LinearRegexFunction(true));
  environment.functionRegister.set('search', new LinearRegexFunction(false));
}

/** The quantifier at `pattern[i]`: its length (0 for none), whether it may match nothing, whether it repeats. */
function quantifierAt(pattern: string, i: number): { length: number; optional: boolean; repeats: boolean } {
  const ch = pattern[i];
  if (ch === '*') return { length: 1, optional: true, repeats: true };
  if (ch === '+') return { length: 1, optional: false, repeats: true };
  if (ch === '?') return { length: 1, optional: true, repeats: false };
  if (ch === '{') {
    const range = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (range) {
      const min = Number(range[1]);
      const max = range[2] === undefined ? min : range[3] === '' ? Infinity : Number(range[3]);
      return { length: range[0].length, optional: min === 0, repeats: max > 1 };
    }
  }
  return { length: 0, optional: false, repeats: false };
}

/** An open group while scanning: where it starts, and what its branches hold. */
interface GroupFrame {
  start: number;
  /** Every piece of the current branch is optional or repeats (so the branch has no fixed part). */
  branchLoose: boolean;
  branchRepeats: boolean;
  /** Some finished branch was loose and repeating: the group can match one text in many ways. */
  ambiguous: boolean;
}

const openGroup = (start: number): GroupFrame => ({ start, branchLoose: true, branchRepeats: false, ambiguous: false });

function endBranch(frame: GroupFrame): void {
  frame.ambiguous ||= frame.branchLoose && frame.branchRepeats;
  frame.branchLoose = true;
  frame.branchRepeats = false;
}

/**
 * The first group of `pattern` that repeats while one of its branches is made only of repeated or optional parts,
 * e.g. `(a+)+` in `(a+)+b` or `(\w+\s?)*`: the shape on which backtracking engines take exponential time.
 * `undefined` when there is none. A branch with a fixed part (`([a-z]+\.)+`) splits its text one way only and is
 * left alone; other exponential shapes (`(a|aa)*`) are not looked for: the linear-time engine runs them anyway.
 * Escapes, `\p{…}` and character classes are skipped; I-Regexp has no other constructs.
 */
export function nestedRepetition(pattern: string): string | undefined {
  const groups: GroupFrame[] = [openGroup(0)];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    let atomEnd = i;
    let closed: GroupFrame | undefined;
    if (ch === '\\') {
      atomEnd = /^\\[pP]\{[^}]*\}/.test(pattern.slice(i)) ? pattern.indexOf('}', i) : i + 1;
    } else if (ch === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      atomEnd = j;
    } else if (ch === '(') {
      groups.push(openGroup(i));
      continue;
    } else if (ch === '|') {
      endBranch(groups[groups.length - 1]!);
      continue;
    } else if (ch === ')' && groups.length > 1) {
      closed = groups.pop()!;
      endBranch(closed);
    }
    const quantifier = quantifierAt(pattern, atomEnd + 1);
    if (closed?.ambiguous && quantifier.repeats) return pattern.slice(closed.start, atomEnd + 1 + quantifier.length);
    const frame = groups[groups.length - 1]!;
    frame.branchLoose &&= quantifier.optional || quantifier.repeats || closed?.ambiguous === true;
    frame.branchRepeats ||= quantifier.repeats || closed?.ambiguous === true;
    i = atomEnd + quantifier.length;
  }
  return undefined;
}

/** Every `match`/`search` call of a compiled query whose pattern is a string literal. */
function literalPatterns(query: JSONPathQuery): Array<{ fn: 'match' | 'search'; pattern: string }> {
  const found: Array<{ fn: 'match' | 'search'; pattern: string }> = [];
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (node instanceof jsonpath.expressions.FunctionExtension && (node.name === 'match' || node.name === 'search')) {
      const literal = node.args[1];
      if (literal instanceof jsonpath.expressions.StringLiteral) found.push({ fn: node.name, pattern: literal.value });
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'environment' && key !== 'token') visit(child);
  };
  visit(query.segments);
  return found;
}

/** The first literal pattern of `query` that is refused: nested repetition, or not a pattern RE2 can run. */
export function unsafePattern(query: JSONPathQuery): UnsafePattern | undefined {
  for (const { fn, pattern } of literalPatterns(query)) {
    const nested = nestedRepetition(pattern);
    if (nested) {
      return {
        fn, pattern,
        reason: `its group ${JSON.stringify(nested)} repeats a part that can match the same text in many ways, which backtracking regular-expression engines can take exponential time on. Write it without the nested repetition (for example "a+b" rather than "(a+)+b")`,
      };
    }
    try {
      RE2JS.compile(toRe2(pattern));
    } catch (err) {
      return { fn, pattern, reason: `it is not a regular expression this tool can run in linear time (${(err as Error).message}). Use I-Regexp syntax (RFC 9485) with repeat counts up to 1000` };
    }
  }
  return undefined;
}

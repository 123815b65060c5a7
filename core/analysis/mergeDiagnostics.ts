/**
 * Joins schema diagnostics and semantic-rule diagnostics without saying the same thing twice, and without ever
 * hiding an error.
 *
 * The schema and the rules overlap on purpose: the schema gives completion and catches structure everywhere, the
 * rules know the domain and say what to do. A schema message is replaced by a rule message only when the rule
 * message is about the same problem (the same key or value) at the same or a higher severity:
 * - a missing-property error stays on its object's key unless a rule finding in that object names the missing key;
 * - a value error (not allowed, wrong type, pattern, deprecated) or an unknown key is replaced only by a rule finding
 *   on that very node.
 * Conversely, a rule finding of lower severity on a node the schema rejects (the same range, or template text such as
 * `"{GET_or_POST}"` in an enum slot) is dropped: the schema error says it, with the allowed values.
 */
import type { Diagnostic, Range } from 'vscode-json-languageservice';

/** Syntax-layer codes: never replaced by anything (they stay even when a rule reports on the same spot). */
const NEVER_REPLACED = new Set(['SSDK001', 'SSDK002', 'SSDK003', 'SSDK004', 'SSDK005', 'SSDK090', 'SSDK091']);

/** What a schema diagnostic carries in `data` (set by schemaDiagnostics). */
interface SchemaData {
  candidates?: unknown;
  /** The key a "Missing property" error is about. */
  missingProperty?: string;
  /** The template text a value error is about (`GET_or_POST` for `"{GET_or_POST}"`). */
  template?: string;
}

/**
 * Schema diagnostics first, then rule diagnostics, minus the schema ones a rule diagnostic restates (same problem,
 * same or higher severity) and the rule ones a template-text schema error restates.
 * `scope` widens a key range to its whole property: a missing property is reported on the parent's key, while the
 * rule that names it marks something inside the parent's value.
 */
export function mergeDiagnostics(schema: Diagnostic[], rules: Diagnostic[], scope: (range: Range) => Range = (r) => r): Diagnostic[] {
  if (rules.length === 0) return schema;
  // Rules by start line: a broken file can have thousands of messages on each side, so no all-pairs comparison.
  const rulesOn = byStartLine(rules);
  const kept = schema.filter((d) => {
    if (NEVER_REPLACED.has(String(d.code))) return true;
    const missing = dataOf(d).missingProperty;
    // The widened range is computed once per schema message (it walks the parse tree).
    const about = missing !== undefined ? scope(d.range) : d.range;
    const superseding = startingWithin(rulesOn, about).filter((r) => atLeastAsSevere(r, d) && sameProblem(d, about, missing, r));
    if (superseding.length === 0) return true;
    carryCandidates(d, superseding);
    return false;
  });
  // A milder rule finding on a node the schema already rejects restates it (one problem, one report).
  const restated = new Set<Diagnostic>();
  for (const d of kept) {
    if (NEVER_REPLACED.has(String(d.code))) continue;
    const template = typeof dataOf(d).template === 'string';
    for (const r of startingWithin(rulesOn, d.range)) {
      if (!atLeastAsSevere(r, d) && (sameRange(d.range, r.range) || (template && contains(d.range, r.range)))) restated.add(r);
    }
  }
  return kept.concat(restated.size === 0 ? rules : rules.filter((r) => !restated.has(r)));
}

function byStartLine(diagnostics: Diagnostic[]): Map<number, Diagnostic[]> {
  const lines = new Map<number, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = lines.get(d.range.start.line);
    if (list) list.push(d);
    else lines.set(d.range.start.line, [d]);
  }
  return lines;
}

/** Diagnostics (from {@link byStartLine}) that start on one of the lines of `range`: every candidate to overlap it. */
function startingWithin(lines: Map<number, Diagnostic[]>, range: Range): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (range.end.line - range.start.line > lines.size) {
    for (const [line, list] of lines) if (line >= range.start.line && line <= range.end.line) found.push(...list);
    return found;
  }
  for (let line = range.start.line; line <= range.end.line; line++) {
    const list = lines.get(line);
    if (list) found.push(...list);
  }
  return found;
}

function dataOf(diagnostic: Diagnostic): SchemaData {
  return (diagnostic.data && typeof diagnostic.data === 'object' ? diagnostic.data : {}) as SchemaData;
}

/** LSP severities: 1 = error … 4 = hint; a missing severity counts as an error (what clients show). */
function atLeastAsSevere(rule: Diagnostic, schema: Diagnostic): boolean {
  return (rule.severity ?? 1) <= (schema.severity ?? 1);
}

/** `about` is the schema message's range, widened to the whole property for a missing-property message. */
function sameProblem(schema: Diagnostic, about: Range, missing: string | undefined, rule: Diagnostic): boolean {
  if (missing !== undefined) return overlaps(about, rule.range) && namesKey(rule, missing);
  return sameRange(schema.range, rule.range) || (contains(schema.range, rule.range) && !isPoint(rule.range));
}

/** True when a rule finding is about `key`: its fix data lists it, or its message quotes it. */
function namesKey(rule: Diagnostic, key: string): boolean {
  const data = (rule.data && typeof rule.data === 'object' ? rule.data : {}) as { missing?: unknown; key?: unknown; name?: unknown };
  if (Array.isArray(data.missing) && data.missing.includes(key)) return true;
  if (data.key === key || data.name === key) return true;
  const message = typeof rule.message === 'string' ? rule.message : rule.message.value;
  return message.includes(`"${key}"`);
}

/** The schema's did-you-mean candidates stay available as quick fixes on a rule diagnostic of the same node. */
function carryCandidates(schema: Diagnostic, rules: Diagnostic[]): void {
  const candidates = dataOf(schema).candidates;
  if (!Array.isArray(candidates) || candidates.length === 0) return;
  const target = rules.find((r) => sameRange(r.range, schema.range) && !(r.data as { candidates?: unknown } | undefined)?.candidates);
  if (target) target.data = { ...(target.data as object | undefined), candidates };
}

function sameRange(a: Range, b: Range): boolean {
  return !before(a.start, b.start) && !before(b.start, a.start) && !before(a.end, b.end) && !before(b.end, a.end);
}

/** `inner` lies within `outer` (bounds included). */
function contains(outer: Range, inner: Range): boolean {
  return !before(inner.start, outer.start) && !before(outer.end, inner.end);
}

function isPoint(range: Range): boolean {
  return range.start.line === range.end.line && range.start.character === range.end.character;
}

function overlaps(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(p: Range['start'], q: Range['start']): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}

/**
 * Joins schema diagnostics and semantic-rule diagnostics without saying the same thing twice.
 *
 * The schema and the rules overlap on purpose: the schema gives completion and catches structure everywhere, the
 * rules know the domain and say what to do. Where a rule reports on the same spot as a generic schema message
 * (missing property, value not allowed, wrong type, deprecated), the user should see the rule's message only.
 */
import type { Diagnostic, Range } from 'vscode-json-languageservice';

/** Schema-layer codes a rule may supersede. Syntax errors (SSDK001–005) and unknown keys (SSDK011) always stay. */
const SUPERSEDABLE = new Set(['SSDK010', 'SSDK012', 'SSDK013', 'SSDK014']);

/**
 * Schema diagnostics first, then rule diagnostics, minus the schema ones a rule diagnostic overlaps.
 * `scope` widens a schema diagnostic to what it is about: the language service marks a missing property on the
 * parent's key, while the rule marks something inside the parent's value.
 */
export function mergeDiagnostics(schema: Diagnostic[], rules: Diagnostic[], scope: (range: Range) => Range = (r) => r): Diagnostic[] {
  if (rules.length === 0) return schema;
  const kept = schema.filter((d) => {
    if (!SUPERSEDABLE.has(String(d.code))) return true;
    const about = scope(d.range);
    const superseding = rules.filter((r) => overlaps(about, r.range));
    if (superseding.length === 0) return true;
    carryCandidates(d, superseding);
    return false;
  });
  return kept.concat(rules);
}

/** The schema's did-you-mean candidates stay available as quick fixes on a rule diagnostic of the same node. */
function carryCandidates(schema: Diagnostic, rules: Diagnostic[]): void {
  const candidates = (schema.data as { candidates?: unknown } | undefined)?.candidates;
  if (!Array.isArray(candidates) || candidates.length === 0) return;
  const target = rules.find((r) => sameRange(r.range, schema.range) && !(r.data as { candidates?: unknown } | undefined)?.candidates);
  if (target) target.data = { ...(target.data as object | undefined), candidates };
}

function sameRange(a: Range, b: Range): boolean {
  return !before(a.start, b.start) && !before(b.start, a.start) && !before(a.end, b.end) && !before(b.end, a.end);
}

function overlaps(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(p: Range['start'], q: Range['start']): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}

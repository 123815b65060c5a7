/**
 * Unknown top-level keys. The bundled schemas leave the top level open (the Flow Service DTOs carry more fields than
 * the SDK docs show, and a schema-level `additionalProperties: false` would also reject them for every consumer of the
 * schema), so a misspelt `sourceSepc` or `authSpecs` would otherwise pass silently and the real section be "missing"
 * only at upload. Known keys are every top-level property of the kind's schema: authored, OpenAPI-only and
 * server-managed fields. Reported as SSDK011 with did-you-mean candidates, so the usual rename quick fix applies.
 */
import { SPEC_SCHEMAS } from '../../schemas';
import { propertiesOf } from '../astUtil';
import { closest } from '../schemaDiagnostics';
import { SPEC_KINDS } from '../../spec/kinds';
import type { Rule, SpecKind } from '../types';


function topLevelNames(kind: SpecKind): readonly string[] {
  const properties = (SPEC_SCHEMAS[kind].schema as { properties?: Record<string, unknown> }).properties ?? {};
  // "$schema" is reported by the engine when it displaces the bundled schema (SSDK010), never as unknown.
  return [...Object.keys(properties), '$schema'];
}

const KNOWN: Record<SpecKind, readonly string[]> = {
  connectionSpec: topLevelNames('connectionSpec'),
  flowSpec: topLevelNames('flowSpec'),
};
const KNOWN_SETS: Record<SpecKind, ReadonlySet<string>> = {
  connectionSpec: new Set(KNOWN.connectionSpec),
  flowSpec: new Set(KNOWN.flowSpec),
};

/** Unknown top-level keys reported per document (each costs a did-you-mean search). */
const MAX_REPORTED = 200;

export const topLevelKeysRule: Rule = {
  table: [],
  alsoReports: ['SSDK011'],
  kinds: ['connectionSpec', 'flowSpec'],
  reads: [],
  run(ctx) {
    if (ctx.root?.type !== 'object') return;
    const properties = propertiesOf(ctx.root);
    const present = new Set(properties.map((p) => p.keyNode.value));
    const unused = KNOWN[ctx.kind].filter((name) => !present.has(name) && name !== '$schema');
    let reported = 0;
    for (const property of properties) {
      const name = property.keyNode.value;
      if (KNOWN_SETS[ctx.kind].has(name)) continue;
      // A mangled file (a lost quote) can turn thousands of fragments into keys; the report list is capped anyway.
      if (++reported > MAX_REPORTED) break;
      const candidates = closest(name, unused, 3, true);
      const hint = candidates.length > 0
        ? `Did you mean ${candidates.map((c) => `"${c}"`).join(' or ')}?`
        : 'Remove it or check the spelling: the Flow Service does not document it.';
      ctx.report({ code: 'SSDK011', node: property.keyNode, data: { candidates },
        message: `"${name}" is not a top-level field of a ${SPEC_KINDS[ctx.kind].label}. ${hint}` });
    }
  },
};

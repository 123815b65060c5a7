/**
 * Rules 1 and 2: every `${name}` in the request must resolve to a declared parameter; look-alike forms
 * (`{name}`, `{{NAME}}`) and unreplaced documentation templates (`{DESCRIPTION}`, `{GET_or_POST}`) are flagged.
 * `{name}` is "meant `${name}`" (SSDK103) only in request values, where a placeholder works, and only for declared
 * parameters; any other `{…}` template text is SSDK105. Where the schema rejects the template text outright (an
 * enum or non-string slot) the schema error stands instead (see mergeDiagnostics).
 */
import { isServerManagedField } from '../../serverManagedFields';
import type { ASTNode, StringASTNode } from 'vscode-json-languageservice';
import { stringOffsetMapper, walk } from '../astUtil';
import {
  collectPlaceholders,
  forEachRequestString,
  isUpperCaseName,
  RUNTIME_VALUES,
  wholeTemplate,
  tokensOf,
  type PlaceholderTable,
} from '../placeholders';
import type { Rule, RuleContext } from '../types';
import { row } from '../ruleRow';

export const placeholderRule: Rule = {
  table: [
    row('SSDK101', 'error', 'Unresolved placeholder', 'Declare the parameter in sourceSpec.spec.properties (quick fix) or in every authSpec, or fix the name.', 'sourceSpec'),
    row('SSDK102', 'warning', 'Placeholder resolves only in some auth specs', 'Declare the property in every authSpec entry, or in sourceSpec.spec.properties.', 'sourceSpec'),
    row('SSDK103', 'warning', '`{name}` without `$`', 'Write `${name}` (quick fix): without `$` the text is sent literally. Reported only for declared parameters in URL, query, header and body values.', 'sourceSpec'),
    row('SSDK104', 'warning', 'Legacy `{{NAME}}` placeholder', 'Write `${NAME}` (quick fix): the double-brace form is from the legacy format.', 'sourceSpec'),
    row('SSDK105', 'warning', 'Unreplaced template text', 'Replace the `{…}` template text (any case, spaces allowed) with the real value. Where the schema only takes certain values (enum, object, number…) the template text is that schema error instead (SSDK010/012/013) and the quick fix offers the allowed values.', 'sourceSpec'),
    row('SSDK106', 'hint', 'Unused source parameter', 'Use the parameter as `${name}` in urlParams/headerParams/bodyParams, or remove it. Uses written `{{name}}` or `{name}` count (they get their own finding).', 'sourceSpec'),
    row('SSDK107', 'warning', 'Malformed placeholder', 'Write a placeholder as `${name}` with a parameter name and a closing brace.', 'sourceSpec'),
  ],
  kinds: ['connectionSpec', 'flowSpec'],
  run(ctx) {
    const requestStrings = new Set<StringASTNode>();
    if (ctx.kind === 'connectionSpec') {
      forEachRequestString(ctx.root, (node) => requestStrings.add(node));
      const table = collectPlaceholders(ctx.document, ctx.root);
      checkUses(ctx, table);
      checkUnused(ctx, table, requestStrings);
      for (const node of requestStrings) checkLookAlikes(ctx, node, table);
    }
    walk(ctx.root, (node) => {
      if (node.type !== 'string' || requestStrings.has(node)) return;
      if (node.parent?.type === 'property' && node.parent.keyNode === node) return;
      // A server-managed field's value ("{CREATED_BY}" in a pasted response) goes with its key (SSDK518): not twice.
      if (isServerManagedValue(ctx, node)) return;
      checkLeftovers(ctx, node);
    });
  },
};

function checkUses(ctx: RuleContext, table: PlaceholderTable): void {
  for (const use of table.uses) {
    const declarations = table.declarations.get(use.name) ?? [];
    if (declarations.length === 0) {
      ctx.report({
        code: 'SSDK101', start: use.start, end: use.end, data: { name: use.name },
        message: `"\${${use.name}}" is not declared: add "${use.name}" to sourceSpec.spec.properties (user input) or to the properties of every authSpec entry (credential).`,
      });
      continue;
    }
    if (declarations.some((d) => d.where === 'sourceSpec')) continue;
    const declaredIn = new Set(declarations.map((d) => d.where));
    const missing = table.authSpecSites.filter((site) => !declaredIn.has(site));
    if (missing.length > 0) {
      const names = missing.map((site) => `"${site.slice('authSpec:'.length)}"`).join(', ');
      ctx.report({
        code: 'SSDK102', start: use.start, end: use.end, data: { name: use.name, missing },
        message: `"\${${use.name}}" is declared only in some auth specs; a connection using ${names} would send an unresolved value. Declare "${use.name}" in every authSpec entry or in sourceSpec.spec.properties.`,
      });
    }
  }
}

/**
 * Hints are cheap to show but not to build on a generated spec with thousands of parameters: past this many, one
 * summary hint on the last reported parameter stands for the rest.
 */
export const MAX_UNUSED_HINTS = 50;

/**
 * Keys of `sourceSpec.attributes`. Adobe's create template puts a meta-schema describing them in
 * `sourceSpec.spec.properties`; they are not user inputs, so "reference it as \${urlParams}" would be wrong advice.
 */
const META_SCHEMA_KEYS = new Set(['urlParams', 'headerParams', 'bodyParams', 'contentPath', 'explodeEntityPath', 'paginationParams', 'scheduleParams']);

/** True for the value of a top-level server-managed field (`"createdBy": "{CREATED_BY}"`). */
function isServerManagedValue(ctx: RuleContext, node: ASTNode): boolean {
  const property = node.parent;
  return property?.type === 'property' && property.valueNode === node && property.parent === ctx.root
    && isServerManagedField(property.keyNode.value);
}

function checkUnused(ctx: RuleContext, table: PlaceholderTable, requestStrings: ReadonlySet<StringASTNode>): void {
  const used = new Set(table.uses.map((use) => use.name));
  // A parameter written in a look-alike form ({{NAME}}, {name}) is used, just wrongly: that form has its own finding.
  for (const node of requestStrings) {
    for (const token of tokensOf(node)) if (token.kind === 'double' || token.kind === 'brace') used.add(token.name);
  }
  const unused: Array<{ name: string; node: ASTNode }> = [];
  let total = 0;
  for (const [name, declarations] of table.declarations) {
    if (used.has(name) || META_SCHEMA_KEYS.has(name)) continue;
    for (const declaration of declarations) {
      if (declaration.where !== 'sourceSpec') continue;
      total++;
      if (unused.length < MAX_UNUSED_HINTS) unused.push({ name, node: declaration.node.keyNode });
    }
  }
  unused.forEach(({ name, node }, index) => {
    const more = index === unused.length - 1 && total > unused.length
      ? ` (${total - unused.length} more unused parameters are not marked)` : '';
    ctx.report({
      code: 'SSDK106', node, tags: ['unnecessary'], data: { name },
      message: `Source parameter "${name}" is never used: reference it as "\${${name}}" in urlParams, headerParams or bodyParams, or remove it.${more}`,
    });
  });
}

function checkLookAlikes(ctx: RuleContext, node: StringASTNode, table: PlaceholderTable): void {
  const tokens = tokensOf(node);
  if (tokens.length === 0) return;
  const toOffset = stringOffsetMapper(ctx.document, node);
  for (const token of tokens) {
    const start = toOffset(token.tokenStart);
    const end = toOffset(token.tokenEnd);
    if (token.kind === 'malformed') {
      ctx.report({ code: 'SSDK107', start, end,
        message: 'Malformed placeholder: write "${name}" with a declared parameter name and a closing "}".' });
    } else if (token.kind === 'double') {
      ctx.report({ code: 'SSDK104', start, end, data: { name: token.name, replacement: `\${${token.name}}` },
        message: `Legacy placeholder "{{${token.name}}}": write "\${${token.name}}" instead.` });
    } else if (token.kind === 'brace' && !RUNTIME_VALUES.has(token.name)) {
      if (table.declarations.has(token.name)) {
        ctx.report({ code: 'SSDK103', start, end, data: { name: token.name, replacement: `\${${token.name}}` },
          message: `"{${token.name}}" is sent literally: write "\${${token.name}}" to substitute the parameter.` });
      } else {
        // In a request value the fix is clear: declare the parameter and write the placeholder (quick fix).
        ctx.report({ code: 'SSDK105', start, end, data: { name: token.name, replacement: `\${${token.name}}`, declare: true },
          message: `"{${token.name}}" is sent literally and is not a declared parameter: replace the template text ` +
            `with the real value, or declare "${token.name}" and write "\${${token.name}}" (quick fix).` });
      }
    }
  }
}

function checkLeftovers(ctx: RuleContext, node: StringASTNode): void {
  if (node.value.indexOf('{') < 0) return;
  const tokens = tokensOf(node);
  if (tokens.length === 0) return;
  const toOffset = stringOffsetMapper(ctx.document, node);
  // In free text only UPPER_CASE templates are flagged ("{id}" in a description is prose); a value that is nothing
  // but one template ("{GET_or_POST}", "{Page size}") is template text in any case.
  const whole = wholeTemplate(node.value);
  for (const token of tokens) {
    if (token.kind !== 'brace' || RUNTIME_VALUES.has(token.name)) continue;
    if (isUpperCaseName(token.name) || token.name === whole) {
      reportLeftover(ctx, token.name, toOffset(token.tokenStart), toOffset(token.tokenEnd));
    }
  }
}

function reportLeftover(ctx: RuleContext, name: string, start: number, end: number): void {
  ctx.report({ code: 'SSDK105', start, end, data: { name },
    message: `"{${name}}" is unreplaced template text: replace it with the real value before submitting.` });
}

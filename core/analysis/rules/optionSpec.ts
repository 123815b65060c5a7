/**
 * Rule 24: the flow spec's `optionSpec.spec` describes the options every flow of this spec can set. Two of them
 * have the same shape in every SDK flow spec: `partialIngestionPercent` is a number with `exclusiveMinimum: 0`
 * (a positive percentage), and `errorDiagnosticsEnabled` is a boolean defaulting to false. A PUT that changes
 * them changes what every dataflow of the spec accepts, so drift is worth a warning.
 */
import type { ASTNode } from 'vscode-json-languageservice';
import { findProperty, getPath, stringValue } from '../astUtil';
import type { Rule, RuleContext } from '../types';
import { row } from '../ruleRow';

export const optionSpecRule: Rule = {
  table: [
    row('SSDK607', 'warning', '`partialIngestionPercent` option not as documented', 'Declare it as `{"type": "number", "exclusiveMinimum": 0}` (quick fix).', 'flowSpecs'),
    row('SSDK608', 'warning', '`errorDiagnosticsEnabled` option not as documented', 'Declare it as `{"type": "boolean", "default": false}` (quick fix).', 'flowSpecs'),
  ],
  kinds: ['flowSpec'],
  run(ctx) {
    const properties = getPath(ctx.root, ['optionSpec', 'spec', 'properties']);
    if (properties?.type !== 'object') return;
    const partial = findProperty(properties, 'partialIngestionPercent');
    if (partial?.valueNode?.type === 'object') checkPartialIngestion(ctx, partial.keyNode, partial.valueNode);
    const diagnostics = findProperty(properties, 'errorDiagnosticsEnabled');
    if (diagnostics?.valueNode?.type === 'object') checkErrorDiagnostics(ctx, diagnostics.keyNode, diagnostics.valueNode);
  },
};

function checkPartialIngestion(ctx: RuleContext, key: ASTNode, schema: ASTNode): void {
  const type = getPath(schema, ['type']);
  if (type && stringValue(type) !== 'number') {
    ctx.report({ code: 'SSDK607', node: type, data: { candidates: ['number'] },
      message: '"partialIngestionPercent" is a number (a percentage such as 5 or 0.5): write "type": "number".' });
  }
  const minimum = findProperty(schema, 'exclusiveMinimum');
  if (!minimum) {
    ctx.report({ code: 'SSDK607', node: key, data: { insert: { exclusiveMinimum: 0 } },
      message: '"partialIngestionPercent" is declared with "exclusiveMinimum": 0 (a positive percentage) in the SDK flow specs: add it.' });
  } else if (minimum.valueNode && !(minimum.valueNode.type === 'number' && minimum.valueNode.value === 0)) {
    // Draft-04's boolean form (`"exclusiveMinimum": true` plus `minimum`) means nothing in draft-07.
    ctx.report({ code: 'SSDK607', node: minimum.valueNode, data: { value: 0 },
      message: 'In draft-07 "exclusiveMinimum" is the bound itself: partialIngestionPercent uses "exclusiveMinimum": 0.' });
  }
}

function checkErrorDiagnostics(ctx: RuleContext, key: ASTNode, schema: ASTNode): void {
  const type = getPath(schema, ['type']);
  if (type && stringValue(type) !== 'boolean') {
    ctx.report({ code: 'SSDK608', node: type, data: { candidates: ['boolean'] },
      message: '"errorDiagnosticsEnabled" is a switch: write "type": "boolean".' });
  }
  const fallback = findProperty(schema, 'default');
  if (!fallback) {
    ctx.report({ code: 'SSDK608', node: key, data: { insert: { default: false } },
      message: '"errorDiagnosticsEnabled" is declared with "default": false in the SDK flow specs: add it.' });
  } else if (fallback.valueNode && fallback.valueNode.value !== false) {
    ctx.report({ code: 'SSDK608', node: fallback.valueNode, data: { value: false },
      message: '"errorDiagnosticsEnabled" defaults to false, as in every SDK flow spec: write "default": false.' });
  }
}

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
  reads: ['optionSpec'],
  run(ctx) {
    const properties = getPath(ctx.root, ['optionSpec', 'spec', 'properties']);
    if (properties?.type !== 'object') return;
    for (const option of DOCUMENTED_OPTIONS) {
      const declared = findProperty(properties, option.name);
      if (declared?.valueNode?.type === 'object') checkOption(ctx, declared.keyNode, declared.valueNode, option);
    }
  },
};

/** How every SDK flow spec declares an option: its type and one keyword with its value, and what to say of each miss. */
interface DocumentedOption {
  name: string;
  code: 'SSDK607' | 'SSDK608';
  type: 'number' | 'boolean';
  keyword: string;
  value: number | boolean;
  wrongType: string;
  missing: string;
  wrongValue: string;
}

const DOCUMENTED_OPTIONS: readonly DocumentedOption[] = [
  {
    name: 'partialIngestionPercent', code: 'SSDK607', type: 'number', keyword: 'exclusiveMinimum', value: 0,
    wrongType: '"partialIngestionPercent" is a number (a percentage such as 5 or 0.5): write "type": "number".',
    missing: '"partialIngestionPercent" is declared with "exclusiveMinimum": 0 (a positive percentage) in the SDK flow specs: add it.',
    // Draft-04's boolean form (`"exclusiveMinimum": true` plus `minimum`) means nothing in draft-07.
    wrongValue: 'In draft-07 "exclusiveMinimum" is the bound itself: partialIngestionPercent uses "exclusiveMinimum": 0.',
  },
  {
    name: 'errorDiagnosticsEnabled', code: 'SSDK608', type: 'boolean', keyword: 'default', value: false,
    wrongType: '"errorDiagnosticsEnabled" is a switch: write "type": "boolean".',
    missing: '"errorDiagnosticsEnabled" is declared with "default": false in the SDK flow specs: add it.',
    wrongValue: '"errorDiagnosticsEnabled" defaults to false, as in every SDK flow spec: write "default": false.',
  },
];

function checkOption(ctx: RuleContext, key: ASTNode, schema: ASTNode, option: DocumentedOption): void {
  const type = getPath(schema, ['type']);
  if (type && stringValue(type) !== option.type) {
    ctx.report({ code: option.code, node: type, data: { candidates: [option.type] }, message: option.wrongType });
  }
  const keyword = findProperty(schema, option.keyword);
  if (!keyword) {
    ctx.report({ code: option.code, node: key, data: { insert: { [option.keyword]: option.value } }, message: option.missing });
  } else if (keyword.valueNode && !(keyword.valueNode.type === option.type && keyword.valueNode.value === option.value)) {
    ctx.report({ code: option.code, node: keyword.valueNode, data: { value: option.value }, message: option.wrongValue });
  }
}

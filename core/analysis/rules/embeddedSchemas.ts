/** Rule 12: embedded JSON Schemas declare draft-07 exactly and describe objects. */
import type { ASTNode } from 'vscode-json-languageservice';
import { asObject, getPath, itemsOf, stringValue } from '../astUtil';
import type { Rule, RuleContext, SpecKind } from '../types';
import { DRAFT_07 } from './profile';
import { row } from '../ruleRow';

/** The embedded schemas of a document, each with a label for messages. */
export function embeddedSchemas(root: ASTNode | undefined, kind: SpecKind): Array<{ label: string; node: ASTNode }> {
  const found: Array<{ label: string; node: ASTNode | undefined }> = [];
  if (kind === 'connectionSpec') {
    itemsOf(getPath(root, ['authSpec'])).forEach((entry, i) => found.push({ label: `authSpec[${i}].spec`, node: getPath(entry, ['spec']) }));
    found.push({ label: 'sourceSpec.spec', node: getPath(root, ['sourceSpec', 'spec']) });
    found.push({ label: 'exploreSpec.requestSpec', node: getPath(root, ['exploreSpec', 'requestSpec']) });
    found.push({ label: 'exploreSpec.responseSpec', node: getPath(root, ['exploreSpec', 'responseSpec']) });
  } else {
    found.push({ label: 'optionSpec.spec', node: getPath(root, ['optionSpec', 'spec']) });
    for (const key of ['transformationSpecs', 'transformationSpec']) {
      itemsOf(getPath(root, [key])).forEach((entry, i) => found.push({ label: `${key}[${i}].spec`, node: getPath(entry, ['spec']) }));
    }
    found.push({ label: 'scheduleSpec.spec', node: getPath(root, ['scheduleSpec', 'spec']) });
  }
  return found.filter((entry): entry is { label: string; node: ASTNode } => !!asObject(entry.node));
}

export const embeddedSchemaRule: Rule = {
  table: [
    row('SSDK701', 'error', '`$schema` is not draft-07', 'Write exactly `http://json-schema.org/draft-07/schema#` (quick fix).', 'authSpec'),
    row('SSDK702', 'warning', 'Embedded schema is not an object schema', 'Use `"type": "object"` with `properties`.', 'authSpec'),
    row('SSDK703', 'warning', '`$schema` with the documented `http: //` typo', 'Remove the space (quick fix). The service accepts the typo of the canonical exploreSpec, so it does not block an upload.', 'authSpec'),
  ],
  kinds: ['connectionSpec', 'flowSpec'],
  reads: ['authSpec', 'sourceSpec.spec', 'exploreSpec', 'optionSpec', 'transformationSpecs', 'transformationSpec', 'scheduleSpec'],
  run(ctx: RuleContext) {
    for (const { label, node } of embeddedSchemas(ctx.root, ctx.kind)) {
      const schemaNode = getPath(node, ['$schema']);
      const dialect = stringValue(schemaNode);
      if (schemaNode && dialect !== DRAFT_07) {
        if (dialect !== undefined && isDocumentedTypo(dialect)) {
          // The canonical batch exploreSpec carries this typo in every copy of the docs and the service accepts it.
          ctx.report({ code: 'SSDK703', node: schemaNode, data: { candidates: [DRAFT_07] },
            message: `${label}.$schema has the "http: //" typo of the documentation's copy: write "${DRAFT_07}". ` +
              'The service accepts the typo, so this does not block an upload.' });
        } else {
          ctx.report({ code: 'SSDK701', node: schemaNode, data: { candidates: [DRAFT_07] },
            message: `${label}.$schema must be exactly "${DRAFT_07}".` });
        }
      }
      const typeNode = getPath(node, ['type']);
      if (typeNode && stringValue(typeNode) !== 'object') {
        ctx.report({ code: 'SSDK702', node: typeNode,
          message: `${label} should describe an object: use "type": "object" with "properties".` });
      }
    }
  },
};

/** The docs' `http: //json-schema.org/draft-07/schema#`: draft-07 but for blanks after the scheme's colon. */
function isDocumentedTypo(dialect: string): boolean {
  return dialect.startsWith('http:') && dialect.length > DRAFT_07.length
    && `http:${dialect.slice('http:'.length).trimStart()}` === DRAFT_07;
}

/** Rule 16: duplicate keys anywhere in the document (the streaming examples repeat `name`, `type`, …). */
import { walk } from '../astUtil';
import type { Rule } from '../types';

export const duplicateKeysRule: Rule = {
  codes: ['SSDK004'],
  kinds: ['connectionSpec', 'flowSpec'],
  run(ctx) {
    walk(ctx.root, (node) => {
      if (node.type !== 'object' || node.properties.length < 2) return;
      const seen = new Set<string>();
      for (const prop of node.properties) {
        const key = prop.keyNode.value;
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        ctx.report({
          code: 'SSDK004',
          node: prop.keyNode,
          message: `Duplicate key "${key}": keep one occurrence (the server would silently use only one of them).`,
          data: { key },
        });
      }
    });
  },
};

/** Rule 16: duplicate keys anywhere in the document (the streaming examples repeat `name`, `type`, …). */
import { walk } from '../astUtil';
import type { Rule } from '../types';
import { row } from '../ruleRow';

export const duplicateKeysRule: Rule = {
  table: [
    row('SSDK004', 'error', 'Duplicate key', 'Keep one occurrence of the key; the server would silently use only one.', 'connectionSpecs'),
  ],
  kinds: ['connectionSpec', 'flowSpec'],
  reads: [],
  run(ctx) {
    walk(ctx.root, (node) => {
      if (node.type !== 'object' || node.properties.length < 2) return;
      const properties = node.properties;
      // Small objects (the vast majority) are checked pairwise, avoiding a Set allocation per object.
      const seen = properties.length > 8 ? new Set<string>() : undefined;
      for (let i = 0; i < properties.length; i++) {
        const key = properties[i].keyNode.value;
        let repeated = false;
        if (seen) {
          repeated = seen.has(key);
          seen.add(key);
        } else {
          for (let j = 0; j < i && !repeated; j++) repeated = properties[j].keyNode.value === key;
        }
        if (!repeated) continue;
        ctx.report({
          code: 'SSDK004',
          node: properties[i].keyNode,
          message: `Duplicate key "${key}": keep one occurrence (the server would silently use only one of them).`,
          data: { key },
        });
      }
    });
  },
};

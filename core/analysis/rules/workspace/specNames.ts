/** SSDK821: two connection specs of the workspace with one name (fetch and upload look specs up by name). */
import { row } from '../../ruleRow';
import type { WorkspaceRule } from '../../types';
import { displayPath, inWorkspace } from '../../../workspace/snapshot';

export const specNamesRule: WorkspaceRule = {
  table: [
    row('SSDK821', 'warning', 'Two connection specs with one name', 'Give each connection spec its own `name`: fetch and upload look specs up by name.'),
  ],
  run(ctx) {
    const byName = new Map<string, string[]>();
    for (const spec of ctx.snapshot.specs) {
      if (spec.kind !== 'connectionSpec' || spec.name === undefined || !inWorkspace(ctx.snapshot, spec.path)) continue;
      const paths = byName.get(spec.name) ?? [];
      paths.push(spec.path);
      byName.set(spec.name, paths);
    }
    for (const spec of ctx.snapshot.specs) {
      const twins = spec.name !== undefined ? (byName.get(spec.name) ?? []).filter((path) => path !== spec.path) : [];
      if (spec.kind !== 'connectionSpec' || twins.length === 0 || !inWorkspace(ctx.snapshot, spec.path)) continue;
      ctx.report({
        path: spec.path, code: 'SSDK821', range: spec.nameRange,
        message: `Another connection spec in the workspace is also named "${spec.name}" ` +
          `(${twins.map((path) => displayPath(ctx.snapshot, path)).join(', ')}): name lookups (fetch, upload by name) become ambiguous.`,
      });
    }
  },
};

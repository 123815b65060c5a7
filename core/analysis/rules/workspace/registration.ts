/**
 * SSDK820: a connection spec file linked to a remote spec that no flow spec lists, so dataflows cannot use it. An
 * id counts as registered when a flow spec file of the workspace lists it, or when a remote flow spec of the link's
 * environment listed it when the tools last saw it (recorded in links.json by *Register in Flow Spec* and
 * `sources-sdk register`), so the finding clears once the registration is done remotely.
 */
import { row } from '../../ruleRow';
import type { WorkspaceRule } from '../../types';
import { inWorkspace } from '../../../workspace/snapshot';

export const registrationRule: WorkspaceRule = {
  table: [
    row('SSDK820', 'info', 'Linked connection spec not registered in a flow spec',
      'Run *Register in Flow Spec* (code action) so dataflows can use the spec, or pull the flow spec that lists it into the workspace. A registration made with the tools is remembered in `.sources-sdk/links.json`.'),
  ],
  run(ctx) {
    const { snapshot } = ctx;
    const listedInFiles = new Set(snapshot.specs.filter((s) => s.kind === 'flowSpec').flatMap((s) => s.sourceConnectionSpecIds));
    const listedRemotely = new Set(snapshot.seenFlowSpecs.flatMap((f) => f.sourceConnectionSpecIds.map((id) => `${f.environment}\n${id}`)));
    for (const spec of snapshot.specs) {
      if (spec.kind !== 'connectionSpec' || !inWorkspace(snapshot, spec.path)) continue;
      const missing = new Set<string>();
      for (const link of snapshot.links) {
        if (link.path !== spec.path || link.resource !== 'connectionSpecs' || listedInFiles.has(link.remoteId)) continue;
        if (!listedRemotely.has(`${link.environment}\n${link.remoteId}`)) missing.add(link.remoteId);
      }
      if (missing.size === 0) continue;
      const ids = [...missing];
      ctx.report({
        path: spec.path, code: 'SSDK820', range: spec.nameRange, data: { remoteIds: ids },
        message: `This spec is linked to ${ids.join(', ')}, which is not registered in the workspace's flow spec files ` +
          'nor in a remote flow spec the tools registered it in: register it so dataflows can use it.',
      });
    }
  },
};

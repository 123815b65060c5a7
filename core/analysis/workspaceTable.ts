/**
 * Rule-table rows of the workspace-wide checks (reported by the language server's workspace index,
 * server/workspaceIndex.ts): findings that need more than one file.
 */
import { row, type RuleDoc } from './ruleRow';

/** The workspace checks' rows (SSDK820–821). */
export const WORKSPACE_TABLE: readonly RuleDoc[] = [
  row('SSDK820', 'info', 'Linked connection spec not registered in a flow spec', 'Run *Register in Flow Spec* (code action) so dataflows can use the spec, or pull the flow spec that lists it into the workspace.'),
  row('SSDK821', 'warning', 'Two connection specs with one name', 'Give each connection spec its own `name`: fetch and upload look specs up by name.'),
];

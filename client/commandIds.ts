/**
 * Command ids of the extension (pure, so a unit test can check them against package.json).
 */

/** Every command id this extension contributes (kept in step with package.json by a unit test). */
export const COMMAND_IDS = [
  'sourcesSdk.fetchConnectionSpec',
  'sourcesSdk.fetchFlowSpec',
  'sourcesSdk.uploadSpec',
  'sourcesSdk.compareWithRemote',
  'sourcesSdk.registerInFlowSpec',
  'sourcesSdk.selectEnvironment',
  'sourcesSdk.setClientSecret',
  'sourcesSdk.startEmulator',
  'sourcesSdk.stopEmulator',
  'sourcesSdk.refreshFlowService',
  'sourcesSdk.showLog',
  'sourcesSdk.openRemoteSpec',
  'sourcesSdk.restartLanguageServer',
  'sourcesSdk.previewSource',
  'sourcesSdk.testSourceInEmulator',
  'sourcesSdk.previewCard',
  'sourcesSdk.compareAcrossSandboxes',
  'sourcesSdk.promoteSpec',
  'sourcesSdk.newFromOpenApi',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

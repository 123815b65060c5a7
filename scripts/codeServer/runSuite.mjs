// One in-editor test launch: code-server + headless Chromium loading the workbench with extensionTestsPath.
// Resolves with the suite's tally; the VS Code side reports through codeAutomationLog/codeAutomationExit.
import { mkdirSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer, workbenchUrl } from './launch.mjs';
import { launchChromium } from './browser.mjs';
import { runWorkbenchPage } from './workbenchPage.mjs';

/**
 * @param {object} options
 * @param {string} options.name                 label of this launch (log prefix, log file name)
 * @param {string} options.codeServerBin
 * @param {string} options.workspace
 * @param {string} options.stateDir
 * @param {string} options.extensionDevelopmentPath
 * @param {string} options.extensionTestsPath
 * @param {Record<string,string>} options.env
 * @param {Record<string,unknown>} [options.userSettings]
 * @param {boolean} [options.trustWorkspace=true]
 * @param {string} [options.extensionsDir]
 * @param {number} options.deadlineMs           absolute time (Date.now() based) by which the launch must finish
 * @param {string} options.logFile              full workbench log goes here
 * @param {(line: string, page: import('playwright-core').Page) => void} [options.onLine]  sees every log line
 * @returns {Promise<{passed: number, failed: number, exitCode: number | undefined, version?: string, timedOut: boolean}>}
 */
export async function runSuiteInCodeServer(options) {
  mkdirSync(join(options.logFile, '..'), { recursive: true });
  const writeLog = (line) => appendFileSync(options.logFile, line + '\n');
  const server = await startCodeServer({
    codeServerBin: options.codeServerBin,
    workspace: options.workspace,
    stateDir: options.stateDir,
    trustWorkspace: options.trustWorkspace ?? true,
    userSettings: options.userSettings,
    extensionsDir: options.extensionsDir,
    env: options.env,
    log: writeLog,
  });
  const browser = await launchChromium();
  try {
    const url = workbenchUrl({
      baseUrl: server.url,
      workspace: options.workspace,
      extensionDevelopmentPath: options.extensionDevelopmentPath,
      extensionTestsPath: options.extensionTestsPath,
    });
    return await runWorkbenchPage({ browser, url, name: options.name, deadlineMs: options.deadlineMs, logFile: options.logFile, writeLog, onLine: options.onLine });
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

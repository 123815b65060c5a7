// One in-editor test launch: code-server + headless Chromium loading the workbench with extensionTestsPath.
// Resolves with the suite's tally; the VS Code side reports through codeAutomationLog/codeAutomationExit.
import { mkdirSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { startCodeServer, workbenchUrl } from './launch.mjs';
import { launchChromium } from './browser.mjs';

const TALLY_PREFIX = 'SOURCES_SDK_VSCODE_TALLY ';

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
  let tally;
  let version;
  try {
    const page = await browser.newPage();
    const exit = new Promise((resolveExit) => {
      // Both functions must exist before the workbench loads: it looks for them once, at start.
      void page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The workbench forwards console calls unformatted (format string first), so format them like console.log.
      const text = format(...(Array.isArray(args) ? args : [args]));
      writeLog(`[${type}] ${text}`);
      for (const line of text.split('\n')) {
        options.onLine?.(line, page);
        if (line.includes(TALLY_PREFIX)) {
          try { tally = JSON.parse(line.slice(line.indexOf(TALLY_PREFIX) + TALLY_PREFIX.length)); } catch { /* malformed line: reported below */ }
          continue;
        }
        const versionMatch = /VS Code (\d+\.\d+\.\d+)/.exec(line);
        if (versionMatch && !version) version = versionMatch[1];
        // Mocha's spec reporter lines and our own test logs; the workbench's own chatter stays in the log file.
        // Workbench-internal stack frames (e.g. the offline extension gallery) are noise here; they stay in the log.
        if (line.includes('/static/out/vs/') || line.includes('open-vsx')) continue;
        if (/^\s*(✔|✓|\d+\)|\d+ passing|\d+ failing|\d+ pending|VS Code |\s{2,}\S)/.test(line) || /Error|assert/i.test(line)) {
          console.log(`  [${options.name}] ${line}`);
        }
      }
    });
    page.on('console', (message) => writeLog(`[page ${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => writeLog(`[page error] ${error.message}`));
    const url = workbenchUrl({
      baseUrl: server.url,
      workspace: options.workspace,
      extensionDevelopmentPath: options.extensionDevelopmentPath,
      extensionTestsPath: options.extensionTestsPath,
    });
    writeLog(`[runner] opening ${url}`);
    await page.goto(url, { timeout: 180_000 }); // a loaded machine can take longer than the 30 s default
    const remaining = options.deadlineMs - Date.now();
    let timer;
    const timeout = new Promise((resolveTimeout) => { timer = setTimeout(() => resolveTimeout('timeout'), Math.max(0, remaining)); });
    const outcome = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      await page.screenshot({ path: options.logFile.replace(/\.log$/, '-timeout.png') }).catch(() => {});
      return { passed: tally?.passed ?? 0, failed: Math.max(1, tally?.failed ?? 0), exitCode: undefined, version, timedOut: true };
    }
    const exitCode = Number(outcome);
    if (!tally) return { passed: 0, failed: 1, exitCode, version, timedOut: false };
    // A non-zero exit without failed tests (e.g. the suite crashed after reporting) still counts as a failure.
    const failed = exitCode !== 0 && tally.failed === 0 ? 1 : tally.failed;
    return { passed: tally.passed, failed, exitCode, version, timedOut: false };
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

// Drives one workbench page that runs a test suite, for both in-editor runners (code-server in runSuite.mjs, the
// browser flavour's @vscode/test-web in ../web/runTestWeb.mjs): the workbench reports through codeAutomationLog /
// codeAutomationExit, the suite prints its tally on a SOURCES_SDK_VSCODE_TALLY line.
import { format } from 'node:util';

const TALLY_PREFIX = 'SOURCES_SDK_VSCODE_TALLY ';
// Mocha's spec reporter lines and our own test logs; the workbench's own chatter stays in the log file.
const ECHOED = /^\s*(✔|✓|✅|\d+\)|\d+ passing|\d+ failing|\d+ pending|VS Code |\s{2,}\S)/;

/**
 * Opens `url` in a new page of `browser` and waits for the suite to exit or for `deadlineMs` (absolute, Date.now()
 * based). A timeout leaves a screenshot beside the log; a missing tally or a non-zero exit without failed tests counts
 * as a failure, so a suite that ran nothing is noticed.
 * @param {object} options  browser, url, name (log prefix), deadlineMs, logFile, writeLog(line), onLine?(line, page)
 * @returns {Promise<{passed: number, failed: number, exitCode: number | undefined, version?: string, timedOut: boolean}>}
 */
export async function runWorkbenchPage(options) {
  let tally;
  let version;
  const page = await options.browser.newPage();
  const exit = new Promise((resolveExit) => {
    // Both functions must exist before the workbench loads: it looks for them once, at start.
    void page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // The workbench forwards console calls unformatted (format string first), so format them like console.log.
    const text = format(...(Array.isArray(args) ? args : [args]));
    options.writeLog(`[${type}] ${text}`);
    for (const line of text.split('\n')) {
      options.onLine?.(line, page);
      if (line.includes(TALLY_PREFIX)) {
        try { tally = JSON.parse(line.slice(line.indexOf(TALLY_PREFIX) + TALLY_PREFIX.length)); } catch { /* malformed line: reported below */ }
        continue;
      }
      const versionMatch = /VS Code (\d+\.\d+\.\d+)/.exec(line);
      if (versionMatch && !version) version = versionMatch[1];
      // Workbench-internal stack frames (e.g. the offline extension gallery) are noise here; they stay in the log.
      if (line.includes('/static/out/vs/') || line.includes('open-vsx')) continue;
      if (ECHOED.test(line) || /Error|assert/i.test(line)) console.log(`  [${options.name}] ${line}`);
    }
  });
  page.on('console', (message) => options.writeLog(`[page ${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => options.writeLog(`[page error] ${error.message}`));
  options.writeLog(`[runner] opening ${options.url}`);
  // A loaded machine can take longer than the 30 s default to load the workbench.
  await page.goto(options.url, { timeout: Math.max(180_000, options.deadlineMs - Date.now()) });
  let timer;
  const timeout = new Promise((resolveTimeout) => { timer = setTimeout(() => resolveTimeout('timeout'), Math.max(0, options.deadlineMs - Date.now())); });
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
}

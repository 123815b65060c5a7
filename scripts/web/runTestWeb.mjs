// One in-browser test launch with @vscode/test-web: its server (the extension over http, the workbench from the
// offline build that assembleVscodeWeb.mjs makes) on an ephemeral loopback port, and our own headless Chromium.
// The workbench reports through codeAutomationLog / codeAutomationExit, as in scripts/codeServer/runSuite.mjs.
import { appendFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { launchChromium } from '../codeServer/browser.mjs';
import { installDir as codeServerInstallDir } from '../codeServer/install.mjs';
import { assembleVscodeWeb } from './assembleVscodeWeb.mjs';

const require = createRequire(import.meta.url);
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TALLY_PREFIX = 'SOURCES_SDK_VSCODE_TALLY ';

/**
 * test-web's server; `open()` has no way to listen on port 0 and say which port it got, `runServer` does. The host
 * is `localhost`, not 127.0.0.1: the worker iframe is served from `<uuid>.<host>`, and a name ending in an IP
 * address is no valid URL host (Chromium resolves *.localhost to loopback).
 */
async function startTestWebServer(config) {
  const { runServer } = require('@vscode/test-web/out/server/main.js');
  const server = await runServer('localhost', 0, config);
  if (!server.listening) await new Promise((resolveListening, reject) => { server.once('listening', resolveListening); server.once('error', reject); });
  return { url: `http://localhost:${server.address().port}`, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) };
}

/**
 * @param {object} options  name, workspace, extensionDevelopmentPath, extensionTestsPath, deadlineMs, logFile, onLine
 * @returns {Promise<{passed: number, failed: number, exitCode: number | undefined, timedOut: boolean}>}
 */
export async function runSuiteInTestWeb(options) {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const writeLog = (line) => appendFileSync(options.logFile, line + '\n');
  const build = assembleVscodeWeb(join(codeServerInstallDir, 'node_modules', 'code-server', 'lib', 'vscode'), join(projectRoot, '.cache', 'vscode-test-web'));
  writeLog(`[runner] VS Code web ${build.version} (${build.commit}) assembled at ${build.location}`);
  const server = await startTestWebServer({
    extensionDevelopmentPath: options.extensionDevelopmentPath,
    extensionTestsPath: options.extensionTestsPath,
    build: { type: 'static', location: build.location, quality: build.quality, version: build.commit },
    folderMountPath: options.workspace,
    printServerLog: false,
    coi: false,
    esm: true,
  });
  const browser = await launchChromium();
  let tally;
  try {
    const page = await browser.newPage();
    const exit = new Promise((resolveExit) => { void page.exposeFunction('codeAutomationExit', (code) => resolveExit(code)); });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      writeLog(`[${type}] ${text}`);
      for (const line of text.split('\n')) {
        options.onLine?.(line, page);
        if (line.includes(TALLY_PREFIX)) {
          try { tally = JSON.parse(line.slice(line.indexOf(TALLY_PREFIX) + TALLY_PREFIX.length)); } catch { /* reported below */ }
        } else if (/^\s*(✔|✓|✅|\d+\)|\d+ passing|\d+ failing|\s{2,}\S)/.test(line) || /Error|assert/i.test(line)) {
          console.log(`  [${options.name}] ${line}`);
        }
      }
    });
    page.on('console', (message) => writeLog(`[page ${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => writeLog(`[page error] ${error.message}`));
    writeLog(`[runner] opening ${server.url}/`);
    await page.goto(`${server.url}/`, { timeout: Math.max(1, options.deadlineMs - Date.now()) });
    let timer;
    const timeout = new Promise((r) => { timer = setTimeout(() => r('timeout'), Math.max(0, options.deadlineMs - Date.now())); });
    const outcome = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      await page.screenshot({ path: options.logFile.replace(/\.log$/, '-timeout.png') }).catch(() => {});
      return { passed: tally?.passed ?? 0, failed: Math.max(1, tally?.failed ?? 0), exitCode: undefined, timedOut: true };
    }
    const exitCode = Number(outcome);
    if (!tally) return { passed: 0, failed: 1, exitCode, timedOut: false };
    return { passed: tally.passed, failed: exitCode !== 0 && tally.failed === 0 ? 1 : tally.failed, exitCode, timedOut: false };
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

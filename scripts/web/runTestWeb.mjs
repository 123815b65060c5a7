// One in-browser test launch with @vscode/test-web: its server (the extension over http, the workbench from the
// offline build that assembleVscodeWeb.mjs makes) on an ephemeral loopback port, and our own headless Chromium.
// The workbench page is driven by ../codeServer/workbenchPage.mjs, as for the code-server runner.
import { appendFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../codeServer/browser.mjs';
import { installDir as codeServerInstallDir } from '../codeServer/install.mjs';
import { runWorkbenchPage } from '../codeServer/workbenchPage.mjs';
import { assembleVscodeWeb } from './assembleVscodeWeb.mjs';

const require = createRequire(import.meta.url);
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

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
  try {
    return await runWorkbenchPage({ browser, url: `${server.url}/`, name: options.name, deadlineMs: options.deadlineMs, logFile: options.logFile, writeLog, onLine: options.onLine });
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

// `npm run test:web`: runs the in-browser suite (test/web/suite) on the web flavour of the extension (package.json
// `browser`) in two real VS Code web worker extension hosts, both in Debian's headless Chromium, offline:
//
//  * code-server: its bundled VS Code, the extension forced into the web worker host with the user setting
//    `remote.extensionKind` (a `browser` entry beside `main` otherwise runs in the Node host);
//  * @vscode/test-web: the extension served over http to a VS Code web build in a cross-origin worker iframe, the
//    way vscode.dev and github.dev load it. The build is assembled from code-server's VS Code (scripts/web/).
//
// A screenshot of diagnostics in the web flavour goes to test-results/web/. Prints `N passed, N failed` last and
// writes {passed, failed} to $SOURCES_SDK_TALLY_FILE when set. Options: --only code-server|test-web, --skip-build.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finishRun } from './codeServer/finishRun.mjs';
import { ensureCodeServer } from './codeServer/install.mjs';
import { createRunTempRoot } from './codeServer/runTempRoot.mjs';
import { runSuiteInCodeServer } from './codeServer/runSuite.mjs';
import { runSuiteInTestWeb } from './web/runTestWeb.mjs';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXTENSION_ID = 'sources-sdk-tools.sources-sdk-tools';
// Screenshot handshake with test/web/suite/web.suite.ts: the suite logs the line once diagnostics are on screen and
// waits for its document to change; we take the screenshot, then type into the focused editor.
const SCREENSHOT_READY_LINE = 'SOURCES_SDK_WEB_SCREENSHOT_READY';

/** Takes the screenshot when the suite says diagnostics are on screen, then lets it go on. */
function screenshotOnSignal(path) {
  let taken = false;
  return (line, page) => {
    if (taken || !line.includes(SCREENSHOT_READY_LINE)) return;
    taken = true;
    void page.screenshot({ path }).catch((err) => console.error(`screenshot failed: ${err.message}`))
      .finally(() => page.keyboard.type(' ').catch(() => {}));
  };
}
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

function parseArgs(argv) {
  const options = { only: [], build: true, timeoutSeconds: 600 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') options.only.push(argv[++i]);
    else if (argv[i] === '--skip-build') options.build = false;
    else if (argv[i] === '--timeout') options.timeoutSeconds = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return options;
}

const finish = (tally, extraMessage) => finishRun('in-browser suite', started, tally, extraMessage);

/** Runs the suite in one harness: `code-server` or `test-web`. */
function runHarness(harness, common, tempRoot) {
  if (harness === 'code-server') {
    return runSuiteInCodeServer({
      ...common,
      codeServerBin: ensureCodeServer(),
      stateDir: join(tempRoot, 'state-code-server'),
      env: {},
      // Runs the extension in the web worker extension host even though it also has a Node entry.
      userSettings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] }, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off' },
    });
  }
  if (harness === 'test-web') return runSuiteInTestWeb({ ...common, stateDir: join(tempRoot, 'state-test-web') });
  throw new Error(`unknown harness ${harness} (code-server or test-web)`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.build) {
    const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('build failed');
  }
  const harnesses = options.only.length ? options.only : ['code-server', 'test-web'];
  const resultsDir = join(projectRoot, 'test-results', 'web');
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const run = createRunTempRoot('ssdk-web-');
  const tempRoot = run.root;
  const testsPath = join(projectRoot, 'dist', 'test', 'web', 'index.js');
  const deadline = started + options.timeoutSeconds * 1000;
  const total = { passed: 0, failed: 0 };
  try {
    for (const harness of harnesses) {
      const workspace = join(tempRoot, `workspace-${harness}`);
      cpSync(join(projectRoot, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
      console.log(`--- ${harness}: launching (${elapsed()})`);
      const common = {
        name: harness, workspace, extensionDevelopmentPath: projectRoot, extensionTestsPath: testsPath, deadlineMs: deadline,
        logFile: join(resultsDir, `${harness}.log`),
        onLine: screenshotOnSignal(join(resultsDir, `${harness}-diagnostics.png`)),
      };
      let result;
      try {
        result = await runHarness(harness, common, tempRoot);
      } catch (err) {
        // One harness failing to start must not hide the other's results.
        console.log(`${harness}: failed to run: ${err instanceof Error ? err.message : err}`);
        result = { passed: 0, failed: 1, exitCode: undefined, timedOut: false };
      }
      if (result.timedOut) console.log(`${harness}: TIMED OUT; see test-results/web/${harness}.log`);
      else if (result.exitCode !== 0) console.log(`${harness}: extension host exit code ${result.exitCode}; see test-results/web/${harness}.log`);
      console.log(`${harness}: ${result.passed} passed, ${result.failed} failed (${elapsed()})`);
      total.passed += result.passed;
      total.failed += result.failed;
    }
  } finally {
    run.remove();
  }
  finish(total);
}

main().catch((err) => finish({ passed: 0, failed: 1 }, `test:web failed: ${err instanceof Error ? err.stack : err}`));

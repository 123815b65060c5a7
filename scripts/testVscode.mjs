// `npm run test:vscode`: runs the in-editor Mocha suite (test/vscode) inside a real VS Code extension host.
//
//  * Desktop VS Code through @vscode/test-electron when one is available (VSCODE_EXECUTABLE=path/to/code, or
//    SOURCES_SDK_VSCODE_MODE=electron to let test-electron download one).
//  * Otherwise code-server (pinned, installed on demand into .cache/code-server) driven by headless Chromium, in
//    four launches: the main suite (extension from this folder, emulator from `dist/cli.js emulator`), the
//    untrusted-workspace suite (workspace trust enabled, so the folder opens restricted), the packaged suite (the
//    VSIX from scripts/package.mjs installed into a fresh extensions folder), and the reload suite (test/vscode/
//    reload.suite.ts runs twice in one page: it reloads the window between its two phases).
//
// Prints `N passed, N failed` last and writes {passed, failed} to $SOURCES_SDK_TALLY_FILE when set.
// Options: --only main|untrusted|packaged|reload (repeatable), --grep <mocha grep>, --skip-build, --timeout <seconds>.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finishRun } from './codeServer/finishRun.mjs';
import { ensureCodeServer } from './codeServer/install.mjs';
import { startEmulatorProcess } from './codeServer/emulatorProcess.mjs';
import { runSuiteInCodeServer } from './codeServer/runSuite.mjs';
import { installVsix } from './codeServer/launch.mjs';
import { packageExtension } from './package.mjs';
import { createRunTempRoot } from './codeServer/runTempRoot.mjs';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();

function parseArgs(argv) {
  const options = { only: [], grep: undefined, build: true, timeoutSeconds: 600 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') options.only.push(argv[++i]);
    else if (arg === '--grep') options.grep = argv[++i];
    else if (arg === '--skip-build') options.build = false;
    else if (arg === '--timeout') options.timeoutSeconds = Number(argv[++i]);
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

function build(args = []) {
  const result = spawnSync(process.execPath, ['esbuild.mjs', ...args], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed');
}

const finish = (tally, extraMessage) => finishRun('in-editor suite', started, tally, extraMessage);

/** A fresh copy of the fixture workspace, so tests may edit and create files freely. */
function copyWorkspace(tempRoot, name) {
  const target = join(tempRoot, name);
  cpSync(join(projectRoot, 'test', 'vscode', 'workspace'), target, { recursive: true });
  return target;
}

async function runWithElectron(options) {
  const { runTests } = await import('@vscode/test-electron');
  const run = createRunTempRoot('ssdk-vscode-');
  const tempRoot = run.root;
  const tallyPath = join(tempRoot, 'tally.json');
  let emulator;
  let tally = { passed: 0, failed: 1 };
  try {
    emulator = await startEmulatorProcess({ dataDir: join(tempRoot, 'emulator') });
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: join(projectRoot, 'dist', 'test', 'vscode', 'index.js'),
      launchArgs: [copyWorkspace(tempRoot, 'workspace'), '--disable-workspace-trust', '--user-data-dir', join(tempRoot, 'user-data')],
      extensionTestsEnv: { SOURCES_SDK_EMULATOR_URL: emulator.url, SOURCES_SDK_VSCODE_SUITE: 'main', SOURCES_SDK_VSCODE_TALLY_PATH: tallyPath, ...(options.grep ? { SOURCES_SDK_VSCODE_GREP: options.grep } : {}) },
    }).catch(() => { /* the tally file says what failed */ });
    try { tally = JSON.parse(readFileSync(tallyPath, 'utf8')); } catch { /* suite did not report */ }
  } finally {
    await emulator?.close();
    run.remove();
  }
  return tally;
}

async function runWithCodeServer(options) {
  const deadline = started + options.timeoutSeconds * 1000;
  const codeServerBin = ensureCodeServer();
  const run = createRunTempRoot('ssdk-vscode-');
  const tempRoot = run.root;
  const logDir = join(projectRoot, 'test-results', 'vscode');
  rmSync(logDir, { recursive: true, force: true });
  const testsPath = join(projectRoot, 'dist', 'test', 'vscode', 'index.js');
  const suites = options.only.length ? options.only : ['main', 'reload', 'untrusted', 'packaged'];
  const total = { passed: 0, failed: 0 };
  const log = (line) => console.log(line);

  let emulator;
  try {
    emulator = await startEmulatorProcess({ dataDir: join(tempRoot, 'emulator') });
    log(`emulator listening on ${emulator.url} (${elapsed()})`);
    for (const suite of suites) {
      const env = {
        SOURCES_SDK_EMULATOR_URL: emulator.url,
        SOURCES_SDK_VSCODE_SUITE: suite,
        ...(options.grep ? { SOURCES_SDK_VSCODE_GREP: options.grep } : {}),
      };
      let extensionDevelopmentPath = projectRoot;
      let extensionsDir;
      if (suite === 'packaged') {
        log(`packaging the extension (${elapsed()})`);
        const vsixPath = packageExtension({ quiet: true });
        extensionsDir = join(tempRoot, `extensions-${suite}`);
        await installVsix({ codeServerBin, vsixPath, extensionsDir, stateDir: join(tempRoot, 'install-state'), log: () => {} });
        // An empty development extension lets VS Code run the tests while our extension comes from the VSIX.
        extensionDevelopmentPath = join(projectRoot, 'test', 'vscode', 'packagedHost');
        env.SOURCES_SDK_EXPECTED_EXTENSIONS_DIR = extensionsDir;
      }
      log(`--- ${suite} suite: launching code-server + Chromium (${elapsed()})`);
      const suiteStarted = Date.now();
      const result = await runSuiteInCodeServer({
        name: suite,
        codeServerBin,
        workspace: copyWorkspace(tempRoot, `workspace-${suite}`),
        stateDir: join(tempRoot, `state-${suite}`),
        extensionDevelopmentPath,
        extensionTestsPath: testsPath,
        extensionsDir,
        env,
        userSettings: { 'sourcesSdk.localEmulator.url': emulator.url, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off' },
        trustWorkspace: suite !== 'untrusted',
        deadlineMs: deadline,
        logFile: join(logDir, `${suite}.log`),
      });
      const seconds = ((Date.now() - suiteStarted) / 1000).toFixed(1);
      if (result.version) log(`${suite}: VS Code ${result.version}`);
      if (result.timedOut) log(`${suite}: TIMED OUT (deadline ${options.timeoutSeconds} s); see test-results/vscode/${suite}.log`);
      else if (result.exitCode !== 0) log(`${suite}: extension host exit code ${result.exitCode}; see test-results/vscode/${suite}.log`);
      log(`${suite}: ${result.passed} passed, ${result.failed} failed in ${seconds} s`);
      total.passed += result.passed;
      total.failed += result.failed;
      if (result.timedOut) break;
    }
  } finally {
    await emulator?.close();
    run.remove();
  }
  return total;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.build) build();
  if (!existsSync(join(projectRoot, 'dist', 'test', 'vscode', 'index.js'))) throw new Error('dist/test/vscode/index.js missing after the build');
  const useElectron = Boolean(process.env.VSCODE_EXECUTABLE) || process.env.SOURCES_SDK_VSCODE_MODE === 'electron';
  console.log(useElectron ? 'running in desktop VS Code (@vscode/test-electron)' : 'running in code-server (headless Chromium)');
  const tally = useElectron ? await runWithElectron(options) : await runWithCodeServer(options);
  // The packaged launch leaves a production build in dist/; restore the development build (source maps).
  if (!useElectron && (options.only.length === 0 || options.only.includes('packaged')) && options.build) build();
  finish(tally);
}

main().catch((err) => finish({ passed: 0, failed: 1 }, `test:vscode failed: ${err instanceof Error ? err.stack : err}`));

// `npm start`: a one-command sandbox. Builds, starts the local Flow Service emulator seeded with the valid example
// specs, and opens a scratch copy of examples/ (.cache/sandbox/examples, recreated on every run, ignored by git) in
// VS Code with this extension loaded and the "Local emulator" environment selected: desktop VS Code
// (`code --extensionDevelopmentPath`) when a `code` binary exists, otherwise code-server (installed on demand),
// printing the URL to open. Runs until Ctrl-C (or until the desktop window closes), then stops both.
// Ports: the emulator prefers 4141 and code-server 4180 (the next free port when taken), so links, an open tab and
// the emulator's identity survive a restart.
// Options: --port <n> for code-server, --emulator-port <n>, --code-server to skip desktop VS Code.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from './codeServer/install.mjs';
import { startCodeServer, workbenchUrl } from './codeServer/launch.mjs';
import { startEmulatorProcess } from './codeServer/emulatorProcess.mjs';
import { DEFAULT_CODE_SERVER_PORT, DEFAULT_EMULATOR_PORT, firstFreePort, prepareSandbox } from './sandbox.mjs';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(projectRoot, 'examples');
const args = process.argv.slice(2);
const optionValue = (name) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
const port = optionValue('--port');
const emulatorPort = optionValue('--emulator-port');
const forceCodeServer = args.includes('--code-server');

/** The valid example connection specs; the broken one stays local and flow specs are seeded by the emulator itself. */
function seedFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'ssdk-seed-'));
  for (const name of readdirSync(examples)) {
    if (name.endsWith('-connectionSpec.json') && !name.startsWith('broken')) copyFileSync(join(examples, name), join(dir, name));
  }
  return dir;
}

function findDesktopCode() {
  if (forceCodeServer) return undefined;
  const probe = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['code'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.split('\n')[0].trim() : undefined;
}

// What to undo on exit, newest last. Module-level so a failure half-way through main() still stops what it started
// (an emulator left running would keep its port and the seed folder would stay in the temp dir).
const stoppers = [];
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  if (stoppers.length) console.log('\nstopping…');
  for (const stopper of stoppers.reverse()) await stopper().catch((err) => console.error(String(err)));
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');

  const seedDir = seedFolder();
  stoppers.push(async () => rmSync(seedDir, { recursive: true, force: true }));
  // Persistent emulator data (ignored by git), so uploads survive a restart of the sandbox.
  const sandbox = prepareSandbox(projectRoot);
  console.log(`Sandbox: ${sandbox}\n  a scratch copy of examples/, recreated on every npm start: edit freely, the repository stays untouched.`);
  const emulator = await startEmulatorProcess({
    dataDir: join(projectRoot, '.sources-sdk-emulator'), seedDir, port: emulatorPort ?? await firstFreePort(DEFAULT_EMULATOR_PORT),
  });
  stoppers.push(async () => emulator.close());
  console.log(`Flow Service emulator: ${emulator.url}`);
  const settings = {
    'sourcesSdk.activeEnvironment': 'Local emulator',
    'sourcesSdk.localEmulator.url': emulator.url,
    'workbench.startupEditor': 'readme',
    'telemetry.telemetryLevel': 'off',
    'git.openRepositoryInParentFolders': 'never',
  };
  const env = { SOURCES_SDK_EMULATOR_URL: emulator.url };

  const code = findDesktopCode();
  if (code) {
    // A dedicated profile makes VS Code start a new instance, which is what passes our environment to the extension host.
    const userDataDir = join(projectRoot, '.cache', 'vscode-sandbox-profile');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    console.log('opening the sandbox in VS Code (close the window or press Ctrl-C to stop)…');
    const child = spawn(code, ['--new-window', '--wait', '--user-data-dir', userDataDir, `--extensionDevelopmentPath=${projectRoot}`, sandbox],
      { stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('exit', () => void stop(0));
    return;
  }

  const codeServerBin = ensureCodeServer();
  const stateDir = join(projectRoot, '.cache', 'code-server-sandbox');
  const server = await startCodeServer({ codeServerBin, workspace: sandbox, stateDir, userSettings: settings, env, port: port ?? await firstFreePort(DEFAULT_CODE_SERVER_PORT) });
  stoppers.push(async () => server.close());
  const url = workbenchUrl({ baseUrl: server.url, workspace: sandbox, extensionDevelopmentPath: projectRoot });
  console.log('\nNo desktop `code` found: open this URL in a browser on this machine (Ctrl-C here stops everything):\n');
  console.log(`  ${url}\n`);
}

main().catch((err) => {
  console.error(`npm start failed: ${err instanceof Error ? err.message : err}`);
  void stop(1);
});

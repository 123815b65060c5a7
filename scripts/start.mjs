// `npm start`: a one-command sandbox. Builds, starts the local Flow Service emulator seeded with the valid example
// specs, and opens the sandbox (scripts/sandbox.mjs: a working copy of examples/ in .cache/sandbox/examples, ignored
// by git, whose files, links and emulator data are kept from one start to the next) in VS Code with this extension
// loaded and the "Local emulator" environment selected: desktop VS Code (`code --extensionDevelopmentPath`) when a
// `code` binary exists, otherwise code-server (installed on demand), printing the URL to open. Runs until Ctrl-C (or
// until the desktop window closes), then stops both.
// Ports: the emulator prefers 4141 and code-server 4180 (the next free port when taken), so the same address serves
// the next run (an open code-server tab still needs a reload: it cannot rejoin a new server's session).
// Options: --fresh to start the sandbox over (listing what it discards), --port <n> for code-server,
// --emulator-port <n>, --code-server to skip desktop VS Code.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from './codeServer/install.mjs';
import { startCodeServer, workbenchUrl } from './codeServer/launch.mjs';
import { DEFAULT_CODE_SERVER_PORT, firstFreePort, startSandbox } from './sandbox.mjs';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const optionValue = (name) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
const port = optionValue('--port');
const emulatorPort = optionValue('--emulator-port');
const forceCodeServer = args.includes('--code-server');
const fresh = args.includes('--fresh');

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

  const sandbox = await startSandbox(projectRoot, { fresh, emulatorPort });
  stoppers.push(async () => sandbox.close());
  for (const line of sandbox.message) console.log(line);
  console.log(`Flow Service emulator: ${sandbox.emulatorUrl}`);
  const settings = {
    'sourcesSdk.activeEnvironment': 'Local emulator',
    'sourcesSdk.localEmulator.url': sandbox.emulatorUrl,
    'workbench.startupEditor': 'readme',
    'telemetry.telemetryLevel': 'off',
    'git.openRepositoryInParentFolders': 'never',
  };
  const env = { SOURCES_SDK_EMULATOR_URL: sandbox.emulatorUrl };

  const code = findDesktopCode();
  if (code) {
    // A dedicated profile makes VS Code start a new instance, which is what passes our environment to the extension host.
    const userDataDir = join(projectRoot, '.cache', 'vscode-sandbox-profile');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    console.log('opening the sandbox in VS Code (close the window or press Ctrl-C to stop; the next npm start reopens your editors)…');
    const child = spawn(code, ['--new-window', '--wait', '--user-data-dir', userDataDir, `--extensionDevelopmentPath=${projectRoot}`, sandbox.workspace],
      { stdio: 'inherit', env: { ...process.env, ...env } });
    child.once('exit', () => void stop(0));
    return;
  }

  const codeServerBin = ensureCodeServer();
  const stateDir = join(projectRoot, '.cache', 'code-server-sandbox');
  const server = await startCodeServer({ codeServerBin, workspace: sandbox.workspace, stateDir, userSettings: settings, env, port: port ?? await firstFreePort(DEFAULT_CODE_SERVER_PORT) });
  stoppers.push(async () => server.close());
  const url = workbenchUrl({ baseUrl: server.url, workspace: sandbox.workspace, extensionDevelopmentPath: projectRoot });
  console.log('\nNo desktop `code` found: open this URL in a browser on this machine (Ctrl-C here stops everything):\n');
  console.log(`  ${url}\n`);
  console.log('A tab still open from an earlier run shows "Cannot reconnect. Please reload the window.": reload it (F5).');
  console.log('It comes back as you left it: your editors, the Preview Source and Card and Forms panels (redrawn from what they showed).');
}

main().catch((err) => {
  console.error(`npm start failed: ${err instanceof Error ? err.message : err}`);
  void stop(1);
});

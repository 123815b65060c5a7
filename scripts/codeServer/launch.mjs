// Starts code-server on a free loopback port with its own user-data and extensions folders, and stops it again.
// Used by the in-editor test runner, the UI smoke test and `npm start`.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopperFor } from './childStop.mjs';

/**
 * @param {object} options
 * @param {string} options.codeServerBin  path of code-server's entry.js (from ensureCodeServer)
 * @param {string} options.workspace      folder to open
 * @param {string} options.stateDir       holds user-data, extensions and config (created)
 * @param {boolean} [options.trustWorkspace=true]  false launches WITH workspace trust, so the folder opens restricted
 * @param {Record<string, unknown>} [options.userSettings]  written to User/settings.json
 * @param {Record<string, string>} [options.env]  extra environment, inherited by the extension host
 * @param {number} [options.port=0]  0 picks a free port
 * @param {(line: string) => void} [options.log]
 * @param {number} [options.timeoutMs=60000]
 * @returns {Promise<{url: string, port: number, userDataDir: string, extensionsDir: string, close(): Promise<void>}>}
 */
export async function startCodeServer(options) {
  const { codeServerBin, workspace, stateDir, trustWorkspace = true, userSettings = {}, env = {}, port = 0 } = options;
  const log = options.log ?? (() => {});
  const userDataDir = join(stateDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(stateDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  // An explicit config file keeps code-server from writing ~/.config/code-server/config.yaml.
  const configFile = join(stateDir, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const args = [
    codeServerBin,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(trustWorkspace ? ['--disable-workspace-trust'] : []),
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    workspace,
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = stopperFor(child);

  // The last lines code-server printed, so a failed start says why (a busy port, a missing native module…).
  const recentLines = [];
  const withRecentOutput = (message) => (recentLines.length ? `${message}; its last output:\n  ${recentLines.join('\n  ')}` : message);
  const timeoutMs = options.timeoutMs ?? 60000;
  const listeningUrl = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      // Do not leave a half-started code-server behind.
      void stop();
      reject(new Error(withRecentOutput(`code-server did not start within ${timeoutMs} ms`)));
    }, timeoutMs);
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        log(`[code-server] ${line}`);
        recentLines.push(line.trim());
        if (recentLines.length > 8) recentLines.shift();
        const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) { clearTimeout(timer); resolveUrl(match[1]); }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(withRecentOutput(`code-server exited early with status ${code}`))); });
  });
  const actualPort = Number(new URL(listeningUrl).port);
  return {
    url: listeningUrl,
    port: actualPort,
    userDataDir,
    extensionsDir,
    close: stop,
  };
}

/**
 * The workbench URL that opens `workspace` and, when given, loads a development extension and runs its tests.
 * Paths are absolute paths on this machine; code-server serves them through its vscode-remote authority.
 */
export function workbenchUrl({ baseUrl, workspace, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = new URL(baseUrl).host;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDevelopmentPath}`]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${extensionTestsPath}`]);
  const query = `folder=${encodeURIComponent(workspace)}` + (payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '');
  return `${baseUrl}/?${query}`;
}

/** Installs a .vsix into an extensions folder with code-server's own CLI. */
export async function installVsix({ codeServerBin, vsixPath, extensionsDir, stateDir, log = () => {} }) {
  mkdirSync(extensionsDir, { recursive: true });
  const configFile = join(stateDir, 'config.yaml');
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const child = spawn(process.execPath, [codeServerBin, '--config', configFile, '--user-data-dir', join(stateDir, 'user-data'),
    '--extensions-dir', extensionsDir, '--install-extension', vsixPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => { output += c; });
  child.stderr.on('data', (c) => { output += c; });
  const code = await new Promise((r) => child.once('exit', r));
  for (const line of output.split('\n')) if (line.trim()) log(`[install] ${line}`);
  if (code !== 0) throw new Error(`code-server --install-extension failed (${code}):\n${output}`);
}

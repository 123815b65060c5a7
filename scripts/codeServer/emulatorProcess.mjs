// Starts the project's emulator through its CLI (`node dist/cli.js emulator`) as a child process.
import { spawn } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopperFor } from './childStop.mjs';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * @param {{dataDir: string, seedDir?: string, port?: number, log?: (line: string) => void, timeoutMs?: number}} options
 * @returns {Promise<{url: string, close(): Promise<void>}>}
 */
export async function startEmulatorProcess({ dataDir, seedDir, port = 0, log = () => {}, timeoutMs = 30_000 }) {
  const args = [join(projectRoot, 'dist', 'cli.js'), 'emulator', '--port', String(port), '--data', dataDir];
  if (seedDir) args.push('--seed-dir', seedDir);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = stopperFor(child);
  // Its last stderr lines, so an early exit says why (a busy --port, an unreadable --data folder…).
  const recentErrors = [];
  child.stderr.on('data', (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      log(`[emulator] ${line}`);
      recentErrors.push(line.trim());
      if (recentErrors.length > 5) recentErrors.shift();
    }
  });
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      void stop(); // do not leave an emulator behind that never said where it listens
      reject(new Error(`the emulator did not report "listening on" within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        const match = /listening on (http:\/\/\S+)/.exec(line);
        if (match) { clearTimeout(timer); resolveUrl(match[1]); } else if (line.trim()) log(`[emulator] ${line}`);
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the emulator exited early with status ${code}${recentErrors.length ? `: ${recentErrors.join(' | ')}` : ''}`)); });
  });
  return {
    url,
    close: stop,
  };
}

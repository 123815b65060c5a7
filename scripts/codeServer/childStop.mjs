// Stopping a child process we started: SIGTERM, then SIGKILL if it has not exited after a grace period.
// Shared by code-server and emulator launches so both stop the same way. The child's own children (code-server's
// extension hosts, the TypeScript server, file watchers) are waited for too: one that outlives code-server can still
// write into the run's temporary folder after the runner removed it.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Starts tracking `child`'s exit right away (call it right after spawn, before any await).
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} [graceMs=5000]
 * @returns {() => Promise<void>} resolves once the child and the descendants it had when stopped have exited
 */
export function stopperFor(child, graceMs = 5000) {
  let exited = false;
  const exitPromise = new Promise((resolvePromise) => child.once('exit', () => { exited = true; resolvePromise(); }));
  return async function stop() {
    if (exited) return;
    const descendants = descendantsOf(child.pid);
    child.kill('SIGTERM');
    const timer = setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, graceMs);
    await exitPromise;
    clearTimeout(timer);
    await waitForExit(descendants, graceMs);
  };
}

/** The pids below `pid` (Linux /proc; elsewhere none are known and only the child is waited for). */
function descendantsOf(pid) {
  const parentOf = new Map();
  let entries = [];
  try { entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name)); } catch { return []; }
  for (const name of entries) {
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may hold spaces, so split after ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* exited meanwhile */ }
  }
  const found = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift();
    for (const [child, ppid] of parentOf) if (ppid === parent) { found.push(child); queue.push(child); }
  }
  return found;
}

function isAlive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Polls until every pid has exited; SIGKILLs the ones still there after `graceMs`. */
async function waitForExit(pids, graceMs) {
  const deadline = Date.now() + graceMs;
  let alive = pids.filter(isAlive);
  while (alive.length && Date.now() < deadline) {
    await new Promise((resolveTick) => setTimeout(resolveTick, 50));
    alive = alive.filter(isAlive);
  }
  for (const pid of alive) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
}

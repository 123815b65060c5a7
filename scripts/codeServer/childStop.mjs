// Stopping a child process we started: SIGTERM, then SIGKILL if it has not exited after a grace period.
// Shared by code-server and emulator launches so both stop the same way.

/**
 * Starts tracking `child`'s exit right away (call it right after spawn, before any await).
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} [graceMs=5000]
 * @returns {() => Promise<void>} resolves once the child has exited
 */
export function stopperFor(child, graceMs = 5000) {
  let exited = false;
  const exitPromise = new Promise((resolvePromise) => child.once('exit', () => { exited = true; resolvePromise(); }));
  return async function stop() {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, graceMs);
    await exitPromise;
    clearTimeout(timer);
  };
}

// Pieces of `npm start` that tests can exercise without opening an editor: the scratch copy of examples/ and the
// fixed default ports (the next free one when the default is taken).
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Default port of the local emulator started by `npm start` (docs/emulator.md). */
export const DEFAULT_EMULATOR_PORT = 4141;
/** Default port of code-server started by `npm start`, so an open browser tab reconnects to the next run. */
export const DEFAULT_CODE_SERVER_PORT = 4180;

/**
 * Recreates `<projectRoot>/.cache/sandbox/examples` as a fresh copy of `examples/` and returns its path. `.cache/` is
 * ignored by git, so edits in the sandbox (code-server saves automatically) never touch tracked files.
 */
export function prepareSandbox(projectRoot) {
  const sandboxRoot = join(projectRoot, '.cache', 'sandbox');
  const target = join(sandboxRoot, 'examples');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(sandboxRoot, { recursive: true });
  cpSync(join(projectRoot, 'examples'), target, { recursive: true });
  return target;
}

function isFree(port, host) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `preferred` when nothing listens there, else the next free port above it (up to 50 tries), else 0 (any). */
export async function firstFreePort(preferred, host = '127.0.0.1') {
  for (let port = preferred; port < preferred + 50; port++) {
    if (await isFree(port, host)) return port;
  }
  return 0;
}

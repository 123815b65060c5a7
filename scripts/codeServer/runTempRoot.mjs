// One temporary folder per run of an in-editor runner (test:vscode, test:web, test:ui). TMPDIR points inside it
// while the run lasts, so what code-server, the extension host, Chromium and the emulator put in the temporary
// directory (IPC sockets, TypeScript server folders, browser profiles) goes there too and is removed with it.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TMP_VARIABLES = ['TMPDIR', 'TMP', 'TEMP'];

/**
 * Creates `<tmp>/<prefix>XXXXXX` and points TMPDIR (and TMP, TEMP) of this process, hence of every process it
 * starts from now on, at a folder inside it.
 * @param {string} prefix e.g. `ssdk-vscode-`
 * @returns {{ root: string, remove(): void }} `remove` restores the variables and deletes the folder with everything in it
 */
export function createRunTempRoot(prefix) {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const inner = join(root, 'tmp');
  mkdirSync(inner);
  const saved = Object.fromEntries(TMP_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of TMP_VARIABLES) process.env[name] = inner;
  return {
    root,
    remove() {
      for (const name of TMP_VARIABLES) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

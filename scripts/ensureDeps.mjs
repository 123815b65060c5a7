// Runs before `npm start` and `npm test` (prestart/pretest): on a fresh clone, or after package-lock.json changed
// (a pull), installs the locked dependencies with `npm ci` so those two commands are the whole set-up.
// Node built-ins only: nothing from node_modules may be needed to decide that node_modules is missing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function mtime(path) {
  try { return statSync(path).mtimeMs; } catch { return undefined; }
}

/** Where the lockfile's hash is recorded after an install made here. */
const HASH_FILE = ['node_modules', '.sources-sdk-lock-hash'];

function lockHash(root) {
  try { return createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex'); } catch { return undefined; }
}

/** Why an install is needed, or undefined when node_modules matches the lockfile. */
export function installReason(root = projectRoot) {
  // npm writes node_modules/.package-lock.json on every install: its age is the install's age.
  const installed = mtime(join(root, 'node_modules', '.package-lock.json'));
  if (installed === undefined) return 'node_modules is missing';
  const lock = mtime(join(root, 'package-lock.json'));
  if (lock === undefined || lock <= installed) return undefined;
  // A checkout rewrites the lockfile's date without changing it: an install made here recorded what it installed.
  let recorded;
  try { recorded = readFileSync(join(root, ...HASH_FILE), 'utf8').trim(); } catch { /* installed by hand */ }
  if (recorded && recorded === lockHash(root)) return undefined;
  return 'package-lock.json is newer than node_modules';
}

/** Records the installed lockfile's hash (after a successful npm ci). */
export function recordInstall(root = projectRoot) {
  const hash = lockHash(root);
  if (hash) writeFileSync(join(root, ...HASH_FILE), hash + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const reason = installReason();
  if (reason) {
    console.log(`${reason}: running npm ci (once)…`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: projectRoot, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error('npm ci failed: see the messages above (network, Node version?), then run npm start / npm test again.');
      process.exit(result.status ?? 1);
    }
    recordInstall();
  }
}

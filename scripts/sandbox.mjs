// The `npm start` sandbox without the editor, so tests can start, restart and reset it: a working copy of examples/
// (`.cache/sandbox/examples`, with its `.sources-sdk/links.json`) and the emulator's data
// (`.cache/sandbox/emulator-data`) that share one lifetime. Created once, reused by every later start; `--fresh`
// lists what it discards, sets the old sandbox aside and starts over. Plus the fixed default ports (the next free one
// when the default is taken).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { startEmulatorProcess } from './codeServer/emulatorProcess.mjs';

/** Default port of the local emulator started by `npm start` (docs/emulator.md). */
export const DEFAULT_EMULATOR_PORT = 4141;
/** Default port of code-server started by `npm start`, so the next run serves the same address. */
export const DEFAULT_CODE_SERVER_PORT = 4180;

/** Where a project's sandbox lives (all under `.cache/`, ignored by git). */
export function sandboxPaths(projectRoot) {
  const root = join(projectRoot, '.cache', 'sandbox');
  return {
    root,
    /** The folder the editor opens: the author's files and `.sources-sdk/links.json`. */
    workspace: join(root, 'examples'),
    /** The emulator's `--data` folder. */
    dataDir: join(root, 'emulator-data'),
    /** Where `--fresh` sets the previous sandbox aside (one generation). */
    previous: join(projectRoot, '.cache', 'sandbox-previous'),
  };
}

/** Relative paths (forward slashes) of the files below `dir`, skipping `skip` (relative folder names). */
function filesBelow(dir, skip = []) {
  const out = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const rel = relative(dir, path).split(sep).join('/');
      if (skip.includes(rel)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(rel);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

function sameBytes(a, b) {
  try {
    return statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));
  } catch {
    return false;
  }
}

function countLinks(workspace) {
  try {
    const links = JSON.parse(readFileSync(join(workspace, '.sources-sdk', 'links.json'), 'utf8'));
    return Object.values(links.environments ?? {}).reduce((sum, files) => sum + Object.keys(files ?? {}).length, 0);
  } catch {
    return 0;
  }
}

/** Stored records per resource in an emulator data folder (`<org>/<sandbox>/<resource>/<id>.json`). */
function countEmulatorData(dataDir) {
  const counts = {};
  for (const file of filesBelow(dataDir)) {
    const parts = file.split('/');
    if (parts.length !== 4 || !parts[3].endsWith('.json') || parts[0] === 'quarantine') continue;
    counts[parts[2]] = (counts[parts[2]] ?? 0) + 1;
  }
  return counts;
}

/**
 * What the sandbox holds beyond a plain copy of examples/: files edited, added or deleted there, links, and the
 * emulator's stored records. Lines a person can read, one per item; empty when there is nothing.
 */
export function sandboxInventory(projectRoot) {
  const { workspace, dataDir } = sandboxPaths(projectRoot);
  const examples = join(projectRoot, 'examples');
  const lines = [];
  const mine = filesBelow(workspace, ['.sources-sdk']);
  const original = filesBelow(examples, ['.sources-sdk']);
  const edited = mine.filter((f) => original.includes(f) && !sameBytes(join(workspace, f), join(examples, f)));
  const added = mine.filter((f) => !original.includes(f));
  const removed = original.filter((f) => !mine.includes(f));
  if (edited.length) lines.push(`edited: ${edited.join(', ')}`);
  if (added.length) lines.push(`new: ${added.join(', ')}`);
  if (removed.length) lines.push(`deleted: ${removed.join(', ')}`);
  const links = countLinks(workspace);
  if (links) lines.push(`links: ${links} in .sources-sdk/links.json`);
  const stored = Object.entries(countEmulatorData(dataDir)).map(([resource, n]) => `${n} ${resource}`);
  if (stored.length) lines.push(`emulator data: ${stored.join(', ')}`);
  return lines;
}

/**
 * Opens the sandbox: creates it (a copy of examples/ and an empty emulator data folder) when there is none, else
 * reuses it as it is; with `fresh`, first lists what it holds (`discarded`), moves it to `.cache/sandbox-previous`
 * (replacing an older one) and creates it anew. Returns its paths and `state`: `created`, `reused` or `reset`.
 */
export function openSandbox(projectRoot, { fresh = false } = {}) {
  const paths = sandboxPaths(projectRoot);
  const exists = existsSync(paths.workspace);
  let discarded = [];
  if (exists && fresh) {
    discarded = sandboxInventory(projectRoot);
    rmSync(paths.previous, { recursive: true, force: true });
    renameSync(paths.root, paths.previous);
  }
  // Earlier versions kept the emulator's data here, beside a working copy made afresh on every start. A kept working
  // copy without data of its own is that last session's copy: its links name that data, so the data moves in with it.
  const legacyDataDir = join(projectRoot, '.sources-sdk-emulator');
  let movedLegacyData = false;
  if (exists && !fresh && !existsSync(paths.dataDir) && existsSync(legacyDataDir)) {
    renameSync(legacyDataDir, paths.dataDir);
    movedLegacyData = true;
  }
  if (!exists || fresh) cpSync(join(projectRoot, 'examples'), paths.workspace, { recursive: true });
  mkdirSync(paths.dataDir, { recursive: true });
  const state = !exists ? 'created' : fresh ? 'reset' : 'reused';
  return {
    ...paths, state, discarded, kept: state === 'reused' ? sandboxInventory(projectRoot) : [], movedLegacyData,
    legacyDataDir: existsSync(legacyDataDir) ? legacyDataDir : undefined,
  };
}

/** The lines `npm start` prints about the sandbox: which of created / kept / reset it is, and how to start over. */
export function sandboxMessage(opened) {
  const lines = [];
  if (opened.state === 'reset') {
    lines.push('--fresh: discarding the sandbox, which held (beyond a copy of examples/):');
    for (const line of opened.discarded.length ? opened.discarded : ['nothing: it was an unchanged copy of examples/']) lines.push(`  - ${line}`);
    lines.push(`  (set aside in ${opened.previous} until the next --fresh, in case you need something from it)`);
  }
  lines.push(`Sandbox: ${opened.workspace}`);
  if (opened.state === 'reused') {
    lines.push('  kept from the last run: your files, their links (.sources-sdk/links.json) and the emulator\'s data' +
      (opened.kept.length ? ` (${opened.kept.join('; ')})` : '') + '.');
  } else {
    lines.push(`  ${opened.state === 'created' ? 'new' : 'fresh'}: a copy of examples/ and an empty emulator. Your files, their links and the emulator's data are kept across restarts.`);
  }
  lines.push('  The repository stays untouched. `npm start -- --fresh` starts over (it lists what it discards first).');
  if (opened.movedLegacyData) lines.push(`  The emulator's data of the earlier version (.sources-sdk-emulator) moved into the sandbox, beside the files that link to it.`);
  if (opened.legacyDataDir) lines.push(`  ${opened.legacyDataDir} (the emulator's data of earlier versions) is no longer used: delete it when you like.`);
  return lines;
}

/** The valid example connection specs, for the emulator's --seed-dir (the broken one stays local; flow specs are built in). */
function seedFolder(projectRoot) {
  const dir = mkdtempSync(join(tmpdir(), 'ssdk-seed-'));
  for (const name of readdirSync(join(projectRoot, 'examples'))) {
    if (name.endsWith('-connectionSpec.json') && !name.startsWith('broken')) copyFileSync(join(projectRoot, 'examples', name), join(dir, name));
  }
  return dir;
}

/**
 * Opens the sandbox (see {@link openSandbox}) and starts its emulator (`dist/cli.js emulator`, data in the sandbox,
 * seeded with the valid example specs in a new sandbox scope). Resolves with the paths, the emulator's URL, the
 * message lines and `close()`, which stops the emulator and removes the seed folder.
 * @param {string} projectRoot
 * @param {{fresh?: boolean, emulatorPort?: number, log?: (line: string) => void}} [options]
 */
export async function startSandbox(projectRoot, { fresh = false, emulatorPort, log } = {}) {
  const opened = openSandbox(projectRoot, { fresh });
  const seedDir = seedFolder(projectRoot);
  let emulator;
  try {
    emulator = await startEmulatorProcess({ dataDir: opened.dataDir, seedDir, port: emulatorPort ?? await firstFreePort(DEFAULT_EMULATOR_PORT), log });
  } catch (err) {
    rmSync(seedDir, { recursive: true, force: true });
    throw err;
  }
  return {
    ...opened,
    emulatorUrl: emulator.url,
    message: sandboxMessage(opened),
    async close() {
      await emulator.close();
      rmSync(seedDir, { recursive: true, force: true });
    },
  };
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

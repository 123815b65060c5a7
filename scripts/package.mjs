// `npm run package`: production build, then `vsce package --no-dependencies` into sources-sdk-tools-<version>.vsix.
// package.json's `files` list is the npm package's (the CLI and the server); vsce refuses a `files` list next to
// .vscodeignore, so the VSIX is packed from a staging folder holding what .vscodeignore may let in and package.json
// without `files`: .vscodeignore alone governs the VSIX, as before.
// Fails when the VSIX is 2 MB or larger or contains anything outside the allowlist in .vscodeignore
// (sources, tests, node_modules, source maps), and prints the files it holds. The production build writes no source
// maps, so the development build's maps left in dist/ would describe code that is no longer there: they are removed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 2 * 1024 * 1024;
const FORBIDDEN = [/^extension\/node_modules\//, /\.map$/, /\.ts$/, /^extension\/(client|server|core|cli|emulator|test|scripts|examples|bench)\//];

function run(cmd, args, cwd = projectRoot) {
  const result = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with status ${result.status}`);
}

/** Lists a zip's entries with Python-free, dependency-free parsing of the central directory. */
function listZipEntries(path) {
  const buffer = readFileSync(path);
  const endOfCentralDirectory = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfCentralDirectory < 0) throw new Error(`${path} is not a zip file`);
  const count = buffer.readUInt16LE(endOfCentralDirectory + 10);
  let offset = buffer.readUInt32LE(endOfCentralDirectory + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    entries.push({ name: buffer.toString('utf8', offset + 46, offset + 46 + nameLength), size, compressedSize });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Every `*.map` file under `dir` (recursively), as absolute paths. */
function sourceMapsUnder(dir) {
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return []; }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceMapsUnder(path);
    return entry.name.endsWith('.map') ? [path] : [];
  });
}

/**
 * The production build (`esbuild.mjs --production`, no source maps) in `root`, then removes the source maps an
 * earlier development build left in dist/. Returns the removed maps, relative to `root`.
 */
export function buildForPackaging({ root = projectRoot } = {}) {
  run(process.execPath, ['esbuild.mjs', '--production'], root);
  const stale = sourceMapsUnder(join(root, 'dist'));
  for (const map of stale) rmSync(map, { force: true });
  return stale.map((map) => relative(root, map));
}

/**
 * A folder with what the VSIX may hold (the top-level entries .vscodeignore lets in, `!name…` lines), .vscodeignore
 * itself, and package.json without its npm `files` list. The caller removes it.
 */
export function stageForVsce({ root = projectRoot } = {}) {
  const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
  const entries = new Set(ignore.split(/\r?\n/).filter((line) => line.startsWith('!')).map((line) => line.slice(1).split('/')[0]));
  const stage = mkdtempSync(join(tmpdir(), 'ssdk-vsix-'));
  for (const entry of entries) {
    if (entry !== 'package.json' && existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
  }
  cpSync(join(root, '.vscodeignore'), join(stage, '.vscodeignore'));
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  delete manifest.files;
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return stage;
}

/** Builds and packages the extension; returns the absolute path of the VSIX. */
export function packageExtension({ quiet = false } = {}) {
  const { name, version, repository } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  // Without a `repository`, vsce cannot turn README's relative links (screenshots) into absolute ones and fails;
  // keep them relative until the public repository URL is set in package.json.
  const repositoryFlags = repository ? [] : ['--allow-missing-repository', '--no-rewrite-relative-links'];
  const vsixPath = join(projectRoot, `${name}-${version}.vsix`);
  buildForPackaging();
  const stage = stageForVsce();
  try {
    run(process.execPath, [join(projectRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', ...repositoryFlags, '--out', vsixPath], stage);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const bytes = statSync(vsixPath).size;
  const entries = listZipEntries(vsixPath);
  if (!quiet) {
    console.log(`\n${vsixPath}: ${(bytes / 1024).toFixed(1)} KiB, ${entries.length} files`);
    for (const entry of entries) console.log(`  ${entry.name.padEnd(48)} ${(entry.size / 1024).toFixed(1).padStart(8)} KiB`);
  }
  const forbidden = entries.filter((entry) => FORBIDDEN.some((pattern) => pattern.test(entry.name)));
  if (forbidden.length) throw new Error(`the VSIX contains files outside the allowlist:\n  ${forbidden.map((e) => e.name).join('\n  ')}`);
  for (const required of ['extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/browser/extension.js', 'extension/dist/browser/server.js', 'extension/package.json']) {
    if (!entries.some((entry) => entry.name === required)) throw new Error(`the VSIX lacks ${required}`);
  }
  if (bytes >= MAX_BYTES) throw new Error(`the VSIX is ${bytes} bytes; the limit is ${MAX_BYTES}`);
  return vsixPath;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    // `--build-only` (npm's prepack): the production build without the VSIX, so `npm pack` never packs a stale dist/.
    if (process.argv.includes('--build-only')) buildForPackaging();
    else packageExtension();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

// Installs code-server (pinned) into the ignored cache folder .cache/code-server, on demand and idempotently.
// Why code-server: these machines and CI reach only the npm registry and Debian, so desktop VS Code cannot be
// downloaded; code-server is a real VS Code (workbench + remote extension host) published on npm.
// Usage: node scripts/codeServer/install.mjs   (prints the path of the code-server binary)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const installDir = join(projectRoot, '.cache', 'code-server');
export const codeServerBin = join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const markerFile = join(installDir, 'installed.json');

// code-server's VS Code pulls in @vscode/ripgrep, whose postinstall downloads `rg` from GitHub. Its download
// cache is consulted first, so we seed it with Debian's rg for every version the lock may pull in.
const RIPGREP_PACKAGE_VERSIONS = ['1.15.9', '1.15.10', '1.15.11', '1.15.13', '1.15.14', '1.17.0', '1.17.1', '1.18.0'];
const RIPGREP_ASSETS = ['ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz', 'ripgrep-v14.1.1-1-x86_64-unknown-linux-musl.tar.gz'];

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with status ${result.status}`);
  return result;
}

/** True when a previous install of the pinned version completed and its native modules exist. */
export function isInstalled() {
  if (!existsSync(markerFile) || !existsSync(codeServerBin)) return false;
  try {
    return JSON.parse(readFileSync(markerFile, 'utf8')).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

function seedRipgrepCache() {
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => existsSync(p));
  if (!rg) throw new Error('ripgrep is missing: apt-get install -y ripgrep (code-server needs an offline rg)');
  const base = process.env.TMPDIR || tmpdir();
  for (const version of RIPGREP_PACKAGE_VERSIONS) {
    const cacheDir = join(base, `vscode-ripgrep-cache-${version}`);
    mkdirSync(cacheDir, { recursive: true });
    for (const asset of RIPGREP_ASSETS) {
      const tarball = join(cacheDir, asset);
      if (!existsSync(tarball)) run('tar', ['czf', tarball, '-C', dirname(rg), 'rg']);
    }
  }
}

/** Native modules code-server needs at run time; a silent install-script skip would leave them unbuilt. */
function findMissingNativeModules() {
  const vscodeModules = join(installDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  const expected = [
    join(vscodeModules, 'node-pty'),
    join(vscodeModules, '@vscode', 'spdlog'),
  ];
  const missing = [];
  for (const dir of expected) {
    const build = join(dir, 'build', 'Release');
    if (!existsSync(build) || !readdirSync(build).some((f) => f.endsWith('.node'))) missing.push(dir);
  }
  const rgBin = join(vscodeModules, '@vscode', 'ripgrep', 'bin', 'rg');
  if (!existsSync(rgBin)) missing.push(rgBin);
  return missing;
}

/** Installs code-server if needed and returns the path of its entry script (run it with node). */
export function ensureCodeServer({ quiet = false } = {}) {
  if (isInstalled()) return codeServerBin;
  const started = Date.now();
  if (!quiet) console.log(`installing code-server@${CODE_SERVER_VERSION} into ${installDir} (about a minute)…`);
  mkdirSync(installDir, { recursive: true });
  if (!existsSync(join(installDir, 'package.json'))) {
    writeFileSync(join(installDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }, null, 2));
  }
  seedRipgrepCache();
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: installDir,
    env: {
      ...process.env,
      // code-server's postinstall.sh refuses to run as root unless this is set. npm itself no longer knows the key
      // and warns 'Unknown env config "unsafe-perm"': harmless, and needed anyway.
      npm_config_unsafe_perm: 'true',
      npm_config_yes: 'true',
      // code-server's postinstall runs `npm install` inside lib/vscode; scripts must not be ignored.
      npm_config_ignore_scripts: 'false',
      npm_config_foreground_scripts: 'false',
    },
  });
  const missing = findMissingNativeModules();
  if (missing.length) throw new Error(`code-server installed but native parts are missing:\n  ${missing.join('\n  ')}`);
  writeFileSync(markerFile, JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }));
  if (!quiet) console.log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerBin;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(ensureCodeServer());
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

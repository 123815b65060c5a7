/**
 * The npm package as users get it: `npm pack` of this repository (the current dist/, build first) into a temporary
 * folder, and `npm install <tarball>` into another, so a test runs the installed `sources-sdk` the way `npx` does.
 * Dependencies come from the npm cache or the registry (`--prefer-offline`).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** npm's environment for a test: no update check, no funding or audit noise. */
export const NPM_ENV = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

/** Runs npm (or npx) and fails with its output when it exits non-zero. */
export function npm(args: string[], cwd: string, command: 'npm' | 'npx' = 'npm'): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: NPM_ENV, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** A packed tarball: its path and npm's report (file list, sizes). */
export interface PackedTarball {
  path: string;
  files: Array<{ path: string; size: number }>;
  /** Bytes of the .tgz. */
  size: number;
  unpackedSize: number;
}

/**
 * `npm pack` of the repository into `destination`. `--ignore-scripts`: the prepack production build would rewrite
 * dist/ under the other test files running at the same time; this packs the development build, which is larger.
 */
export function packRepository(destination: string): PackedTarball {
  const result = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', destination], ROOT);
  const [report] = JSON.parse(result.stdout) as Array<{ filename: string; files: Array<{ path: string; size: number }>; size: number; unpackedSize: number }>;
  return { path: join(destination, report!.filename), files: report!.files, size: report!.size, unpackedSize: report!.unpackedSize };
}

/** `npm install <tarball>` into `folder` (a fresh project); the CLI is then `folder/node_modules/.bin/sources-sdk`. */
export function installTarball(tarball: string, folder: string): void {
  npm(['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', tarball], folder);
}

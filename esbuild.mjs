// Builds the three entry points (extension, language server, CLI) and the in-editor test bundle in parallel.
// Exits non-zero on any failure so `npm test` and CI never run against a stale dist/.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // A missing import must fail the build, not become `undefined` at run time.
  logOverride: { 'import-is-undefined': 'error' },
  mainFields: ['module', 'main'],
};

const builds = [
  { entryPoints: { extension: 'client/extension.ts' }, external: ['vscode'], outdir: 'dist' },
  // The npm package links the server as `sources-sdk-language-server` (package.json bin), so it starts without `node`.
  { entryPoints: { server: 'server/server.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: { cli: 'cli/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
];
// The browser flavour (package.json `browser`): the client for VS Code's web worker extension host and the same
// language server bundled for a Web Worker. No Node built-in may be reachable from either (the build fails if one is).
const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const browser = { platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'] };
builds.push(
  { ...browser, entryPoints: { extension: 'client/browserExtension.ts' }, external: ['vscode'], outdir: 'dist/browser' },
  {
    ...browser, entryPoints: { server: 'server/browserServer.ts' }, outdir: 'dist/browser', format: 'iife',
    define: { SOURCES_SDK_VERSION: JSON.stringify(version) },
  },
);
// The in-browser suite (npm run test:web) runs in the web worker extension host: a browser bundle with mocha's
// browser build.
if (existsSync('test/web/suite/index.ts')) {
  builds.push({ ...browser, entryPoints: { index: 'test/web/suite/index.ts' }, external: ['vscode'], outdir: 'dist/test/web' });
}
// The in-editor suite is bundled with mocha so it runs inside any extension host without node_modules.
if (existsSync('test/vscode/index.ts')) {
  builds.push({
    entryPoints: { index: 'test/vscode/index.ts' },
    external: ['vscode'],
    outdir: 'dist/test/vscode',
    // Mocha's parallel mode resolves worker files at run time; the suite runs serially, so those paths are never used.
    logOverride: { ...common.logOverride, 'require-resolve-not-external': 'silent' },
  });
}

try {
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b })));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('esbuild: watching');
  } else {
    await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

/**
 * Browser flavour figures for `npm run bench`: the minified size of the Web Worker server bundle (target < 1 MB) and
 * worker start → first diagnostics in headless Chromium (target: within 2× of dist/server.js's cold start).
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../scripts/codeServer/browser.mjs';
import { WorkerLspClient } from '../test/web/workerLspClient';

const round = (value: number) => Math.round(value * 10) / 10;

/** server/browserServer.ts bundled and minified as esbuild.mjs does with --production (what the VSIX ships). */
async function minifiedServer(): Promise<string> {
  const root = join(__dirname, '..');
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const result = await build({
    entryPoints: [join(root, 'server', 'browserServer.ts')], bundle: true, write: false, minify: true,
    platform: 'browser', target: 'es2022', format: 'iife', mainFields: ['browser', 'module', 'main'],
    define: { SOURCES_SDK_VERSION: JSON.stringify(version) }, logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

export async function runWebBench(log: (line: string) => void, typical: string, nodeColdStartMs?: number): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const server = await minifiedServer();
  figures.browserServerMinifiedKiB = round(Buffer.byteLength(server) / 1024);
  log(`browser server bundle (minified): ${figures.browserServerMinifiedKiB} KiB — target < 1024 KiB: ${figures.browserServerMinifiedKiB < 1024 ? 'met' : 'MISSED'}`);
  const browser = await launchChromium();
  try {
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const client = await WorkerLspClient.start(browser, server);
      try {
        await client.initialize();
        await client.open('file:///bench/worker-connectionSpec.json', 'sources-sdk-connection-spec', typical);
        starts.push(performance.now() - client.workerStartedAt);
      } finally {
        await client.close();
      }
    }
    starts.sort((a, b) => a - b);
    figures.workerStartToFirstDiagnosticsMs = round(starts[2]);
  } finally {
    await browser.close();
  }
  const ratio = nodeColdStartMs ? round(figures.workerStartToFirstDiagnosticsMs / nodeColdStartMs) : undefined;
  if (ratio !== undefined) figures.workerToNodeColdStartRatio = ratio;
  log(`web worker start → first diagnostics: ${figures.workerStartToFirstDiagnosticsMs} ms${ratio !== undefined ? ` (${ratio}× the Node server's ${nodeColdStartMs} ms) — target ≤ 2×: ${ratio <= 2 ? 'met' : 'MISSED'}` : ''}`);
  return figures;
}

/**
 * `npm run bench`: engine and language-server figures (bench/engine.ts) plus, when present, the remote API client
 * figures (bench/remote.ts). Human-readable lines first, then ONE final JSON line with every figure.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runEngineBench } from './engine';
import { runPreviewBench } from './preview';
import { typicalSpec } from './generate';
import { runWebBench } from './web';
import { runOpenApiBench } from './openapi';

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const figures: Record<string, number> = { ...(await runEngineBench(log)) };
  Object.assign(figures, await runWebBench(log, typicalSpec(), figures.serverStartToFirstDiagnosticsMs));
  if (existsSync(join(__dirname, 'remote.ts'))) {
    // Optional module owned by the API-client work; loaded dynamically so this file builds without it.
    const remote = (await import('./remote' as string)) as { runRemoteBench(): Promise<Record<string, number>> };
    const remoteFigures = await remote.runRemoteBench();
    for (const [key, value] of Object.entries(remoteFigures)) {
      figures[`remote.${key}`] = value;
      log(`remote ${key}: ${value}`);
    }
  }
  for (const [key, value] of Object.entries(await runPreviewBench(log))) figures[`preview.${key}`] = value;
  for (const [key, value] of Object.entries(runOpenApiBench(log))) figures[`openapi.${key}`] = value;
  log(JSON.stringify(figures));
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

/**
 * Remote benchmark: an in-process emulator with 2,000 connection specs; times creating them, listing them all
 * through the client's paging, and `sources-sdk diff` of 200 local files through the CLI code path (in-process).
 * Run alone with `node --import tsx bench/remote.ts`; bench/run.ts calls runRemoteBench().
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../emulator/emulator';
import { createFlowServiceClient } from '../core/api/flowServiceClient';
import { formatSpecFile, toAuthoringForm } from '../core/sync/normalize';
import { runDiff } from '../cli/remote/diffRegister';
import { mapWithConcurrency } from '../cli/remote/pool';
import type { CliIO } from '../cli/remote/context';

const SPEC_COUNT = 2_000;
const DIFF_FILES = 200;
const CLIENT_ID = 'bench-client';
const CLIENT_SECRET = 'bench-secret-not-real';
const ORG = 'BENCH@AdobeOrg';

function benchSpec(i: number): Record<string, unknown> {
  return {
    name: `Bench source ${String(i).padStart(4, '0')}`,
    providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
    version: '1.0',
    type: 'generic-rest',
    description: `Benchmark connection spec number ${i}.`,
    authSpec: [{ name: 'Basic Authentication', type: 'BasicAuthentication', spec: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { host: { type: 'string' } } } }],
    sourceSpec: { attributes: { urlParams: { path: `/v1/items/${i}`, method: 'GET' }, contentPath: { path: '$.items' }, paginationParams: { type: 'OFFSET', limitName: 'limit', limitValue: 100, offSetName: 'offset' } } },
    exploreSpec: { name: 'Resource', type: 'Resource' },
  };
}

/** Figures in milliseconds (plus counts), keyed by what was measured. */
export async function runRemoteBench(): Promise<Record<string, number>> {
  const emulator = await startEmulator({ port: 0, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  const workspace = mkdtempSync(join(tmpdir(), 'ssdk-bench-remote-'));
  try {
    const environment = { name: 'bench', platformUrl: emulator.url, imsUrl: emulator.url, orgId: ORG, clientId: CLIENT_ID, sandbox: 'prod', scopes: ['openid'] };
    const client = createFlowServiceClient({ environment, clientSecret: CLIENT_SECRET });

    let t = performance.now();
    const created = await mapWithConcurrency(Array.from({ length: SPEC_COUNT }, (_, i) => i), 16, (i) => client.create('connectionSpecs', benchSpec(i)));
    const createMs = performance.now() - t;

    t = performance.now();
    const listed = await client.list('connectionSpecs', { property: ['type==generic-rest'], limit: 100 });
    const listMs = performance.now() - t;
    if (listed.length < SPEC_COUNT) throw new Error(`listed ${listed.length} specs, expected at least ${SPEC_COUNT}`);

    // 200 local files: 190 identical to their remote, 10 edited.
    const files: string[] = [];
    for (let i = 0; i < DIFF_FILES; i++) {
      const form = toAuthoringForm(created[i]);
      if (i % 20 === 0) form.description = 'edited locally';
      const file = `bench${i}-connectionSpec.json`;
      writeFileSync(join(workspace, file), formatSpecFile(form));
      files.push(file);
    }
    let stdout = '';
    const io: CliIO = {
      out: (text) => void (stdout += text),
      err: () => undefined,
      cwd: workspace,
      env: {
        SOURCES_SDK_PLATFORM_URL: emulator.url,
        SOURCES_SDK_IMS_URL: emulator.url,
        SOURCES_SDK_CLIENT_ID: CLIENT_ID,
        SOURCES_SDK_CLIENT_SECRET: CLIENT_SECRET,
        SOURCES_SDK_ORG_ID: ORG,
      },
    };
    t = performance.now();
    const exitCode = await runDiff(files, {}, io);
    const diffMs = performance.now() - t;
    const differing = stdout.match(/^differs /gm)?.length ?? 0;
    if (exitCode !== 1 || differing !== DIFF_FILES / 20) throw new Error(`diff: exit ${exitCode}, ${differing} differing files; output:\n${stdout.slice(0, 2000)}`);

    return {
      remoteCreate2000Ms: Math.round(createMs),
      remoteList2000PagedMs: Math.round(listMs),
      remoteDiff200FilesMs: Math.round(diffMs),
      remoteSpecsListed: listed.length,
    };
  } finally {
    await emulator.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runRemoteBench().then(
    (figures) => console.log(JSON.stringify(figures, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}

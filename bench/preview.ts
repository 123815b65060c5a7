/**
 * Preview engine figures: a local fake source serving 1,000 pages of 100 records (OFFSET), read by `runSpec`
 * (records beyond the default 1,000 kept are counted) and by a bare fetch loop doing the same requests and
 * JSON parsing. Overhead per page = (engine − bare) / pages, wall clock and CPU, best of three alternating rounds.
 * Memory: the highest RSS and heap of this process (the fake source runs in a child process) during the engine's
 * rounds, next to the RSS and heap before them. `npm run bench` runs node with `--expose-gc` so that the heap is
 * collected before each round: what the earlier benches (the language server's) and the bare loop left as garbage is
 * not counted as the engine's; the peak is the engine's, on top of what the process still holds.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runSpec } from '../core/run';
import { AUTH, previewSpec } from '../test/helpers/fakeSourceSpecs';

const PAGES = 1000;
const PER_PAGE = 100;

interface Timing { wall: number; cpu: number }

async function timed(work: () => Promise<void>): Promise<Timing> {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpuStart);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

export async function runPreviewBench(log: (line: string) => void): Promise<Record<string, number>> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fakeSourceProcess.ts'), String(PAGES), String(PER_PAGE)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const source = { url: await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the fake source exited (${code}) before listening`)));
  }) };
  try {
    const spec = previewSpec(source.url, {
      urlParams: { path: '/bulk/items', method: 'GET' }, contentPath: '$.items',
      paginationParams: { type: 'OFFSET', limitName: 'limit', limitValue: PER_PAGE, offSetName: 'offset' },
      scheduleParams: {},
    });
    let peakRss = 0;
    let peakHeap = 0;
    const sample = () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    };
    const engine = async () => {
      const result = await runSpec({
        spec, authSpecName: AUTH.key, authValues: { authKey1: 'bench-key-value' }, sourceValues: {},
        limits: { maxPages: PAGES + 1 }, onProgress: (p) => { if (p.requests % 10 === 0) sample(); },
      });
      if (result.error || result.recordCount !== PAGES * PER_PAGE) throw new Error(`engine read ${result.recordCount} records: ${result.error?.message}`);
    };
    const bare = async () => {
      let count = 0;
      for (let offset = 0; ; offset += PER_PAGE) {
        const response = await fetch(`${source.url}/bulk/items?limit=${PER_PAGE}&offset=${offset}`, { headers: { Accept: 'application/json', 'x-api-key': 'bench-key-value' } });
        const body = (await response.json()) as { items: unknown[] };
        count += body.items.length;
        if (body.items.length < PER_PAGE) break;
      }
      if (count !== PAGES * PER_PAGE) throw new Error(`bare loop read ${count}`);
    };
    await bare();
    await engine();
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const baselineRss = process.memoryUsage().rss;
    const baselineHeap = process.memoryUsage().heapUsed;
    peakRss = 0;
    peakHeap = 0;
    const best = { engine: { wall: Infinity, cpu: Infinity }, bare: { wall: Infinity, cpu: Infinity } };
    for (let round = 0; round < 3; round++) {
      for (const [name, work] of [['bare', bare], ['engine', engine]] as const) {
        // Each round starts from a collected heap: the peak is then the engine's, not the bare loop's garbage too.
        gc?.();
        const t = await timed(work);
        best[name] = { wall: Math.min(best[name].wall, t.wall), cpu: Math.min(best[name].cpu, t.cpu) };
      }
    }
    const pages = PAGES + 1; // the engine and the loop both read the empty page after the last full one
    const figures = {
      pages: PAGES,
      recordsPerPage: PER_PAGE,
      bareMsPerPage: round3(best.bare.wall / pages),
      engineMsPerPage: round3(best.engine.wall / pages),
      overheadMsPerPage: round3((best.engine.wall - best.bare.wall) / pages),
      overheadCpuMsPerPage: round3((best.engine.cpu - best.bare.cpu) / pages),
      baselineRssMb: Math.round(baselineRss / 1048576),
      peakRssMb: Math.round(peakRss / 1048576),
      peakHeapMb: Math.round(peakHeap / 1048576),
      baselineHeapMb: Math.round(baselineHeap / 1048576),
    };
    log(`preview: ${PAGES} pages × ${PER_PAGE} records: bare fetch loop ${figures.bareMsPerPage} ms/page, engine ${figures.engineMsPerPage} ms/page`);
    log(`preview: engine overhead ${figures.overheadMsPerPage} ms/page wall, ${figures.overheadCpuMsPerPage} ms/page CPU (target < 1 ms)`);
    log(`preview: peak RSS ${figures.peakRssMb} MB (${figures.baselineRssMb} MB before the measured runs; the fake source is another process), peak heap ${figures.peakHeapMb} MB (${figures.baselineHeapMb} MB before; target < 200 MB)`);
    return figures;
  } finally {
    child.stdin!.end();
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

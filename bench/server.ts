/**
 * Language-server figures for `npm run bench`, each beside a yardstick measured in the same run, the two alternating
 * (A B A B …) so both see the same machine load; medians, and the median of the pairwise ratios:
 * - cold start (process start → first diagnostics of the typical spec): dist/server.js vs a do-nothing LSP server
 *   (bench/nullServer.ts) over the same stdio transport — target ≤ 2.5×;
 * - LSP edit → diagnostics on the typical spec vs the do-nothing server — target ≤ 2× — and the time spent around
 *   the analysis (edit → diagnostics minus the in-process analysis of the same text);
 * - LSP edit → diagnostics on the 1 MB spec vs in-process bare schema validation of the same text — target ≤ 1.2×.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-json-languageservice';
import { SpecEngine } from '../core/analysis/engine';
import { TestLspClient } from '../test/lsp/lspClient';

type Log = (line: string) => void;

const round = (n: number) => Math.round(n * 100) / 100;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** bench/nullServer.ts bundled like dist/server.js (esbuild, CommonJS, Node), into a temporary folder. */
async function buildNullServer(dir: string): Promise<string> {
  const outfile = join(dir, 'nullServer.js');
  await build({ entryPoints: [join(__dirname, 'nullServer.ts')], bundle: true, platform: 'node', target: 'node18', format: 'cjs', outfile, logLevel: 'silent' });
  return outfile;
}

/** Process start → first diagnostics of `text`, for a fresh server at `serverPath`. */
async function coldStart(serverPath: string | undefined, text: string): Promise<number> {
  const started = performance.now();
  const client = new TestLspClient(process.env, serverPath);
  try {
    await client.initialize();
    await client.open('file:///bench/start-connectionSpec.json', 'sources-sdk-connection-spec', text);
    return performance.now() - started;
  } finally {
    await client.shutdown().catch(() => client.kill());
  }
}

/**
 * Where the benchmark types: a space before the first `"description"` key (white space: the edit of earlier rounds,
 * kept for comparison), or a letter inside a value (the description's text: what typing mostly is).
 */
type Keystroke = 'space' | 'letter';
const KEYSTROKE: Record<Keystroke, { at: (text: string) => number; typed: string }> = {
  space: { at: (text) => text.indexOf('"description"'), typed: ' ' },
  letter: { at: (text) => text.indexOf('"path": "/', text.indexOf('"sourceSpec"')) + '"path": "/'.length, typed: 'x' },
};

/** A document open in `client` that alternately gets and loses one keystroke (see {@link KEYSTROKE}). */
async function editor(client: TestLspClient, name: string, text: string, keystroke: Keystroke = 'space'): Promise<() => Promise<number>> {
  const uri = `file:///bench/edit-${name}-${keystroke}-connectionSpec.json`;
  await client.open(uri, 'sources-sdk-connection-spec', text, 1);
  const { typed } = KEYSTROKE[keystroke];
  const at = TextDocument.create(uri, 'json', 1, text).positionAt(KEYSTROKE[keystroke].at(text));
  let version = 1;
  return async () => {
    version++;
    const change = version % 2 === 0
      ? { range: { start: at, end: at }, text: typed }
      : { range: { start: at, end: { line: at.line, character: at.character + typed.length } }, text: '' };
    const started = performance.now();
    await client.change(uri, version, [change]);
    return performance.now() - started;
  };
}

/** The text after the n-th keystroke of {@link editor} (the same text the server analyses). */
function textAfter(text: string, keystrokes: number, keystroke: Keystroke = 'space'): string {
  const at = KEYSTROKE[keystroke].at(text);
  return keystrokes % 2 === 1 ? `${text.slice(0, at)}${KEYSTROKE[keystroke].typed}${text.slice(at)}` : text;
}

/** Runs the server measurements; `plainValidate` is the in-process bare schema validation of a text. */
export async function runServerBench(log: Log, typical: string, large: string, plainValidate: (text: string, i: number) => PromiseLike<unknown>):
  Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const dir = mkdtempSync(join(tmpdir(), 'ssdk-bench-'));
  try {
    const nullServer = await buildNullServer(dir);

    const starts = { real: [] as number[], null: [] as number[], ratio: [] as number[] };
    for (let i = 0; i < 7; i++) {
      const real = await coldStart(undefined, typical);
      const yardstick = await coldStart(nullServer, typical);
      starts.real.push(real);
      starts.null.push(yardstick);
      starts.ratio.push(real / yardstick);
    }
    figures.serverStartToFirstDiagnosticsMs = round(median(starts.real));
    figures.nullServerStartMs = round(median(starts.null));
    figures.coldStartRatio = round(median(starts.ratio));
    log(`dist/server.js start → first diagnostics: ${figures.serverStartToFirstDiagnosticsMs} ms; do-nothing server ${figures.nullServerStartMs} ms; ` +
      `ratio ${figures.coldStartRatio} — target ≤ 2.5×: ${figures.coldStartRatio <= 2.5 ? 'met' : 'MISSED'}`);

    const real = new TestLspClient();
    const yardstick = new TestLspClient(process.env, nullServer);
    const engine = new SpecEngine();
    try {
      await real.initialize();
      await yardstick.initialize();
      const realTypical = await editor(real, 'typical', typical);
      const nullTypical = await editor(yardstick, 'typical', typical);
      const typicalRuns = { real: [] as number[], null: [] as number[], analysis: [] as number[], ratio: [] as number[] };
      for (let i = -10; i < 60; i++) {
        const lsp = await realTypical();
        const none = await nullTypical();
        // The same text, analysed in-process by a warm engine: what the server's analysis costs on its own.
        const keystrokes = i + 11;
        const started = performance.now();
        await engine.analyze(TextDocument.create('file:///bench/in-process-connectionSpec.json', 'json', keystrokes, textAfter(typical, keystrokes)), 'connectionSpec');
        const analysis = performance.now() - started;
        if (i < 0) continue; // warm-up: both servers' code paths and the engine get compiled first
        typicalRuns.real.push(lsp);
        typicalRuns.null.push(none);
        typicalRuns.analysis.push(analysis);
        typicalRuns.ratio.push(lsp / none);
      }
      figures.lspEditTypicalMs = round(median(typicalRuns.real));
      figures.nullServerEditMs = round(median(typicalRuns.null));
      figures.lspEditTypicalRatio = round(median(typicalRuns.ratio));
      figures.typicalAnalysisInProcessMs = round(median(typicalRuns.analysis));
      figures.aroundAnalysisMs = round(median(typicalRuns.real.map((lsp, i) => lsp - typicalRuns.analysis[i])));
      log(`LSP edit → diagnostics, 200-line spec: ${figures.lspEditTypicalMs} ms; do-nothing server ${figures.nullServerEditMs} ms; ratio ` +
        `${figures.lspEditTypicalRatio} — target ≤ 2×: ${figures.lspEditTypicalRatio <= 2 ? 'met' : 'MISSED'}`);
      log(`  of which the analysis (in-process, same text) ${figures.typicalAnalysisInProcessMs} ms; around it ${figures.aroundAnalysisMs} ms`);

      // A letter typed in a value (sourceSpec's request path): the value changed, so it is parsed and checked again.
      const realLetter = await editor(real, 'typical', typical, 'letter');
      const nullLetter = await editor(yardstick, 'typical', typical, 'letter');
      const letterRuns = { real: [] as number[], ratio: [] as number[] };
      for (let i = -10; i < 60; i++) {
        const lsp = await realLetter();
        const none = await nullLetter();
        if (i < 0) continue;
        letterRuns.real.push(lsp);
        letterRuns.ratio.push(lsp / none);
      }
      figures.lspLetterTypicalMs = round(median(letterRuns.real));
      figures.lspLetterTypicalRatio = round(median(letterRuns.ratio));
      log(`LSP edit → diagnostics, 200-line spec, a letter typed in a value: ${figures.lspLetterTypicalMs} ms; ratio to the do-nothing server ` +
        `${figures.lspLetterTypicalRatio}`);

      const realLarge = await editor(real, 'large', large);
      const largeRuns = { real: [] as number[], plain: [] as number[], ratio: [] as number[] };
      for (let i = -3; i < 15; i++) {
        const lsp = await realLarge();
        const started = performance.now();
        await plainValidate(textAfter(large, i + 4), i + 100);
        const plain = performance.now() - started;
        if (i < 0) continue;
        largeRuns.real.push(lsp);
        largeRuns.plain.push(plain);
        largeRuns.ratio.push(lsp / plain);
      }
      figures.lspEditLargeMs = round(median(largeRuns.real));
      figures.largePlainValidateBesideLspMs = round(median(largeRuns.plain));
      figures.lspEditLargeRatio = round(median(largeRuns.ratio));
      log(`LSP edit → diagnostics, 1 MB spec: ${figures.lspEditLargeMs} ms; in-process bare schema validation of the same text ` +
        `${figures.largePlainValidateBesideLspMs} ms; ratio ${figures.lspEditLargeRatio} — target ≤ 1.2×: ${figures.lspEditLargeRatio <= 1.2 ? 'met' : 'MISSED'}`);

      const letterLarge = await editor(real, 'large', large, 'letter');
      const largeLetter = { real: [] as number[], ratio: [] as number[] };
      for (let i = -3; i < 15; i++) {
        const lsp = await letterLarge();
        const started = performance.now();
        await plainValidate(textAfter(large, i + 4, 'letter'), i + 200);
        const plain = performance.now() - started;
        if (i < 0) continue;
        largeLetter.real.push(lsp);
        largeLetter.ratio.push(lsp / plain);
      }
      figures.lspLetterLargeMs = round(median(largeLetter.real));
      figures.lspLetterLargeRatio = round(median(largeLetter.ratio));
      log(`LSP edit → diagnostics, 1 MB spec, a letter typed in a value: ${figures.lspLetterLargeMs} ms; ratio to bare schema validation ` +
        `${figures.lspLetterLargeRatio}`);
      await real.shutdown();
      await yardstick.shutdown();
    } finally {
      real.kill();
      yardstick.kill();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

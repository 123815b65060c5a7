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

/** How long `work` takes (ms). */
async function timed(work: () => PromiseLike<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Medians of `runs` alternating measurements of a subject and its yardstick (after `warmup` untimed pairs), and of their ratios. */
async function paired(runs: number, warmup: number, subject: (i: number) => Promise<number>, yardstick: (i: number) => Promise<number>):
  Promise<{ subject: number[]; yardstick: number[]; ratio: number }> {
  const out = { subject: [] as number[], yardstick: [] as number[], ratios: [] as number[] };
  for (let i = -warmup; i < runs; i++) {
    const a = await subject(i + warmup);
    const b = await yardstick(i + warmup);
    if (i < 0) continue; // warm-up: both code paths get compiled first
    out.subject.push(a);
    out.yardstick.push(b);
    out.ratios.push(a / b);
  }
  return { subject: out.subject, yardstick: out.yardstick, ratio: round(median(out.ratios)) };
}

/**
 * Keystrokes measured on the typical spec (after the warm-up ones). A person types hundreds; with 60 the median moved
 * by a third between runs on an idle machine (a few scheduler hiccups weigh on it), with 200 it holds steadier, and
 * the pairs still take well under a second.
 */
const TYPICAL_KEYSTROKES = 200;
const TYPICAL_WARMUP = 20;

const verdict = (ratio: number, target: number) => `target ≤ ${target}×: ${ratio <= target ? 'met' : 'MISSED'}`;

/** Runs the server measurements; `plainValidate` is the in-process bare schema validation of a text. */
export async function runServerBench(log: Log, typical: string, large: string, plainValidate: (text: string, i: number) => PromiseLike<unknown>):
  Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const dir = mkdtempSync(join(tmpdir(), 'ssdk-bench-'));
  try {
    const nullServer = await buildNullServer(dir);

    const starts = await paired(7, 0, () => coldStart(undefined, typical), () => coldStart(nullServer, typical));
    figures.serverStartToFirstDiagnosticsMs = round(median(starts.subject));
    figures.nullServerStartMs = round(median(starts.yardstick));
    figures.coldStartRatio = starts.ratio;
    log(`dist/server.js start → first diagnostics: ${figures.serverStartToFirstDiagnosticsMs} ms; do-nothing server ${figures.nullServerStartMs} ms; ` +
      `ratio ${figures.coldStartRatio} — ${verdict(figures.coldStartRatio, 2.5)}`);

    const real = new TestLspClient();
    const yardstick = new TestLspClient(process.env, nullServer);
    const engine = new SpecEngine();
    try {
      await real.initialize();
      await yardstick.initialize();
      /**
       * Typical-spec keystrokes of one kind, each real one followed by the in-process analysis of the same text by a
       * warm engine (what the server's analysis costs on its own), beside the do-nothing server.
       */
      const typicalEdits = async (keystroke: Keystroke) => {
        const realEdit = await editor(real, 'typical', typical, keystroke);
        const analysis: number[] = [];
        const runs = await paired(TYPICAL_KEYSTROKES, TYPICAL_WARMUP, async (i) => {
          const lsp = await realEdit();
          const text = textAfter(typical, i + 1, keystroke);
          const inProcess = await timed(() => engine.analyze(TextDocument.create(`file:///bench/in-process-${keystroke}-connectionSpec.json`, 'json', i + 1, text), 'connectionSpec'));
          if (i >= TYPICAL_WARMUP) analysis.push(inProcess);
          return lsp;
        }, await editor(yardstick, 'typical', typical, keystroke));
        return { lsp: round(median(runs.subject)), yardstick: round(median(runs.yardstick)), ratio: runs.ratio,
          analysis: round(median(analysis)), around: round(median(runs.subject.map((lsp, i) => lsp - analysis[i]))) };
      };
      /** Records one kind of keystroke's figures under the names the bench has always used, and says them. */
      const report = (keystroke: Keystroke, what: string, names: { lsp: string; yardstick: string; ratio: string; analysis: string; around: string }) =>
        typicalEdits(keystroke).then((edits) => {
          figures[names.lsp] = edits.lsp;
          figures[names.yardstick] = edits.yardstick;
          figures[names.ratio] = edits.ratio;
          figures[names.analysis] = edits.analysis;
          figures[names.around] = edits.around;
          log(`LSP edit → diagnostics, 200-line spec, ${what}: ${edits.lsp} ms; do-nothing server ${edits.yardstick} ms; ` +
            `ratio ${edits.ratio} — ${verdict(edits.ratio, 2)}`);
          log(`  of which the analysis (in-process, same text) ${edits.analysis} ms; around it ${edits.around} ms`);
        });
      await report('space', 'a space typed between tokens', {
        lsp: 'lspEditTypicalMs', yardstick: 'nullServerEditMs', ratio: 'lspEditTypicalRatio', analysis: 'typicalAnalysisInProcessMs', around: 'aroundAnalysisMs',
      });
      // A letter typed in a value (sourceSpec's request path): the value changed, so it is checked again.
      const validations = { ...engine.validation.counts };
      const rules = { ...engine.ruleResults.counts };
      await report('letter', 'a letter typed in a value', {
        lsp: 'lspLetterTypicalMs', yardstick: 'nullServerLetterMs', ratio: 'lspLetterTypicalRatio', analysis: 'typicalLetterAnalysisInProcessMs', around: 'aroundLetterAnalysisMs',
      });
      // What the in-process analysis of those keystrokes did (the server does the same): how much it checked again.
      const letters = engine.validation.counts.memberwise - validations.memberwise;
      const unaffected = engine.validation.counts.unaffected - validations.unaffected;
      const ran = engine.ruleResults.counts.ran - rules.ran;
      const kept = engine.ruleResults.counts.kept - rules.kept;
      figures.letterRulesRunShare = round(ran / Math.max(1, ran + kept));
      log(`  per letter: schema validation skipped in ${unaffected} of ${letters} (the path's schema judges it by type alone); ` +
        `rules run again ${round(ran / Math.max(1, letters))} of ${round((ran + kept) / Math.max(1, letters))}, the others' findings kept`);

      const largeRuns = await paired(15, 3, await editor(real, 'large', large),
        (i) => timed(() => plainValidate(textAfter(large, i + 1), i + 100)));
      figures.lspEditLargeMs = round(median(largeRuns.subject));
      figures.largePlainValidateBesideLspMs = round(median(largeRuns.yardstick));
      figures.lspEditLargeRatio = largeRuns.ratio;
      log(`LSP edit → diagnostics, 1 MB spec: ${figures.lspEditLargeMs} ms; in-process bare schema validation of the same text ` +
        `${figures.largePlainValidateBesideLspMs} ms; ratio ${figures.lspEditLargeRatio} — ${verdict(figures.lspEditLargeRatio, 1.2)}`);

      const largeLetter = await paired(15, 3, await editor(real, 'large', large, 'letter'),
        (i) => timed(() => plainValidate(textAfter(large, i + 1, 'letter'), i + 200)));
      figures.lspLetterLargeMs = round(median(largeLetter.subject));
      figures.lspLetterLargeRatio = largeLetter.ratio;
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

/**
 * `sources-sdk validate <files, directories or globs…> [--format text|json|sarif]`: runs the same engine as the
 * language server. Exit 0 when clean (warnings allowed), 1 when any error, 2 on usage or I/O problems.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Option, type Command } from 'commander';
import { TextDocument, type Diagnostic } from 'vscode-json-languageservice';
import { SpecEngine } from '../../core/analysis/engine';
import { specKindOf } from '../../core/spec/kindResolver';
import { stripBom } from '../../core/sync/text';
import { guessFileOf, parseGuessFile, type SpecGuess } from '../../core/spec/guessFile';
import { IGNORED_GLOBS } from '../../core/files/ignoredFolders';
import { artifactFolderCandidates, workspaceDiagnostics } from './validateWorkspace';
import { globWalk, unreadableBelow } from './unreadable';
import { countBySeverity, toFindings, type Finding } from '../format/findings';
import { formatJson } from '../format/json';
import { formatSarif } from '../format/sarif';
import { formatText } from '../format/text';
// `import = require` makes esbuild pick tinyglobby's CommonJS build: its ESM build (and fdir's) relies on
// import.meta.url, which is empty inside the CommonJS bundle dist/cli.js.
import tinyglobby = require('tinyglobby');
import { TOOL_VERSION } from '../../core/version';
import { processIO, type CliIO } from '../io';

const { glob, isDynamicPattern } = tinyglobby;

type Format = 'text' | 'json' | 'sarif';

/** A file to check; `explicit` when named on the command line rather than found by a glob or directory walk. */
interface Target {
  path: string;
  explicit: boolean;
  fromDirectory: boolean;
}

/** Registers the `validate` command. `setExit` raises the process exit code (the highest value wins). */
export function registerValidate(program: Command, setExit: (code: number) => void, io: CliIO = processIO): void {
  program
    .command('validate')
    .description('Check connection and flow specs (strict JSON, schema, semantic rules).')
    .argument('<paths...>', 'spec files, directories (every spec-looking *.json below) or glob patterns')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .action(async (paths: string[], options: { format: Format }) => {
      setExit(await runValidate(paths, options.format, io));
    });
}

/** The command's body, separate from commander so its exit code is easy to follow. */
export async function runValidate(paths: readonly string[], format: Format, io: CliIO = processIO): Promise<number> {
  let exitCode = 0;
  const ioProblem = (message: string) => {
    io.err(`sources-sdk validate: ${message}\n`);
    exitCode = 2;
  };
  const targets = await collectTargets(paths, ioProblem);
  // Artifacts folders (Sources/{source}/Artifacts) below the given directories or holding a given file.
  const artifactFolders = await artifactFolderCandidates(paths, targets.map((t) => t.path));
  const engine = new SpecEngine();
  /** Diagnostics per absolute path, in output order: each spec's, then its workspace findings. */
  const byPath = new Map<string, Diagnostic[]>();
  let checked = 0;
  for (const target of targets) {
    let text: string;
    try {
      // VS Code hides a byte order mark from the language server; do the same so both report alike.
      text = stripBom(await readFile(target.path, 'utf8'));
    } catch (err) {
      ioProblem(`${displayPath(target.path)}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      continue;
    }
    const kind = specKindOf({ fileName: target.path, text });
    if (!kind) {
      if (artifactFolders.has(dirname(resolve(target.path)))) continue; // an artifact file: checked with its folder below
      if (target.explicit) ioProblem(`${displayPath(target.path)}: not a connection or flow spec`);
      else if (!target.fromDirectory) io.err(`sources-sdk validate: skipping ${displayPath(target.path)}: not a connection or flow spec\n`);
      continue;
    }
    const document = TextDocument.create(pathToFileURL(resolve(target.path)).href, 'json', 1, text);
    const guesses = await readGuesses(target.path);
    byPath.set(resolve(target.path), await engine.analyze(document, kind, guesses ? { guesses } : {}));
    engine.forget(document.uri);
    checked++;
  }
  // The checks across files (artifacts folders; SSDK820/821 over the directory arguments, as over workspace folders).
  const workspace = await workspaceDiagnostics(paths, artifactFolders, (problem) => process.stderr.write(`sources-sdk validate: ${problem}\n`));
  for (const [path, diagnostics] of workspace.byPath) byPath.set(path, [...(byPath.get(path) ?? []), ...diagnostics]);
  checked += workspace.extraFiles;
  const findings: Finding[] = [...byPath].flatMap(([path, diagnostics]) => toFindings(displayPath(path), diagnostics));
  if (checked === 0 && exitCode === 0) ioProblem('no connection or flow spec found in the given paths');

  const output = format === 'json' ? formatJson(findings)
    : format === 'sarif' ? formatSarif(findings, TOOL_VERSION)
      : formatText(findings);
  if (output.length > 0) io.out(`${output}\n`);
  const counts = countBySeverity(findings);
  io.err(`${checked} file${checked === 1 ? '' : 's'} checked: ${counts.error} errors, ` +
    `${counts.warning} warnings, ${counts.info} infos, ${counts.hint} hints\n`);
  if (counts.error > 0) exitCode = Math.max(exitCode, 1);
  return exitCode;
}

/** The guesses of a spec's guesses file (core/spec/guessFile.ts), when it has one. */
async function readGuesses(specPath: string): Promise<readonly SpecGuess[] | undefined> {
  const text = await readFile(guessFileOf(specPath), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseGuessFile(text)?.guesses;
}

/** Expands arguments into files: plain files as given, directories recursively, patterns through tinyglobby. */
async function collectTargets(paths: readonly string[], ioProblem: (message: string) => void): Promise<Target[]> {
  const seen = new Set<string>();
  const targets: Target[] = [];
  const add = (path: string, explicit: boolean, fromDirectory: boolean) => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    targets.push({ path, explicit, fromDirectory });
  };
  for (const arg of paths) {
    const info = await stat(arg).catch(() => undefined);
    if (info?.isFile()) {
      add(arg, true, false);
    } else if (info?.isDirectory()) {
      // The glob skips what it cannot read without a word; CI must not pass without checking it.
      for (const problem of await unreadableBelow(arg)) ioProblem(problem);
      const found = await glob('**/*.json', { cwd: arg, ignore: [...IGNORED_GLOBS], dot: false });
      for (const file of found.sort()) add(join(arg, file), false, true);
    } else if (isDynamicPattern(arg)) {
      // As for a directory: a folder the pattern would enter but cannot read is an error, not a silent skip.
      const walk = globWalk(arg, (segment) => isDynamicPattern(segment));
      if ((await stat(walk.base).catch(() => undefined))?.isDirectory()) {
        for (const problem of await unreadableBelow(walk.base, walk.maxDepth)) ioProblem(problem);
      }
      const found = await glob(arg, { ignore: [...IGNORED_GLOBS] });
      if (found.length === 0) ioProblem(`no file matched ${arg}`);
      for (const file of found.sort()) add(file, false, false);
    } else {
      ioProblem(`${arg}: no such file or directory`);
    }
  }
  return targets;
}

/** Paths inside the working directory are shown relative to it; others as given. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel.length > 0 && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

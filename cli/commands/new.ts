/**
 * `sources-sdk new --from-openapi <file.json|file.yaml> --operation "<METHOD> <path>" [-o <file>] [--force]`:
 * writes a connection spec for one list operation of an OpenAPI 3.0/3.1 or Swagger 2.0 description, and beside it
 * the spec's guesses file (what to check; `validate` and the editor show each as an information). Without
 * `--operation` it prints the description's list operations, one per line, and exits 2.
 * Exit codes: 0 written; 1 the output exists (not overwritten without --force); 2 usage, an unreadable or invalid
 * description, an unknown operation, or a file that cannot be written.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomically } from '../../core/files/atomicWrite';
import { listOperations, OpenApiError, operationKey, parseDescription, specFilesFromDescription } from '../../core/openapi';
import { neededValues } from '../../core/spec/parameters';
import { guessFileOf } from '../../core/spec/guessFile';
import { specKindOf } from '../../core/spec/kindResolver';
import { resolveOutputTarget } from '../outputTarget';
import { processIO, type CliIO } from '../io';

interface NewFlags {
  fromOpenapi?: string;
  operation?: string;
  output?: string;
  force?: boolean;
}

/** Registers `new`. `setExit` raises the process exit code (the highest value wins). */
export function registerNew(program: Command, setExit: (code: number) => void, io: CliIO = processIO): void {
  program
    .command('new')
    .description('Write a connection spec from an OpenAPI (3.0, 3.1) or Swagger 2.0 description of the source\'s API.')
    .requiredOption('--from-openapi <file>', 'the API description (JSON or YAML)')
    .option('--operation <operation>', 'the list operation to read: "GET /path" or its operationId (without it: list them)')
    .option('-o, --output <file>', 'where to write the spec (default: <api title>-connectionSpec.json here)')
    .option('--force', 'replace an existing output file (and its guesses file)')
    .action(async (flags: NewFlags) => setExit(await runNew(flags, io)));
}

/** The command's body, separate from commander so its exit code is easy to follow. */
export async function runNew(flags: NewFlags, io: CliIO = processIO): Promise<number> {
  const fail = (message: string, code: number) => {
    io.err(`sources-sdk new: ${message}\n`);
    return code;
  };
  const file = flags.fromOpenapi as string;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(`${file}: cannot read the description (${code === 'EISDIR' ? 'it is a folder' : code ?? String(err)})`, 2);
  }
  try {
    if (!flags.operation) return fail(listForChoice(file, text, io), 2);
    const files = specFilesFromDescription(text, flags.operation, basename(file));
    const shown = flags.output ?? files.fileName;
    const specPath = resolve(shown);
    const guessPath = guessFileOf(specPath);
    const target = await resolveOutputTarget(specPath, shown, flags.force === true);
    if (!target.ok) return fail(target.message, 2);
    if (!flags.force) {
      const existing = await Promise.all([specPath, guessPath].map((p) => stat(p).then(() => p, () => undefined)));
      const taken = existing.filter((p): p is string => p !== undefined);
      if (taken.length) return fail(`${taken.map((p) => (p === specPath ? shown : basename(p))).join(' and ')} already exist${taken.length === 1 ? 's' : ''}; not overwritten (use --force to replace, or -o to write elsewhere)`, 1);
    }
    await writeFileAtomically(target.writePath, files.specText);
    await writeFileAtomically(guessFileOf(target.writePath), files.guessText);
    report(shown, files, io);
    if (specKindOf({ fileName: specPath, detectByContent: false }) !== 'connectionSpec') io.err(`sources-sdk new: note: ${basename(shown)} is not named *-connectionSpec.json; editors recognise the spec by that name\n`);
    return 0;
  } catch (err) {
    if (err instanceof OpenApiError) return fail(`${file}: ${err.message}`, 2);
    const code = (err as NodeJS.ErrnoException).code;
    if (code) return fail(`cannot write into ${dirname(resolve(flags.output ?? '.'))} (${code})`, 2);
    throw err;
  }
}

/** Without --operation: prints the list operations (else every operation), one per line; returns what to do (exit 2). */
function listForChoice(file: string, text: string, io: CliIO): string {
  const all = listOperations(parseDescription(text));
  const lists = all.filter((o) => o.listsRecords);
  const shown = lists.length ? lists : all;
  for (const op of shown) io.out(`${[operationKey(op), op.operationId ?? '-', op.summary ?? ''].join('\t').trimEnd()}\n`);
  return `${lists.length ? `${lists.length} list operation${lists.length === 1 ? '' : 's'}` : `no operation of ${file} returns a list of records; ${all.length} operations`} above: choose one with --operation "<METHOD> <path>" (or its operationId)`;
}

/** What was written, how many guesses to check, and the preview command to run next. */
function report(shown: string, files: ReturnType<typeof specFilesFromDescription>, io: CliIO): void {
  const guesses = files.guesses.guesses.length;
  const err = (line: string) => io.err(`${line}\n`);
  err(`wrote ${shown} (${operationKey(files.operation)}) and ${basename(guessFileOf(shown))}: ${guesses} guess${guesses === 1 ? '' : 'es'} to check`);
  for (const guess of files.guesses.guesses) err(`  ${guess.path.join('.')}: ${guess.message}`);
  const spec = JSON.parse(files.specText) as { authSpec: Array<{ name: string }> };
  const auth = spec.authSpec[0]?.name;
  if (!auth) return;
  const values = neededValues(spec, auth).map((v) => (v.secret ? `--set-env ${v.name}=<VAR>` : `--set ${v.name}=…`));
  err(`next: sources-sdk preview ${shown} --auth ${JSON.stringify(auth)} ${values.join(' ')}`.trimEnd());
}

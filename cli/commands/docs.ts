/**
 * `sources-sdk docs <connection-spec> [-o file.md] [--force] [--workspace dir]`: writes the source's documentation
 * page (core/docs/sourcePage.ts) to stdout or to a file. An existing file is replaced only with `--force`. The
 * connection spec id comes from `.sources-sdk/links.json` (the nearest one above the spec, or the one in
 * `--workspace`). Exit 0 written, 2 usage or I/O problems (not a connection spec, not JSON, file exists).
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Command } from 'commander';
import { specKindOf } from '../../core/spec/kindResolver';
import { findLinksRoot, linkedConnectionSpecId, type LinkedSpecId } from '../../core/docs/linkedSpec';
import { countAuthorNotes, renderSourcePage } from '../../core/docs/sourcePage';
import { writeFileAtomically } from '../../core/files/atomicWrite';
import { FileLinkStore } from '../../core/sync/links';
import { stripBom } from '../../core/sync/text';
import { existsSync } from 'node:fs';
import { processIO, type CliIO } from '../io';

interface DocsFlags {
  output?: string;
  force?: boolean;
  workspace?: string;
}

/** Registers `docs`. `setExit` raises the process exit code (the highest value wins). */
export function registerDocs(program: Command, setExit: (code: number) => void, io: CliIO = processIO): void {
  program
    .command('docs')
    .description("Write the source's documentation page (Adobe's template structure) from a connection spec.")
    .argument('<connection-spec>', 'connection spec file')
    .option('-o, --output <file>', 'write the page to this file instead of stdout')
    .option('--force', 'replace the output file when it exists')
    .option('--workspace <dir>', 'folder holding .sources-sdk/links.json (default: the nearest one above the spec)')
    .action(async (specPath: string, flags: DocsFlags) => setExit(await runDocs(specPath, flags, io)));
}

/** The command's body. */
export async function runDocs(specPath: string, flags: DocsFlags, io: CliIO = processIO): Promise<number> {
  const fail = (message: string): number => {
    io.err(`sources-sdk docs: ${message}\n`);
    return 2;
  };
  let text: string;
  try {
    text = stripBom(await readFile(specPath, 'utf8'));
  } catch (err) {
    return fail(`${specPath}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if (specKindOf({ fileName: specPath, text }) !== 'connectionSpec') {
    return fail(`${specPath}: not a connection spec (a documentation page is written from a *-connectionSpec.json file)`);
  }
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (err) {
    return fail(`${specPath}: not valid JSON (${(err as Error).message}); run sources-sdk validate ${specPath} to see where`);
  }
  if (flags.output && existsSync(flags.output) && !flags.force) {
    return fail(`${flags.output} exists; pass --force to replace it, or choose another file with -o`);
  }

  let linked: LinkedSpecId | undefined;
  const root = flags.workspace ? path.resolve(flags.workspace) : findLinksRoot(specPath);
  if (root) {
    try {
      linked = await linkedConnectionSpecId(new FileLinkStore(root), path.resolve(specPath));
    } catch (err) {
      return fail(`${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const page = renderSourcePage(spec, {
    fileName: path.basename(specPath),
    connectionSpecId: linked?.id,
    linkedEnvironment: linked?.environment,
  });

  if (flags.output) {
    try {
      await writeFileAtomically(flags.output, page);
    } catch (err) {
      return fail(`${flags.output}: cannot write (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    io.err(`sources-sdk docs: wrote ${flags.output}\n`);
  } else {
    io.out(page);
  }
  io.err(linked
    ? `sources-sdk docs: connection spec id ${linked.id} (linked in ${linked.environment})\n`
    : 'sources-sdk docs: no link to an uploaded spec: the page says {CONNECTION_SPEC_ID} (push the spec, then run docs again)\n');
  const todo = countAuthorNotes(page);
  io.err(`sources-sdk docs: ${todo} places marked AUTHOR are yours to write\n`);
  return 0;
}
